// 下发与汇总 in the pane: everything the tab decides, as plain functions — the 单位名单 from a file or pasted text,
// what each district has of its own, the districts' workbooks (all in one .zip, or one opened in Excel), the files
// that came back collected and checked, and the 汇总 written. The steps around the core are the command line's
// (src/sheet/distributionFlow.ts); the files are made and read by src/xlsx, and the returns checked and consolidated
// by src/sheet/collect.ts and consolidate.ts, all reached through dynamic import() only: ExcelJS, and the checking
// that only 汇总 needs, stay out of the add-in's first load.

import { templateStructure, type District } from '../../domain/distribution';
import type { Form } from '../../domain/form';
import type { CollectResult } from '../../sheet/collect';
import type { Consolidation } from '../../sheet/consolidate';
import { parseCsvText } from '../../sheet/csv';
import { readDistrictTable } from '../../sheet/districtTable';
import { distributionArchiveName } from '../../sheet/distributionFlow';
import type { ReadWorkbook } from '../../sheet/plan';
import { consolidationMarkPlan, readConsolidationMark, readStampSheet } from '../../sheet/stampSheet';
import { readTableBytes, type TableFile } from '../../sheet/tableFile';
import type { ReturnedFile } from '../../xlsx/collectFiles';
import type { DistrictFile } from '../../xlsx/distribute';
import type { WorkbookPort } from '../port';
import { fileBytes } from './download';
import { lazyReadTableSheets } from './newForm';

// ---------------------------------------------------------------------------------------------------------------
// The 单位名单

/** The 单位名单 as read (rows of text, not yet checked against the template), or why it cannot be read. */
export type DistrictSource = { ok: true; table: TableFile } | { ok: false; where: string; error: string };

