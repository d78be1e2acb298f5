// .xlsx bytes → plain cells (ReadWorkbook) through ExcelJS. Reads values as stored: formulas come with their
// cached results, which a file written by writeWorkbook does not have until a spreadsheet program saves it.
// The work is done in workbookCells.ts, which the browser can load; this adds reading a file from disk (Node).

import { readFile } from 'fs/promises';
import { basename } from 'path';
import type { ReadWorkbook } from '../sheet/plan';
import { loadWorkbook, toReadWorkbook, WorkbookReadError } from './workbookCells';

export { loadWorkbook, toReadWorkbook, WorkbookReadError };

/**
 * Reads every worksheet. Dates (cells with a date format, which ExcelJS turns into Date objects) come back as
 * Excel serial numbers, as Office.js reports them. A formula whose cached result is empty text, or which has no
 * cached result at all, reads as v = null.
 */
export async function readWorkbook(
  data: Buffer | ArrayBuffer | Uint8Array,
  fileName = '所选文件',
): Promise<ReadWorkbook> {
  return toReadWorkbook(await loadWorkbook(data, fileName));
}

/** Node only (CLI, tests): read a file from disk and parse it. */
export async function readWorkbookFile(path: string): Promise<ReadWorkbook> {
  const data = await readFile(path);
  return readWorkbook(data, basename(path));
}
