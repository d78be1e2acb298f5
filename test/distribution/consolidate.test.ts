// The proof of 下发与汇总: a template sent to 30 districts (some with their own targets and weights), filled in with
// varied actuals, some returns tampered with, some not workbooks at all; collected and consolidated. Every figure of
// the 汇总 is checked against src/domain scoring each district's form, and every tampering is found at its cell.

import * as fs from 'fs';
import * as path from 'path';
import { districtForm } from '../../src/domain/distribution';
import type { Form } from '../../src/domain/form';
import { gradeOf, scoreForm, scoreIndicator, type FormResult } from '../../src/domain/rules';
import { parseActual, parseTarget } from '../../src/domain/target';
import { type CollectResult } from '../../src/sheet/collect';
import {
  CONSOLIDATION_SHEETS,
  DISTRICT_COL,
  districtGroupCol,
  INDICATOR_FIRST_ROW,
  planConsolidation,
  SUM_COL,
} from '../../src/sheet/consolidate';
import { COL, formGeometry } from '../../src/sheet/layout';
import { cellAt, type CellValue, type ReadSheet, type ReadWorkbook } from '../../src/sheet/plan';
import { readConsolidationMark } from '../../src/sheet/stampSheet';
import { collectFiles } from '../../src/xlsx/collectFiles';
import { writeConsolidation } from '../../src/xlsx/consolidationWorkbook';
import { distributeFiles } from '../../src/xlsx/distribute';
import { readWorkbook } from '../../src/xlsx/readWorkbook';
import { zipFiles } from '../../src/xlsx/zip';
import { tempDir } from '../support/engine';
import { recalculate } from '../support/libreoffice';
import {
  bureauDistricts,
  bureauTemplate,
  deleteRowLikeExcel,
  fillWorkbook,
  filledForm,
  loadExcel,
  saveExcel,
} from './fixtures';

const N = 30;
const template = bureauTemplate();
const districts = bureauDistricts(template, N);
const g = formGeometry(template);

// What happens to each district's return.
const LO_ROUND_TRIP = [0, 1, 2];
const CHANGED_WEIGHT = 3; // 分值 of its 3rd indicator raised by 5
const FORMULA_OVERWRITTEN = 4; // 得分 of its 2nd indicator typed over with a number
const ROW_DELETED = 5; // its 7th indicator row deleted (as Excel deletes rows)
const OTHER_TEMPLATE = 6; // returns a form of another template only
const TARGET_RETYPED = 7; // 目标数值 of its 案件办结率 typed down to 50% (an unlocked cell)
const OTHER_YEAR_TOO = 8; // also sends last year's form
const TWICE = 9; // sends two different versions
const SILENT = 10; // sends nothing
const IN_ZIP = [20, 21, 22, 23, 24, 25];
const COPIED = 11; // its file sent again under another name
const TRUNCATED = 12; // its file also arrives truncated (a broken download)

/** The oracle: each district's form as filled in (and as tampered with, where the tampering changes figures). */
const oracle: (Form | null)[] = districts.map((d, i) => {
  if (i === OTHER_TEMPLATE || i === TWICE || i === SILENT) return null;
  const f = filledForm(template, d, i);
  if (i === CHANGED_WEIGHT) f.rows[2].weight += 5;
  if (i === ROW_DELETED) f.rows.splice(6, 1);
  if (i === TARGET_RETYPED) {
    const k = f.rows.findIndex((r) => r.level3 === '案件办结率');
    f.rows[k].target = '≥50%';
  }
  return f;
});

let result: CollectResult;
let book: ReadWorkbook;
let inputs: { name: string; bytes: Uint8Array }[];
let firstRowOf: (i: number) => number;

function sheet(wb: ReadWorkbook, name: string): ReadSheet {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}
const v = (s: ReadSheet, r: number, c: number): CellValue => cellAt(s, r, c)?.v ?? null;

