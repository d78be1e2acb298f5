// Where a district's workbook keeps its stamp: a hidden worksheet of label / value cells, and the same fields again
// as workbook names holding text constants (JXZP_STAMP_*). Both are plain spreadsheet features that Excel, WPS and
// LibreOffice keep when they save (a hidden sheet stays hidden, a name stays defined); the names also survive the
// sheet being deleted. This module is pure: the plan of the sheet, the names' formulas, and reading either back.

import { STAMP_FORMAT, type Stamp } from '../domain/distribution';
import type { PlanCell, ReadSheet, ReadWorkbook, SheetPlan } from './plan';

/** Name of the hidden worksheet. */
export const STAMP_SHEET = '_绩效自评助手';
/** First cell of the sheet: how the sheet is recognised even when renamed. */
export const STAMP_MARKER = '绩效自评助手·下发标记';
export const CONSOLIDATION_MARKER = '绩效自评助手·汇总标记';

type StampKey = keyof Stamp | 'check';

/** The stamp's fields in sheet order: label in column A, value in column B, and the workbook name. */
export const STAMP_FIELDS: { key: StampKey; label: string; name: string }[] = [
  { key: 'format', label: '格式版本', name: 'JXZP_STAMP_FORMAT' },
  { key: 'templateId', label: '模板编号', name: 'JXZP_STAMP_TEMPLATE' },
  { key: 'version', label: '模板版本', name: 'JXZP_STAMP_VERSION' },
  { key: 'year', label: '年度', name: 'JXZP_STAMP_YEAR' },
  { key: 'district', label: '单位', name: 'JXZP_STAMP_DISTRICT' },
  { key: 'sheet', label: '工作表', name: 'JXZP_STAMP_SHEET' },
  { key: 'fingerprint', label: '指纹', name: 'JXZP_STAMP_FINGERPRINT' },
  { key: 'issued', label: '下发日期', name: 'JXZP_STAMP_ISSUED' },
  { key: 'check', label: '校验码', name: 'JXZP_STAMP_CHECK' },
];

const FIRST_FIELD_ROW = 4;

/** A stamp with its check (domain/distribution.ts stampCheck), as written into a workbook. */
export interface SealedStamp extends Stamp {
  check: string;
}

function textPlan(sheetName: string, title: string, note: string, fields: [string, string][]): SheetPlan {
  const rowCount = FIRST_FIELD_ROW + fields.length - 1;
  const cells: (PlanCell | null)[][] = Array.from({ length: rowCount }, () => [null, null]);
  cells[0][0] = { value: title, style: 'subtitle' };
  cells[1][0] = { value: note, style: 'param' };
  fields.forEach(([label, value], i) => {
    cells[FIRST_FIELD_ROW - 1 + i][0] = { value: label, style: 'label' };
    // Always text: a year or an id of digits must not become a number.
    cells[FIRST_FIELD_ROW - 1 + i][1] = { value, style: 'text', numFmt: '@' };
  });
  return {
    sheetName,
    rowCount,
    colCount: 2,
    cells,
    columnWidths: [14, 72],
    rowHeights: {},
    merges: [],
    names: [],
    validations: [],
    conditionalFormats: [],
    freeze: { rows: 0, cols: 0 },
    print: { area: { row: 1, col: 1, rowEnd: rowCount, colEnd: 2 }, titleRows: { from: 1, to: 1 }, landscape: false, fitToWidth: 1 },
    protect: { password: null },
    hidden: true,
  };
}

/** The hidden stamp sheet of a district's workbook. */
export function stampSheetPlan(stamp: SealedStamp): SheetPlan {
  return textPlan(
    STAMP_SHEET,
    STAMP_MARKER,
    '本工作表由绩效自评助手写入：汇总时据此识别报表，并核对表中受保护的单元格和公式。请勿修改或删除。',
    STAMP_FIELDS.map((f) => [f.label, String(stamp[f.key])]),
  );
}

