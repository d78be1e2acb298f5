// Find self-evaluation tables in any worksheet — this product's, or typed by hand in the Ministry layout or a
// provincial variant — and read them as ReviewTables for src/domain/review.ts.

import type { RCell, ReviewBudget, ReviewBudgetLine, ReviewRow, ReviewTable } from '../domain/review';
import { addr, cellAt, CellValue, ReadCell, ReadSheet, ReadWorkbook } from './plan';

type Field = 'level1' | 'level2' | 'level3' | 'target' | 'nature' | 'value' | 'unit' | 'actual' | 'weight' | 'score' | 'reason';

/** Header labels and their variants, compared after removing spaces and (A)/(B) marks. */
const LABELS: Record<Field, string[]> = {
  level1: ['一级指标'],
  level2: ['二级指标'],
  level3: ['三级指标'],
  target: ['年度指标值', '年初目标值', '指标值', '年度目标值', '目标值', '预期指标值'],
  nature: ['指标性质'],
  value: ['指标值'],
  unit: ['度量单位', '计量单位', '单位'],
  actual: ['实际完成值', '全年实际值', '完成值', '全年实际完成值', '实际值', '全年完成值'],
  weight: ['分值', '权重', '分值权重'],
  score: ['得分', '自评得分', '评分'],
  reason: ['偏差原因分析及改进措施', '未完成原因分析', '偏差原因分析', '未完成原因分析及改进措施', '偏差原因及改进措施', '原因分析及改进措施'],
};

export function normLabel(s: string): string {
  return s
    .replace(/[\s\u3000]+/gu, '')
    .replace(/[（(][ABＡＢ][)）]/gu, '')
    .replace(/[（(]\d+分[)）]/gu, '');
}

const str = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

function mergeAt(sheet: ReadSheet, row: number, col: number) {
  return sheet.merges.find((g) => row >= g.row && row <= g.rowEnd && col >= g.col && col <= g.colEnd);
}

/** Value of a cell or of the merge covering it (merged labels hold their value in the top-left cell). */
function valueAt(sheet: ReadSheet, row: number, col: number): CellValue {
  const own = cellAt(sheet, row, col)?.v ?? null;
  if (own !== null && own !== '') return own;
  const m = mergeAt(sheet, row, col);
  return m ? (cellAt(sheet, m.row, m.col)?.v ?? null) : own;
}

function rcell(sheet: ReadSheet, row: number, col: number): RCell {
  const c: ReadCell | undefined = cellAt(sheet, row, col);
  const v = c?.v ?? null;
  const text = str(v);
  const plain = text.replace(/,/g, '');
  const num = typeof v === 'number' ? v : /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : null;
  return { text, num, ref: addr(row, col), fmt: c?.fmt, formula: c?.f ? true : undefined };
}

function matchField(label: string, allowUnit: boolean): Field | null {
  const n = normLabel(label);
  if (!n) return null;
  for (const f of Object.keys(LABELS) as Field[]) {
    if (f === 'value' || (f === 'unit' && !allowUnit)) continue;
    if (LABELS[f].includes(n)) return f;
  }
  return null;
}

interface Header {
  row: number;
  lastRow: number;
  cols: Partial<Record<Field, number>>;
}

/** A header row: one that names 三级指标 and a target or score column; a second row may hold sub-labels. */
function headerAt(sheet: ReadSheet, r: number): Header | null {
  const row = sheet.cells[r - 1] ?? [];
  const cols: Partial<Record<Field, number>> = {};
  row.forEach((c, i) => {
    const f = matchField(str(c?.v), false);
    if (f && cols[f] === undefined) cols[f] = i + 1;
  });
  if (cols.level3 === undefined || (cols.target === undefined && cols.score === undefined && cols.weight === undefined)) return null;
  // Sichuan: 指标性质 / 指标值 / 度量单位 under (or beside) a merged 年度指标值.
  let lastRow = r;
  const next = sheet.cells[r] ?? [];
  const sub = next.map((c) => normLabel(str(c?.v)));
  if (sub.some((s) => s === '指标性质' || s === '度量单位' || s === '计量单位')) {
    lastRow = r + 1;
    sub.forEach((s, i) => {
      if (s === '指标性质') cols.nature = i + 1;
      else if (s === '指标值') cols.value = i + 1;
      else if (s === '度量单位' || s === '计量单位') cols.unit = i + 1;
      else {
        const f = matchField(s, false);
        if (f && cols[f] === undefined) cols[f] = i + 1;
      }
    });
  } else {
    row.forEach((c, i) => {
      const s = normLabel(str(c?.v));
      if (s === '指标性质') cols.nature = i + 1;
      if (s === '度量单位' || s === '计量单位') cols.unit = i + 1;
    });
    // Sichuan in one row: 指标性质 | 指标值 | 度量单位. This product's forms also have 指标性质 and 度量单位 beside a
    // full 年度指标值 text (and their own 目标数值): that text is the target, not a bare number to join to them.
    if (cols.nature !== undefined && cols.target !== undefined && normLabel(str(row[cols.target - 1]?.v)) === '指标值') cols.value = cols.target;
  }
  return { row: r, lastRow, cols };
}

