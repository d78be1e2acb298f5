// The browser's read-only picture of a sheet: cells as a person reads them, merges as spans, and — since no
// spreadsheet engine runs in the page — the domain's values in the formula cells it knows (the domain is the
// oracle the sheet's formulas are tested against).

import { fundTotal } from '../../domain/form';
import { formGeometry, formNames, BUDGET_COL } from '../../sheet/layout';
import { cellAt, type ReadSheet, type ReadWorkbook } from '../../sheet/plan';
import type { FoundForm } from '../../sheet/readback';
import { scoreForm, type FormResult, type ScoredRow } from '../../domain/rules';
import { actualText, formatQuantity, parseTarget } from '../../domain/target';
import { percentText, pointsText } from './results';

export interface PreviewCell {
  row: number;
  col: number;
  text: string;
  rowSpan: number;
  colSpan: number;
  /** value: a constant; computed: a formula shown with the domain's value; formula: a formula with no known value */
  kind: 'value' | 'computed' | 'formula' | 'error' | 'empty';
  formula?: string;
}

export interface PreviewModel {
  sheet: string;
  rowCount: number;
  colCount: number;
  /** rows[r - 1]: the cells that start in that row (cells covered by a merge are left out) */
  rows: PreviewCell[][];
  /** rows or columns were left out */
  truncated: boolean;
}

const MAX_ROWS = 1000;
const MAX_COLS = 40;

