// 填报: what the person typed in the pane (drafts), how it reads, and the cells a save writes — plain functions.

import type { Form, IndicatorRow } from '../../domain/form';
import { rowKind, scoreIndicator, type RowKind, type RuleParams, type ScoredRow } from '../../domain/rules';
import { actualText, formatQuantity, parseActual, parseTarget, type Actual, type QualLevel, type Target } from '../../domain/target';
import { parseRate } from '../../sheet/importTable';
import type { CellEdit } from '../../sheet/inputs';
import { actualCellValue, BUDGET_COL } from '../../sheet/layout';
import type { FoundForm } from '../../sheet/readback';

export type RowField = 'actual' | 'override' | 'reason';
export type BudgetField = 'initial' | 'annual' | 'executed';

/** Only the fields the person changed; a field typed back to what the sheet holds is dropped again. */
export type RowDraft = Partial<Record<RowField, string>>;

export interface FormDrafts {
  rows: Record<number, RowDraft>;
  /** key `${partIndex}:${field}` */
  budget: Record<string, string>;
}

export const NO_DRAFTS: FormDrafts = { rows: {}, budget: {} };

export function rateText(rate: number | null): string {
  return rate === null ? '' : formatQuantity(rate, '%');
}

export function moneyText(v: number | null): string {
  return v === null ? '' : String(Number(v.toPrecision(15)));
}

/** What the sheet holds for a field, as the pane shows it. */
export function originalText(row: IndicatorRow, field: RowField): string {
  if (field === 'override') return rateText(row.rateOverride);
  return field === 'actual' ? row.actual : row.reason;
}

export function budgetKey(part: number, field: BudgetField): string {
  return `${part}:${field}`;
}

function originalBudget(form: Form, key: string): string {
  const [part, field] = key.split(':') as [string, BudgetField];
  const line = form.budget.parts[Number(part)];
  return line ? moneyText(line[field]) : '';
}

export function withRowDraft(drafts: FormDrafts, form: Form, index: number, field: RowField, value: string): FormDrafts {
  const current = { ...(drafts.rows[index] ?? {}) };
  if (value === originalText(form.rows[index], field)) delete current[field];
  else current[field] = value;
  const rows = { ...drafts.rows };
  if (Object.keys(current).length === 0) delete rows[index];
  else rows[index] = current;
  return { ...drafts, rows };
}

export function withBudgetDraft(drafts: FormDrafts, form: Form, key: string, value: string): FormDrafts {
  const budget = { ...drafts.budget };
  if (value === originalBudget(form, key)) delete budget[key];
  else budget[key] = value;
  return { ...drafts, budget };
}

export function pendingCount(d: FormDrafts): number {
  return Object.values(d.rows).reduce((a, r) => a + Object.keys(r).length, 0) + Object.keys(d.budget).length;
}

