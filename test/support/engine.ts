// Write forms to .xlsx, let LibreOffice recalculate them, and read back what the sheet's own formulas computed.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Form } from '../../src/domain/form';
import { BUDGET_COL, COL, formGeometry, planForm, ROW } from '../../src/sheet/layout';
import { cellAt, CellValue, ReadSheet, ReadWorkbook } from '../../src/sheet/plan';
import { findForms } from '../../src/sheet/readback';
import { readWorkbookFile } from '../../src/xlsx/readWorkbook';
import { writeWorkbook } from '../../src/xlsx/writeWorkbook';
import { recalculate } from './libreoffice';

export interface SheetResult {
  rows: { completion: CellValue; score: CellValue; status: CellValue; hint: CellValue }[];
  subtotals: { weight: CellValue; applicable: CellValue; score: CellValue }[];
  budget: { rate: CellValue; score: CellValue; weight: CellValue; annual: CellValue };
  totalWeight: CellValue;
  applicableWeight: CellValue;
  rawScore: CellValue;
  rescaled: CellValue;
  total: CellValue;
  grade: CellValue;
  /** addresses of cells holding an error value (#VALUE!, #DIV/0! …) */
  errors: string[];
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes each form to its own sheet of one workbook, recalculates it in LibreOffice, returns the workbook read back. */
export async function computeInLibreOffice(forms: Form[], name = 'forms'): Promise<{ wb: ReadWorkbook; file: string }> {
  const dir = tempDir('jxzp-engine-');
  const input = path.join(dir, 'in');
  const output = path.join(dir, 'out');
  fs.mkdirSync(input);
  fs.mkdirSync(output);
  const plans = forms.map((f, i) => planForm(f, { sheetName: `表${i + 1}`, prefix: `JXZP${i + 1}` }));
  const file = path.join(input, `${name}.xlsx`);
  fs.writeFileSync(file, await writeWorkbook(plans));
  const [recalculated] = recalculate([file], output);
  return { wb: await readWorkbookFile(recalculated), file: recalculated };
}

export function sheetResult(wb: ReadWorkbook, form: Form, sheetName: string): SheetResult {
  const sheet = wb.sheets.find((s) => s.name === sheetName) as ReadSheet;
  const g = formGeometry(form);
  const v = (row: number, col: number): CellValue => cellAt(sheet, row, col)?.v ?? null;
  const errors: string[] = [];
  sheet.cells.forEach((row, r) => row.forEach((c, ci) => c?.err && errors.push(`R${r + 1}C${ci + 1} ${c.err}`)));
  const groupCount = g.summaryBudget - g.summaryFirst;
  return {
    rows: form.rows.map((_, i) => ({
      completion: v(g.first + i, COL.completion),
      score: v(g.first + i, COL.score),
      status: v(g.first + i, COL.status),
      hint: v(g.first + i, COL.hint),
    })),
    subtotals: Array.from({ length: groupCount }, (_, i) => ({
      weight: v(g.summaryFirst + i, 4),
      applicable: v(g.summaryFirst + i, 6),
      score: v(g.summaryFirst + i, 8),
    })),
    budget: {
      annual: v(ROW.fundTotal, BUDGET_COL.annual),
      rate: v(ROW.fundTotal, BUDGET_COL.rate),
      score: v(ROW.fundTotal, BUDGET_COL.score),
      weight: v(ROW.fundTotal, BUDGET_COL.weight),
    },
    totalWeight: v(g.summarySum, 4),
    applicableWeight: v(g.summarySum, 6),
    rawScore: v(g.summarySum, 8),
    rescaled: v(g.summaryRescaled, 8),
    total: v(g.totalRow, COL.score),
    grade: v(g.totalRow, COL.status),
    errors,
  };
}

export { findForms };