/** A number as its cell's format shows it, for the formats the layout writes (0.00%, #,##0.00"万元", "1:"0 …). */
export function numberText(v: number, fmt?: string): string {
  const plain = String(Number(v.toPrecision(12)));
  if (!fmt || fmt === 'General') return plain;
  const quoted = [...fmt.matchAll(/"([^"]*)"/g)];
  const bare = fmt.replace(/"[^"]*"/g, '');
  const decimals = /0\.(0+)/.exec(bare)?.[1].length ?? 0;
  if (bare.includes('%')) return `${(v * 100).toFixed(decimals)}%`;
  if (!/0/.test(bare)) return plain;
  let body = v.toFixed(decimals);
  if (bare.includes(',')) {
    const [int, frac] = body.split('.');
    body = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  const prefix = fmt.startsWith('"') && quoted[0] ? quoted[0][1] : '';
  const suffix = fmt.endsWith('"') && quoted.length > 0 ? quoted[quoted.length - 1][1] : '';
  return `${prefix}${body}${suffix}`;
}

/** What the sheet's 提示 formula says (formulas.hintFormula), from the domain's reading of the row. */
function hintText(r: ScoredRow, targetText: string): string {
  if (r.status === '无法计算') return r.note;
  if (r.missingReason) return '请填写偏差原因分析';
  if (r.status === '未填') return r.kind === '无法识别' && targetText.trim() === '' ? '请填写年度指标值' : '';
  return r.overrideClamped ? '定性得分率超出所选档次，已按档次边界计分' : '';
}

/** Values the domain computes for the formula cells of a form, keyed "row:col". */
export function computedCells(wb: ReadWorkbook, found: FoundForm, result: FormResult = scoreForm(found.form)): Map<string, string> {
  const out = new Map<string, string>();
  const put = (row: number, col: number, text: string): void => {
    if (row > 0 && col > 0) out.set(`${row}:${col}`, text);
  };
  const c = found.columns;
  result.rows.forEach((r, i) => {
    const row = found.rowNumbers[i];
    put(row, c.completion, r.completion === null ? '' : percentText(r.completion));
    put(row, c.score, r.score === null ? '' : pointsText(r.score));
    put(row, c.status, r.status);
    put(row, c.hint, hintText(r, found.form.rows[i].target));
  });
  // Budget block: the 年度资金总额 row sits right above the first part.
  const ft = found.partRows.length > 0 ? found.partRows[0] - 1 : 0;
  if (ft > 0) {
    const t = fundTotal(found.form.budget);
    const money = (v: number | null): string => (v === null ? '' : numberText(v, '#,##0.00'));
    put(ft, BUDGET_COL.initial, money(t.initial));
    put(ft, BUDGET_COL.annual, money(t.annual));
    put(ft, BUDGET_COL.executed, money(t.executed));
    put(ft, BUDGET_COL.rate, result.budget.rate === null ? '' : percentText(result.budget.rate));
    put(ft, BUDGET_COL.score, pointsText(result.budget.score));
  }
  if (found.prefix) {
    const names = formNames(found.prefix);
    const total = wb.names.find((n) => n.name === names.total);
    const grade = wb.names.find((n) => n.name === names.grade);
    if (total) put(total.range.row, total.range.col, pointsText(result.total));
    if (grade) put(grade.range.row, grade.range.col, result.grade);
    // The 分项得分 block, where the sheet still has the layout's geometry (the 总分 row where planForm put it).
    const g = formGeometry(found.form);
    if (total && total.range.row === g.totalRow) {
      put(g.totalRow, c.weight, pointsText(result.totalWeight));
      result.subtotals.forEach((s, i) => {
        const r = g.summaryFirst + i;
        put(r, 4, pointsText(s.weight));
        put(r, 6, pointsText(s.applicableWeight));
        put(r, 8, pointsText(s.score));
        put(r, 10, s.weight > 0 ? percentText(s.score / s.weight) : '');
      });
      const b = result.budget;
      put(g.summaryBudget, 4, pointsText(b.weight));
      put(g.summaryBudget, 6, pointsText(b.weight));
      put(g.summaryBudget, 8, pointsText(b.score));
      put(g.summaryBudget, 10, b.weight > 0 ? percentText(b.score / b.weight) : '');
      put(g.summarySum, 4, pointsText(result.totalWeight));
      put(g.summarySum, 6, pointsText(result.applicableWeight));
      put(g.summarySum, 8, pointsText(result.rawScore));
      put(g.summarySum, 10, result.totalWeight > 0 ? percentText(result.rawScore / result.totalWeight) : '');
      put(g.summaryRescaled, 8, pointsText(result.total));
    }
  }
  return out;
}

/** How the input cells of a form read (0.96 under a % target shows as 96%). */
function inputTexts(found: FoundForm): Map<string, string> {
  const out = new Map<string, string>();
  const c = found.columns;
  found.form.rows.forEach((r, i) => {
    const row = found.rowNumbers[i];
    const t = parseTarget(r.target, r.level3);
    if (c.actual && r.actual !== '') out.set(`${row}:${c.actual}`, r.actual);
    if (c.targetValue && t.kind === 'number') out.set(`${row}:${c.targetValue}`, formatQuantity(t.value, t.unit));
    if (c.targetValue && t.kind === 'ratio') out.set(`${row}:${c.targetValue}`, actualText({ kind: 'ratio', n: t.n }, t));
    if (c.override && r.rateOverride !== null) out.set(`${row}:${c.override}`, percentText(r.rateOverride));
  });
  return out;
}

export function previewModel(wb: ReadWorkbook, sheet: ReadSheet, forms: FoundForm[]): PreviewModel {
  const mine = forms.filter((f) => f.sheet === sheet.name);
  const computed = new Map<string, string>();
  const inputs = new Map<string, string>();
  for (const f of mine) {
    computedCells(wb, f).forEach((v, k) => computed.set(k, v));
    inputTexts(f).forEach((v, k) => inputs.set(k, v));
  }
  let rowCount = sheet.cells.length;
  let colCount = sheet.cells.reduce((m, r) => Math.max(m, r?.length ?? 0), 0);
  for (const m of sheet.merges) {
    rowCount = Math.max(rowCount, m.rowEnd);
    colCount = Math.max(colCount, m.colEnd);
  }
  const truncated = rowCount > MAX_ROWS || colCount > MAX_COLS;
  rowCount = Math.min(rowCount, MAX_ROWS);
  colCount = Math.min(colCount, MAX_COLS);

  const covered = new Set<string>();
  const spanAt = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of sheet.merges) {
    if (m.row > rowCount || m.col > colCount) continue;
    const rowEnd = Math.min(m.rowEnd, rowCount);
    const colEnd = Math.min(m.colEnd, colCount);
    spanAt.set(`${m.row}:${m.col}`, { rowSpan: rowEnd - m.row + 1, colSpan: colEnd - m.col + 1 });
    for (let r = m.row; r <= rowEnd; r++) for (let c = m.col; c <= colEnd; c++) if (r !== m.row || c !== m.col) covered.add(`${r}:${c}`);
  }

  const rows: PreviewCell[][] = [];
  for (let r = 1; r <= rowCount; r++) {
    const line: PreviewCell[] = [];
    for (let c = 1; c <= colCount; c++) {
      const key = `${r}:${c}`;
      if (covered.has(key)) continue;
      const span = spanAt.get(key) ?? { rowSpan: 1, colSpan: 1 };
      const cell = cellAt(sheet, r, c);
      const base = { row: r, col: c, ...span };
      if (cell?.err) line.push({ ...base, text: cell.err, kind: 'error', formula: cell.f });
      else if (cell?.f) {
        const known = computed.get(key);
        if (known !== undefined) line.push({ ...base, text: known, kind: 'computed', formula: cell.f });
        else if (cell.v !== null && cell.v !== undefined && cell.v !== '')
          line.push({ ...base, text: typeof cell.v === 'number' ? numberText(cell.v, cell.fmt) : String(cell.v), kind: 'computed', formula: cell.f });
        else line.push({ ...base, text: '', kind: 'formula', formula: cell.f });
      } else if (cell && cell.v !== null && cell.v !== '') {
        const text =
          inputs.get(key) ?? (typeof cell.v === 'number' ? numberText(cell.v, cell.fmt) : typeof cell.v === 'boolean' ? (cell.v ? 'TRUE' : 'FALSE') : cell.v);
        line.push({ ...base, text, kind: 'value' });
      } else line.push({ ...base, text: '', kind: 'empty' });
    }
    rows.push(line);
  }
  return { sheet: sheet.name, rowCount, colCount, rows, truncated };
}
