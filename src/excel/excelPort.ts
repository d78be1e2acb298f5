// The WorkbookPort inside Excel. Each operation is one Excel.run; the queue helpers (applyPlan, readSheet,
// writeCells) never sync, so the number of round trips is fixed by this file, not by the size of the form.

import type { CellEdit } from '../sheet/inputs';
import { addr, type ReadWorkbook, type SheetPlan } from '../sheet/plan';
import type { WorkbookPort } from '../taskpane/port';
import { parseNameFormula } from './addresses';
import { queueNames, queuePlan, queueProtect } from './applyPlan';
import { InsertCleanupError, NameInUseError, SheetExistsError } from './errors';
import { queueSheetRead, readNames, readWindow, toReadSheet } from './readSheet';
import { BASE_API, CREATE_WORKBOOK_API, MERGED_AREAS_API, requireExcelApi, supportsExcelApi } from './requirements';
import { editBlocks, queueEdits } from './writeCells';

const sameName = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();

/** A sheet name no other sheet has, for building a replacement next to the sheet it replaces. */
function freeSheetName(taken: readonly string[]): string {
  for (let i = 1; ; i++) {
    const name = `~jxzp-${i}`;
    if (!taken.some((t) => sameName(t, name))) return name;
  }
}

/**
 * A plan name already defined on another form's sheet would be taken from that form (its formulas would read this
 * one's cells). Names on the sheet being replaced, or whose sheet is gone (#REF!), are simply replaced.
 */
function checkNamesFree(plan: SheetPlan, existing: readonly { name: string; formula: unknown }[], sheets: readonly string[], replacing: string | null): void {
  for (const n of plan.names) {
    const old = existing.find((e) => sameName(e.name, n.name));
    const ref = old ? parseNameFormula(old.formula) : null;
    if (!ref || (replacing !== null && sameName(ref.sheet, replacing))) continue;
    if (sheets.some((s) => sameName(s, ref.sheet))) throw new NameInUseError(old?.name ?? n.name, ref.sheet);
  }
}

async function insertPlan(plan: SheetPlan, { replace }: { replace: boolean }): Promise<void> {
  requireExcelApi(BASE_API);
  let building: string | null = null; // the sheet being built, once its commands are on their way
  let built = false;
  try {
    await Excel.run(async (context) => {
      const workbook = context.workbook;
      const sheets = workbook.worksheets;
      sheets.load('items/name,items/position');
      workbook.names.load('items/name,items/formula');
      await context.sync(); // 1: what is there

      const sheetNames = sheets.items.map((s) => s.name);
      const old = sheets.items.find((s) => sameName(s.name, plan.sheetName)) ?? null;
      if (old && !replace) throw new SheetExistsError(old.name);
      const existingNames = workbook.names.items.map((n) => ({ name: n.name, formula: n.formula as unknown }));
      checkNamesFree(plan, existingNames, sheetNames, old ? old.name : null);
      // A replacement is built beside the old sheet and takes its place at the very end, so that a failure on the
      // way leaves the old sheet as it was (Office.js does not roll a failed batch back).
      const name = old ? freeSheetName(sheetNames) : plan.sheetName;

      const app = context.application;
      app.suspendApiCalculationUntilNextSync();
      if (supportsExcelApi(BASE_API)) app.suspendScreenUpdatingUntilNextSync();
      if (old) old.protection.unprotect();
      const sheet = sheets.add(name);
      queuePlan(sheet, plan);
      queueNames(workbook, sheet, plan.names, existingNames.map((n) => n.name));
      if (old) {
        sheet.position = old.position;
        old.delete();
        sheet.name = plan.sheetName;
      }
      if (!plan.hidden) sheet.activate(); // a hidden sheet (a stamp) cannot be the active one
      queueProtect(sheet, plan.protect);
      building = name;
      await context.sync(); // 2: the whole sheet
      built = true;

      // Calculation was suspended while the formulas went in; Excel leaves recalculating them to the add-in.
      app.calculate('Full');
      await context.sync(); // 3
    });
  } catch (e) {
    if (building !== null && !built) await removeUnfinished(building, plan, e);
    throw e;
  }
}

