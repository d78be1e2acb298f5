// A city bureau's template, its districts (some with their own targets and weights), and districts filling in their
// forms the way people do — for the 下发与汇总 tests and the bench. The filled forms are also built as plain Forms,
// so src/domain can score them independently of the files.

import ExcelJS from 'exceljs';
import { districtForm, type District } from '../../src/domain/distribution';
import { blankRow, type Form, type IndicatorRow } from '../../src/domain/form';
import { blankForm } from '../../src/domain/standards';
import { parseActual, parseTarget } from '../../src/domain/target';
import { BUDGET_COL } from '../../src/sheet/layout';
import { actualCellValue } from '../../src/sheet/layout';
import type { CellEdit } from '../../src/sheet/inputs';
import { readForm } from '../../src/sheet/readback';
import { applyInputs } from '../../src/xlsx/applyInputs';
import { readWorkbook } from '../../src/xlsx/readWorkbook';

/** Indicator shapes of real forms: [二级, 三级, 年度指标值, actuals a district may report]. */
const SHAPES: [string, string, string, string[]][] = [
  ['数量指标', '培训人次', '≥1200人次', ['1300人次', '1100人次', '1200人次', '980人次']],
  ['数量指标', '法律援助案件办理数', '≥300件', ['320件', '280件', '300件', '410件']],
  ['质量指标', '案件办结率', '≥95%', ['96%', '92%', '100%', '88%']],
  ['质量指标', '调解成功率', '90%以上', ['93%', '85%', '90%', '99%']],
  ['时效指标', '补贴发放及时率', '100%', ['100%', '95%', '98%', '100%']],
  ['成本指标', '项目成本', '≤200万元', ['190万元', '210万元', '200万元', '260万元']],
  ['成本指标', '社区矫正对象再犯罪率', '不超过千分之二', ['1‰', '3‰', '0‰', '2‰']],
  ['社会效益指标', '司法社工与社区矫正对象比例', '1:20', ['1:18', '1:25', '1:20', '1:30']],
  ['社会效益指标', '普法宣传覆盖面', '显著提升', ['达成年度指标', '部分达成年度指标并具有一定效果', '达成年度指标', '未达成年度指标且效果较差']],
  ['可持续影响指标', '长效机制建立', '是', ['是', '否', '是', '是']],
  ['服务对象满意度指标', '群众满意度', '≥90%', ['95%', '86%', '91%', '130%']],
  ['经济效益指标', '带动社会投入', '/', ['', '', '', '']],
];

/** A template of n indicators (the shapes repeated), weights adding up to 90 + the budget row's 10. */
export function bureauTemplate(n = SHAPES.length, year = '2024'): Form {
  const level1 = (l2: string): string => (/满意度/.test(l2) ? '满意度指标' : /效益/.test(l2) ? '效益指标' : '产出指标');
  const rows: IndicatorRow[] = [];
  for (let i = 0; i < n; i++) {
    const [l2, l3, target] = SHAPES[i % SHAPES.length];
    const name = n > SHAPES.length ? `${l3}${Math.floor(i / SHAPES.length) + 1}` : l3;
    rows.push(blankRow(level1(l2), l2, name, target, 0));
  }
  // Group by 一级 (the form merges consecutive equal labels), then share 90 points out in half points.
  const order = ['产出指标', '效益指标', '满意度指标'];
  rows.sort((a, b) => order.indexOf(a.level1) - order.indexOf(b.level1));
  const base = Math.floor((90 / n) * 2) / 2;
  rows.forEach((r) => (r.weight = base));
  let rest = Math.round((90 - base * n) * 2) / 2;
  for (let i = 0; rest > 0; i = (i + 1) % n, rest -= 0.5) rows[i].weight += 0.5;
  return blankForm('project', { projectName: '公共法律服务体系建设', department: '市司法局', unit: '市司法局', year }, rows);
}

export const DISTRICT_NAMES = [
  '越秀区', '海珠区', '荔湾区', '天河区', '白云区', '黄埔区', '番禺区', '花都区', '南沙区', '从化区',
  '增城区', '福田区', '罗湖区', '南山区', '宝安区', '龙岗区', '盐田区', '龙华区', '坪山区', '光明区',
  '禅城区', '南海区', '顺德区', '三水区', '高明区', '香洲区', '斗门区', '金湾区', '蓬江区', '江海区',
];

/** n districts; every third has its own targets and weights (a higher 培训人次, a lower 案件办结率, two weights swapped). */
export function bureauDistricts(template: Form, n: number): District[] {
  const idx = (name: string): number => template.rows.findIndex((r) => r.level3.startsWith(name));
  return Array.from({ length: n }, (_, i) => {
    const name = i < DISTRICT_NAMES.length ? DISTRICT_NAMES[i] : `第${i + 1}区`;
    const d: District = { name, overrides: [], budget: { initial: 500 + i * 10, annual: 600 + i * 25 } };
    if (i % 3 === 1) {
      const a = idx('培训人次');
      const b = idx('案件办结率');
      const wa = template.rows[a].weight;
      const wb = template.rows[b].weight;
      d.overrides.push({ index: a, level3: template.rows[a].level3, target: `≥${1000 + i * 10}人次`, weight: wa + 1 });
      d.overrides.push({ index: b, level3: template.rows[b].level3, target: '≥90%', weight: wb - 1 });
    }
    if (i % 5 === 2) d.budget = undefined; // the bureau left this district's funds to the district
    return d;
  });
}

