// Reading an indicator table from a file: CSV (UTF-8) or the first sheet of an .xlsx that has the header row.

import { basename, extname } from 'path';
import { decodeCsv } from '../sheet/csv';
import { pickSheet, type TableCell } from '../sheet/importTable';
import { readTableSheets } from '../xlsx/readTable';
import { CliError, readInput, type CliIO } from './io';

export interface TableFile {
  rows: TableCell[][];
  /** how messages name the table: 「x.csv」 or 「x.xlsx」工作表「Sheet1」 */
  where: string;
}

function looksLikeWorkbook(shown: string, data: Buffer): boolean {
  const ext = extname(shown).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls' || ext === '.et') return true;
  // PK (zip) or an OLE compound file, whatever the name says
  return data.length >= 4 && ((data[0] === 0x50 && data[1] === 0x4b) || (data[0] === 0xd0 && data[1] === 0xcf));
}

export async function readTableFile(io: CliIO, shown: string): Promise<TableFile> {
  const data = await readInput(io, shown);
  const name = basename(shown);
  if (looksLikeWorkbook(shown, data)) {
    const sheets = await readTableSheets(data, name);
    const sheet = pickSheet(sheets);
    if (!sheet) throw new CliError(`「${name}」中所有工作表都是空的`);
    return { rows: sheet.rows, where: sheets.length > 1 ? `「${name}」工作表「${sheet.name}」` : `「${name}」` };
  }
  const csv = decodeCsv(data, name);
  if (!csv.ok) throw new CliError(csv.error);
  return { rows: csv.rows, where: `「${name}」` };
}
