// Write input values into an existing .xlsx: load it with ExcelJS, set the given cells, save it again.
// Everything else — merges, formulas, validations, conditional formats, names, protection, styles — is carried
// over by ExcelJS; the few things its round trip would change are put right here (see the notes below).

import ExcelJS from 'exceljs';
import type { CellEdit } from '../sheet/inputs';
import { WorkbookReadError } from './readWorkbook';
import { dropCachedResults } from './workbookCells';
import { keepPrintAreaAbsolute } from './writeWorkbook';
import { installXsdBooleans } from './xsdBooleans';

export type { CellEdit };

/**
 * Returns the workbook with the edits applied. Refuses (throws) to write into a formula cell or a cell covered
 * by a merge: input cells are neither, so such an edit means the form is not where the caller thinks it is.
 */
export async function applyInputs(
  data: Buffer | Uint8Array,
  sheetName: string,
  edits: CellEdit[],
  fileName = '所选文件',
): Promise<Buffer> {
  installXsdBooleans();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load((data instanceof Buffer ? data : Buffer.from(data)) as never);
  } catch (cause) {
    throw new WorkbookReadError(fileName, '这不是 Excel 工作簿（.xlsx）文件，或文件已损坏', { cause });
  }
  const ws = workbook.getWorksheet(sheetName);
  if (!ws) throw new Error(`no worksheet named "${sheetName}" in ${fileName}`);

  for (const e of edits) {
    const cell = ws.getCell(e.row, e.col);
    if (cell.type === ExcelJS.ValueType.Merge) {
      throw new Error(`${sheetName}!${cell.address} is covered by a merge; refusing to write an input there`);
    }
    if (cell.type === ExcelJS.ValueType.Formula) {
      throw new Error(`${sheetName}!${cell.address} holds a formula; refusing to overwrite it with an input`);
    }
    if (typeof e.value === 'number' && !Number.isFinite(e.value)) {
      throw new Error(`${sheetName}!${cell.address}: not a finite number: ${e.value}`);
    }
    // A string is a plain string to ExcelJS: text starting with '=' stays text. The cell keeps its style.
    cell.value = e.value;
  }

  for (const sheet of workbook.worksheets) {
    dropCachedResults(sheet);
    keepPrintAreaAbsolute(sheet);
  }
  // The inputs changed, so every cached result is stale: make Excel and WPS compute the sheet when it opens.
  workbook.calcProperties.fullCalcOnLoad = true;
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