/** Deletes what a failed insert left: the half-built sheet and the names that point into it. */
async function removeUnfinished(sheetName: string, plan: SheetPlan, insertError: unknown): Promise<void> {
  try {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
      sheet.load('name');
      const names = plan.names.map((n) => {
        const item = context.workbook.names.getItemOrNullObject(n.name);
        item.load('formula');
        return item;
      });
      await context.sync();
      if (sheet.isNullObject) return;
      for (const item of names) {
        const ref = item.isNullObject ? null : parseNameFormula(item.formula);
        if (ref && sameName(ref.sheet, sheetName)) item.delete();
      }
      sheet.delete();
      await context.sync();
    });
  } catch (cleanupError) {
    throw new InsertCleanupError(sheetName, insertError, cleanupError);
  }
}

async function read(): Promise<ReadWorkbook> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    const names = context.workbook.names;
    names.load('items/name,items/type,items/formula');
    await context.sync(); // 1: sheets and names

    const used = sheets.items.map((s) => {
      const range = s.getUsedRangeOrNullObject(true);
      range.load('rowIndex,columnIndex,rowCount,columnCount');
      return range;
    });
    await context.sync(); // 2: how big each sheet is

    const withMerges = supportsExcelApi(MERGED_AREAS_API);
    const reads = sheets.items.map((s, i) => (used[i].isNullObject ? null : queueSheetRead(s, readWindow(used[i]), withMerges)));
    await context.sync(); // 3: the cells

    return {
      sheets: sheets.items.map((s, i) => {
        const r = reads[i];
        return toReadSheet(s.name, r ? r.block() : null, r ? r.mergeAddresses() : []);
      }),
      names: readNames(names.items.map((n) => ({ name: n.name, type: n.type, formula: n.formula as unknown }))),
    };
  });
}

async function sheetNames(): Promise<string[]> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    return sheets.items.map((s) => s.name);
  });
}

async function activeSheet(): Promise<string> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load('name');
    await context.sync();
    return sheet.name;
  });
}

async function writeCells(sheetName: string, edits: CellEdit[], options: { unprotect?: boolean } = {}): Promise<void> {
  const blocks = editBlocks(edits);
  if (blocks.length === 0) return;
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const protection = sheet.protection;
    if (options.unprotect) {
      protection.load('protected,options');
      await context.sync();
    }
    // Protection is lifted only for these writes, and put back as it was (same options) in the same batch.
    const reprotect = options.unprotect === true && protection.protected;
    if (reprotect) protection.unprotect();
    queueEdits(sheet, blocks);
    if (reprotect) protection.protect(protection.options);
    await context.sync();
  });
}

async function select(sheetName: string, row: number, col: number): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(addr(row, col)).select();
    await context.sync();
  });
}

/**
 * Any change to any sheet, by the user or by this add-in, tells the listener; it only learns that something
 * changed (the pane re-reads; the sheet does the computing).
 */
function onChanged(listener: () => void): () => void {
  requireExcelApi(BASE_API);
  let active = true;
  let registration: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null = null;
  const registered = Excel.run(async (context) => {
    registration = context.workbook.worksheets.onChanged.add(async () => {
      if (active) listener();
    });
    await context.sync();
  });
  return () => {
    if (!active) return;
    active = false;
    // Should the registration have failed, this rejects too and the failure surfaces (nothing to remove).
    void registered.then(
      () =>
        registration &&
        Excel.run(registration.context, async (context) => {
          registration?.remove();
          await context.sync();
        }),
    );
  };
}

/** Bytes as base64 (btoa takes a "binary string"; built in slices so a large file does not overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const SLICE = 0x8000;
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}

/** Opens an .xlsx as a new workbook (a new window; this workbook is left as it is). */
async function createWorkbook(xlsx: Uint8Array): Promise<void> {
  requireExcelApi(CREATE_WORKBOOK_API);
  await Excel.createWorkbook(toBase64(xlsx));
}

export function createExcelPort(): WorkbookPort {
  return { host: 'excel', read, sheetNames, activeSheet, insertPlan, writeCells, select, onChanged, createWorkbook };
}
