// An in-memory WorkbookPort (and BrowserWorkbookPort) on plain data, for the pane's tests. No ExcelJS: a plan is
// stored as ReadWorkbook cells (formulas keep no value — like the browser host, nothing computes), writeCells
// updates them, and every call is recorded. Like a protected sheet, it refuses to write a locked cell (one the
// plan did not mark as input) unless asked to unprotect; like the real ports, a failing call changes nothing.

import type { BrowserWorkbookPort, Host, WorkbookPort } from '../../src/taskpane/port';
import type { CellEdit } from '../../src/sheet/inputs';
import type { CellValue, ReadCell, ReadSheet, ReadWorkbook, SheetPlan } from '../../src/sheet/plan';
import { addr } from '../../src/sheet/plan';

export type FakeCall =
  | { method: 'insertPlan'; plan: SheetPlan; options: { replace: boolean } }
  | { method: 'writeCells'; sheet: string; edits: CellEdit[]; options?: { unprotect?: boolean } }
  | { method: 'select'; sheet: string; row: number; col: number }
  | { method: 'open'; fileName: string; size: number }
  | { method: 'newWorkbook'; fileName?: string }
  | { method: 'download' }
  | { method: 'createWorkbook'; xlsx: Uint8Array };

type Method = FakeCall['method'] | 'read';

interface StoredSheet extends ReadSheet {
  /** "row:col" of cells locked under protection; sheets not made from a plan have none */
  locked: Set<string>;
  protected: boolean;
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** A plan's cells as a workbook reads them back: constants as values, formulas without a computed value. */
export function planToSheet(plan: SheetPlan): ReadSheet & { locked: Set<string> } {
  const locked = new Set<string>();
  const cells: (ReadCell | undefined)[][] = plan.cells.map((row, r) =>
    row.map((c, col) => {
      if (!c || (c.value === undefined && c.formula === undefined)) {
        if (!c?.input) locked.add(`${r + 1}:${col + 1}`);
        return undefined;
      }
      if (!c.input) locked.add(`${r + 1}:${col + 1}`);
      return c.formula !== undefined ? { v: null, f: c.formula } : { v: c.value ?? null };
    }),
  );
  return { name: plan.sheetName, cells, merges: plan.merges.map((m) => ({ ...m })), locked };
}

export class FakeWorkbookPort implements WorkbookPort {
  readonly host: Host;
  readonly calls: FakeCall[] = [];
  protected sheets: StoredSheet[] = [];
  protected names: ReadWorkbook['names'] = [];
  protected active = '';
  private listeners = new Set<() => void>();
  private failures = new Map<Method, Error>();

  /** Excel only (as the real ports): the bytes are recorded; the workbook in hand does not change. */
  createWorkbook?: (xlsx: Uint8Array) => Promise<void>;

  constructor(host: Host = 'excel', sheetNames: string[] = ['Sheet1']) {
    this.host = host;
    if (host === 'excel') {
      this.createWorkbook = async (xlsx: Uint8Array): Promise<void> => {
        this.calls.push({ method: 'createWorkbook', xlsx: xlsx.slice() });
        this.fail('createWorkbook');
      };
    }
    this.sheets = sheetNames.map((name) => ({ name, cells: [], merges: [], locked: new Set(), protected: false }));
    this.active = sheetNames[0] ?? '';
  }

  /** The next call of `method` throws `error` (and changes nothing). */
  failNext(method: Method, error: Error): void {
    this.failures.set(method, error);
  }

  protected fail(method: Method): void {
    const e = this.failures.get(method);
    if (e) {
      this.failures.delete(method);
      throw e;
    }
  }

  callsOf<M extends FakeCall['method']>(method: M): Extract<FakeCall, { method: M }>[] {
    return this.calls.filter((c): c is Extract<FakeCall, { method: M }> => c.method === method);
  }

  // ---- WorkbookPort -------------------------------------------------------------------------------------------

  async read(): Promise<ReadWorkbook> {
    this.fail('read');
    // A copy, as a real host hands out: holes stay holes (undefined), as the adapters read them.
    return {
      sheets: this.sheets.map(({ name, cells, merges }) => ({
        name,
        cells: cells.map((row) => (row ?? []).map((c) => (c ? { ...c } : undefined))),
        merges: merges.map((m) => ({ ...m })),
      })),
      names: this.names.map((n) => ({ ...n, range: { ...n.range } })),
    };
  }

  async sheetNames(): Promise<string[]> {
    return this.sheets.map((s) => s.name);
  }

  async activeSheet(): Promise<string> {
    return this.active;
  }

  async insertPlan(plan: SheetPlan, options: { replace: boolean }): Promise<void> {
    this.calls.push({ method: 'insertPlan', plan, options });
    this.fail('insertPlan');
    this.addPlan(plan, options.replace);
  }

  async writeCells(sheet: string, edits: CellEdit[], options?: { unprotect?: boolean }): Promise<void> {
    this.calls.push({ method: 'writeCells', sheet, edits: clone(edits), options });
    this.fail('writeCells');
    const target = this.sheets.find((s) => s.name === sheet);
    if (!target) throw new Error(`没有名为「${sheet}」的工作表`);
    if (!options?.unprotect && target.protected) {
      const locked = edits.find((e) => target.locked.has(`${e.row}:${e.col}`));
      if (locked) throw new Error(`单元格 ${addr(locked.row, locked.col)} 受保护，不能写入`);
    }
    for (const e of edits) this.setCell(target, e.row, e.col, e.value);
  }

