// A workbook held in memory through ExcelJS: what the task pane works on in a browser (src/taskpane/browserPort.ts).
// Forms are added exactly as writeWorkbook renders them, inputs are written as applyInputs writes them, and the
// cells are read as readWorkbook reads them — from the workbook in memory, without saving and loading it. Nothing
// here computes: a browser has no spreadsheet engine, so formulas have no results until Excel, WPS or LibreOffice
// opens the downloaded file (which is told to compute everything on load).
//
// No Node APIs: webpack bundles this (and ExcelJS's browser build) into the browser mode's own chunk.

import ExcelJS from 'exceljs';
import type { CellEdit } from '../sheet/inputs';
import type { CellValue, ReadWorkbook, SheetPlan } from '../sheet/plan';
import { dropCachedResults, loadWorkbook, toReadWorkbook } from './workbookCells';
import { addPlanToWorkbook, keepPrintAreaAbsolute } from './writeWorkbook';

// Excel's grid.
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

export class MemoryWorkbook {
  private constructor(private readonly workbook: ExcelJS.Workbook) {}

  /**
   * Opens .xlsx bytes. Throws WorkbookReadError (a Chinese message naming the file) when they are not a workbook.
   * The cached formula results the file may carry are dropped: they would go stale with the first input, and
   * the sheet computes them again wherever it is opened.
   */
  static async open(data: ArrayBuffer | Uint8Array, fileName: string): Promise<MemoryWorkbook> {
    const workbook = await loadWorkbook(data, fileName);
    for (const ws of workbook.worksheets) dropCachedResults(ws);
    return new MemoryWorkbook(workbook);
  }

  /** A workbook without worksheets. */
  static empty(): MemoryWorkbook {
    return new MemoryWorkbook(new ExcelJS.Workbook());
  }

  /** Names of all worksheets, in tab order. */
  sheetNames(): string[] {
    return this.workbook.worksheets.map((ws) => ws.name);
  }

  /** The sheet the file was saved with active (its active tab), else the first; null without worksheets. */
  savedActiveSheet(): string | null {
    const sheets = this.workbook.worksheets;
    const tab = this.workbook.views?.[0]?.activeTab;
    const ws = typeof tab === 'number' && tab >= 0 && tab < sheets.length ? sheets[tab] : sheets[0];
    return ws ? ws.name : null;
  }

  /**
   * Adds a worksheet rendered from the plan, as writeWorkbook renders it. With `replace`, the worksheet of that
   * name (compared as Excel does, ignoring case) and every workbook name pointing into it are removed first, and the
   * new sheet takes its place among the tabs. All or nothing: the plan is rendered into a scratch workbook and the
   * names and sheet name are checked before this workbook is touched, so a failure leaves it as it was.
   */
  async addPlan(plan: SheetPlan, options: { replace: boolean }): Promise<void> {
    await addPlanToWorkbook(new ExcelJS.Workbook(), plan);

    // From here on nothing awaits until the new sheet is complete: no one can see the workbook half-changed.
    const wb = this.workbook;
    const old = wb.worksheets.find((ws) => ws.name.toLowerCase() === plan.sheetName.toLowerCase());
    if (old && !options.replace) throw new Error(`工作簿中已有名为「${old.name}」的工作表`);
    const doomed = old ? old.name.toLowerCase() : null;
    const kept = wb.definedNames.model.filter((n) => n.ranges.some((r) => sheetOfRange(r)?.toLowerCase() !== doomed));
    for (const { name } of plan.names) {
      const clash = kept.find((n) => n.name.toUpperCase() === name.toUpperCase());
      if (clash) {
        const where = sheetOfRange(clash.ranges[0]);
        throw new Error(`名称 ${clash.name} 已由${where ? `工作表「${where}」` : '工作簿'}使用，不能再用于「${plan.sheetName}」`);
      }
    }

    let orderNo: number | undefined;
    if (old) {
      orderNo = tabOrder(old).orderNo;
      removeNamesOnSheet(wb, old.name);
      wb.removeWorksheet(old.id);
    }
    // addPlanToWorkbook does all its work before its first await (ExcelJS's protect() too): the sheet is complete
    // when the call returns, and cannot fail here, since the same plan just rendered and the names were checked.
    const added = addPlanToWorkbook(wb, plan);
    const ws = wb.getWorksheet(plan.sheetName);
    if (ws && orderNo !== undefined) tabOrder(ws).orderNo = orderNo;
    await added;
  }

