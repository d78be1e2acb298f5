// .xlsx bytes → every sheet as a grid of text, for importing indicator tables (src/sheet/importTable.ts).
// Unlike readWorkbook this looks at number formats: a cell showing 95% holds 0.95, and the importer must see
// "95%" — read as 0.95 it would be a target of 0.95 (or an actual of 0.95%).

import ExcelJS from 'exceljs';
import { loadWorkbook } from './workbookCells';

export interface TextSheet {
  name: string;
  /** rows[row - 1][col - 1], each cell as the text a person reads in it ('' when blank) */
  rows: string[][];
}

/** Every sheet as text. Works in the browser too (no Buffer): the pane imports tables through it. */
export async function readTableSheets(data: ArrayBuffer | Uint8Array, fileName = '所选文件'): Promise<TextSheet[]> {
  const workbook = await loadWorkbook(data, fileName);
  return workbook.worksheets.map((ws) => ({ name: ws.name, rows: sheetRows(ws) }));
}

function sheetRows(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const out: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const text = cellText(cell);
      if (text !== '') {
        while (out.length < colNumber - 1) out.push('');
        out[colNumber - 1] = text;
      }
    });
    while (rows.length < rowNumber - 1) rows.push([]);
    rows[rowNumber - 1] = out;
  });
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  if (cell.type === ExcelJS.ValueType.Merge) return '';
  const value = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  return valueText(value, cell.numFmt ?? '');
}

/** Numbers rounded to 12 significant digits, so 0.95*100 reads 95, not 95.00000000000001. */
function num(x: number): string {
  const r = Number(x.toPrecision(12));
  return String(r === 0 ? 0 : r);
}

function valueText(value: unknown, numFmt: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    // A % outside quotes in the format: the cell shows the value times 100.
    if (/%/.test(numFmt.replace(/"[^"]*"/g, ''))) return `${num(value * 100)}%`;
    return num(value);
  }
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.error === 'string') return o.error;
    if (Array.isArray(o.richText)) return o.richText.map((r) => String((r as { text?: unknown }).text ?? '')).join('').trim();
    if ('text' in o) return valueText(o.text, '');
    if ('result' in o) return valueText(o.result, numFmt);
  }
  return String(value);
}
