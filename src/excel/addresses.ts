// A1 addresses for Office.js: cells grouped into rectangles, rectangles into multi-area address lists short enough
// for Worksheet.getRanges, and the addresses Excel hands back (Range.address, RangeAreas.address, NamedItem.formula)
// parsed into RangeRefs.

import { colName, parseAddr, rangeAddr, type RangeRef } from '../sheet/plan';

/**
 * getRanges rejects some long address lists ("The argument is invalid or missing or has an incorrect format"); the
 * limit is not documented — lists of ~8200 characters or ~500 areas fail on some hosts (OfficeDev/office-js#5198).
 * Lists are kept far below that; each extra list is one more queued command, not one more sync.
 */
export const MAX_AREA_LIST_CHARS = 2000;
export const MAX_AREAS_PER_LIST = 100;

/**
 * Cells (1-based, any order, duplicates allowed) as few rectangles: runs of adjacent columns within a row, then
 * runs spanning the same columns on consecutive rows stacked into one rectangle.
 */
export function rectangles(cells: Iterable<{ row: number; col: number }>): RangeRef[] {
  const byRow = new Map<number, Set<number>>();
  for (const { row, col } of cells) {
    let s = byRow.get(row);
    if (!s) byRow.set(row, (s = new Set()));
    s.add(col);
  }
  const done: RangeRef[] = [];
  let open = new Map<string, RangeRef>();
  let prevRow = -1;
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = [...(byRow.get(row) as Set<number>)].sort((a, b) => a - b);
    const next = new Map<string, RangeRef>();
    for (let i = 0; i < cols.length; ) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === cols[j] + 1) j++;
      const key = `${cols[i]}:${cols[j]}`;
      const above = row === prevRow + 1 ? open.get(key) : undefined;
      if (above) {
        above.rowEnd = row;
        open.delete(key);
        next.set(key, above);
      } else {
        next.set(key, { row, col: cols[i], rowEnd: row, colEnd: cols[j] });
      }
      i = j + 1;
    }
    done.push(...open.values());
    open = next;
    prevRow = row;
  }
  done.push(...open.values());
  return done.sort((a, b) => a.row - b.row || a.col - b.col);
}

/** Comma-separated address lists for getRanges, each within the limits above. */
export function areaLists(areas: string[]): string[] {
  const lists: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const a of areas) {
    if (current.length > 0 && (length + 1 + a.length > MAX_AREA_LIST_CHARS || current.length >= MAX_AREAS_PER_LIST)) {
      lists.push(current.join(','));
      current = [];
      length = 0;
    }
    length += (current.length > 0 ? 1 : 0) + a.length;
    current.push(a);
  }
  if (current.length > 0) lists.push(current.join(','));
  return lists;
}

export function rangeLists(ranges: RangeRef[]): string[] {
  return areaLists(ranges.map((r) => rangeAddr(r)));
}

/** Whole rows ("10:12") or whole columns ("A:C") covering the given indexes, consecutive ones joined. */
export function lineAreas(indexes: number[], kind: 'rows' | 'columns'): string[] {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const out: string[] = [];
  const name = (i: number): string => (kind === 'rows' ? String(i) : colName(i));
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(`${name(sorted[i])}:${name(sorted[j])}`);
    i = j + 1;
  }
  return out;
}

/** A sheet name as Excel writes it in references: quoted with doubled quotes. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** "B12", "$B$12", "A1:C3" → a RangeRef; null for anything else (whole rows or columns, names, errors). */
export function parseRangeAddress(text: string): RangeRef | null {
  const [a, b = a, extra] = text.split(':');
  if (extra !== undefined) return null;
  const tl = parseAddr(a);
  const br = parseAddr(b);
  if (!tl || !br) return null;
  return { row: Math.min(tl.row, br.row), col: Math.min(tl.col, br.col), rowEnd: Math.max(tl.row, br.row), colEnd: Math.max(tl.col, br.col) };
}

/** One "Sheet!A1:B2" (sheet quoted or not) → sheet and range. */
export function parseSheetReference(text: string): { sheet: string; range: RangeRef } | null {
  // Unquoted names are plain words (Excel quotes any other); "#REF!" is no sheet.
  const m = /^\s*(?:'((?:[^']|'')+)'|([^\s'!,#"()=<>&+\-*/^]+))!([^!,]+?)\s*$/.exec(text);
  if (!m) return null;
  const range = parseRangeAddress(m[3]);
  if (!range) return null;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2].trim(), range };
}

/**
 * A list of areas as Excel writes it ("Sheet1!A1:B4, Sheet1!D1:D4", sheet names quoted when needed and possibly
 * containing commas) → ranges. Areas that are not rectangles of cells are skipped.
 */
export function parseAreaList(text: string): RangeRef[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === "'") quoted = !quoted; // '' inside a quoted name toggles twice: still quoted
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  const out: RangeRef[] = [];
  for (const p of parts) {
    const withSheet = p.includes('!') ? parseSheetReference(p) : null;
    const range = withSheet ? withSheet.range : parseRangeAddress(p.trim());
    if (range) out.push(range);
  }
  return out;
}

/** A defined name's formula ("=Sheet1!$A$1:$B$2") → sheet and range; null for constants, unions, #REF! … */
export function parseNameFormula(formula: unknown): { sheet: string; range: RangeRef } | null {
  if (typeof formula !== 'string' || !formula.startsWith('=')) return null;
  return parseSheetReference(formula.slice(1));
}
