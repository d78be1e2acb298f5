// The 汇总 as an .xlsx: the consolidation's sheets (src/sheet/consolidate.ts), left unprotected so the clerk can
// sort, filter and annotate, and a hidden marker sheet, so the next run knows the file is a 汇总 it may replace.
// No Node APIs: the browser mode uses this too.

import ExcelJS from 'exceljs';
import type { SheetPlan } from '../sheet/plan';
import { consolidationMarkPlan, type ConsolidationMark } from '../sheet/stampSheet';
import { addHiddenSheet } from './stamp';
import { addPlanToWorkbook } from './writeWorkbook';

export async function writeConsolidation(plans: SheetPlan[], mark: ConsolidationMark): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效自评助手';
  for (const plan of plans) {
    await addPlanToWorkbook(wb, plan);
  }
  await addHiddenSheet(wb, consolidationMarkPlan(mark));
  const out = (await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer | Uint8Array;
  return out instanceof Uint8Array ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength) : new Uint8Array(out);
}
