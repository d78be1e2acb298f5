// 下发 as .xlsx files: one workbook per district — the district's form (only input cells editable, as every form of
// this product) and its stamp (a hidden sheet and workbook names). No Node APIs: the browser mode uses this too.

import ExcelJS from 'exceljs';
import {
  districtFileNames,
  districtForm,
  STAMP_FORMAT,
  stampCheck,
  templateId as templateIdOf,
  type District,
  type Stamp,
} from '../domain/distribution';
import type { Form } from '../domain/form';
import { planFingerprint } from '../sheet/fingerprint';
import { defaultSheetName, planForm } from '../sheet/layout';
import type { SealedStamp } from '../sheet/stampSheet';
import { addStampNames, addStampSheet } from './stamp';
import { addPlanToWorkbook } from './writeWorkbook';

export interface DistributeOptions {
  /** the bureau's version of the template (第 N 版); default '1' */
  version?: string;
  /** date of issue, YYYY-MM-DD; default today */
  issued?: string;
  /** called after each district's workbook */
  onProgress?: (done: number, total: number, district: string) => void;
}

export interface DistrictFile {
  district: string;
  fileName: string;
  bytes: Uint8Array;
  stamp: SealedStamp;
}

function today(): string {
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function plainBytes(out: unknown): Uint8Array {
  const b = out as ArrayBuffer | Uint8Array;
  return b instanceof Uint8Array ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);
}

/** The district's form, its plan and its sealed stamp (what the Excel pane needs to write one district's workbook). */
export async function districtPlan(
  template: Form,
  district: District,
  ctx: { templateId: string; version: string; issued: string },
): Promise<{ form: Form; plan: ReturnType<typeof planForm>; stamp: SealedStamp }> {
  const form = districtForm(template, district);
  const plan = planForm(form, { sheetName: defaultSheetName(form) });
  const stamp: Stamp = {
    format: STAMP_FORMAT,
    templateId: ctx.templateId,
    version: ctx.version,
    year: form.meta.year,
    district: district.name,
    sheet: plan.sheetName,
    fingerprint: await planFingerprint(plan),
    issued: ctx.issued,
  };
  return { form, plan, stamp: { ...stamp, check: await stampCheck(stamp) } };
}

/** One district's workbook as .xlsx bytes. */
export async function districtWorkbook(
  template: Form,
  district: District,
  ctx: { templateId: string; version: string; issued: string },
): Promise<{ bytes: Uint8Array; stamp: SealedStamp }> {
  const { plan, stamp } = await districtPlan(template, district, ctx);
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效自评助手';
  // No cached results in the file: Excel, WPS and LibreOffice compute every formula when they open it.
  wb.calcProperties.fullCalcOnLoad = true;
  await addPlanToWorkbook(wb, plan);
  await addStampSheet(wb, stamp);
  const bytes = plainBytes(await wb.xlsx.writeBuffer());
  return { bytes: await addStampNames(bytes, stamp), stamp };
}

async function contextOf(template: Form, options: DistributeOptions): Promise<{ templateId: string; version: string; issued: string }> {
  return { templateId: await templateIdOf(template), version: options.version ?? '1', issued: options.issued ?? today() };
}

/** Every district's workbook, in the districts' order. The settings are assumed checked (checkDistrict). */
export async function distributeFiles(
  template: Form,
  districts: District[],
  options: DistributeOptions = {},
): Promise<{ templateId: string; files: DistrictFile[] }> {
  const ctx = await contextOf(template, options);
  const names = districtFileNames(template, districts);
  const files: DistrictFile[] = [];
  for (let i = 0; i < districts.length; i++) {
    const { bytes, stamp } = await districtWorkbook(template, districts[i], ctx);
    files.push({ district: districts[i].name, fileName: names[i], bytes, stamp });
    options.onProgress?.(i + 1, districts.length, districts[i].name);
  }
  return { templateId: ctx.templateId, files };
}

/**
 * One district's workbook (districts[index]), the same bytes and name distributeFiles gives it: for sending one
 * district its file again, or opening it in Excel as a new workbook.
 */
export async function distributeOne(template: Form, districts: District[], index: number, options: DistributeOptions = {}): Promise<DistrictFile> {
  const district = districts[index];
  if (!district) throw new RangeError(`no district ${index}`);
  const { bytes, stamp } = await districtWorkbook(template, district, await contextOf(template, options));
  return { district: district.name, fileName: districtFileNames(template, districts)[index], bytes, stamp };
}
