// An indicator table as people keep it (CSV or a sheet) → rows of the form, or a reason it cannot be read.
// Pure: the adapters hand over a grid of cells (src/sheet/csv.ts, src/xlsx/readTable.ts); errors are values.

import type { FormMeta, IndicatorRow } from '../domain/form';

export type TableCell = string | number | boolean | null | undefined;

export type ImportField = 'level1' | 'level2' | 'level3' | 'target' | 'weight' | 'actual' | 'reason' | 'override';

/** Header names each field is known by; the first is the one the product writes and names in messages. */
export const FIELD_NAMES: Record<ImportField, readonly string[]> = {
  level1: ['一级指标'],
  level2: ['二级指标'],
  level3: ['三级指标'],
  target: ['年度指标值', '指标值', '年初目标值', '年度目标值', '目标值'],
  weight: ['分值', '权重'],
  actual: ['实际完成值', '完成值', '全年实际值', '实际值', '全年实际完成值'],
  reason: ['偏差原因分析及改进措施', '未完成原因分析', '偏差原因分析', '原因分析及改进措施', '偏差原因及改进措施'],
  override: ['定性得分率'],
};

export type ImportResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface TableHeader {
  /** 1-based row of the header in the grid */
  row: number;
  /** 0-based column of each field found */
  columns: Partial<Record<ImportField, number>>;
  /** every non-empty header text, as written */
  labels: string[];
  /** the header text each found field was written as (e.g. 权重 for weight) */
  written: Partial<Record<ImportField, string>>;
}

export interface TableRow {
  /** 1-based row in the grid (the line of a CSV, the row of a sheet) */
  rowNumber: number;
  level1: string;
  level2: string;
  level3: string;
  target: string;
  /** 分值 as written ('' when the column is absent or the cell blank) */
  weightText: string;
  actual: string;
  reason: string;
  /** 定性得分率 as written */
  overrideText: string;
}

export interface ImportedIndicator extends TableRow {
  weight: number;
}

export interface IndicatorTable {
  header: TableHeader;
  /** header fields found above the header row (项目名称：…); options given by the user win over them */
  meta: Partial<FormMeta>;
  rows: ImportedIndicator[];
}

export interface ActualsTable {
  header: TableHeader;
  rows: TableRow[];
}

// ---------------------------------------------------------------------------------------------------------------
// Text

function fullWidthToAscii(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCodePoint(c - 0xfee0) : c === 0x3000 ? ' ' : ch;
  }
  return out;
}

/** A cell as text: numbers without float noise (0.1+0.2 → 0.3), booleans as 是/否, blank as ''. */
export function cellText(v: TableCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(15))) : '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v).trim();
}

/** A header label reduced for matching: no spaces, no `*` marks, no trailing （A） / (万元) / （分）. */
function headerKey(label: string): string {
  let s = fullWidthToAscii(label).replace(/\s+/g, '').replace(/^\*+|\*+$/g, '');
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/\([^()]*\)$/, '');
  }
  return s;
}

const KEY_TO_FIELD = new Map<string, ImportField>();
for (const [field, names] of Object.entries(FIELD_NAMES) as [ImportField, readonly string[]][]) {
  for (const n of names) KEY_TO_FIELD.set(headerKey(n), field);
}

export function fieldOfHeader(label: string): ImportField | null {
  return KEY_TO_FIELD.get(headerKey(label)) ?? null;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `「${n}」`).join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Header

/** Rows a header may sit below (a title and a few header-field lines). */
const HEADER_SEARCH_ROWS = 60;

function headerAt(rows: TableCell[][], r: number): TableHeader {
  const columns: Partial<Record<ImportField, number>> = {};
  const written: Partial<Record<ImportField, string>> = {};
  const labels: string[] = [];
  (rows[r - 1] ?? []).forEach((cell, c) => {
    const label = cellText(cell);
    if (!label) return;
    labels.push(label);
    const field = fieldOfHeader(label);
    // The first column of a name wins: a form's own 实际完成值 beats a later 完成值 note column.
    if (field && columns[field] === undefined) {
      columns[field] = c;
      written[field] = label;
    }
  });
  return { row: r, columns, labels, written };
}

/**
 * The header row: the first row naming 三级指标; failing that, the row naming most known columns; failing that,
 * the first non-empty row (so a message can list what the table has). null for an empty table.
 */
