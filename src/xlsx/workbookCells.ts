// .xlsx bytes → ExcelJS workbook → plain cells (ReadWorkbook), using nothing from Node: the browser mode loads this
// (through memoryWorkbook.ts), so it must not import fs or path, nor need a global Buffer. readWorkbook.ts adds the
// Node side (files on disk) on top.

import ExcelJS from 'exceljs';
import type { CellValue, RangeRef, ReadCell, ReadSheet, ReadWorkbook } from '../sheet/plan';
import { parseAddr } from '../sheet/plan';

/** The data is not an .xlsx workbook this program can read. `message` is for the user, in Chinese. */
export class WorkbookReadError extends Error {
  readonly fileName: string;
  constructor(fileName: string, reason: string, options?: { cause?: unknown }) {
    super(`无法读取「${fileName}」：${reason}`);
    this.name = 'WorkbookReadError';
    this.fileName = fileName;
    if (options && 'cause' in options) (this as { cause?: unknown }).cause = options.cause;
  }
}

const NOT_XLSX = '这不是 Excel 工作簿（.xlsx）文件';

/**
 * Parses the bytes into an ExcelJS workbook, or says in Chinese (WorkbookReadError) why they are not a workbook.
 * Formulas keep their cached results, as stored.
 */
export async function loadWorkbook(data: ArrayBuffer | Uint8Array, fileName = '所选文件'): Promise<ExcelJS.Workbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  checkSignature(bytes, fileName);

  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS types its input as its own `Buffer extends ArrayBuffer`. In Node it takes a Buffer (a view shares
    // the bytes without copying); its browser build reads a Uint8Array, and a page has no global Buffer.
    const input = typeof Buffer === 'function' ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
    await workbook.xlsx.load(input as unknown as ExcelJS.Buffer);
  } catch (cause) {
    throw new WorkbookReadError(fileName, `${NOT_XLSX}，或文件已损坏`, { cause });
  }
  if (workbook.worksheets.length === 0) {
    // A zip without a workbook part (a .docx, a .zip): ExcelJS loads it as an empty workbook.
    throw new WorkbookReadError(fileName, NOT_XLSX);
  }
  return workbook;
}

/**
 * Every worksheet of an ExcelJS workbook as plain cells. Dates (cells with a date format, which ExcelJS turns into
 * Date objects) come back as Excel serial numbers, as Office.js reports them. A formula whose cached result is
 * empty text, or which has no cached result at all, reads as v = null.
 */
export function toReadWorkbook(workbook: ExcelJS.Workbook): ReadWorkbook {
  const date1904 = workbook.properties.date1904 === true;
  return {
    sheets: workbook.worksheets.map((ws) => readSheet(ws, date1904)),
    names: readNames(workbook),
  };
}

/**
 * Forgets the cached result of every formula of a sheet. A workbook saved by Excel, WPS or LibreOffice carries
 * each formula's last result; after new inputs those results are wrong, and a program that trusts them (or a
 * reader of the XML) would show old scores. Without a cached result every program computes the formula.
 */
export function dropCachedResults(ws: ExcelJS.Worksheet): void {
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.type !== ExcelJS.ValueType.Formula) return;
      const v = cell.value as unknown as Record<string, unknown>;
      if (v && typeof v === 'object' && 'result' in v) {
        const rest = { ...v };
        delete rest.result;
        cell.value = rest as unknown as ExcelJS.CellValue;
      }
    });
  });
}

/** Say what the file is when it plainly is not an .xlsx, before handing it to the zip reader. */
function checkSignature(b: Uint8Array, fileName: string): void {
  if (b.length === 0) throw new WorkbookReadError(fileName, `文件是空的，${NOT_XLSX}`);
  // An OLE compound file: a legacy .xls, or an .xlsx encrypted with a password to open.
  if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
    throw new WorkbookReadError(
      fileName,
      '这是旧版 Excel（.xls）或设置了打开密码的工作簿，请在 Excel 或 WPS 中另存为 .xlsx（不设打开密码）后再试',
    );
  }
  if (b.length < 4 || b[0] !== 0x50 || b[1] !== 0x4b || b[2] !== 0x03 || b[3] !== 0x04) {
    throw new WorkbookReadError(fileName, NOT_XLSX);
  }
}

