// A table the person hands over as a file — CSV (UTF-8) or a sheet of a workbook — as rows of text, read the same
// way by the command line and the task pane (indicator tables, actuals, 单位名单). Opening a workbook is the
// caller's: the command line passes src/xlsx/readTable.ts as it is, the pane loads it with a dynamic import() so
// ExcelJS stays out of its first load.

import { decodeCsv } from './csv';
import { pickSheet, type TableCell } from './importTable';

export interface TableFile {
  rows: TableCell[][];
  /** how messages name the table: 「x.csv」 or 「x.xlsx」工作表「Sheet1」 */
  where: string;
}

/** What the file holds, or a complete sentence (naming the file) saying why it cannot be read as a table. */
export type TableFileResult = ({ ok: true } & TableFile) | { ok: false; error: string };

/** Every sheet of a workbook as text (src/xlsx/readTable.ts readTableSheets); throws when the bytes are no workbook. */
export type SheetsReader = (bytes: Uint8Array, fileName: string) => Promise<{ name: string; rows: TableCell[][] }[]>;

/** A workbook by its name, or by its first bytes whatever the name says: PK (zip) or an OLE compound file (.xls). */
export function looksLikeWorkbook(fileName: string, bytes: Uint8Array): boolean {
  if (/\.(xlsx|xlsm|xls|et)$/i.test(fileName)) return true;
  return bytes.length >= 4 && ((bytes[0] === 0x50 && bytes[1] === 0x4b) || (bytes[0] === 0xd0 && bytes[1] === 0xcf));
}

/**
 * The table of a file: the sheet of a workbook that looks like a table (src/sheet/importTable.ts pickSheet), or the
 * rows of a CSV. What `readSheets` throws (a file named .xlsx that is none) is left to the caller.
 */
export async function readTableBytes(bytes: Uint8Array, fileName: string, readSheets: SheetsReader): Promise<TableFileResult> {
  const quoted = `「${fileName}」`;
  if (looksLikeWorkbook(fileName, bytes)) {
    const sheets = await readSheets(bytes, fileName);
    const sheet = pickSheet(sheets);
    if (!sheet) return { ok: false, error: `${quoted}中所有工作表都是空的` };
    return { ok: true, rows: sheet.rows, where: sheets.length > 1 ? `${quoted}工作表「${sheet.name}」` : quoted };
  }
  const csv = decodeCsv(bytes, fileName);
  if (!csv.ok) return { ok: false, error: csv.error };
  return { ok: true, rows: csv.rows, where: quoted };
}
