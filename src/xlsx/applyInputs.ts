// Write input values into an existing .xlsx: load it with ExcelJS, set the given cells, save it again.
// Everything else — merges, formulas, validations, conditional formats, names, protection, styles — is carried
// over by ExcelJS; the few things its round trip would change are put right here (see the notes below).

import ExcelJS from 'exceljs';
import type { CellEdit } from '../sheet/inputs';
import { WorkbookReadError } from './readWorkbook';
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

/**
 * A workbook saved by Excel, WPS or LibreOffice carries each formula's last result. After new inputs those
 * results are wrong, and a program that trusts them (or a reader of the XML) would show old scores. Without a
 * cached result every program computes the formula.
 */
function dropCachedResults(ws: ExcelJS.Worksheet): void {
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

/**
 * ExcelJS reads the print area as `A1:O53` and writes it back as `$A1:$O53` (it adds the column `$` only).
 * Given `A$1:O$53` it writes the fully absolute `$A$1:$O$53` that Excel itself writes (as writeWorkbook does).
 */
function keepPrintAreaAbsolute(ws: ExcelJS.Worksheet): void {
  const area = ws.pageSetup?.printArea;
  if (!area) return;
  ws.pageSetup.printArea = area
    .split('&&')
    .map((part) =>
      part
        .split(':')
        .map((ref) => {
          const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
          return m ? `${m[1]}$${m[2]}` : ref;
        })
        .join(':'),
    )
    .join('&&');
}