function readSheet(ws: ExcelJS.Worksheet, date1904: boolean): ReadSheet {
  const cells: (ReadCell | undefined)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const out: (ReadCell | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const rc = readCell(cell, date1904);
      if (rc) {
        while (out.length < colNumber - 1) out.push(undefined);
        out[colNumber - 1] = rc;
      }
    });
    if (out.length > 0) {
      while (cells.length < rowNumber - 1) cells.push([]);
      cells[rowNumber - 1] = out;
    }
  });
  return { name: ws.name, cells, merges: ws.model.merges.map(parseRange).filter(isRange) };
}

function readCell(cell: ExcelJS.Cell, date1904: boolean): ReadCell | undefined {
  const read = readValue(cell, date1904);
  // A percent format tells a reviewer that 0.95 shows as 95% (hand-made tables hold percentages that way).
  const fmt = cell.numFmt;
  return read && typeof read.v === 'number' && fmt && fmt !== 'General' ? { ...read, fmt } : read;
}

function readValue(cell: ExcelJS.Cell, date1904: boolean): ReadCell | undefined {
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge: // covered by a merge (or an empty, unstyled <c>)
      return undefined;
    case ExcelJS.ValueType.Formula: {
      const formula = cell.formula;
      // cell.result, not cell.value.result: the latter drops falsy results (0, false).
      const result = plainValue(cell.result, date1904);
      return formula ? { ...result, f: `=${formula}` } : result;
    }
    default:
      return plainValue(cell.value, date1904);
  }
}

/** Normalises an ExcelJS value (or formula result) to {v, err?}. */
function plainValue(value: unknown, date1904: boolean): ReadCell {
  if (value === null || value === undefined) return { v: null };
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return { v: value };
  if (value instanceof Date) return { v: dateToSerial(value, date1904) };
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.error === 'string') return { v: null, err: o.error };
    if (Array.isArray(o.richText)) return { v: richText(o.richText) };
    if ('text' in o) {
      // hyperlink: text is a string or a rich-text object
      const t = o.text as unknown;
      if (typeof t === 'string') return { v: t };
      if (t && typeof t === 'object' && Array.isArray((t as { richText?: unknown }).richText)) {
        return { v: richText((t as { richText: unknown[] }).richText) };
      }
      return { v: t === null || t === undefined ? null : String(t) };
    }
    if ('result' in o) return plainValue(o.result, date1904);
  }
  return { v: String(value) as CellValue };
}

function richText(runs: unknown[]): string {
  return runs.map((r) => String((r as { text?: unknown }).text ?? '')).join('');
}

/** Inverse of ExcelJS's excelToDate (serial days since 1899-12-30, or 1904-01-01, in UTC). */
function dateToSerial(d: Date, date1904: boolean): number {
  return 25569 + d.getTime() / 86400000 - (date1904 ? 1462 : 0);
}

function parseRange(text: string): RangeRef | null {
  const [a, b = a] = text.split(':');
  const tl = parseAddr(a);
  const br = parseAddr(b);
  if (!tl || !br) return null;
  return { row: tl.row, col: tl.col, rowEnd: br.row, colEnd: br.col };
}

function isRange(r: RangeRef | null): r is RangeRef {
  return r !== null;
}

/** Workbook names that are one rectangle on one sheet; anything else (constants, unions, built-ins) is skipped. */
function readNames(workbook: ExcelJS.Workbook): ReadWorkbook['names'] {
  const names: ReadWorkbook['names'] = [];
  for (const { name, ranges } of workbook.definedNames.model) {
    if (name.startsWith('_xlnm.') || ranges.length !== 1) continue;
    const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(ranges[0]);
    if (!m) continue;
    const range = parseRange(m[3]);
    if (!range) continue;
    names.push({ name, sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], range });
  }
  return names;
}
