// Office.js cells → plain ReadSheet / ReadWorkbook data. The queue helpers only queue loads; the caller syncs.

import type { CellValue, RangeRef, ReadCell, ReadSheet, ReadWorkbook } from '../sheet/plan';
import { parseAreaList, parseNameFormula } from './addresses';

/** 0-based rectangle, as Range.rowIndex / columnIndex / rowCount / columnCount give it. */
export interface Window {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/**
 * At most this many cells of one sheet are read. Values, formulas and value types of every cell travel in one
 * response, and Excel on the web refuses responses over 5 MB; a form is ~10 000 cells (500 indicators: 8 400).
 */
export const MAX_READ_CELLS = 60_000;
export const MAX_READ_COLUMNS = 100;

export function readWindow(used: Window): Window {
  const columnCount = Math.min(used.columnCount, MAX_READ_COLUMNS);
  const rowCount = Math.min(used.rowCount, Math.max(1, Math.floor(MAX_READ_CELLS / columnCount)));
  return { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount, columnCount };
}

/**
 * getMergedAreasOrNullObject fails when a range holds more than 512 merged areas, and reports only the areas whose
 * top-left cell lies inside the range (OfficeDev/office-js#3611) — so a sheet is asked in bands of rows small
 * enough never to hold 512 (1 024 cells: every merge covers at least two), and no area is reported twice.
 */
export const MERGE_BAND_CELLS = 1024;
export const MAX_MERGE_BANDS = 200;

export function mergeBands(w: Window): Window[] {
  let rows = Math.max(1, Math.floor(MERGE_BAND_CELLS / w.columnCount));
  if (Math.ceil(w.rowCount / rows) > MAX_MERGE_BANDS) rows = Math.ceil(w.rowCount / MAX_MERGE_BANDS);
  const out: Window[] = [];
  for (let r = 0; r < w.rowCount; r += rows) {
    out.push({ rowIndex: w.rowIndex + r, columnIndex: w.columnIndex, rowCount: Math.min(rows, w.rowCount - r), columnCount: w.columnCount });
  }
  return out;
}

/**
 * One cell. `formulas` gives a formula's text, and a constant as its value — text written with a leading apostrophe
 * comes back without it (OfficeDev/office-js#6687), so the text "=1+1" reads as "=1+1" in both arrays while a real
 * formula's value is its result: a formula whose value is its own text is text.
 */
export function readCell(value: unknown, formula: unknown, type: string): ReadCell | undefined {
  const f = typeof formula === 'string' && formula.startsWith('=') && !(type === 'String' && value === formula) ? formula : undefined;
  let cell: ReadCell | undefined;
  if (type === 'Error') cell = { v: null, err: String(value) };
  else if (type === 'Empty' || value === '' || value === null || value === undefined) cell = f ? { v: null } : undefined;
  else cell = { v: plain(value) };
  if (cell && f) cell.f = f;
  return cell;
}

function plain(value: unknown): CellValue {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : String(value);
}

export interface SheetBlock {
  window: Window;
  values: unknown[][];
  formulas: unknown[][];
  valueTypes: string[][];
}

export function toReadSheet(name: string, block: SheetBlock | null, mergeAddresses: string[]): ReadSheet {
  const cells: (ReadCell | undefined)[][] = [];
  if (block) {
    const { rowIndex, columnIndex } = block.window;
    block.values.forEach((row, i) => {
      const out: (ReadCell | undefined)[] = [];
      row.forEach((value, j) => {
        const cell = readCell(value, block.formulas[i]?.[j], block.valueTypes[i]?.[j] ?? 'Unknown');
        if (cell) out[columnIndex + j] = cell;
      });
      if (out.length > 0) {
        while (cells.length < rowIndex + i) cells.push([]);
        cells[rowIndex + i] = Array.from(out); // holes → undefined
      }
    });
  }
  const merges: RangeRef[] = [];
  const seen = new Set<string>();
  for (const text of mergeAddresses) {
    for (const m of parseAreaList(text)) {
      const key = `${m.row}:${m.col}:${m.rowEnd}:${m.colEnd}`;
      if (m.rowEnd === m.row && m.colEnd === m.col) continue;
      if (!seen.has(key)) merges.push(m);
      seen.add(key);
    }
  }
  return { name, cells, merges };
}

/** Defined names that are one rectangle on one sheet; constants, unions and names whose sheet is gone are skipped. */
export function readNames(items: readonly { name: string; type: string; formula: unknown }[]): ReadWorkbook['names'] {
  const out: ReadWorkbook['names'] = [];
  for (const item of items) {
    if (item.type !== 'Range' || item.name.startsWith('_xlnm.')) continue;
    const ref = parseNameFormula(item.formula);
    if (ref) out.push({ name: item.name, sheet: ref.sheet, range: ref.range });
  }
  return out;
}

/** Queues the loads of one sheet's cells; read the proxies after the caller's sync. */
export function queueSheetRead(sheet: Excel.Worksheet, window: Window, withMerges: boolean) {
  const at = (w: Window): Excel.Range => sheet.getRangeByIndexes(w.rowIndex, w.columnIndex, w.rowCount, w.columnCount);
  const range = at(window);
  range.load('values,formulas,valueTypes');
  const merged = withMerges
    ? mergeBands(window).map((band) => {
        const areas = at(band).getMergedAreasOrNullObject();
        areas.load('address');
        return areas;
      })
    : [];
  return {
    block: (): SheetBlock => ({ window, values: range.values, formulas: range.formulas, valueTypes: range.valueTypes }),
    mergeAddresses: (): string[] => merged.filter((a) => !a.isNullObject).map((a) => a.address),
  };
}
