// 新建: everything the 新建 tab decides, as plain functions — which form to build, where to put it, how each
// 年度指标值 was read, and reading an indicator table from a file or from pasted text.

import type { Form, FormMeta, IndicatorRow, StandardId } from '../../domain/form';
import { profileById } from '../../domain/rules';
import { blankForm, exampleForm } from '../../domain/standards';
import { describeTarget, parseTarget } from '../../domain/target';
import { parseCsvText } from '../../sheet/csv';
import { indicatorRows, readIndicatorTable, type TableCell } from '../../sheet/importTable';
import { readTableBytes, type SheetsReader } from '../../sheet/tableFile';
import type { ReadWorkbook } from '../../sheet/plan';
import { findForms } from '../../sheet/readback';

export type IndicatorSource = 'template' | 'example' | 'table';

export interface HeaderFields {
  projectName: string;
  unit: string;
  department: string;
  year: string;
}

/** An indicator table read from a file or the clipboard. */
export interface ImportedTable {
  /** how messages name it: 「x.csv」, 「x.xlsx」工作表「Sheet1」, or empty for pasted text */
  where: string;
  rows: IndicatorRow[];
  /** header fields found above the table (项目名称：…) */
  meta: Partial<FormMeta>;
}

export type TableResult = { ok: true; table: ImportedTable } | { ok: false; where: string; error: string; complete?: boolean };

export interface NewFormInput {
  standard: StandardId;
  header: HeaderFields;
  profileId: string;
  source: IndicatorSource;
  table: ImportedTable | null;
}

export function exampleHeader(): HeaderFields {
  const m = exampleForm().meta;
  return { projectName: m.projectName, unit: m.unit, department: m.department, year: m.year };
}

/** The form to insert. The 示例 keeps its own standard (部门整体) and budget; a profile brings its parameters. */
export function buildForm(input: NewFormInput): Form {
  const meta: Partial<FormMeta> = {
    projectName: input.header.projectName.trim(),
    unit: input.header.unit.trim(),
    department: input.header.department.trim(),
    year: input.header.year.trim(),
    profileId: input.profileId,
  };
  if (input.source === 'example') {
    const form = exampleForm();
    form.meta = { ...form.meta, ...meta };
    form.params = { ...profileById(input.profileId).params };
    return form;
  }
  const rows = input.source === 'table' && input.table ? input.table.rows : undefined;
  return blankForm(input.standard, meta, rows);
}

export type HeaderProblem = 'yearFormat' | 'noRows';