export function findHeader(rows: TableCell[][]): TableHeader | null {
  let best: TableHeader | null = null;
  let bestCount = 0;
  let firstNonEmpty: TableHeader | null = null;
  const last = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= last; r++) {
    const h = headerAt(rows, r);
    if (h.labels.length === 0) continue;
    firstNonEmpty ??= h;
    if (h.columns.level3 !== undefined) return h;
    const count = Object.keys(h.columns).length;
    if (count > bestCount) {
      best = h;
      bestCount = count;
    }
  }
  if (best && bestCount >= 2) return best;
  return firstNonEmpty;
}

/** Of several sheets, the first with a header naming 三级指标; else the first with any header; null when all are empty. */
export function pickSheet<S extends { name: string; rows: TableCell[][] }>(sheets: S[]): S | null {
  const headers = sheets.map((s) => findHeader(s.rows));
  const withLevel3 = sheets.findIndex((_, i) => headers[i]?.columns.level3 !== undefined);
  if (withLevel3 >= 0) return sheets[withLevel3];
  const withAny = sheets.findIndex((_, i) => Object.keys(headers[i]?.columns ?? {}).length >= 2);
  if (withAny >= 0) return sheets[withAny];
  const nonEmpty = sheets.findIndex((_, i) => headers[i] !== null);
  return nonEmpty >= 0 ? sheets[nonEmpty] : null;
}