  /**
   * Writes cells of a sheet: numbers, text (always as text, even when it starts with '='), booleans; null clears
   * the value and keeps the cell's style. Refuses (throws, writing nothing) an edit into a formula cell or a cell
   * covered by a merge — input cells are neither — and a sheet that does not exist. Locked cells are written: no
   * protection is enforced in memory.
   */
  setCells(sheet: string, edits: CellEdit[]): void {
    const ws = this.workbook.getWorksheet(sheet);
    if (!ws) throw new Error(`工作簿中没有名为「${sheet}」的工作表`);
    for (const e of edits) checkEdit(ws, e);
    for (const e of edits) {
      // A string is a plain string to ExcelJS: text starting with '=' stays text. The cell keeps its style.
      ws.getCell(e.row, e.col).value = e.value;
    }
  }

  /** The workbook as plain cells. Formulas have no results here: each formula cell reads as { v: null, f }. */
  read(): ReadWorkbook {
    return toReadWorkbook(this.workbook);
  }

  /**
   * The workbook as .xlsx bytes, marked to be fully computed when Excel, WPS or LibreOffice opens it. A workbook
   * without worksheets comes out with one empty sheet, since a spreadsheet program cannot open one with none.
   */
  async toBytes(): Promise<Uint8Array> {
    let wb = this.workbook;
    if (wb.worksheets.length === 0) {
      wb = new ExcelJS.Workbook();
      wb.addWorksheet('Sheet1');
    }
    for (const ws of wb.worksheets) keepPrintAreaAbsolute(ws);
    wb.calcProperties.fullCalcOnLoad = true;
    const out = (await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer | Uint8Array;
    // A plain Uint8Array (ExcelJS hands back a Node Buffer, or its browser build's Buffer polyfill).
    return out instanceof Uint8Array ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength) : new Uint8Array(out);
  }
}

/** ExcelJS orders the tabs by this field, which its typings leave out. */
function tabOrder(ws: ExcelJS.Worksheet): { orderNo: number } {
  return ws as unknown as { orderNo: number };
}

function checkEdit(ws: ExcelJS.Worksheet, e: CellEdit): void {
  const where = `工作表「${ws.name}」第 ${e.row} 行第 ${e.col} 列`;
  if (!Number.isInteger(e.row) || !Number.isInteger(e.col) || e.row < 1 || e.col < 1 || e.row > MAX_ROW || e.col > MAX_COL) {
    throw new Error(`${where}不是工作表中的单元格`);
  }
  if (!isCellValue(e.value)) throw new Error(`${where}：不能写入 ${String(e.value)}`);
  // findCell, not getCell: checking must not create cells.
  const cell = ws.findCell(e.row, e.col);
  if (!cell) return;
  if (cell.type === ExcelJS.ValueType.Merge) {
    throw new Error(`${where}（${cell.address}）在合并单元格之内，未写入任何内容`);
  }
  if (cell.type === ExcelJS.ValueType.Formula) {
    throw new Error(`${where}（${cell.address}）是公式，为免覆盖公式，未写入任何内容`);
  }
}

function isCellValue(v: unknown): v is CellValue {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** The sheet a defined-name range refers to ('表 1'!$A$1 → 表 1), null when it names none. */
function sheetOfRange(range: string): string | null {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!/.exec(range);
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
}

/** Removes every cell of every workbook name that lies on the sheet (as Excel drops them with the sheet). */
function removeNamesOnSheet(wb: ExcelJS.Workbook, sheet: string): void {
  const target = sheet.toLowerCase();
  // ExcelJS keys a name's cells by the sheet name as written in the reference, quotes doubled.
  const onSheet = (key: string): boolean => key.replace(/''/g, "'").toLowerCase() === target;
  for (const { name } of wb.definedNames.model) {
    const matrix = wb.definedNames.getMatrix(name);
    const cells = matrix.map((c) => c as unknown as { sheetName: string; row: number; col: number });
    for (const c of cells) if (onSheet(c.sheetName)) matrix.removeCellEx(c as never);
  }
}