export function checkInput(input: NewFormInput): HeaderProblem | null {
  if (!/^\d{4}$/.test(input.header.year.trim())) return 'yearFormat';
  if (input.source === 'table' && (!input.table || input.table.rows.length === 0)) return 'noRows';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Where the form goes

export type SheetNameProblem = 'empty' | 'tooLong' | 'badChars';

/** Excel's rules for a worksheet name (and no apostrophe, which would break the formulas' references). */
export function checkSheetName(name: string): SheetNameProblem | null {
  if (name.trim() === '') return 'empty';
  if ([...name].length > 31) return 'tooLong';
  if (/[*?:/\\[\]']/.test(name)) return 'badChars';
  return null;
}

const sameName = (a: string, b: string): boolean => a.toLocaleLowerCase() === b.toLocaleLowerCase();

/** `base` if no sheet has that name (Excel compares names case-insensitively), else `base（2）`, `base（3）` … */
export function freeSheetName(base: string, existing: string[]): string {
  const chars = [...base];
  const fit = (s: string, suffix: string): string => chars.slice(0, 31 - [...suffix].length).join('') + suffix;
  const taken = (s: string): boolean => existing.some((e) => sameName(e, s));
  const first = fit(base, '');
  if (!taken(first)) return first;
  for (let n = 2; ; n++) {
    const candidate = fit(base, `（${n}）`);
    if (!taken(candidate)) return candidate;
  }
}

/** The first name prefix JXZP1, JXZP2 … that no defined name of the workbook uses. */
export function freePrefix(wb: ReadWorkbook): string {
  const used = new Set(wb.names.map((n) => /^([A-Za-z]+\d+)_/.exec(n.name)?.[1]?.toUpperCase()).filter(Boolean));
  for (let n = 1; ; n++) if (!used.has(`JXZP${n}`)) return `JXZP${n}`;
}

/**
 * What a sheet of that name holds:
 * - absent: no such sheet; empty: a sheet without any value;
 * - blankForm: a form of which nothing has been filled in yet;
 * - filled: a form with actuals, reasons or 得分率 — or anything else that is not a form.
 */
export type SheetState = 'absent' | 'empty' | 'blankForm' | 'filled';

export function sheetState(wb: ReadWorkbook, name: string): SheetState {
  const sheet = wb.sheets.find((s) => sameName(s.name, name));
  if (!sheet) return 'absent';
  const hasValue = sheet.cells.some((row) => row?.some((c) => c !== undefined && ((c.v !== null && c.v !== '') || !!c.f)));
  if (!hasValue) return 'empty';
  const forms = findForms(wb).filter((f) => f.sheet === sheet.name);
  if (forms.length === 0) return 'filled';
  const filled = forms.some(
    (f) =>
      f.form.meta.goalResult.trim() !== '' ||
      f.form.rows.some((r) => r.actual.trim() !== '' || r.reason.trim() !== '' || r.rateOverride !== null),
  );
  return filled ? 'filled' : 'blankForm';
}

/** The exact name of an existing sheet (its own spelling), or the name as given. */
export function existingSheetName(wb: ReadWorkbook, name: string): string {
  return wb.sheets.find((s) => sameName(s.name, name))?.name ?? name;
}

/** The prefix for a form put on `sheetName`: the replaced form's own, so no stale names are left; else a free one. */
export function prefixFor(wb: ReadWorkbook, sheetName: string): string {
  const own = findForms(wb).find((f) => sameName(f.sheet, sheetName) && f.prefix)?.prefix;
  return own ?? freePrefix(wb);
}

// ---------------------------------------------------------------------------------------------------------------
// How each 年度指标值 was read

export interface TargetPreview {
  index: number;
  level1: string;
  level2: string;
  level3: string;
  target: string;
  weight: number;
  /** ok: read; blank: not written yet (a template row); invalid: cannot be read (`reading` says why) */
  state: 'ok' | 'blank' | 'invalid';
  reading: string;
}

export function targetPreview(rows: IndicatorRow[]): TargetPreview[] {
  return rows.map((r, index) => {
    const t = parseTarget(r.target, r.level3);
    const base = { index, level1: r.level1, level2: r.level2, level3: r.level3, target: r.target, weight: r.weight };
    if (t.kind === 'invalid') {
      return r.target.trim() === '' ? { ...base, state: 'blank', reading: '' } : { ...base, state: 'invalid', reading: t.reason };
    }
    return { ...base, state: 'ok', reading: describeTarget(t) };
  });
}

export function weightSum(form: Form): { indicators: number; budget: number; total: number } {
  const indicators = Math.round(form.rows.reduce((a, r) => a + r.weight, 0) * 100) / 100;
  const budget = form.budget.weight;
  return { indicators, budget, total: Math.round((indicators + budget) * 100) / 100 };
}

// ---------------------------------------------------------------------------------------------------------------
// Indicator tables

function fromRows(rows: TableCell[][], where: string): TableResult {
  const read = readIndicatorTable(rows);
  if (!read.ok) return { ok: false, where, error: read.error };
  return { ok: true, table: { where, rows: indicatorRows(read.value), meta: read.value.meta } };
}

/** Text copied from Excel (tab-separated) or CSV text. */
export function readPastedTable(text: string): TableResult {
  const csv = parseCsvText(text, '粘贴的内容');
  if (!csv.ok) return { ok: false, where: '', error: csv.error, complete: true };
  return fromRows(csv.rows, '');
}

/** Every sheet of an .xlsx as text: ExcelJS is loaded here, and only when a workbook is read. */
export const lazyReadTableSheets: SheetsReader = async (bytes, fileName) => {
  const { readTableSheets } = await import('../../xlsx/readTable');
  return readTableSheets(bytes, fileName);
};

/** A CSV (UTF-8) or .xlsx indicator table. */
export async function readTableFile(bytes: Uint8Array, fileName: string): Promise<TableResult> {
  const quoted = `「${fileName}」`;
  let read;
  try {
    read = await readTableBytes(bytes, fileName, lazyReadTableSheets);
  } catch (e) {
    // WorkbookReadError: a complete sentence that names the file.
    return { ok: false, where: quoted, error: e instanceof Error ? e.message : String(e), complete: true };
  }
  if (!read.ok) return { ok: false, where: quoted, error: read.error, complete: true };
  return fromRows(read.rows, read.where);
}
