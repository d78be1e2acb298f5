// What goes into `range.formulas` for one cell. Excel reads a string assigned there as if typed: "=…", "+…", "-…"
// and "@…" become formulas, "100%" a number, "1:18" a time, "TRUE" a boolean. A leading apostrophe makes it keep
// the text as written (the apostrophe itself is not stored), which is how user text stays text.

import type { CellValue, PlanCell } from '../sheet/plan';

export type CellInput = string | number | boolean;

/** Characters that make Excel parse an entry as a formula (after leading blanks), and the apostrophe itself. */
const FORMULA_START = /^\s*[=+\-@']/;
/**
 * Text Excel may turn into something else: anything with a digit (numbers, percentages, dates, times, fractions,
 * 1:18, 2022年1月5日 in a Chinese locale), the two booleans, and error literals such as #N/A. Prefixing text that
 * would have stayed text anyway costs nothing, so the test is broad on purpose.
 */
const COERCIBLE = /[0-9０-９]|^\s*(true|false)\s*$|^\s*#/i;

export function needsQuotePrefix(text: string): boolean {
  return FORMULA_START.test(text) || COERCIBLE.test(text);
}

/** Text as it must be assigned so that Excel stores exactly this text. */
export function textInput(text: string): string {
  return text !== '' && needsQuotePrefix(text) ? `'${text}` : text;
}

/** A constant: numbers and booleans as themselves, text kept as text, nothing as ''. */
export function valueInput(value: CellValue | undefined): CellInput {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return textInput(value);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`a cell value must be a finite number, not ${value}`);
  }
  return value;
}

/** A plan cell: its formula (invariant syntax, as `formulas` takes it), else its constant. */
export function planCellInput(cell: PlanCell | null): CellInput {
  if (cell?.formula !== undefined) {
    if (!cell.formula.startsWith('=')) throw new Error(`a formula must start with '=': ${cell.formula}`);
    return cell.formula;
  }
  return valueInput(cell?.value);
}