beforeAll(async () => {
  const { files } = await distributeFiles(template, districts, { issued: '2025-01-10' });
  const dir = tempDir('jxzp-consolidate-');
  fs.mkdirSync(path.join(dir, 'in'));
  const returned: { name: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < N; i++) {
    if (i === OTHER_TEMPLATE || i === SILENT) continue;
    let bytes = await fillWorkbook(files[i].bytes, filledForm(template, districts[i], i));
    const sheetName = files[i].stamp.sheet;
    if (i === CHANGED_WEIGHT || i === FORMULA_OVERWRITTEN || i === ROW_DELETED || i === TARGET_RETYPED) {
      const wb = await loadExcel(bytes);
      const ws = wb.getWorksheet(sheetName)!;
      if (i === CHANGED_WEIGHT) ws.getCell(g.first + 2, COL.weight).value = (ws.getCell(g.first + 2, COL.weight).value as number) + 5;
      if (i === FORMULA_OVERWRITTEN) ws.getCell(g.first + 1, COL.score).value = 99;
      if (i === ROW_DELETED) {
        ws.unprotect();
        deleteRowLikeExcel(ws, g.first + 6);
      }
      if (i === TARGET_RETYPED) {
        const k = template.rows.findIndex((r) => r.level3 === '案件办结率');
        ws.getCell(g.first + k, COL.targetValue).value = 0.5;
      }
      bytes = await saveExcel(wb);
    }
    returned.push({ name: `${districts[i].name}.xlsx`, bytes });
    if (i === TWICE) {
      const again = filledForm(template, districts[i], i + 100);
      returned.push({ name: `${districts[i].name}（修改版）.xlsx`, bytes: await fillWorkbook(files[i].bytes, again) });
    }
  }
  // Three returns were opened and saved in LibreOffice.
  for (const i of LO_ROUND_TRIP) fs.writeFileSync(path.join(dir, 'in', `${i}.xlsx`), returned.find((r) => r.name === `${districts[i].name}.xlsx`)!.bytes);
  const saved = recalculate(LO_ROUND_TRIP.map((i) => path.join(dir, 'in', `${i}.xlsx`)), path.join(dir, 'out'));
  LO_ROUND_TRIP.forEach((i, k) => (returned.find((r) => r.name === `${districts[i].name}.xlsx`)!.bytes = new Uint8Array(fs.readFileSync(saved[k]))));

  // Another template (one target differs) for district 6; last year's form for district 8.
  const other = bureauTemplate();
  other.rows[0].target = '≥1300人次';
  const otherFile = (await distributeFiles(other, [districts[OTHER_TEMPLATE]])).files[0];
  const lastYear = (await distributeFiles(bureauTemplate(undefined, '2023'), [districts[OTHER_YEAR_TOO]])).files[0];

  const zipped = returned.filter((r) => IN_ZIP.some((i) => r.name === `${districts[i].name}.xlsx`));
  const loose = returned.filter((r) => !zipped.includes(r));
  const copied = returned.find((r) => r.name === `${districts[COPIED].name}.xlsx`)!;
  const truncated = returned.find((r) => r.name === `${districts[TRUNCATED].name}.xlsx`)!;
  let seed = 7;
  const random = Uint8Array.from({ length: 5000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
  inputs = [
    ...loose,
    { name: '回收第二批.zip', bytes: await zipFiles(zipped) },
    { name: `${districts[OTHER_TEMPLATE].name}.xlsx`, bytes: otherFile.bytes },
    { name: `${districts[OTHER_YEAR_TOO].name}-2023.xlsx`, bytes: lastYear.bytes },
    { name: '随机.xlsx', bytes: random },
    { name: '名单.xlsx', bytes: new TextEncoder().encode('单位名称,总分\n越秀区,90\n') },
    { name: '副本.xlsx', bytes: copied.bytes },
    { name: '下载中断.xlsx', bytes: truncated.bytes.slice(0, Math.floor(truncated.bytes.length / 2)) },
    { name: '扫描件.xlsx', bytes: new Uint8Array(21 * 1024 * 1024) },
  ];
  result = await collectFiles(template, districts, inputs);
  const out = path.join(dir, 'in', '汇总.xlsx');
  fs.writeFileSync(
    out,
    await writeConsolidation(planConsolidation(result, { made: '2025-03-01 09:00' }), { templateId: result.templateId, year: result.year, title: result.title, made: '2025-03-01 09:00' }),
  );
  // Read back after LibreOffice opened and saved it: the 汇总 is a plain workbook any program takes.
  const [again] = recalculate([out], path.join(dir, 'out2'));
  book = await readWorkbook(fs.readFileSync(again));
  firstRowOf = (i) => formGeometry(districtForm(template, districts[i])).first;
});

const fileOf = (name: string) => result.files.find((f) => f.file === name)!;
const districtOf = (i: number) => result.districts[i];
const scored = (i: number): FormResult => scoreForm(oracle[i]!);

describe('every file: used, or why not', () => {
  test('30 districts: 27 used, one silent, one duplicated, one only sent another template’s form', () => {
    const states = result.districts.map((d) => d.state);
    expect(states.filter((s) => s === '已报送')).toHaveLength(27);
    expect(districtOf(SILENT).state).toBe('未报送');
    expect(districtOf(TWICE).state).toBe('重复报送');
    expect(districtOf(OTHER_TEMPLATE).state).toBe('未采用');
    expect(result.files).toHaveLength(inputs.length - 1 + IN_ZIP.length);
  });

  test('the reasons, in Chinese, file by file', () => {
    const reasons = Object.fromEntries(result.files.filter((f) => f.outcome !== '已采用').map((f) => [f.file, [f.outcome, f.reason]]));
    const twice = districts[TWICE].name;
    expect(reasons).toEqual({
      [`${twice}.xlsx`]: ['未采用', `与「${twice}（修改版）.xlsx」同为「${twice}」的报表：请确认保留哪一份，删去其余后重新汇总`],
      [`${twice}（修改版）.xlsx`]: ['未采用', `与「${twice}.xlsx」同为「${twice}」的报表：请确认保留哪一份，删去其余后重新汇总`],
      [`${districts[OTHER_TEMPLATE].name}.xlsx`]: ['未采用', expect.stringMatching(/^属于另一份模板（模板编号 [0-9a-f]{16}，第 1 版），本次汇总的「项目支出绩效自评表」模板编号为 [0-9a-f]{16}$/)],
      [`${districts[OTHER_YEAR_TOO].name}-2023.xlsx`]: ['未采用', '是 2023 年度的报表，本次汇总的是 2024 年度'],
      '随机.xlsx': ['未采用', '这不是 Excel 工作簿（.xlsx）文件'],
      '名单.xlsx': ['未采用', '这不是 Excel 工作簿（.xlsx）文件'],
      '副本.xlsx': ['已跳过', `与「${districts[COPIED].name}.xlsx」内容完全相同（同一文件重复提交），已跳过`],
      '下载中断.xlsx': ['未采用', '这不是 Excel 工作簿（.xlsx）文件，或文件已损坏'],
      '扫描件.xlsx': ['未采用', '文件过大（21.0 MB，上限 20.0 MB）：自评表通常不到 1 MB，请检查是否插入了图片或附件'],
    });
  });

  test('the files inside the .zip are read like the others', () => {
    for (const i of IN_ZIP) expect(fileOf(`回收第二批.zip/${districts[i].name}.xlsx`)).toMatchObject({ outcome: '已采用', district: districts[i].name });
  });
});

describe('tampering, found at its cell', () => {
  test('untouched returns (three of them saved by LibreOffice) are 未改动', () => {
    for (let i = 0; i < N; i++) {
      if ([CHANGED_WEIGHT, FORMULA_OVERWRITTEN, ROW_DELETED].includes(i) || !districtOf(i).file) continue;
      expect([districts[i].name, districtOf(i).file!.tamper?.status]).toEqual([districts[i].name, '未改动']);
    }
  });

  test('a changed 分值', () => {
    const t = districtOf(CHANGED_WEIGHT).file!.tamper!;
    const r = firstRowOf(CHANGED_WEIGHT) + 2;
    const w = districtForm(template, districts[CHANGED_WEIGHT]).rows[2].weight;
    expect(t.status).toBe('已改动');
    expect(t.report!.changes).toEqual([
      { kind: 'changed', address: `J${r}`, expected: String(w), found: String(w + 5), message: `J${r}（「${template.rows[2].level3}」的分值）：应为「${w}」，现为「${w + 5}」` },
    ]);
  });

  test('a formula overwritten by a number', () => {
    const t = districtOf(FORMULA_OVERWRITTEN).file!.tamper!;
    const r = firstRowOf(FORMULA_OVERWRITTEN) + 1;
    expect(t.report!.total).toBe(1);
    expect(t.report!.changes[0]).toMatchObject({ kind: 'formula-replaced', address: `L${r}`, expected: `=IF(K${r}="","",ROUND(J${r}*MIN(1,K${r}),2))`, found: '99' });
  });

  test('a deleted row: reported as deleted, with the rows that moved up', () => {
    const t = districtOf(ROW_DELETED).file!.tamper!;
    const r = firstRowOf(ROW_DELETED) + 6;
    expect(t.report!.deletedRows).toEqual([r]);
    expect(t.report!.changes.map((c) => [c.kind, c.address])).toEqual([
      ['row-deleted', `A${r}:O${r}`],
      ['rows-shifted', `A${r}:O${g.rowCount - 1}`],
    ]);
    // The 汇总 shows the indicator as missing for that district.
    const s = sheet(book, CONSOLIDATION_SHEETS.indicators);
    const k = result.districts.filter((d) => d.state === '已报送').findIndex((d) => d.district.name === districts[ROW_DELETED].name);
    expect(v(s, INDICATOR_FIRST_ROW + 6, districtGroupCol(k) + 4)).toBe('缺此行');
  });

  test('a target retyped in its unlocked 目标数值 cell is not tampering, but is listed', () => {
    const f = districtOf(TARGET_RETYPED).file!;
    const k = template.rows.findIndex((r) => r.level3 === '案件办结率');
    expect(f.tamper!.status).toBe('未改动');
    const was = districtForm(template, districts[TARGET_RETYPED]).rows[k].target; // its own target: ≥90%
    expect(was).toBe('≥90%');
    expect(f.targetChanges).toEqual([{ sheetRow: firstRowOf(TARGET_RETYPED) + k, level3: '案件办结率', expected: was, found: '≥50%' }]);
  });

  test('the 核查明细 sheet lists each change at its cell', () => {
    const s = sheet(book, CONSOLIDATION_SHEETS.details);
    const rows = s.cells.map((row) => (row ?? []).map((c) => c?.v ?? null));
    const lines = (file: string, kind: string) => rows.filter((r) => r[1] === file && r[4] === kind).map((r) => [r[5], r[6], r[7]]);
    const w = districtForm(template, districts[CHANGED_WEIGHT]).rows[2].weight;
    expect(lines(`${districts[CHANGED_WEIGHT].name}.xlsx`, '篡改')).toEqual([[`J${firstRowOf(CHANGED_WEIGHT) + 2}`, String(w), String(w + 5)]]);
    expect(lines(`${districts[FORMULA_OVERWRITTEN].name}.xlsx`, '篡改')[0][0]).toBe(`L${firstRowOf(FORMULA_OVERWRITTEN) + 1}`);
    const k = template.rows.findIndex((r) => r.level3 === '案件办结率');
    expect(lines(`${districts[TARGET_RETYPED].name}.xlsx`, '目标值改动')).toEqual([[`第${firstRowOf(TARGET_RETYPED) + k}行`, '≥90%', '≥50%']]);
    expect(rows.filter((r) => r[4] === '文件').map((r) => r[1])).toEqual(result.files.map((f) => f.file));
  });
});

describe('every figure of the 汇总 against src/domain', () => {
  const used = () => result.districts.filter((d) => d.state === '已报送');

  test('「汇总」: one row per district with total, grade, rank, counts, tampering, review and file', () => {
    const s = sheet(book, CONSOLIDATION_SHEETS.districts);
    const C = DISTRICT_COL;
    const totals = districts.map((_, i) => (districtOf(i).state === '已报送' ? scored(i).total : null));
    districts.forEach((d, i) => {
      const r = 4 + i;
      expect(v(s, r, C['单位'])).toBe(d.name);
      expect(v(s, r, C['报送状态'])).toBe(districtOf(i).state);
      if (districtOf(i).state !== '已报送') {
        expect(v(s, r, C['总分'])).toBeNull();
        return;
      }
      const res = scored(i);
      const rows = res.rows;
      const higher = totals.filter((t) => t !== null && t > res.total).length;
      const f = districtOf(i).file!;
      expect([d.name, v(s, r, C['总分']), v(s, r, C['等级']), v(s, r, C['排名'])]).toEqual([d.name, res.total, res.grade, higher + 1]);
      expect(v(s, r, C['预算执行率'])).toBe(res.budget.rate);
      expect(v(s, r, C['全年预算数（万元）'])).toBe(res.budget.annual);
      expect(v(s, r, C['未达标数'])).toBe(rows.filter((x) => x.status === '未达标').length);
      expect(v(s, r, C['缺偏差原因数'])).toBe(rows.filter((x) => x.missingReason).length);
      expect(v(s, r, C['未填数'])).toBe(rows.filter((x) => x.status === '未填').length);
      const tampered = [CHANGED_WEIGHT, FORMULA_OVERWRITTEN].includes(i) ? '已改动 1 处' : i === ROW_DELETED ? '已改动 2 处' : '未改动';
      expect(v(s, r, C['篡改状态'])).toBe(tampered);
      expect(v(s, r, C['目标值改动'])).toBe(i === TARGET_RETYPED ? '1 项' : null);
      expect(v(s, r, C['审核·错误'])).toBe(f.review!.errors);
      expect(v(s, r, C['审核·警告'])).toBe(f.review!.warnings);
      expect(v(s, r, C['文件名'])).toBe(f.file);
      // An untouched, honestly filled form has no review 错误.
      if (tampered === '未改动') expect(f.review!.errors).toBe(0);
    });
    // 合计 line: the average total, all budgets, execution over budget.
    const t = 4 + N;
    const usedTotals = used().map((d) => scored(districts.indexOf(d.district)).total);
    expect(v(s, t, C['总分'])).toBeCloseTo(usedTotals.reduce((a, b) => a + b, 0) / usedTotals.length, 2);
    const budgets = used().map((d) => scored(districts.indexOf(d.district)).budget);
    const annual = budgets.reduce((a, b) => a + (b.annual ?? 0), 0);
    expect(v(s, t, C['全年预算数（万元）'])).toBeCloseTo(annual, 6);
    expect(v(s, t, C['预算执行率'])).toBeCloseTo(budgets.reduce((a, b) => a + (b.executed ?? 0), 0) / annual, 4);
  });

  test('「指标汇总」: each district’s target, actual, completion, score and status per indicator', () => {
    const s = sheet(book, CONSOLIDATION_SHEETS.indicators);
    used().forEach((d, k) => {
      const i = districts.indexOf(d.district);
      const form = oracle[i]!;
      const c = districtGroupCol(k);
      expect(v(s, 3, c)).toBe(d.district.name);
      template.rows.forEach((tr, t) => {
        const r = INDICATOR_FIRST_ROW + t;
        const j = form.rows.findIndex((x) => x.level3 === tr.level3);
        if (j < 0) return; // the deleted row: checked above
        const row = form.rows[j];
        const sc = scoreIndicator(row, form.params);
        const a = parseActual(row.actual, parseTarget(row.target, row.level3));
        const actual = a.kind === 'number' ? a.value : a.kind === 'ratio' ? a.n : row.actual || null;
        const status = sc.missingReason ? `${sc.status}·缺原因` : sc.status;
        expect([d.district.name, tr.level3, v(s, r, c), v(s, r, c + 1), v(s, r, c + 2), v(s, r, c + 3), v(s, r, c + 4)]).toEqual([
          d.district.name,
          tr.level3,
          row.target,
          actual,
          sc.completion,
          sc.score,
          status,
        ]);
      });
      const res = scored(i);
      const totalRow = INDICATOR_FIRST_ROW + template.rows.length + 1;
      expect([v(s, totalRow - 1, c + 2), v(s, totalRow - 1, c + 3), v(s, totalRow, c + 3), v(s, totalRow, c + 4)]).toEqual([
        res.budget.rate,
        res.budget.score,
        res.total,
        res.grade,
      ]);
    });
  });

  test('「指标汇总」 合计/平均: quantities summed, rates averaged weighted by each district’s 全年预算数', () => {
    const s = sheet(book, CONSOLIDATION_SHEETS.indicators);
    expect(v(s, 3, SUM_COL)).toBe('合计/平均（数量为合计，比率按全年预算数加权平均）');
    const ds = used().map((d) => districts.indexOf(d.district));
    const weight = (i: number) => scored(i).budget.annual!;
    const wavg = (xs: { x: number | null; i: number }[]) => {
      const ok = xs.filter((p) => p.x !== null);
      return ok.reduce((a, p) => a + p.x! * weight(p.i), 0) / ok.reduce((a, p) => a + weight(p.i), 0);
    };
    template.rows.forEach((tr, t) => {
      const r = INDICATOR_FIRST_ROW + t;
      const per = ds
        .map((i) => {
          const row = oracle[i]!.rows.find((x) => x.level3 === tr.level3);
          if (!row) return null;
          const target = parseTarget(row.target, row.level3);
          return { i, row, target, actual: parseActual(row.actual, target), sc: scoreIndicator(row, oracle[i]!.params) };
        })
        .filter((x): x is NonNullable<typeof x> => x !== null);
      const tt = parseTarget(tr.target, tr.level3);
      const method = v(s, r, 6) as string;
      if (tt.kind === 'number' && tt.unit !== '%' && tt.unit !== '‰') {
        expect(method).toBe('数量：合计');
        const sumT = per.reduce((a, p) => a + (p.target.kind === 'number' ? p.target.value : 0), 0);
        const sumA = per.reduce((a, p) => a + (p.actual.kind === 'number' ? p.actual.value : 0), 0);
        expect([tr.level3, v(s, r, SUM_COL), v(s, r, SUM_COL + 1)]).toEqual([tr.level3, sumT, sumA]);
      } else if (tt.kind === 'number' || tt.kind === 'ratio') {
        expect(method).toBe(tt.kind === 'ratio' ? '比例：按预算加权平均' : '比率：按预算加权平均');
        const val = (q: typeof per[number]['target'] | typeof per[number]['actual']): number | null =>
          q.kind === 'number' ? q.value : q.kind === 'ratio' ? q.n : null;
        expect(v(s, r, SUM_COL) as number).toBeCloseTo(wavg(per.map((p) => ({ x: val(p.target), i: p.i }))), 9);
        expect(v(s, r, SUM_COL + 1) as number).toBeCloseTo(wavg(per.map((p) => ({ x: val(p.actual), i: p.i }))), 9);
      } else if (tt.kind === 'qualitative') {
        const n = (level: string) => per.filter((p) => p.actual.kind === 'qualitative' && p.actual.level === level).length;
        expect(v(s, r, SUM_COL + 1)).toBe(`达成 ${n('achieved')}，部分达成 ${n('partial')}，未达成 ${n('failed')}`);
      } else if (tt.kind === 'yesno') {
        const n = (yes: boolean) => per.filter((p) => p.actual.kind === 'yesno' && p.actual.yes === yes).length;
        expect(v(s, r, SUM_COL + 1)).toBe(`是 ${n(true)}，否 ${n(false)}`);
      } else {
        expect(method).toBe('不适用');
      }
      const completion = per.some((p) => p.sc.completion !== null) ? wavg(per.map((p) => ({ x: p.sc.completion, i: p.i }))) : null;
      const score = per.some((p) => p.sc.score !== null) ? wavg(per.map((p) => ({ x: p.sc.score, i: p.i }))) : null;
      expect([tr.level3, v(s, r, SUM_COL + 2)]).toEqual([tr.level3, completion === null ? null : Number(completion.toFixed(4))]);
      expect([tr.level3, v(s, r, SUM_COL + 3)]).toEqual([tr.level3, score === null ? null : Number(score.toFixed(2))]);
      expect(v(s, r, SUM_COL + 4)).toBe(per.filter((p) => p.sc.status === '未达标').length);
    });
    const totalRow = INDICATOR_FIRST_ROW + template.rows.length + 1;
    expect(v(s, totalRow, SUM_COL + 3)).toBe(Number(wavg(ds.map((i) => ({ x: scored(i).total, i }))).toFixed(2)));
  });

  test('ranks are 1 for the best, equal totals share a rank, grades as the Ministry’s', () => {
    const ranked = used().map((d) => [d.file!.score!.result.total, d.rank!] as const);
    for (const [t, r] of ranked) expect(r).toBe(1 + ranked.filter(([x]) => x > t).length);
    for (const d of used()) expect(d.file!.score!.result.grade).toBe(gradeOf(d.file!.score!.result.total));
  });

  test('the 汇总 is marked as ours (a later run replaces it), and flags are coloured as in the form', () => {
    expect(readConsolidationMark(book)).toMatchObject({ templateId: result.templateId, year: '2024' });
    const plans = planConsolidation(result, { made: 'x' });
    const fills = plans.flatMap((p) => p.conditionalFormats.flatMap((c) => c.rules.map((r) => r.style.fill)));
    expect(new Set(fills)).toEqual(new Set(['FFC7CE', 'FCE4D6', 'FF9999', 'FFEB9C', 'DDEBF7']));
  });
});