function missingColumns(header: TableHeader, required: ImportField[]): string | null {
  const missing = required.filter((f) => header.columns[f] === undefined);
  if (missing.length === 0) return null;
  const what = missing
    .map((f) => {
      const [main, ...alt] = FIELD_NAMES[f];
      return alt.length > 0 ? `「${main}」列（也可写作${quoteList(alt)}）` : `「${main}」列`;
    })
    .join('、');
  const found = header.labels.length > 0 ? header.labels.join('、') : '（无）';
  return `缺少${what}。表头在第${header.row}行，找到的列：${found}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Header fields above the table (项目名称：xxx)

const META_LABELS: ReadonlyArray<readonly [string, keyof FormMeta]> = [
  ['项目名称', 'projectName'],
  ['部门(单位)名称', 'projectName'],
  ['部门名称', 'projectName'],
  ['单位名称', 'projectName'],
  ['实施单位', 'unit'],
  ['主管部门', 'department'],
  ['年度', 'year'],
  ['评价年度', 'year'],
  ['所属年度', 'year'],
  ['年度总体目标', 'goal'],
  ['实际完成情况', 'goalResult'],
];

function metaLabel(text: string): keyof FormMeta | null {
  const key = headerKey(text).replace(/[:：]$/, '');
  for (const [label, field] of META_LABELS) if (key === headerKey(label)) return field;
  return null;
}

/** `项目名称：xxx` in one cell, or `项目名称 | xxx` in neighbouring cells; a 4-digit 年度 in a title as a fallback. */
export function headerFields(rows: TableCell[][], headerRow: number): Partial<FormMeta> {
  const meta: Partial<FormMeta> = {};
  let titleYear = '';
  for (let r = 1; r < headerRow; r++) {
    const cells = (rows[r - 1] ?? []).map(cellText);
    cells.forEach((text, c) => {
      if (!text) return;
      const inline = /^([^:：]{2,12})[:：]\s*(.+)$/u.exec(text);
      if (inline) {
        const field = metaLabel(inline[1]);
        if (field && meta[field] === undefined) {
          meta[field] = inline[2].trim() as never;
          return;
        }
      }
      const field = metaLabel(text);
      if (field) {
        if (meta[field] !== undefined) return;
        const next = cells.slice(c + 1).find((t) => t !== '');
        if (next !== undefined && metaLabel(next) === null) meta[field] = next as never;
        return;
      }
      const y = /((?:19|20)\d{2})\s*年/u.exec(text);
      if (y && !titleYear) titleYear = y[1];
    });
  }
  if (meta.year !== undefined) {
    const y = /(?:19|20)\d{2}/.exec(meta.year);
    if (y) meta.year = y[0];
  } else if (titleYear) {
    meta.year = titleYear;
  }
  return meta;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows

const END_OF_TABLE = /^(总分|合计|总计)/u;

/**
 * The rows under the header. Blank 一级 / 二级 cells inherit from the row above (merged cells arrive blank below
 * their first row); a 二级 inherits only while the 一级 does, so a new 一级 never takes the old group's 二级.
 * A row with a 一级 label and nothing else is a group heading. The table ends at a 总分 / 合计 row.
 */
function tableRows(rows: TableCell[][], header: TableHeader): TableRow[] {
  const col = header.columns;
  const get = (row: TableCell[], f: ImportField): string => (col[f] === undefined ? '' : cellText(row[col[f] as number]));
  const out: TableRow[] = [];
  let level1 = '';
  let level2 = '';
  for (let r = header.row + 1; r <= rows.length; r++) {
    const row = rows[r - 1] ?? [];
    const l1 = get(row, 'level1');
    const l2 = get(row, 'level2');
    const l3 = get(row, 'level3');
    const target = get(row, 'target');
    const firstText = row.map(cellText).find((t) => t !== '') ?? '';
    if (END_OF_TABLE.test(l1) || END_OF_TABLE.test(l3) || (END_OF_TABLE.test(firstText) && !l3)) break;
    if (l1) {
      if (l1 !== level1) level2 = '';
      level1 = l1;
    }
    if (l2) level2 = l2;
    if (!l3 && !target) continue; // blank line or group heading
    out.push({
      rowNumber: r,
      level1,
      level2,
      level3: l3,
      target,
      weightText: get(row, 'weight'),
      actual: get(row, 'actual'),
      reason: get(row, 'reason'),
      overrideText: get(row, 'override'),
    });
  }
  return out;
}

/** 分值 as written: `10`, `2.5`, `１０`, `10分`; null when it is not a number of points. */
export function parseWeight(text: string): number | null {
  const s = fullWidthToAscii(text).replace(/\s+/g, '').replace(/分$/u, '');
  if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** 定性得分率 as written: `85%`, `0.85`, `85` (read as percent); null for blank; a reason when unreadable. */
export function parseRate(text: string): { ok: true; value: number | null } | { ok: false; reason: string } {
  const s = fullWidthToAscii(text).replace(/\s+/g, '');
  if (s === '') return { ok: true, value: null };
  const m = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(s);
  if (!m) return { ok: false, reason: `「${text}」不是得分率：请写成 85% 或 0.85` };
  let v = Number(m[1]);
  if (m[2] === '%' || v > 1) v = v / 100;
  v = Number(v.toPrecision(12));
  if (v > 1) return { ok: false, reason: `得分率「${text}」超过 100%` };
  return { ok: true, value: v };
}

/** Reads an indicator table for a new form: 一级, 二级, 三级, 年度指标值 and 分值 are required; 分值 must be numbers. */
export function readIndicatorTable(rows: TableCell[][]): ImportResult<IndicatorTable> {
  const header = findHeader(rows);
  if (!header) return { ok: false, error: '表格是空的' };
  const missing = missingColumns(header, ['level1', 'level2', 'level3', 'target', 'weight']);
  if (missing) return { ok: false, error: missing };
  const weightColumn = header.written.weight ?? FIELD_NAMES.weight[0];
  const out: ImportedIndicator[] = [];
  for (const row of tableRows(rows, header)) {
    if (row.weightText === '') {
      return { ok: false, error: `第${row.rowNumber}行「${weightColumn}」列：为空，请填写分值` };
    }
    const weight = parseWeight(row.weightText);
    if (weight === null) {
      return { ok: false, error: `第${row.rowNumber}行「${weightColumn}」列：「${row.weightText}」不是数字` };
    }
    out.push({ ...row, weight });
  }
  if (out.length === 0) return { ok: false, error: `表头（第${header.row}行）下面没有指标行` };
  return { ok: true, value: { header, meta: headerFields(rows, header.row), rows: out } };
}

/** Reads a table of actual values: 三级指标 and at least one of 实际完成值 / 偏差原因分析及改进措施 / 定性得分率. */
export function readActualsTable(rows: TableCell[][]): ImportResult<ActualsTable> {
  const header = findHeader(rows);
  if (!header) return { ok: false, error: '表格是空的' };
  const missingName = missingColumns(header, ['level3']);
  if (missingName) return { ok: false, error: missingName };
  const c = header.columns;
  if (c.actual === undefined && c.reason === undefined && c.override === undefined) {
    return { ok: false, error: missingColumns(header, ['actual']) as string };
  }
  return { ok: true, value: { header, rows: tableRows(rows, header) } };
}

/** The rows of an indicator table as rows of the form (实际完成值 and the rest carried over when given). */
export function indicatorRows(table: IndicatorTable): IndicatorRow[] {
  return table.rows.map((r) => {
    const rate = parseRate(r.overrideText);
    return {
      level1: r.level1,
      level2: r.level2,
      level3: r.level3,
      target: r.target,
      weight: r.weight,
      actual: r.actual,
      rateOverride: rate.ok ? rate.value : null,
      reason: r.reason,
    };
  });
}
