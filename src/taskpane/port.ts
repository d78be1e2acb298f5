// The seam between the task pane and a workbook. The pane (React) talks only to this; src/excel implements it with
// Office.js inside Excel, src/taskpane/browserPort.ts with an .xlsx held in memory (ExcelJS, loaded lazily).

import type { CellEdit } from '../sheet/inputs';
import type { ReadWorkbook, SheetPlan } from '../sheet/plan';

export type Host = 'excel' | 'browser';

export interface WorkbookPort {
  readonly host: Host;
  /**
   * The workbook as plain cells: values (formula results where the host computes them — Excel does, the browser
   * does not), formulas, merges and defined names. Forms are found in it with src/sheet/readback.ts findForms.
   */
  read(): Promise<ReadWorkbook>;
  /** Names of all worksheets, in order. */
  sheetNames(): Promise<string[]>;
  /** The active worksheet (browser: the one shown in the preview). */
  activeSheet(): Promise<string>;
  /**
   * Adds a worksheet rendered from the plan and activates it; with `replace`, an existing sheet of that name is
   * replaced. Applied as one batch: on failure nothing is left half-written.
   */
  insertPlan(plan: SheetPlan, options: { replace: boolean }): Promise<void>;
  /**
   * Writes cells of a sheet (actuals, reasons, 得分率; rule parameters with `unprotect`, since those cells are
   * locked). Text is always written as text, never as a formula. One batch.
   */
  writeCells(sheet: string, edits: CellEdit[], options?: { unprotect?: boolean }): Promise<void>;
  /** Selects a cell (Excel) or highlights it in the preview (browser). */
  select(sheet: string, row: number, col: number): Promise<void>;
  /** Calls back after the workbook changed (someone typed in the sheet); returns the unsubscribe function. */
  onChanged(listener: () => void): () => void;
  /**
   * Opens .xlsx bytes as a new workbook of the host, beside this one, which stays as it is (Excel: a new window,
   * unsaved, through Excel.createWorkbook — ExcelApi 1.8). Absent where the host has no such thing: in browser mode
   * the pane hands the file over as a download instead.
   */
  createWorkbook?(xlsx: Uint8Array): Promise<void>;
}

/** The browser host: a workbook file opened (or started) in the page, downloadable at any time. */
export interface BrowserWorkbookPort extends WorkbookPort {
  readonly host: 'browser';
  /** File name used for the download (and shown in the pane). */
  readonly fileName: string;
  /** Opens an .xlsx; throws WorkbookReadError (a Chinese message naming the file) when it is not one. */
  open(data: ArrayBuffer | Uint8Array, fileName: string): Promise<void>;
  /** Starts an empty workbook. */
  newWorkbook(fileName?: string): Promise<void>;
  /** The workbook as .xlsx bytes. */
  download(): Promise<{ data: Uint8Array; fileName: string }>;
  /** The cell last selected with select(), for the preview's highlight. */
  highlighted(): { sheet: string; row: number; col: number } | null;
}

export function isBrowserPort(port: WorkbookPort): port is BrowserWorkbookPort {
  return port.host === 'browser';
}
