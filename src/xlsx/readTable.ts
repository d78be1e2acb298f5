// .xlsx bytes → every sheet as a grid of text, for importing indicator tables (src/sheet/importTable.ts).
// Unlike readWorkbook this looks at number formats: a cell showing 95% holds 0.95, and the importer must see
// "95%" — read as 0.95 it would be a target of 0.95 (or an actual of 0.95%).

import ExcelJS from 'exceljs';
import { WorkbookReadError } from './readWorkbook';

export interface TextSheet {
  name: string;
  /** rows[row - 1][col - 1], each cell as the text a person reads in it ('' when blank) */
  rows: string[][];
}

const NOT_XLSX = '这不是 Excel 工作簿（.xlsx）文件';

export async function readTableSheets(data: Buffer | Uint8Array, fileName = '所选文件'): Promise<TextSheet[]> {
  const b = data instanceof Buffer ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (b.length === 0) throw new WorkbookReadError(fileName, `文件是空的，${NOT_XLSX}`);
  if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
    throw new WorkbookReadError(
      fileName,
      '这是旧版 Excel（.xls）或设置了打开密码的工作簿，请在 Excel 或 WPS 中另存为 .xlsx（不设打开密码）或 CSV UTF-8 后再试',
    );
  }
  if (b.length < 4 || b[0] !== 0x50 || b[1] !== 0x4b || b[2] !== 0x03 || b[3] !== 0x04) {
    throw new WorkbookReadError(fileName, NOT_XLSX);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(b as never);
  } catch (cause) {
    throw new WorkbookReadError(fileName, `${NOT_XLSX}，或文件已损坏`, { cause });
  }
  if (workbook.worksheets.length === 0) throw new WorkbookReadError(fileName, NOT_XLSX);
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
