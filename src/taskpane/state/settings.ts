// 设置: the rule parameters live in named cells of the form's sheet; the pane reads and writes those cells.

import type { RuleParams } from '../../domain/rules';
import type { CellEdit } from '../../sheet/inputs';
import { formNames, PARAM_KEYS, PARAM_LABELS, paramCellValue } from '../../sheet/layout';
import { cellAt, type ReadWorkbook } from '../../sheet/plan';
import type { FoundForm } from '../../sheet/readback';

export type ParamKey = keyof RuleParams;

export { PARAM_KEYS, paramCellValue };

export interface CellRef {
  sheet: string;
  row: number;
  col: number;
}

/**
 * Where each parameter of a form lives: its workbook name (forms of this product), else the cell to the right of
 * its label in the parameter block (a form whose names were lost). null when neither is there.
 */
export function paramCells(wb: ReadWorkbook, found: FoundForm): Record<ParamKey | 'profile', CellRef | null> {
  const names = found.prefix ? formNames(found.prefix) : null;
  const sheet = wb.sheets.find((s) => s.name === found.sheet);
  const byLabel = (label: string): CellRef | null => {
    if (!sheet) return null;
    for (let r = 1; r <= sheet.cells.length; r++) {
      const row = sheet.cells[r - 1] ?? [];
      const i = row.findIndex((c) => typeof c?.v === 'string' && c.v.trim() === label);
      if (i < 0) continue;
      const m = sheet.merges.find((g) => g.row === r && g.col === i + 1);
      return { sheet: sheet.name, row: r, col: (m ? m.colEnd : i + 1) + 1 };
    }
    return null;
  };
  const locate = (key: ParamKey | 'profile'): CellRef | null => {
    const n = names ? wb.names.find((x) => x.name === names[key]) : undefined;
    if (n) return { sheet: n.sheet, row: n.range.row, col: n.range.col };
    return byLabel(PARAM_LABELS[key]);
  };
  const out = {} as Record<ParamKey | 'profile', CellRef | null>;
  for (const k of [...PARAM_KEYS, 'profile' as const]) out[k] = locate(k);
  return out;
}

/** The parameters as the 设置 tab edits them: percentages as typed, switches as booleans. */
export interface ParamFields {
  reverse: 'ratio' | 'linear';
  achievedMin: string;
  partialMin: string;
  achievedRate: string;
  partialRate: string;
  failedRate: string;
  overThreshold: string;
  naRescale: boolean;
  capByExecution: boolean;
}

export type PercentKey = 'achievedMin' | 'partialMin' | 'achievedRate' | 'partialRate' | 'failedRate' | 'overThreshold';
export const PERCENT_KEYS: PercentKey[] = ['achievedMin', 'partialMin', 'achievedRate', 'partialRate', 'failedRate', 'overThreshold'];

const pct = (x: number): string => String(Math.round(x * 1e6) / 1e4);

export function fieldsOf(p: RuleParams): ParamFields {
  return {
    reverse: p.reverse,
    achievedMin: pct(p.achievedMin),
    partialMin: pct(p.partialMin),
    achievedRate: pct(p.achievedRate),
    partialRate: pct(p.partialRate),
    failedRate: pct(p.failedRate),
    overThreshold: pct(p.overThreshold),
    naRescale: p.naRescale,
    capByExecution: p.capByExecution,
  };
}

export type ParamProblem =
  | { kind: 'notNumber'; key: PercentKey; text: string }
  | { kind: 'range'; key: PercentKey; min: number; max: number }
  | { kind: 'bands' }
  | { kind: 'defaultOutside'; key: 'achievedRate' | 'partialRate' | 'failedRate'; lo: number; hi: number };

/** Percent as typed (`120`, `120%`, `１２０％`) → fraction; null when it is not a number. */
export function parsePercent(text: string): number | null {
  const s = text.replace(/[\s\u3000]/g, '').replace(/[％%]$/u, '').replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(s)) return null;
  return Number((Number(s) / 100).toPrecision(12));
}

export function paramsOf(fields: ParamFields): { ok: true; params: RuleParams } | { ok: false; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  const values = {} as Record<PercentKey, number>;
  for (const k of PERCENT_KEYS) {
    const v = parsePercent(fields[k]);
    if (v === null) {
      problems.push({ kind: 'notNumber', key: k, text: fields[k] });
      continue;
    }
    const [min, max] = k === 'overThreshold' ? [1, 10] : [0, 1];
    if (v < min || v > max) problems.push({ kind: 'range', key: k, min, max });
    values[k] = v;
  }
  if (problems.length > 0) return { ok: false, problems };
  if (!(values.partialMin < values.achievedMin)) problems.push({ kind: 'bands' });
  const inside = (key: 'achievedRate' | 'partialRate' | 'failedRate', lo: number, hi: number): void => {
    if (values[key] < lo || values[key] > hi) problems.push({ kind: 'defaultOutside', key, lo, hi });
  };
  if (problems.length === 0) {
    inside('achievedRate', values.achievedMin, 1);
    inside('partialRate', values.partialMin, values.achievedMin);
    inside('failedRate', 0, values.partialMin);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    params: { reverse: fields.reverse, ...values, naRescale: fields.naRescale, capByExecution: fields.capByExecution },
  };
}

export type ParamSave =
  | { ok: true; sheet: string; edits: CellEdit[] }
  | { ok: false; missing: ParamKey[] }
  | { ok: false; otherSheet: true };

/** The changed parameters as cell edits (all on the form's sheet), or which ones have no cell. */
export function planParamSave(
  cells: Record<ParamKey | 'profile', CellRef | null>,
  before: RuleParams,
  after: RuleParams,
  profileId: string | null,
): ParamSave {
  const changed = PARAM_KEYS.filter((k) => paramCellValue(k, before) !== paramCellValue(k, after));
  const missing = changed.filter((k) => !cells[k]);
  if (missing.length > 0) return { ok: false, missing };
  const refs = changed.map((k) => [cells[k] as CellRef, paramCellValue(k, after)] as const);
  const profileRef = profileId !== null ? cells.profile : null;
  const all = profileRef ? [...refs, [profileRef, profileId as string] as const] : refs;
  const sheets = new Set(all.map(([ref]) => ref.sheet));
  if (sheets.size > 1) return { ok: false, otherSheet: true };
  const sheet = all[0]?.[0].sheet ?? '';
  return { ok: true, sheet, edits: all.map(([ref, value]) => ({ row: ref.row, col: ref.col, value })) };
}

/** The cell value of a parameter as it stands in the workbook (for tests and the preview). */
export function cellValue(wb: ReadWorkbook, ref: CellRef): unknown {
  const sheet = wb.sheets.find((s) => s.name === ref.sheet);
  return sheet ? cellAt(sheet, ref.row, ref.col)?.v : undefined;
}