/** A CSV (UTF-8) or .xlsx 单位名单. ExcelJS is loaded only for a workbook. */
export async function readDistrictsFile(bytes: Uint8Array, fileName: string): Promise<DistrictSource> {
  const where = `「${fileName}」`;
  try {
    const read = await readTableBytes(bytes, fileName, lazyReadTableSheets);
    return read.ok ? { ok: true, table: { rows: read.rows, where: read.where } } : { ok: false, where, error: read.error };
  } catch (e) {
    // WorkbookReadError: a complete sentence that names the file.
    return { ok: false, where, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Text copied from Excel (tab-separated) or CSV text. `where` is '' (the pane names it in the person's language). */
export function readPastedDistricts(text: string): DistrictSource {
  const csv = parseCsvText(text, '粘贴的内容');
  return csv.ok ? { ok: true, table: { rows: csv.rows, where: '' } } : { ok: false, where: '', error: csv.error };
}

/** A 单位名单 kept on a worksheet of the workbook itself: its cells as text rows (numbers as written). */
export function readDistrictsSheet(wb: ReadWorkbook, sheetName: string): DistrictSource {
  const where = `工作表「${sheetName}」`;
  const sheet = wb.sheets.find((s) => s.name === sheetName);
  if (!sheet) return { ok: false, where, error: `找不到${where}` };
  const rows = sheet.cells.map((row) => (row ?? []).map((c) => (c?.v === null || c?.v === undefined ? '' : String(c.v).trim())));
  if (!rows.some((r) => r.some((x) => x !== ''))) return { ok: false, where, error: `${where}是空的` };
  return { ok: true, table: { rows, where } };
}

export type DistrictsRead = { ok: true; districts: District[] } | { ok: false; problems: string[] };

/** The districts of the 单位名单 against the template, or every problem (第5行「三级指标」列：…), one a line. */
export function districtsOf(table: TableFile, template: Form): DistrictsRead {
  const read = readDistrictTable(table.rows, template);
  return read.ok ? { ok: true, districts: read.value } : { ok: false, problems: read.error.split('\n') };
}

/** One setting of a district's own, next to the template's. */
export interface OverrideLine {
  level3: string;
  target: { template: string; district: string } | null;
  weight: { template: number; district: number } | null;
}

export function overrideLines(template: Form, d: District): OverrideLine[] {
  return d.overrides.map((o) => {
    const row = template.rows[o.index];
    return {
      level3: row?.level3 ?? o.level3,
      target: o.target !== undefined ? { template: row?.target ?? '', district: o.target } : null,
      weight: o.weight !== undefined ? { template: row?.weight ?? 0, district: o.weight } : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 下发

export type Progress = (done: number, total: number, name: string) => void;

/** Every district's workbook in one .zip (browser mode), named after the template. */
export async function distributionArchive(
  template: Form,
  districts: District[],
  version: string,
  onProgress?: Progress,
): Promise<{ fileName: string; bytes: Uint8Array; files: string[] }> {
  const { distributeFiles } = await import(/* webpackChunkName: "distribution" */ '../../xlsx/distribute');
  const { zipFiles } = await import(/* webpackChunkName: "distribution" */ '../../xlsx/zip');
  const { files } = await distributeFiles(template, districts, { version, onProgress });
  const bytes = await zipFiles(files.map((f) => ({ name: f.fileName, bytes: f.bytes })));
  return { fileName: distributionArchiveName(template), bytes, files: files.map((f) => f.fileName) };
}

/** One district's workbook, as the .zip would hold it. */
export async function districtFile(template: Form, districts: District[], index: number, version: string): Promise<DistrictFile> {
  const { distributeOne } = await import(/* webpackChunkName: "distribution" */ '../../xlsx/distribute');
  return distributeOne(template, districts, index, { version });
}

// ---------------------------------------------------------------------------------------------------------------
// 汇总

/** Files chosen again (the same file picked twice, or dropped after being picked) are kept once. */
export function addFiles(current: File[], added: File[]): File[] {
  const key = (f: File): string => `${f.name}\u0001${f.size}\u0001${f.lastModified}`;
  const seen = new Set(current.map(key));
  const out = [...current];
  for (const f of added) {
    if (seen.has(key(f))) continue;
    seen.add(key(f));
    out.push(f);
  }
  return out;
}

/** The chosen files' bytes; a file too large to be a form (or an archive of forms) is passed on unread. */
export async function returnedFiles(files: File[]): Promise<ReturnedFile[]> {
  const { sizeLimitOf } = await import(/* webpackChunkName: "distribution" */ '../../sheet/collect');
  const out: ReturnedFile[] = [];
  for (const f of files) out.push(f.size > sizeLimitOf(f.name) ? { name: f.name, size: f.size } : { name: f.name, bytes: await fileBytes(f) });
  return out;
}

/** Every returned file read, identified, checked and scored (collectFiles); nothing is written. */
export async function collectReturns(template: Form, districts: District[], files: File[], onProgress?: Progress): Promise<CollectResult> {
  const { collectFiles } = await import(/* webpackChunkName: "distribution" */ '../../xlsx/collectFiles');
  return collectFiles(template, districts, await returnedFiles(files), { onProgress });
}

/** The 汇总's sheets and marker for a collected batch (src/sheet/consolidate.ts consolidationOf). */
export async function consolidation(result: CollectResult, made: string): Promise<Consolidation> {
  const { consolidationOf } = await import(/* webpackChunkName: "distribution" */ '../../sheet/consolidate');
  return consolidationOf(result, made);
}

/** The 汇总 as an .xlsx (browser mode). */
export async function consolidationBytes(c: Consolidation): Promise<Uint8Array> {
  const { writeConsolidation } = await import(/* webpackChunkName: "distribution" */ '../../xlsx/consolidationWorkbook');
  return writeConsolidation(c.plans, c.mark);
}

/**
 * Whether the 汇总 may go into this workbook: not into a district's own return (its stamp sheet would be replaced),
 * and sheets named 汇总 / 指标汇总 / 核查明细 are replaced without asking only when an earlier 汇总 made them.
 */
export type ConsolidationTarget = { ok: true } | { stampOf: string } | { foreign: string[] };

export function consolidationTarget(wb: ReadWorkbook, c: Consolidation): ConsolidationTarget {
  const stamp = readStampSheet(wb);
  if (stamp) return { stampOf: stamp.district ?? '' };
  if (readConsolidationMark(wb)) return { ok: true };
  const names = c.plans.map((p) => p.sheetName);
  const foreign = wb.sheets.map((s) => s.name).filter((n) => names.some((x) => x.toLowerCase() === n.toLowerCase()));
  return foreign.length > 0 ? { foreign } : { ok: true };
}

/** A 汇总 written in part: the sheets before `sheet` are in the workbook. */
export class ConsolidationWriteError extends Error {
  constructor(
    readonly sheet: string,
    readonly written: string[],
    readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'ConsolidationWriteError';
  }
}

/**
 * The 汇总 into the workbook (Excel): the hidden marker first (so that a later run replaces whatever of this one got
 * written), then each sheet, an earlier 汇总's sheets replaced; the 汇总 sheet is shown at the end.
 */
export async function writeConsolidationSheets(port: WorkbookPort, c: Consolidation): Promise<string[]> {
  const written: string[] = [];
  for (const plan of [consolidationMarkPlan(c.mark), ...c.plans]) {
    try {
      await port.insertPlan(plan, { replace: true });
    } catch (e) {
      throw new ConsolidationWriteError(plan.sheetName, written, e);
    }
    if (!plan.hidden) written.push(plan.sheetName);
  }
  const first = c.plans[0]?.sheetName;
  if (first) await port.select(first, 1, 1);
  return c.plans.map((p) => p.sheetName);
}

// ---------------------------------------------------------------------------------------------------------------
// What the tab remembers while the person looks at other tabs (kept by App)

export type DistributionStep = 'distribute' | 'collect';

/** A 汇总 run: the result, and the template and districts it was checked against (to tell when it is stale). */
export interface CollectRun {
  result: CollectResult;
  template: Form;
  districts: District[];
}

export interface DistributionSession {
  /** the template chosen among several forms (formKey), else the form on the current sheet */
  templateKey: string | null;
  step: DistributionStep;
  /** the 单位名单 as read, and whether it came from a file or was pasted */
  source: DistrictSource | null;
  pasteText: string;
  version: string;
  /** the district chosen for one workbook */
  district: string;
  /** the returned files chosen for 汇总 */
  returned: File[];
  run: CollectRun | null;
}

export const NEW_DISTRIBUTION_SESSION: DistributionSession = {
  templateKey: null,
  step: 'distribute',
  source: null,
  pasteText: '',
  version: '1',
  district: '',
  returned: [],
  run: null,
};

/** The template or the districts changed since the run: its checks may no longer hold. */
export function isStaleRun(run: CollectRun, template: Form, districts: District[]): boolean {
  return templateStructure(run.template) !== templateStructure(template) || JSON.stringify(run.districts) !== JSON.stringify(districts);
}