/** Workbook names carrying the stamp as text constants: { name, formula } with formula like ="甲区". */
export function stampNames(stamp: SealedStamp): { name: string; formula: string }[] {
  return STAMP_FIELDS.map((f) => ({ name: f.name, formula: `="${String(stamp[f.key]).replace(/"/g, '""')}"` }));
}

/** The marker sheet of a workbook written by 汇总, so a later run knows it may replace it. */
export interface ConsolidationMark {
  templateId: string;
  year: string;
  title: string;
  made: string;
}

export const CONSOLIDATION_FIELDS: { key: keyof ConsolidationMark; label: string }[] = [
  { key: 'templateId', label: '模板编号' },
  { key: 'year', label: '年度' },
  { key: 'title', label: '表名' },
  { key: 'made', label: '汇总时间' },
];

export function consolidationMarkPlan(mark: ConsolidationMark): SheetPlan {
  return textPlan(
    STAMP_SHEET,
    CONSOLIDATION_MARKER,
    '本工作簿是绩效自评助手生成的汇总表：重新汇总时会整体替换。',
    CONSOLIDATION_FIELDS.map((f) => [f.label, mark[f.key]]),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/** label → value of a marker sheet. */
function fieldsOf(sheet: ReadSheet): Map<string, string> {
  const out = new Map<string, string>();
  sheet.cells.forEach((row) => {
    const label = str(row?.[0]?.v);
    if (label && !out.has(label)) out.set(label, str(row?.[1]?.v));
  });
  return out;
}

/** The marker sheet: by its name, else any sheet whose A1 holds a marker (a renamed copy). */
function markerSheet(wb: ReadWorkbook, marker: string): ReadSheet | null {
  const first = (s: ReadSheet): string => str(s.cells[0]?.[0]?.v);
  return wb.sheets.find((s) => s.name === STAMP_SHEET && first(s) === marker) ?? wb.sheets.find((s) => first(s) === marker) ?? null;
}

/** Raw stamp fields (not yet checked) from the stamp sheet; null when the workbook has none. */
export function readStampSheet(wb: ReadWorkbook): Partial<SealedStamp> | null {
  const sheet = markerSheet(wb, STAMP_MARKER);
  if (!sheet) return null;
  const fields = fieldsOf(sheet);
  const out: Partial<Record<StampKey, string>> = {};
  for (const f of STAMP_FIELDS) {
    const v = fields.get(f.label);
    if (v !== undefined) out[f.key] = v;
  }
  return out as Partial<SealedStamp>;
}

/** Raw stamp fields from workbook names (name → text constant), as an adapter found them. */
export function stampFromNames(names: Map<string, string>): Partial<SealedStamp> | null {
  const out: Partial<Record<StampKey, string>> = {};
  let any = false;
  for (const f of STAMP_FIELDS) {
    const v = names.get(f.name);
    if (v !== undefined) {
      out[f.key] = v;
      any = true;
    }
  }
  return any ? (out as Partial<SealedStamp>) : null;
}

/** The 汇总 marker, when the workbook is one this product wrote. */
export function readConsolidationMark(wb: ReadWorkbook): ConsolidationMark | null {
  const sheet = markerSheet(wb, CONSOLIDATION_MARKER);
  if (!sheet) return null;
  const fields = fieldsOf(sheet);
  const out = {} as ConsolidationMark;
  for (const f of CONSOLIDATION_FIELDS) out[f.key] = fields.get(f.label) ?? '';
  return out;
}

/** All fields present and of the current format: a complete stamp (its check is verified by the caller). */
export function completeStamp(s: Partial<SealedStamp> | null): SealedStamp | null {
  if (!s) return null;
  for (const f of STAMP_FIELDS) if (typeof s[f.key] !== 'string') return null;
  if (s.format !== STAMP_FORMAT) return null;
  return s as SealedStamp;
}