/** What district i reports: an actual per row (varied), reasons for some, and its funds. Deterministic. */
export function fillFor(form: Form, i: number): Form {
  const f: Form = structuredClone(form);
  f.rows.forEach((r, k) => {
    const shape = SHAPES.find(([, l3]) => r.level3.startsWith(l3))!;
    const choices = shape[3];
    r.actual = (i + k) % 11 === 10 ? '' : choices[(i * 7 + k * 3) % choices.length];
    if ((i + k) % 4 === 0 && r.actual !== '') r.reason = `原因说明${i}-${k}`;
  });
  const annual = form.budget.parts[0].annual ?? 700 + i * 5;
  f.budget.parts[0] = { ...f.budget.parts[0], initial: form.budget.parts[0].initial ?? 650, annual, executed: Math.round(annual * (0.7 + ((i * 13) % 31) / 100) * 100) / 100 };
  if (i % 6 === 5) f.budget.parts[1] = { ...f.budget.parts[1], initial: 20, annual: 30, executed: 25.5 };
  return f;
}

/** The input cells to write so that the district's workbook holds `filled` (as the pane or jxzp fill would). */
export async function fillEdits(bytes: Uint8Array, filled: Form): Promise<{ sheet: string; edits: CellEdit[] }> {
  const found = readForm(await readWorkbook(bytes));
  const edits: CellEdit[] = [];
  filled.rows.forEach((r, k) => {
    const row = found.rowNumbers[k];
    const target = parseTarget(r.target, r.level3);
    if (target.kind === 'na') return;
    edits.push({ row, col: found.columns.actual, value: actualCellValue(parseActual(r.actual, target), r.actual) });
    if (r.reason) edits.push({ row, col: found.columns.reason, value: r.reason });
  });
  filled.budget.parts.forEach((p, k) => {
    const row = found.partRows[k];
    edits.push({ row, col: BUDGET_COL.initial, value: p.initial });
    edits.push({ row, col: BUDGET_COL.annual, value: p.annual });
    edits.push({ row, col: BUDGET_COL.executed, value: p.executed });
  });
  return { sheet: found.sheet, edits };
}

/** The district's workbook filled in. */
export async function fillWorkbook(bytes: Uint8Array, filled: Form): Promise<Uint8Array> {
  const { sheet, edits } = await fillEdits(bytes, filled);
  return new Uint8Array(await applyInputs(bytes, sheet, edits));
}

/** The district's filled form as src/domain sees it (the oracle). */
export function filledForm(template: Form, d: District, i: number): Form {
  return fillFor(districtForm(template, d), i);
}

export async function loadExcel(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

export async function saveExcel(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Excel's A1 references in a formula with their rows moved as Excel moves them when a row is deleted or inserted. */
function excelShift(formula: string, row: number, by: 1 | -1): string {
  const move = (r: number, end: boolean): number => {
    if (by === 1) return r >= row ? r + 1 : r;
    return r > row || (end && r === row) ? r - 1 : r;
  };
  return formula.replace(/(?<![A-Za-z0-9_.$!'"])(\$?[A-Z]{1,3}\$?)(\d+)(?::(\$?[A-Z]{1,3}\$?)(\d+))?(?![A-Za-z0-9_(])/g, (m, c1: string, r1: string, c2?: string, r2?: string) => {
    const a = Number(r1);
    if (r2 === undefined) return by === -1 && a === row ? '#REF!' : `${c1}${move(a, false)}`;
    const b = Number(r2);
    if (by === -1 && a === row && b === row) return '#REF!';
    // Excel grows a range when a row is inserted inside it (after its first row).
    const na = by === 1 && a === row && b > row ? a : move(a, false);
    return `${c1}${na}:${c2}${move(b, true)}`;
  });
}

/**
 * Deletes (by = -1) or inserts (by = 1) a row of a worksheet as Excel does: the cells below move, merges and workbook
 * names move (or grow) with them, and every formula's references are rewritten. ExcelJS's spliceRows moves the cells
 * and the names, not the merges or the formulas.
 */
function spliceRowLikeExcel(ws: ExcelJS.Worksheet, row: number, by: 1 | -1, values: ExcelJS.CellValue[] = []): void {
  const merges = (ws.model as unknown as { merges: string[] }).merges.slice();
  for (const m of merges) ws.unMergeCells(m);
  if (by === -1) ws.spliceRows(row, 1);
  else ws.spliceRows(row, 0, values);
  for (const m of merges) {
    const [a, b = a] = m.split(':');
    const top = Number(/\d+/.exec(a)![0]);
    const bottom = Number(/\d+/.exec(b)![0]);
    if (by === -1 && top === row && bottom === row) continue;
    const [na, nb] = excelShift(`${a}:${b}`, row, by).split(':');
    if (na !== nb) ws.mergeCells(`${na}:${nb}`);
  }
  ws.eachRow((r) =>
    r.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) cell.value = { formula: excelShift(cell.formula, row, by) } as ExcelJS.CellFormulaValue;
    }),
  );
  // Workbook names: ExcelJS's spliceRows moves them itself.
}

export function deleteRowLikeExcel(ws: ExcelJS.Worksheet, row: number): void {
  spliceRowLikeExcel(ws, row, -1);
}

export function insertRowLikeExcel(ws: ExcelJS.Worksheet, row: number, values: ExcelJS.CellValue[]): void {
  spliceRowLikeExcel(ws, row, 1, [null, ...values]);
}
