// Reading a table from a file: CSV (UTF-8) or the sheet of an .xlsx that has the header row (src/sheet/tableFile.ts,
// shared with the task pane).

import { basename } from 'path';
import { readTableBytes, type TableFile } from '../sheet/tableFile';
import { readTableSheets } from '../xlsx/readTable';
import { CliError, readInput, type CliIO } from './io';

export type { TableFile };

export async function readTableFile(io: CliIO, shown: string): Promise<TableFile> {
  const data = await readInput(io, shown);
  const read = await readTableBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), basename(shown), readTableSheets);
  if (!read.ok) throw new CliError(read.error);
  return { rows: read.rows, where: read.where };
}