  async select(sheet: string, row: number, col: number): Promise<void> {
    this.calls.push({ method: 'select', sheet, row, col });
    this.fail('select');
    if (!this.sheets.some((s) => s.name === sheet)) throw new Error(`没有名为「${sheet}」的工作表`);
    this.active = sheet;
    this.selected = { sheet, row, col };
  }

  onChanged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- test helpers ---------------------------------------------------------------------------------------------

  protected selected: { sheet: string; row: number; col: number } | null = null;

  /** Puts a plan into the workbook directly (a form someone made earlier); activates it. */
  addPlan(plan: SheetPlan, replace = false): void {
    const existing = this.sheets.findIndex((s) => s.name.toLowerCase() === plan.sheetName.toLowerCase());
    if (existing >= 0 && !replace) throw new Error(`已有名为「${plan.sheetName}」的工作表`);
    const sheet: StoredSheet = { ...planToSheet(plan), protected: true };
    if (existing >= 0) {
      const old = this.sheets[existing].name;
      this.names = this.names.filter((n) => n.sheet !== old);
      this.sheets[existing] = sheet;
    } else {
      this.sheets.push(sheet);
    }
    for (const n of plan.names) {
      if (this.names.some((x) => x.name === n.name)) throw new Error(`名称 ${n.name} 已存在`);
      this.names.push({ name: n.name, sheet: plan.sheetName, range: { ...n.range } });
    }
    this.active = plan.sheetName;
  }

  /** Someone types into the sheet: the cell changes and the listeners hear of it. */
  edit(sheet: string, row: number, col: number, value: CellValue): void {
    const target = this.sheets.find((s) => s.name === sheet);
    if (!target) throw new Error(`no sheet ${sheet}`);
    this.setCell(target, row, col, value);
    this.emit();
  }

  emit(): void {
    for (const l of [...this.listeners]) l();
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  cell(sheet: string, row: number, col: number): ReadCell | undefined {
    return this.sheets.find((s) => s.name === sheet)?.cells[row - 1]?.[col - 1];
  }

  nameCell(name: string): { sheet: string; row: number; col: number } | undefined {
    const n = this.names.find((x) => x.name === name);
    return n ? { sheet: n.sheet, row: n.range.row, col: n.range.col } : undefined;
  }

  setActive(sheet: string): void {
    this.active = sheet;
  }

  private setCell(sheet: StoredSheet, row: number, col: number, value: CellValue): void {
    while (sheet.cells.length < row) sheet.cells.push([]);
    const line = sheet.cells[row - 1] ?? (sheet.cells[row - 1] = []);
    while (line.length < col) line.push(undefined);
    line[col - 1] = value === null ? undefined : { v: value };
  }

  /** The workbook as the bytes of a fake file (JSON). */
  serialize(): Uint8Array {
    const data = {
      sheets: this.sheets.map((s) => ({ name: s.name, cells: s.cells, merges: s.merges, locked: [...s.locked], protected: s.protected })),
      names: this.names,
      active: this.active,
    };
    return new TextEncoder().encode(JSON.stringify(data));
  }

  protected load(bytes: Uint8Array, fileName: string): void {
    let data: {
      sheets: (ReadSheet & { locked: string[]; protected: boolean })[];
      names: ReadWorkbook['names'];
      active: string;
    };
    try {
      data = JSON.parse(new TextDecoder().decode(bytes));
      if (!Array.isArray(data.sheets)) throw new Error('no sheets');
    } catch {
      throw new Error(`无法读取「${fileName}」：这不是 Excel 工作簿（.xlsx）文件`);
    }
    this.sheets = data.sheets.map((s) => ({
      ...s,
      // JSON turned the holes into null
      cells: s.cells.map((r) => (r ?? []).map((c) => c ?? undefined)),
      locked: new Set(s.locked),
      protected: s.protected,
    }));
    this.names = data.names;
    this.active = data.active;
    this.selected = null;
  }
}

/** The browser host: a file opened in the page and downloadable. */
export class FakeBrowserPort extends FakeWorkbookPort implements BrowserWorkbookPort {
  override readonly host = 'browser' as const;
  fileName: string;

  constructor(fileName = '绩效自评表.xlsx') {
    super('browser', ['Sheet1']);
    this.fileName = fileName;
  }

  async open(data: ArrayBuffer | Uint8Array, fileName: string): Promise<void> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    this.calls.push({ method: 'open', fileName, size: bytes.byteLength });
    this.fail('open');
    this.load(bytes, fileName);
    this.fileName = fileName;
  }

  async newWorkbook(fileName = '绩效自评表.xlsx'): Promise<void> {
    this.calls.push({ method: 'newWorkbook', fileName });
    this.fail('newWorkbook');
    this.sheets = [{ name: 'Sheet1', cells: [], merges: [], locked: new Set(), protected: false }];
    this.names = [];
    this.active = 'Sheet1';
    this.selected = null;
    this.fileName = fileName;
  }

  async download(): Promise<{ data: Uint8Array; fileName: string }> {
    this.calls.push({ method: 'download' });
    this.fail('download');
    return { data: this.serialize(), fileName: this.fileName };
  }

  highlighted(): { sheet: string; row: number; col: number } | null {
    return this.selected;
  }
}