/** Drafts that no longer differ from the sheet (e.g. after the same value was typed into the sheet) are dropped. */
export function pruneDrafts(d: FormDrafts, form: Form): FormDrafts {
  let out: FormDrafts = { rows: {}, budget: {} };
  for (const [i, draft] of Object.entries(d.rows)) {
    const index = Number(i);
    if (!form.rows[index]) continue;
    for (const [field, value] of Object.entries(draft) as [RowField, string][]) out = withRowDraft(out, form, index, field, value);
  }
  for (const [key, value] of Object.entries(d.budget)) out = withBudgetDraft(out, form, key, value);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// One indicator as the pane shows it

export type OverrideState =
  | { state: 'none' }
  | { state: 'ok'; value: number }
  | { state: 'outside'; value: number; lo: number; hi: number }
  | { state: 'invalid'; reason: string };

export interface RowEntry {
  row: IndicatorRow;
  /** the row with the drafts applied (an unreadable 得分率 draft leaves the sheet's) */
  effective: IndicatorRow;
  target: Target;
  kind: RowKind;
  actual: Actual;
  /** canonical text of the actual as read (e.g. 96%), '' when empty or unreadable */
  reading: string;
  override: OverrideState;
  scored: ScoredRow;
  /** 偏差原因 asked for: 未达标 or 超额·需说明, or a reason is already written */
  showReason: boolean;
  qualLevel: QualLevel | null;
}

export function bandOf(level: QualLevel, p: RuleParams): { lo: number; hi: number } {
  if (level === 'achieved') return { lo: p.achievedMin, hi: 1 };
  if (level === 'partial') return { lo: p.partialMin, hi: p.achievedMin };
  return { lo: 0, hi: p.partialMin };
}

export function rowEntry(row: IndicatorRow, draft: RowDraft | undefined, params: RuleParams): RowEntry {
  const actualTextNow = draft?.actual ?? row.actual;
  const reasonNow = draft?.reason ?? row.reason;
  const target = parseTarget(row.target, row.level3);
  const kind = rowKind(target);
  const actual = parseActual(actualTextNow, target);
  const qualLevel = actual.kind === 'qualitative' ? actual.level : null;

  let override: OverrideState = { state: 'none' };
  let rateOverride = row.rateOverride;
  if (kind === '定性') {
    const text = draft?.override ?? rateText(row.rateOverride);
    const rate = parseRate(text);
    if (!rate.ok) override = { state: 'invalid', reason: rate.reason };
    else {
      rateOverride = rate.value;
      if (rate.value !== null) {
        const band = qualLevel ? bandOf(qualLevel, params) : null;
        override =
          band && (rate.value < band.lo - 1e-12 || rate.value > band.hi + 1e-12)
            ? { state: 'outside', value: rate.value, ...band }
            : { state: 'ok', value: rate.value };
      }
    }
  }
  const effective: IndicatorRow = { ...row, actual: actualTextNow, reason: reasonNow, rateOverride };
  const scored = scoreIndicator(effective, params);
  const showReason = scored.status === '未达标' || scored.status === '超额·需说明' || reasonNow.trim() !== '';
  return { row, effective, target, kind, actual, reading: actualText(actual, target), override, scored, showReason, qualLevel };
}

// ---------------------------------------------------------------------------------------------------------------
// Grouping

export interface Level2Group {
  level2: string;
  indices: number[];
}
export interface Level1Group {
  level1: string;
  weight: number;
  groups: Level2Group[];
}

/** Consecutive rows by 一级, then by 二级 within it, in sheet order. */
export function groupRows(rows: IndicatorRow[]): Level1Group[] {
  const out: Level1Group[] = [];
  rows.forEach((r, i) => {
    let g1 = out[out.length - 1];
    if (!g1 || g1.level1 !== r.level1) {
      g1 = { level1: r.level1, weight: 0, groups: [] };
      out.push(g1);
    }
    g1.weight = Math.round((g1.weight + r.weight) * 100) / 100;
    let g2 = g1.groups[g1.groups.length - 1];
    if (!g2 || g2.level2 !== r.level2) {
      g2 = { level2: r.level2, indices: [] };
      g1.groups.push(g2);
    }
    g2.indices.push(i);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Saving

/** 金额（万元）as typed: `3,096.04`, `3096.04万元`; null for blank; undefined when it is not an amount. */
export function parseMoney(text: string): number | null | undefined {
  const s = text.replace(/[\s,，]/g, '').replace(/万元$/u, '');
  if (s === '') return null;
  if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(s)) return undefined;
  return Number(s);
}

export type SaveProblem =
  | { kind: 'override'; index: number; level3: string; reason: string }
  | { kind: 'money'; part: string; field: BudgetField; text: string }
  | { kind: 'noColumn'; column: 'actual' | 'override' | 'reason' };

export type SavePlan = { ok: true; edits: CellEdit[] } | { ok: false; problems: SaveProblem[] };

/**
 * The cells a save writes, in one batch — or every problem, and nothing to write. Actuals go in as the sheet's
 * formulas read them (layout.actualCellValue: 96% → 0.96); text that cannot be read is written as typed, so the
 * sheet shows 无法计算 next to what the person wrote.
 */
export function planSave(found: FoundForm, drafts: FormDrafts): SavePlan {
  const edits: CellEdit[] = [];
  const problems: SaveProblem[] = [];
  const cols = found.columns;
  const noColumn = new Set<'actual' | 'override' | 'reason'>();
  const indices = Object.keys(drafts.rows)
    .map(Number)
    .sort((a, b) => a - b);
  for (const i of indices) {
    const row = found.form.rows[i];
    const sheetRow = found.rowNumbers[i];
    if (!row || sheetRow === undefined) continue;
    const d = drafts.rows[i];
    const target = parseTarget(row.target, row.level3);
    if (d.actual !== undefined && target.kind !== 'na') {
      if (!cols.actual) noColumn.add('actual');
      else edits.push({ row: sheetRow, col: cols.actual, value: actualCellValue(parseActual(d.actual, target), d.actual) });
    }
    if (d.override !== undefined) {
      const rate = parseRate(d.override);
      if (!rate.ok) problems.push({ kind: 'override', index: i, level3: row.level3, reason: rate.reason });
      else if (!cols.override) noColumn.add('override');
      else edits.push({ row: sheetRow, col: cols.override, value: rate.value });
    }
    if (d.reason !== undefined) {
      if (!cols.reason) noColumn.add('reason');
      else edits.push({ row: sheetRow, col: cols.reason, value: d.reason.trim() === '' ? null : d.reason });
    }
  }
  for (const [key, text] of Object.entries(drafts.budget)) {
    const [part, field] = key.split(':') as [string, BudgetField];
    const line = found.form.budget.parts[Number(part)];
    const sheetRow = found.partRows[Number(part)];
    if (!line || sheetRow === undefined) continue;
    const value = parseMoney(text);
    if (value === undefined) problems.push({ kind: 'money', part: line.label, field, text });
    else edits.push({ row: sheetRow, col: BUDGET_COL[field], value });
  }
  for (const column of noColumn) problems.push({ kind: 'noColumn', column });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, edits };
}

/** The drafts left after a save: fields typed again since the save started are kept. */
export function withoutSaved(current: FormDrafts, saved: FormDrafts): FormDrafts {
  const rows: Record<number, RowDraft> = {};
  for (const [i, d] of Object.entries(current.rows)) {
    const was = saved.rows[Number(i)] ?? {};
    const left: RowDraft = {};
    for (const [field, value] of Object.entries(d) as [RowField, string][]) if (was[field] !== value) left[field] = value;
    if (Object.keys(left).length > 0) rows[Number(i)] = left;
  }
  const budget: Record<string, string> = {};
  for (const [k, v] of Object.entries(current.budget)) if (saved.budget[k] !== v) budget[k] = v;
  return { rows, budget };
}