const TOTAL_LABEL = /^(总分|合计|总计|综合得分)/u;
const HEADING_POINTS = /^(.*?)[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$/u;

function firstText(sheet: ReadSheet, r: number): string {
  const row = sheet.cells[r - 1] ?? [];
  for (let c = 1; c <= row.length; c++) {
    const t = str(valueAt(sheet, r, c));
    if (t) return t;
  }
  return '';
}

function rowBlank(sheet: ReadSheet, r: number): boolean {
  return (sheet.cells[r - 1] ?? []).every((c) => str(c?.v) === '');
}

const FUND_PART = /本年财政拨款|上年结转|其他资金/u;
const FUND_TOTAL = /年度资金总额|资金总额|预算资金总额/u;

function readBudget(sheet: ReadSheet, from: number, to: number): ReviewBudget | null {
  // The budget header: a row naming 全年预算数 (or 预算数) and 执行数.
  for (let r = from; r < to; r++) {
    const row = sheet.cells[r - 1] ?? [];
    const labels = row.map((c) => normLabel(str(c?.v)));
    const find = (...names: string[]): number | null => {
      const i = labels.findIndex((l) => names.some((n) => l === n || l.startsWith(n)));
      return i >= 0 ? i + 1 : null;
    };
    const annual = find('全年预算数', '预算数', '调整后预算数');
    const executed = find('全年执行数', '执行数');
    if (annual === null || executed === null) continue;
    const cols = { initial: find('年初预算数'), annual, executed, weight: find('分值'), rate: find('执行率'), score: find('得分') };
    const line = (lr: number, labelCol: number): ReviewBudgetLine => ({
      label: rcell(sheet, lr, labelCol),
      initial: cols.initial ? rcell(sheet, lr, cols.initial) : null,
      annual: rcell(sheet, lr, cols.annual),
      executed: rcell(sheet, lr, cols.executed),
    });
    let total: { line: ReviewBudgetLine; row: number } | null = null;
    const parts: ReviewBudgetLine[] = [];
    for (let lr = r + 1; lr < to; lr++) {
      const cells = sheet.cells[lr - 1] ?? [];
      const li = cells.findIndex((c) => FUND_TOTAL.test(str(c?.v)) || FUND_PART.test(str(c?.v)));
      if (li < 0) {
        // Layouts without a 年度资金总额 label (Hubei): the first row with figures is the total.
        if (!total && cells.some((c, i) => i + 1 >= annual && typeof c?.v === 'number')) total = { line: line(lr, 1), row: lr };
        if (total || rowBlank(sheet, lr)) break;
        continue;
      }
      if (FUND_TOTAL.test(str(cells[li]?.v))) total = { line: line(lr, li + 1), row: lr };
      else parts.push(line(lr, li + 1));
    }
    if (!total) return null;
    // Hubei: no 分值 column, the points stand in the block's label — 预算执行情况(20分).
    const pointsLabel = cols.weight ? null : row.map((c, i) => ({ m: /[（(](\d+(?:\.\d+)?)分[)）]/u.exec(str(c?.v)), i })).find((x) => x.m);
    return {
      total: total.line,
      parts,
      weight: cols.weight
        ? rcell(sheet, total.row, cols.weight)
        : pointsLabel?.m
          ? { text: pointsLabel.m[1], num: Number(pointsLabel.m[1]), ref: addr(r, pointsLabel.i + 1) }
          : null,
      rate: cols.rate ? rcell(sheet, total.row, cols.rate) : null,
      score: cols.score ? rcell(sheet, total.row, cols.score) : null,
    };
  }
  return null;
}

const NARRATIVE_LABELS = ['年度总体目标', '预期目标', '实际完成情况'];

/** Narrative cells: right of their label, or below it (the Ministry layout's two-row goal block). */
function readNarratives(sheet: ReadSheet, from: number, to: number): ReviewTable['narratives'] {
  const out: ReviewTable['narratives'] = [];
  for (let r = from; r < to; r++) {
    (sheet.cells[r - 1] ?? []).forEach((c, i) => {
      const label = normLabel(str(c?.v));
      if (!NARRATIVE_LABELS.includes(label)) return;
      const m = mergeAt(sheet, r, i + 1);
      const rightCol = (m ? m.colEnd : i + 1) + 1;
      const right = str(cellAt(sheet, r, rightCol)?.v);
      if (NARRATIVE_LABELS.includes(normLabel(right))) return; // 年度总体目标 heading a 预期目标/实际完成情况 pair
      const below = rcell(sheet, (m ? m.rowEnd : r) + 1, i + 1);
      const useRight = right !== '' || label === '年度总体目标' || below.text === '';
      out.push({ label: label === '年度总体目标' ? '预期目标' : label, cell: useRight ? rcell(sheet, r, rightCol) : below });
    });
  }
  return out;
}

function readMeta(sheet: ReadSheet, from: number, to: number): ReviewTable['meta'] {
  const meta = { title: '', projectName: '', department: '', unit: '' };
  const keys: [RegExp, keyof typeof meta][] = [
    [/^(项目名称|部门（单位）名称|部门名称|单位名称)$/u, 'projectName'],
    [/^主管部门$/u, 'department'],
    [/^(实施单位|单位)$/u, 'unit'],
  ];
  for (let r = from; r < to; r++) {
    const row = sheet.cells[r - 1] ?? [];
    row.forEach((c, i) => {
      const label = normLabel(str(c?.v)).replace(/[:：]$/u, '');
      if (!meta.title && /自评表|评价表/u.test(label)) meta.title = str(c?.v);
      for (const [re, key] of keys) {
        if (!re.test(label) || meta[key]) continue;
        const m = mergeAt(sheet, r, i + 1);
        meta[key] = str(cellAt(sheet, r, (m ? m.colEnd : i + 1) + 1)?.v);
      }
    });
  }
  return meta;
}

function readTable(sheet: ReadSheet, h: Header, searchFrom: number, ours: boolean): { table: ReviewTable; end: number } {
  const rows: ReviewRow[] = [];
  const headings: ReviewTable['headings'] = [];
  let total: ReviewTable['total'] = null;
  let level1 = '';
  let level2 = '';
  let r = h.lastRow + 1;
  const c = h.cols;
  const at = (row: number, f: Field): RCell | null => (c[f] !== undefined ? rcell(sheet, row, c[f] as number) : null);
  for (; r <= sheet.cells.length; r++) {
    if (rowBlank(sheet, r) && !mergeAt(sheet, r, c.level1 ?? 1)) break;
    if (headerAt(sheet, r)) break;
    const lead = firstText(sheet, r);
    if (TOTAL_LABEL.test(lead) && !(c.level3 && str(cellAt(sheet, r, c.level3)?.v))) {
      total = { label: rcell(sheet, r, 1), weight: at(r, 'weight'), score: at(r, 'score') };
      r++;
      break;
    }
    const raw1 = c.level1 ? str(valueAt(sheet, r, c.level1)) : '';
    if (raw1) {
      const m = HEADING_POINTS.exec(raw1);
      // "(50分)" alone (a published form lost its names) still groups its rows: the raw text is the key.
      level1 = m ? m[1].trim() || raw1 : raw1;
      if (m) {
        const top = mergeAt(sheet, r, c.level1 as number);
        const ref = addr(top ? top.row : r, c.level1 as number);
        if (!headings.some((x) => x.ref === ref)) headings.push({ level1, points: Number(m[2]), ref });
      }
    }
    level2 = (c.level2 ? str(valueAt(sheet, r, c.level2)) : '') || level2;
    const level3 = at(r, 'level3') as RCell;
    let target = at(r, 'target') ?? { text: '', num: null, ref: addr(r, c.level3 as number) };
    if (c.nature !== undefined && c.value !== undefined) {
      const parts = [at(r, 'nature')?.text ?? '', at(r, 'value')?.text ?? '', at(r, 'unit')?.text ?? ''];
      target = { text: parts.join(''), num: null, ref: addr(r, c.value) };
    } else if (target.num !== null && target.fmt?.includes('%')) {
      target = { ...target, text: `${Number((target.num * 100).toPrecision(12))}%` };
    }
    rows.push({ sheetRow: r, level1, level2, level3, target, actual: at(r, 'actual'), weight: at(r, 'weight'), score: at(r, 'score'), reason: at(r, 'reason') });
  }
  const budget = readBudget(sheet, searchFrom, h.row);
  return {
    table: {
      sheet: sheet.name,
      anchor: addr(h.row, 1),
      rows,
      headings,
      budget,
      total,
      narratives: readNarratives(sheet, searchFrom, h.row),
      meta: readMeta(sheet, searchFrom, h.row),
      ours,
    },
    end: r,
  };
}

/** Every table of every sheet, in order. */
export function findTables(wb: ReadWorkbook): ReviewTable[] {
  const out: ReviewTable[] = [];
  for (const sheet of wb.sheets) {
    const ourHeaders = new Set(wb.names.filter((n) => n.sheet === sheet.name && /_TABLE$/.test(n.name)).map((n) => n.range.row));
    let from = 1;
    for (let r = 1; r <= sheet.cells.length; r++) {
      const h = headerAt(sheet, r);
      if (!h) continue;
      const { table, end } = readTable(sheet, h, from, ourHeaders.has(r));
      out.push(table);
      from = end;
      r = end - 1;
    }
  }
  return out;
}
