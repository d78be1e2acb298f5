// The task pane's workbook outside Excel: an .xlsx held in memory (src/xlsx/memoryWorkbook.ts), opened from a file
// or started empty, downloadable at any time. index.tsx loads this module with a dynamic import(), so it and ExcelJS
// form their own chunk and stay out of the add-in's first load: nothing the initial bundle loads may import it
// (a type-only import is fine).

import type { CellEdit } from '../sheet/inputs';
import type { ReadWorkbook, SheetPlan } from '../sheet/plan';
import { MemoryWorkbook } from '../xlsx/memoryWorkbook';
import type { BrowserWorkbookPort } from './port';

export const DEFAULT_FILE_NAME = '绩效自评表.xlsx';

interface Cell {
  sheet: string;
  row: number;
  col: number;
}

class MemoryPort implements BrowserWorkbookPort {
  readonly host = 'browser' as const;
  private book = MemoryWorkbook.empty();
  private name: string;
  /** the sheet last inserted, opened or selected */
  private active: string | null = null;
  private highlight: Cell | null = null;
  private readonly listeners = new Set<() => void>();
  /** Operations run one after another, in the order called, each seeing the workbook its predecessors left. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly defaultName: string) {
    this.name = defaultName;
  }

  get fileName(): string {
    return this.name;
  }

  open(data: ArrayBuffer | Uint8Array, fileName: string): Promise<void> {
    return this.serial(async () => {
      // A file that is not a workbook throws here, and the workbook in hand stays.
      const book = await MemoryWorkbook.open(data, fileName);
      this.book = book;
      this.name = fileName;
      this.active = book.savedActiveSheet();
      this.highlight = null;
      this.changed();
    });
  }

  newWorkbook(fileName?: string): Promise<void> {
    return this.serial(() => {
      this.book = MemoryWorkbook.empty();
      this.name = fileName ?? this.defaultName;
      this.active = null;
      this.highlight = null;
      this.changed();
    });
  }

  download(): Promise<{ data: Uint8Array; fileName: string }> {
    return this.serial(async () => ({ data: await this.book.toBytes(), fileName: this.name }));
  }

  read(): Promise<ReadWorkbook> {
    return this.serial(() => this.book.read());
  }

  sheetNames(): Promise<string[]> {
    return this.serial(() => this.book.sheetNames());
  }

  activeSheet(): Promise<string> {
    return this.serial(() => {
      const names = this.book.sheetNames();
      // '' only while the workbook has no worksheet at all.
      return this.active !== null && names.includes(this.active) ? this.active : (names[0] ?? '');
    });
  }

  insertPlan(plan: SheetPlan, options: { replace: boolean }): Promise<void> {
    return this.serial(async () => {
      await this.book.addPlan(plan, options);
      const name = plan.sheetName.toLowerCase();
      if (this.highlight && this.highlight.sheet.toLowerCase() === name) this.highlight = null;
      this.active = plan.sheetName;
      this.changed();
    });
  }

  /** `unprotect` is not needed: nothing is protected in memory (the downloaded file is). */
  writeCells(sheet: string, edits: CellEdit[], _options?: { unprotect?: boolean }): Promise<void> {
    return this.serial(() => {
      this.book.setCells(sheet, edits);
      this.changed();
    });
  }

  select(sheet: string, row: number, col: number): Promise<void> {
    return this.serial(() => {
      if (!this.book.sheetNames().includes(sheet)) throw new Error(`工作簿中没有名为「${sheet}」的工作表`);
      if (!Number.isInteger(row) || !Number.isInteger(col) || row < 1 || col < 1) {
        throw new Error(`第 ${row} 行第 ${col} 列不是工作表中的单元格`);
      }
      this.active = sheet;
      this.highlight = { sheet, row, col };
    });
  }

  highlighted(): Cell | null {
    return this.highlight ? { ...this.highlight } : null;
  }

  onChanged(listener: () => void): () => void {
    // A function subscribed twice is one subscription, as with addEventListener.
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private serial<T>(operation: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(() => operation());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Tells the listeners, each in a task of its own after the operation has finished (as Excel's events come),
   * so a listener that reads the workbook sees the change and one that throws does not keep the others from
   * hearing of it. A listener unsubscribed in the meantime is not called.
   */
  private changed(): void {
    for (const listener of this.listeners) {
      setTimeout(() => {
        if (this.listeners.has(listener)) listener();
      }, 0);
    }
  }
}

/** The browser host, starting with an empty workbook that downloads as `fileName`. */
export async function createBrowserPort(fileName = DEFAULT_FILE_NAME): Promise<BrowserWorkbookPort> {
  return new MemoryPort(fileName);
}
