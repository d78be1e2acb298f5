// SheetPlan: a declarative description of one worksheet. src/sheet builds it, adapters apply it
// (src/xlsx through ExcelJS, src/excel through Office.js). Nothing here knows either library.

export type CellValue = string | number | boolean | null;

/** 1-based, inclusive rectangle. */
export interface RangeRef {
  row: number;
  col: number;
  rowEnd: number;
  colEnd: number;
}

export type StyleName =
  | 'title'
  | 'subtitle'
  | 'label'
  | 'header'
  | 'text'
  | 'input'
  | 'inputText'
  | 'computed'
  | 'parsed'
  | 'total'
  | 'note'
  | 'param'
  | 'paramInput'
  | 'signature';

export interface StyleSpec {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** RRGGBB */
  fill?: string;
  /** RRGGBB */
  color?: string;
  hAlign?: 'left' | 'center' | 'right';
  vAlign?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  border?: boolean;
}

export interface PlanCell {
  /** A constant. Text stays text even when it starts with '=' (user text never becomes a formula). */
  value?: CellValue;
  /** Formula text with a leading '=', invariant (en-US) syntax; built only by src/sheet/formulas.ts. */
  formula?: string;
  style?: StyleName;
  numFmt?: string;
  /** Unlocked under sheet protection. */
  input?: boolean;
}

export type ValidationRule =
  | { type: 'decimal'; min?: number; max?: number; promptTitle: string; prompt: string; error: string }
  | { type: 'list'; items: string[]; promptTitle: string; prompt: string; error: string };

export interface ConditionalRule {
  /** Formula with a leading '=', relative to the top-left cell of the range. */
  formula: string;
  style: StyleSpec;
}

export interface SheetPlan {
  sheetName: string;
  rowCount: number;
  colCount: number;
  /** Dense grid: cells[row - 1][col - 1]; null = empty. */
  cells: (PlanCell | null)[][];
  /** Excel character widths, one per column. */
  columnWidths: number[];
  /** Row number → height in points, for rows that need one. */
  rowHeights: Record<number, number>;
  merges: RangeRef[];
  /** Workbook-scoped defined names. */
  names: { name: string; range: RangeRef }[];
  validations: { range: RangeRef; rule: ValidationRule }[];
  /** One rule per condition, conditions mutually exclusive (LibreOffice applies only the first match). */
  conditionalFormats: { range: RangeRef; rules: ConditionalRule[] }[];
  freeze: { rows: number; cols: number };
  print: { area: RangeRef; titleRows: { from: number; to: number }; landscape: boolean; fitToWidth: number };
  /** Sheet protection (null: a report left open for sorting and notes, not a form). */
  protect: { password: string | null } | null;
  /** A sheet people do not work in (a stamp, a marker): hidden, not very hidden — WPS and LibreOffice know only hidden. */
  hidden?: boolean;
}

export const STYLES: Record<StyleName, StyleSpec> = {
  title: { bold: true, size: 16, hAlign: 'center', vAlign: 'middle' },
  subtitle: { size: 11, hAlign: 'center', vAlign: 'middle' },
  label: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true, border: true, fill: 'F2F2F2' },
  header: { bold: true, hAlign: 'center', vAlign: 'middle', wrap: true, border: true, fill: 'D9E1F2' },
  text: { vAlign: 'middle', wrap: true, border: true },
  input: { vAlign: 'middle', border: true, fill: 'FFF9E5' },
  inputText: { vAlign: 'middle', wrap: true, border: true, fill: 'FFF9E5' },
  computed: { vAlign: 'middle', hAlign: 'right', border: true },
  parsed: { vAlign: 'middle', hAlign: 'center', border: true, color: '595959', fill: 'F7F7F7' },
  total: { bold: true, vAlign: 'middle', border: true, fill: 'E2EFDA' },
  note: { vAlign: 'middle', wrap: true, border: true, color: 'C00000' },
  param: { vAlign: 'middle', color: '595959' },
  paramInput: { vAlign: 'middle', border: true, color: '595959' },
  signature: { vAlign: 'middle' },
};

/** "A1"-style address of a 1-based cell. */
export function colName(col: number): string {
  let s = '';
  let c = col;
  while (c > 0) {
    const m = (c - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    c = Math.floor((c - 1) / 26);
  }
  return s;
}

export function addr(row: number, col: number, absolute = false): string {
  return absolute ? `$${colName(col)}$${row}` : `${colName(col)}${row}`;
}

export function rangeAddr(r: RangeRef, absolute = false): string {
  const a = addr(r.row, r.col, absolute);
  const b = addr(r.rowEnd, r.colEnd, absolute);
  return a === b ? a : `${a}:${b}`;
}

/** Sheet name quoted for use in a reference ('表 1'!A1). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Parse "B12" (or "$B$12") into 1-based row/col; null when it is not a cell address. */
export function parseAddr(a: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(a.trim().toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** A workbook as plain cells, as either adapter reads it (src/xlsx, src/excel). */
export interface ReadCell {
  /** Value, or the cached result of a formula. */
  v: CellValue;
  /** Formula with a leading '=', when the cell has one. */
  f?: string;
  /** Error value such as '#VALUE!', when the cell holds one. */
  err?: string;
  /** Number format, when the reader has it ('0.00%' tells that 0.95 shows as 95%). */
  fmt?: string;
}

export interface ReadSheet {
  name: string;
  /** cells[row - 1][col - 1]; rows and columns beyond the used range are absent. */
  cells: (ReadCell | undefined)[][];
  merges: RangeRef[];
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
  names: { name: string; sheet: string; range: RangeRef }[];
}

export function cellAt(sheet: ReadSheet, row: number, col: number): ReadCell | undefined {
  return sheet.cells[row - 1]?.[col - 1];
}
