// A typed fake of the part of Office.js that src/excel uses. Every fake class implements `Covers<Excel.X, …>`: the
// listed members of the real @types/office-js type, with the same parameter and property types (proxy results
// replaced by fakes) — a member missing from Excel.X, or with another signature, does not compile.
//
// It behaves like the real API where the adapter could get it wrong:
// - commands are queued and run only at context.sync(), in order; a failing command rejects the sync and the
//   commands before it stay applied (Office.js has no rollback);
// - a property can be read only after load() and a sync (PropertyNotLoaded otherwise), set properties included;
// - getItem of a missing item fails at sync (ItemNotFound); methods on a null object fail;
// - a protected sheet refuses format changes and writes to locked cells; protect() fails on a protected sheet;
// - `formulas` takes what it is given as typed: "=…", "+…", "-…", "@…" become formulas, "100%" a number, "'…" text;
//   reading `formulas` gives text without its apostrophe, as Excel does;
// - Excel.run fails when the batch leaves commands it never synced.
// It records every command (with the run and sync that executed it) and counts syncs and request sizes.

import { colName, type RangeRef } from '../../src/sheet/plan';

// ---------------------------------------------------------------- typing

type Faked<R> = R extends readonly (infer E)[]
  ? Faked<E>[]
  : R extends OfficeExtension.ClientRequestContext
    ? FakeContext
    : R extends OfficeExtension.ClientObject
      ? FakeObject
      : R extends OfficeExtension.EventHandlers<infer A>
        ? FakeEventHandlers<A>
        : R extends OfficeExtension.EventHandlerResult<infer A>
          ? FakeEventHandlerResult<A>
          : R extends Promise<infer P>
            ? Promise<Faked<P>>
            : R;

/** Members K of an Office.js type, as the fake must provide them. */
export type Covers<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => infer R ? (...args: A) => Faked<R> : Faked<T[P]>;
};

// ---------------------------------------------------------------- errors

export class FakeExcelError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
    this.code = code;
  }
}

const fail = (code: string, message: string): never => {
  throw new FakeExcelError(code, message);
};

// ---------------------------------------------------------------- model

export type CellResultType = 'Double' | 'String' | 'Boolean' | 'Error' | 'Empty';

export interface CellModel {
  /** constant, or '' for none */
  value: string | number | boolean;
  formula?: string;
  /** the text was entered with a leading apostrophe */
  quotePrefix?: boolean;
  /** what Excel computed for the formula (set by tests with FakeExcel.setResult); a formula reads as 0 otherwise */
  result?: { value: string | number | boolean; type: CellResultType };
  numberFormat?: string;
  /** format and validation properties set on the cell, by member path ('format.font.bold', 'dataValidation.rule'…) */
  format: Map<string, unknown>;
}

export interface ConditionalFormatModel {
  address: string;
  type: string;
  props: Map<string, unknown>;
}

export class SheetModel {
  readonly cells = new Map<string, CellModel>();
  readonly merges: RangeRef[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly conditionalFormats: ConditionalFormatModel[] = [];
  /** sheet-level settings by member path: 'pageLayout.orientation', 'freezePanes.freezeRows', … */
  readonly settings = new Map<string, unknown>();
  protected = false;
  protectionOptions: Excel.WorksheetProtectionOptions = {};
  password: string | undefined;
  selection: string | null = null;
  deleted = false;
  constructor(
    readonly id: number,
    public name: string,
  ) {}

  cell(row: number, col: number): CellModel | undefined {
    return this.cells.get(`${row}:${col}`);
  }
  cellForWrite(row: number, col: number): CellModel {
    const key = `${row}:${col}`;
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = { value: '', format: new Map() }));
    return c;
  }
  locked(row: number, col: number): boolean {
    return this.cell(row, col)?.format.get('format.protection.locked') !== false;
  }
}

interface NameModel {
  name: string;
  sheet: SheetModel;
  range: RangeRef;
}

export interface Command {
  /** 1-based index of the Excel.run (context) that executed it, and of the sync within it */
  run: number;
  sync: number;
  kind: 'set' | 'call' | 'load';
  /** sheet the command applies to, by its name when it ran */
  sheet?: string;
  /** range address(es) it applies to */
  address?: string;
  /** property or method, with the path from the object the address names: 'formulas', 'format.fill.color' … */
  member: string;
  /** the value set, or the arguments of a call */
  value?: unknown;
}

interface Step {
  kind: 'set' | 'call' | 'load' | 'bind';
  member: string;
  value?: unknown;
  target: FakeObject | null;
  apply: () => void;
}

// ---------------------------------------------------------------- addresses

const A1 = /^\$?([A-Z]{1,3})\$?(\d+)$/;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const MAX_ROW = 1048576;
const MAX_COL = 16384;

/** "A1", "A1:B2", "$A$1", "A:C", "3:5" → a rectangle. */
export function parseArea(text: string): RangeRef {
  const t = text.trim().toUpperCase();
  const [a, b = a, extra] = t.split(':');
  if (extra !== undefined) return fail('InvalidArgument', `bad address ${text}`);
  const cellA = A1.exec(a);
  const cellB = A1.exec(b);
  if (cellA && cellB) {
    const r = { row: Number(cellA[2]), col: colNumber(cellA[1]), rowEnd: Number(cellB[2]), colEnd: colNumber(cellB[1]) };
    return { row: Math.min(r.row, r.rowEnd), col: Math.min(r.col, r.colEnd), rowEnd: Math.max(r.row, r.rowEnd), colEnd: Math.max(r.col, r.colEnd) };
  }
  if (/^\$?\d+$/.test(a) && /^\$?\d+$/.test(b)) {
    return { row: Number(a.replace('$', '')), col: 1, rowEnd: Number(b.replace('$', '')), colEnd: MAX_COL };
  }
  if (/^\$?[A-Z]{1,3}$/.test(a) && /^\$?[A-Z]{1,3}$/.test(b)) {
    return { row: 1, col: colNumber(a.replace('$', '')), rowEnd: MAX_ROW, colEnd: colNumber(b.replace('$', '')) };
  }
  return fail('InvalidArgument', `bad address ${text}`);
}

export function areaText(r: RangeRef, absolute = false): string {
  const d = absolute ? '$' : '';
  const a = `${d}${colName(r.col)}${d}${r.row}`;
  const b = `${d}${colName(r.colEnd)}${d}${r.rowEnd}`;
  return a === b ? a : `${a}:${b}`;
}

function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function cellsOf(r: RangeRef): { row: number; col: number }[] {
  if ((r.rowEnd - r.row + 1) * (r.colEnd - r.col + 1) > 1_000_000) fail('fake', `range too large for the fake: ${areaText(r)}`);
  const out: { row: number; col: number }[] = [];
  for (let row = r.row; row <= r.rowEnd; row++) for (let col = r.col; col <= r.colEnd; col++) out.push({ row, col });
  return out;
}

const overlaps = (a: RangeRef, b: RangeRef): boolean =>
  a.row <= b.rowEnd && b.row <= a.rowEnd && a.col <= b.colEnd && b.col <= a.colEnd;

// ---------------------------------------------------------------- cell entry, as typing into Excel

const NUMBER = /^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(%?)\s*$/;
const TIME = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/;

function enter(cell: CellModel, input: unknown): void {
  cell.formula = undefined;
  cell.result = undefined;
  cell.quotePrefix = false;
  if (typeof input === 'number' || typeof input === 'boolean') {
    cell.value = input;
    return;
  }
  if (input === null || input === undefined || input === '') {
    cell.value = '';
    return;
  }
  if (typeof input !== 'string') return fail('InvalidArgument', `cannot enter ${JSON.stringify(input)}`);
  if (input.startsWith("'")) {
    cell.value = input.slice(1);
    cell.quotePrefix = true;
    return;
  }
  const n = NUMBER.exec(input);
  if (n) {
    cell.value = Number(n[1]) / (n[2] ? 100 : 1);
    return;
  }
  const t = TIME.exec(input);
  if (t) {
    cell.value = (Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3] ?? 0)) / 86400;
    return;
  }
  if (/^\s*(true|false)\s*$/i.test(input)) {
    cell.value = input.trim().toUpperCase() === 'TRUE';
    return;
  }
  const trimmed = input.trimStart();
  if (/^[=+\-@]/.test(trimmed)) {
    cell.formula = trimmed.startsWith('=') ? trimmed : `=${trimmed}`;
    cell.value = '';
    return;
  }
  cell.value = input;
}

function cellValue(c: CellModel | undefined): string | number | boolean {
  if (!c) return '';
  if (c.formula !== undefined) return c.result ? c.result.value : 0;
  return c.value;
}

function cellFormula(c: CellModel | undefined): string | number | boolean {
  if (!c) return '';
  return c.formula ?? c.value;
}

function cellType(c: CellModel | undefined): CellResultType {
  if (!c) return 'Empty';
  if (c.formula !== undefined) return c.result ? c.result.type : 'Double';
  if (c.value === '') return 'Empty';
  return typeof c.value === 'number' ? 'Double' : typeof c.value === 'boolean' ? 'Boolean' : 'String';
}

// ---------------------------------------------------------------- the harness

export interface FakeExcelOptions {
  /** highest ExcelApi requirement set the host reports (default 1.13) */
  apiVersion?: string;
}

function versionAtLeast(have: string, want: string): boolean {
  const [a1, a2 = 0] = have.split('.').map(Number);
  const [b1, b2 = 0] = want.split('.').map(Number);
  return a1 > b1 || (a1 === b1 && a2 >= b2);
}

export class FakeExcel {
  readonly sheets: SheetModel[] = [];
  readonly names: NameModel[] = [];
  readonly commands: Command[] = [];
  readonly contexts: FakeContext[] = [];
  /** approximate request size of each sync (JSON of what it sends) */
  readonly requests: { run: number; sync: number; bytes: number }[] = [];
  readonly handlers = new Set<(args: Excel.WorksheetChangedEventArgs) => Promise<unknown>>();
  readonly application = { calculations: [] as string[], suspendedCalculation: 0, suspendedScreenUpdating: 0 };
  apiVersion: string;
  /** makes the command that matches fail when it runs (to test what a failing batch leaves) */
  failWhen: ((c: Omit<Command, 'run' | 'sync'>) => boolean) | null = null;
  activeId: number | null = null;
  private nextId = 1;
  private saved: { Excel: unknown; Office: unknown } | null = null;

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? '1.13';
  }

  /** Excel.run: a new request context (or the given one), the batch, and a check that it synced what it queued. */
  readonly run: {
    <T>(batch: (context: FakeContext) => Promise<T>): Promise<T>;
    <T>(object: FakeContext | FakeObject, batch: (context: FakeContext) => Promise<T>): Promise<T>;
  } = async <T>(first: unknown, second?: (context: FakeContext) => Promise<T>): Promise<T> => {
    const batch = (second ?? first) as (context: FakeContext) => Promise<T>;
    if (typeof batch !== 'function') throw new TypeError('Excel.run needs a batch function');
    let context: FakeContext;
    if (second && first instanceof FakeContext) context = first;
    else if (second && first instanceof FakeObject) context = first.context;
    else {
      context = new FakeContext(this, this.contexts.length + 1);
      this.contexts.push(context);
    }
    const result = await batch(context);
    if (context.pendingCount() > 0) {
      context.discard();
      throw new Error(`fake Excel: the batch ended with ${context.pendingCount()} commands it never synced`);
    }
    return result;
  };

  /** the base64 text of every Excel.createWorkbook call, in order */
  readonly createdWorkbooks: string[] = [];

  /** Excel.createWorkbook: opens a new window in Excel; here the file is recorded. Not base64: rejected, as Excel does. */
  readonly createWorkbook: typeof Excel.createWorkbook = async (base64?: string): Promise<void> => {
    if (base64 !== undefined && (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))) {
      fail('InvalidArgument', 'createWorkbook expects a base64-encoded .xlsx');
    }
    this.createdWorkbooks.push(base64 ?? '');
  };

  readonly office = {
    context: {
      requirements: {
        isSetSupported: (name: string, minVersion?: string | number): boolean =>
          name === 'ExcelApi' && versionAtLeast(this.apiVersion, String(minVersion ?? '1.1')),
      } satisfies Covers<Office.RequirementSetSupport, 'isSetSupported'>,
    },
  };

  /** Installs this fake as the globals Excel and Office. */
  install(): this {
    const g = globalThis as Record<string, unknown>;
    this.saved = { Excel: g.Excel, Office: g.Office };
    g.Excel = { run: this.run, createWorkbook: this.createWorkbook };
    g.Office = this.office;
    return this;
  }

  uninstall(): void {
    if (!this.saved) return;
    const g = globalThis as Record<string, unknown>;
    g.Excel = this.saved.Excel;
    g.Office = this.saved.Office;
    this.saved = null;
  }

  get syncCount(): number {
    return this.contexts.reduce((n, c) => n + c.syncs, 0);
  }

  // ---- model access for tests

  addSheet(name: string): SheetModel {
    if (this.sheets.some((s) => s.name.toUpperCase() === name.toUpperCase())) {
      return fail('ItemAlreadyExists', `a sheet named ${name} exists`);
    }
    if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
      return fail('InvalidArgument', `bad sheet name ${name}`);
    }
    const s = new SheetModel(this.nextId++, name);
    this.sheets.push(s);
    if (this.activeId === null) this.activeId = s.id;
    return s;
  }

  sheet(name: string): SheetModel {
    const s = this.findSheet(name);
    if (!s) throw new Error(`fake Excel: no sheet ${name} (sheets: ${this.sheets.map((x) => x.name).join(', ')})`);
    return s;
  }

  findSheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toUpperCase() === name.toUpperCase());
  }

  /** The cell at an A1 address (undefined when never written). */
  cell(sheet: string, address: string): CellModel | undefined {
    const r = parseArea(address);
    return this.sheet(sheet).cell(r.row, r.col);
  }

  /** Enters a value as if typed (a test's stand-in for a user). */
  type(sheet: string, address: string, input: string | number | boolean): void {
    const r = parseArea(address);
    enter(this.sheet(sheet).cellForWrite(r.row, r.col), input);
  }

  /** What Excel would have computed for a formula cell. */
  setResult(sheet: string, address: string, value: string | number | boolean, type: CellResultType): void {
    const c = this.cell(sheet, address);
    if (c?.formula === undefined) throw new Error(`fake Excel: ${sheet}!${address} holds no formula`);
    c.result = { value, type };
  }

  defineName(name: string, sheet: string, address: string): void {
    this.names.push({ name, sheet: this.sheet(sheet), range: parseArea(address) });
  }

  activeSheetName(): string | null {
    return this.sheets.find((s) => s.id === this.activeId)?.name ?? null;
  }

  nameRef(name: string): { sheet: string; address: string } | null {
    const n = this.names.find((x) => x.name.toUpperCase() === name.toUpperCase());
    return n && !n.sheet.deleted ? { sheet: n.sheet.name, address: areaText(n.range) } : null;
  }

  /** Tells the registered onChanged handlers that a sheet changed (as Excel does after an edit). */
  async fireChanged(sheet: string, address: string): Promise<void> {
    const s = this.sheet(sheet);
    const args = { address, worksheetId: String(s.id), type: 'WorksheetChanged', source: 'Local', changeType: 'RangeEdited' } as unknown as Excel.WorksheetChangedEventArgs;
    for (const h of [...this.handlers]) await h(args);
  }

  commandsOf(run: number): Command[] {
    return this.commands.filter((c) => c.run === run);
  }

  // ---- used by the proxies

  renameSheet(s: SheetModel, name: string): void {
    const other = this.findSheet(name);
    if (other && other !== s) fail('ItemAlreadyExists', `a sheet named ${name} exists`);
    if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name)) fail('InvalidArgument', `bad sheet name ${name}`);
    s.name = name;
  }

  deleteSheet(s: SheetModel): void {
    const i = this.sheets.indexOf(s);
    if (i < 0) fail('ItemNotFound', 'sheet already deleted');
    if (this.sheets.length === 1) fail('InvalidOperation', 'a workbook must keep at least one sheet');
    this.sheets.splice(i, 1);
    s.deleted = true;
    if (this.activeId === s.id) this.activeId = this.sheets[Math.min(i, this.sheets.length - 1)].id;
  }

  moveSheet(s: SheetModel, position: number): void {
    const i = this.sheets.indexOf(s);
    this.sheets.splice(i, 1);
    this.sheets.splice(Math.max(0, Math.min(position, this.sheets.length)), 0, s);
  }

  nextSheetId(): number {
    return this.nextId;
  }
}

// ---------------------------------------------------------------- request context

export class FakeContext implements Covers<Excel.RequestContext, 'workbook' | 'application' | 'sync'> {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  syncs = 0;
  private queue: Step[] = [];

  constructor(
    readonly excel: FakeExcel,
    readonly index: number,
  ) {
    this.workbook = new FakeWorkbook(this);
    this.application = new FakeApplication(this);
  }

  enqueue(step: Step): void {
    this.queue.push(step);
  }

  pendingCount(): number {
    return this.queue.filter((s) => s.kind !== 'bind').length;
  }

  discard(): void {
    this.queue = [];
  }

  async sync(): Promise<void> {
    await Promise.resolve();
    this.syncs++;
    const steps = this.queue;
    this.queue = [];
    let bytes = 0;
    try {
      for (const step of steps) {
        if (step.kind === 'bind') {
          step.apply();
          continue;
        }
        const where = step.target ? step.target.where() : {};
        const described: Omit<Command, 'run' | 'sync'> = { kind: step.kind, member: step.member, ...where };
        if (step.kind !== 'load') described.value = step.value;
        if (this.excel.failWhen?.(described)) fail('GeneralException', `injected failure at ${step.member}`);
        if (step.kind !== 'load' && step.target && !step.target.exists()) {
          fail('ItemNotFound', `${step.member} on an object that does not exist`);
        }
        step.apply();
        this.excel.commands.push({ run: this.index, sync: this.syncs, ...described });
        bytes += step.member.length + (where.address?.length ?? 0) + (step.value === undefined ? 0 : JSON.stringify(step.value, skipProxies).length);
      }
    } finally {
      this.excel.requests.push({ run: this.index, sync: this.syncs, bytes });
    }
  }
}

function skipProxies(_key: string, value: unknown): unknown {
  return value instanceof FakeObject ? '<proxy>' : value;
}

// ---------------------------------------------------------------- proxies

type LoadArg = string | string[] | OfficeExtension.LoadOption;

function loadList(props?: LoadArg): string[] {
  const text = props === undefined ? '' : typeof props === 'string' ? props : Array.isArray(props) ? props.join(',') : [props.select ?? ''].flat().join(',');
  return text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Installs accessors that read loaded values and queue writes; the class declares the members' types. */
function defineMembers(
  cls: { prototype: FakeObject },
  members: Record<string, 'read' | 'readwrite'>,
): void {
  for (const [name, mode] of Object.entries(members)) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      get(this: FakeObject) {
        return this.loaded(name);
      },
      set:
        mode === 'readwrite'
          ? function (this: FakeObject, value: unknown) {
              this.queueSet(name, value);
            }
          : undefined,
    });
  }
}

/** Fields of the fake classes themselves, assigned in their constructors. */
const OWN_FIELDS = new Set(['loadedValues', 'context', 'bound', 'owner', 'own', 'model', 'sheet', 'worksheets', 'names']);

export abstract class FakeObject {
  private readonly loadedValues = new Map<string, unknown>();

  constructor(readonly context: FakeContext) {
    // Assigning a member the fake does not have (a misspelt one, or formulasLocal) throws instead of quietly adding
    // a property. The fake's own fields are the only others that may be assigned.
    return new Proxy(this, {
      set(target, prop, value, receiver) {
        if (typeof prop === 'string' && !(prop in target) && !OWN_FIELDS.has(prop)) {
          throw new TypeError(`fake Excel: ${target.constructor.name} has no member ${prop}`);
        }
        return Reflect.set(target, prop, value, receiver);
      },
    });
  }

  get excel(): FakeExcel {
    return this.context.excel;
  }

  /** Sheet and address for command records (evaluated when the command runs). */
  abstract where(): { sheet?: string; address?: string };
  /** Whether the object exists when a command on it runs. */
  abstract exists(): boolean;
  /** The member path of this object from the one its address names ('' for that object). */
  protected path(): string {
    return '';
  }
  /** Value of a property for load(). */
  protected snapshot(prop: string): unknown {
    return fail('fake', `loading ${this.constructor.name}.${prop} is not supported by the fake`);
  }
  /** Effect of setting a property. */
  protected applySet(prop: string, value: unknown): void {
    fail('fake', `setting ${this.constructor.name}.${prop} (${String(value)}) is not supported by the fake`);
  }

  member(name: string): string {
    const p = this.path();
    return p ? `${p}.${name}` : name;
  }

  loaded(prop: string): unknown {
    if (!this.loadedValues.has(prop)) {
      return fail(
        'PropertyNotLoaded',
        `The property '${prop}' of ${this.constructor.name} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loadedValues.get(prop);
  }

  protected setLoaded(prop: string, value: unknown): void {
    this.loadedValues.set(prop, value);
  }

  queueSet(prop: string, value: unknown): void {
    this.context.enqueue({ kind: 'set', member: this.member(prop), value, target: this, apply: () => this.applySet(prop, value) });
  }

  protected queueCall(method: string, args: unknown[], apply: () => void): void {
    this.context.enqueue({ kind: 'call', member: this.member(method), value: args, target: this, apply });
  }

  protected queueBind(apply: () => void): void {
    this.context.enqueue({ kind: 'bind', member: '', target: null, apply });
  }

  get isNullObject(): boolean {
    return this.loaded('isNullObject') as boolean;
  }

  load(props?: LoadArg): this {
    const list = loadList(props);
    this.context.enqueue({
      kind: 'load',
      member: this.member(`load(${list.join(',')})`),
      target: this,
      apply: () => {
        const exists = this.exists();
        this.loadedValues.set('isNullObject', !exists);
        if (!exists) return;
        for (const p of list) if (p !== 'isNullObject') this.loadedValues.set(p, this.snapshot(p));
      },
    });
    return this;
  }
}

// ---- ranges

interface Bound {
  sheet: SheetModel;
  areas: RangeRef[];
}

function checkWritable(sheet: SheetModel, member: string, cells: { row: number; col: number }[]): void {
  if (!sheet.protected) return;
  if (member === 'formulas' && cells.every((c) => !sheet.locked(c.row, c.col))) return;
  fail('AccessDenied', `${member} on the protected sheet ${sheet.name}`);
}

/** Range or RangeAreas: a set of areas on a sheet, bound when the command that made it runs. */
abstract class FakeAreas extends FakeObject {
  protected bound: Bound | null = null;

  constructor(context: FakeContext, locate: () => Bound | null) {
    super(context);
    this.queueBind(() => {
      this.bound = locate();
    });
  }

  exists(): boolean {
    return this.bound !== null && !this.bound.sheet.deleted;
  }

  where(): { sheet?: string; address?: string } {
    return this.bound ? { sheet: this.bound.sheet.name, address: this.bound.areas.map((a) => areaText(a)).join(',') } : {};
  }

  target(): Bound {
    if (!this.bound || this.bound.sheet.deleted) return fail('ItemNotFound', 'range on a sheet that does not exist');
    return this.bound;
  }

  /** A format or validation property set on every cell (column widths and row heights on their lines). */
  applyFacet(member: string, value: unknown): void {
    const { sheet, areas } = this.target();
    if (member === 'format.columnWidth' || member === 'format.rowHeight') {
      const cols = member === 'format.columnWidth';
      if (sheet.protected && !(cols ? sheet.protectionOptions.allowFormatColumns : sheet.protectionOptions.allowFormatRows)) {
        fail('AccessDenied', `${member} on the protected sheet ${sheet.name}`);
      }
      for (const a of areas) {
        const whole = cols ? a.row === 1 && a.rowEnd === MAX_ROW : a.col === 1 && a.colEnd === MAX_COL;
        if (!whole) fail('fake', `${member} is set on whole ${cols ? 'columns' : 'rows'} here`);
        if (cols) for (let c = a.col; c <= a.colEnd; c++) sheet.columnWidths.set(c, value as number);
        else for (let r = a.row; r <= a.rowEnd; r++) sheet.rowHeights.set(r, value as number);
      }
      return;
    }
    const cells = areas.flatMap(cellsOf);
    checkWritable(sheet, member, cells);
    for (const c of cells) sheet.cellForWrite(c.row, c.col).format.set(member, value);
  }

  get format(): FakeRangeFormat {
    return new FakeRangeFormat(this, 'format');
  }

  get dataValidation(): FakeDataValidation {
    return new FakeDataValidation(this, 'dataValidation');
  }
}

export class FakeRange
  extends FakeAreas
  implements
    Covers<
      Excel.Range,
      | 'formulas'
      | 'values'
      | 'valueTypes'
      | 'numberFormat'
      | 'format'
      | 'dataValidation'
      | 'conditionalFormats'
      | 'merge'
      | 'select'
      | 'address'
      | 'rowIndex'
      | 'columnIndex'
      | 'rowCount'
      | 'columnCount'
      | 'getMergedAreasOrNullObject'
      | 'isNullObject'
      | 'load'
    >
{
  declare formulas: unknown[][];
  declare numberFormat: unknown[][];
  declare readonly values: unknown[][];
  declare readonly valueTypes: Excel.RangeValueType[][];
  declare readonly address: string;
  declare readonly rowIndex: number;
  declare readonly columnIndex: number;
  declare readonly rowCount: number;
  declare readonly columnCount: number;

  private area(): RangeRef {
    const { areas } = this.target();
    if (areas.length !== 1) fail('InvalidArgument', 'a Range has one area');
    return areas[0];
  }

  protected override applySet(prop: string, value: unknown): void {
    if (prop !== 'formulas' && prop !== 'numberFormat') return super.applySet(prop, value);
    const a = this.area();
    const { sheet } = this.target();
    const rows = a.rowEnd - a.row + 1;
    const cols = a.colEnd - a.col + 1;
    const m = value as unknown[][];
    if (!Array.isArray(m) || m.length !== rows || m.some((r) => !Array.isArray(r) || r.length !== cols)) {
      fail('InvalidArgument', `${prop}: a ${rows}×${cols} array is needed for ${areaText(a)}`);
    }
    checkWritable(sheet, prop, cellsOf(a));
    m.forEach((row, i) =>
      row.forEach((v, j) => {
        const cell = sheet.cellForWrite(a.row + i, a.col + j);
        if (prop === 'formulas') enter(cell, v);
        else cell.numberFormat = String(v);
      }),
    );
  }

  protected override snapshot(prop: string): unknown {
    const a = this.area();
    const { sheet } = this.target();
    const grid = <T>(f: (c: CellModel | undefined) => T): T[][] => {
      const out: T[][] = [];
      for (let r = a.row; r <= a.rowEnd; r++) {
        const row: T[] = [];
        for (let c = a.col; c <= a.colEnd; c++) row.push(f(sheet.cell(r, c)));
        out.push(row);
      }
      return out;
    };
    switch (prop) {
      case 'values':
        return grid(cellValue);
      case 'formulas':
        return grid(cellFormula);
      case 'valueTypes':
        return grid(cellType);
      case 'numberFormat':
        return grid((c) => c?.numberFormat ?? 'General');
      case 'address':
        return `${sheetPrefix(sheet.name)}!${areaText(a)}`;
      case 'rowIndex':
        return a.row - 1;
      case 'columnIndex':
        return a.col - 1;
      case 'rowCount':
        return a.rowEnd - a.row + 1;
      case 'columnCount':
        return a.colEnd - a.col + 1;
      default:
        return super.snapshot(prop);
    }
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this);
  }

  merge(across?: boolean): void {
    this.queueCall('merge', [across], () => {
      const a = this.area();
      const { sheet } = this.target();
      checkWritable(sheet, 'merge', cellsOf(a));
      if (across) fail('fake', 'merge across is not supported by the fake');
      if (sheet.merges.some((m) => overlaps(m, a))) fail('fake', `merge ${areaText(a)} overlaps another merge`);
      sheet.merges.push({ ...a });
    });
  }

  select(): void {
    this.queueCall('select', [], () => {
      const { sheet } = this.target();
      if (this.excel.activeId !== sheet.id) fail('InvalidOperation', `select on ${sheet.name}, which is not the active sheet`);
      sheet.selection = areaText(this.area());
    });
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.context, () => {
      if (!this.exists()) return null;
      const { sheet } = this.target();
      const a = this.area();
      // Only merges whose top-left cell is in the range (OfficeDev/office-js#3611).
      const merges = sheet.merges.filter((m) => m.row >= a.row && m.row <= a.rowEnd && m.col >= a.col && m.col <= a.colEnd);
      if (merges.length > 512) fail('GeneralException', 'more than 512 merged areas');
      return merges.length > 0 ? { sheet, areas: merges.map((m) => ({ ...m })) } : null;
    });
  }
}
defineMembers(FakeRange, {
  formulas: 'readwrite',
  numberFormat: 'readwrite',
  values: 'read',
  valueTypes: 'read',
  address: 'read',
  rowIndex: 'read',
  columnIndex: 'read',
  rowCount: 'read',
  columnCount: 'read',
});

export class FakeRangeAreas extends FakeAreas implements Covers<Excel.RangeAreas, 'format' | 'dataValidation' | 'address' | 'isNullObject' | 'load'> {
  declare readonly address: string;

  protected override snapshot(prop: string): unknown {
    if (prop !== 'address') return super.snapshot(prop);
    const { sheet, areas } = this.target();
    return areas.map((a) => `${sheetPrefix(sheet.name)}!${areaText(a)}`).join(', ');
  }
}
defineMembers(FakeRangeAreas, { address: 'read' });

/** An object reached from a range (format, font, validation …): its commands are the range's, under a path. */
abstract class FakeFacet extends FakeObject {
  constructor(
    readonly owner: FakeAreas,
    private readonly own: string,
  ) {
    super(owner.context);
  }
  where() {
    return this.owner.where();
  }
  exists(): boolean {
    return this.owner.exists();
  }
  protected override path(): string {
    return this.own;
  }
  protected override applySet(prop: string, value: unknown): void {
    this.owner.applyFacet(this.member(prop), value);
  }
}

export class FakeRangeFormat
  extends FakeFacet
  implements
    Covers<Excel.RangeFormat, 'font' | 'fill' | 'borders' | 'protection' | 'horizontalAlignment' | 'verticalAlignment' | 'wrapText' | 'columnWidth' | 'rowHeight'>
{
  declare horizontalAlignment: Excel.RangeFormat['horizontalAlignment'];
  declare verticalAlignment: Excel.RangeFormat['verticalAlignment'];
  declare wrapText: boolean;
  declare columnWidth: number;
  declare rowHeight: number;
  get font(): FakeRangeFont {
    return new FakeRangeFont(this.owner, this.member('font'));
  }
  get fill(): FakeRangeFill {
    return new FakeRangeFill(this.owner, this.member('fill'));
  }
  get borders(): FakeRangeBorderCollection {
    return new FakeRangeBorderCollection(this.owner, this.member('borders'));
  }
  get protection(): FakeFormatProtection {
    return new FakeFormatProtection(this.owner, this.member('protection'));
  }
}
defineMembers(FakeRangeFormat, {
  horizontalAlignment: 'readwrite',
  verticalAlignment: 'readwrite',
  wrapText: 'readwrite',
  columnWidth: 'readwrite',
  rowHeight: 'readwrite',
});

export class FakeRangeFont extends FakeFacet implements Covers<Excel.RangeFont, 'bold' | 'italic' | 'size' | 'color' | 'name'> {
  declare bold: boolean;
  declare italic: boolean;
  declare size: number;
  declare color: string;
  declare name: string;
}
defineMembers(FakeRangeFont, { bold: 'readwrite', italic: 'readwrite', size: 'readwrite', color: 'readwrite', name: 'readwrite' });

export class FakeRangeFill extends FakeFacet implements Covers<Excel.RangeFill, 'color'> {
  declare color: string;
}
defineMembers(FakeRangeFill, { color: 'readwrite' });

export class FakeRangeBorderCollection extends FakeFacet implements Covers<Excel.RangeBorderCollection, 'getItem'> {
  getItem(index: Parameters<Excel.RangeBorderCollection['getItem']>[0]): FakeRangeBorder {
    return new FakeRangeBorder(this.owner, this.member(String(index)));
  }
}

export class FakeRangeBorder extends FakeFacet implements Covers<Excel.RangeBorder, 'style' | 'weight' | 'color'> {
  declare style: Excel.RangeBorder['style'];
  declare weight: Excel.RangeBorder['weight'];
  declare color: string;
}
defineMembers(FakeRangeBorder, { style: 'readwrite', weight: 'readwrite', color: 'readwrite' });

export class FakeFormatProtection extends FakeFacet implements Covers<Excel.FormatProtection, 'locked'> {
  declare locked: boolean;
}
defineMembers(FakeFormatProtection, { locked: 'readwrite' });

export class FakeDataValidation extends FakeFacet implements Covers<Excel.DataValidation, 'rule' | 'prompt' | 'errorAlert' | 'ignoreBlanks'> {
  declare rule: Excel.DataValidationRule;
  declare prompt: Excel.DataValidationPrompt;
  declare errorAlert: Excel.DataValidationErrorAlert;
  declare ignoreBlanks: boolean;
}
defineMembers(FakeDataValidation, { rule: 'readwrite', prompt: 'readwrite', errorAlert: 'readwrite', ignoreBlanks: 'readwrite' });

// ---- conditional formats

export class FakeConditionalFormatCollection extends FakeFacet implements Covers<Excel.ConditionalFormatCollection, 'add'> {
  constructor(owner: FakeRange) {
    super(owner, 'conditionalFormats');
  }
  add(type: Parameters<Excel.ConditionalFormatCollection['add']>[0]): FakeConditionalFormat {
    const model: ConditionalFormatModel = { address: '', type: String(type), props: new Map() };
    this.queueCall('add', [type], () => {
      const { sheet, areas } = this.owner.target();
      checkWritable(sheet, 'conditionalFormats.add', areas.flatMap(cellsOf));
      model.address = areas.map((a) => areaText(a)).join(',');
      sheet.conditionalFormats.push(model);
    });
    return new FakeConditionalFormat(this.owner, model, 'conditionalFormats');
  }
}

/** Part of one conditional format: settings are kept on that format. */
abstract class FakeConditionalPart extends FakeFacet {
  constructor(
    owner: FakeAreas,
    readonly model: ConditionalFormatModel,
    path: string,
  ) {
    super(owner, path);
  }
  protected override applySet(prop: string, value: unknown): void {
    this.model.props.set(this.member(prop).replace(/^conditionalFormats\./, ''), value);
  }
}

export class FakeConditionalFormat extends FakeConditionalPart implements Covers<Excel.ConditionalFormat, 'custom'> {
  get custom(): FakeCustomConditionalFormat {
    return new FakeCustomConditionalFormat(this.owner, this.model, this.member('custom'));
  }
}

export class FakeCustomConditionalFormat extends FakeConditionalPart implements Covers<Excel.CustomConditionalFormat, 'rule' | 'format'> {
  get rule(): FakeConditionalFormatRule {
    return new FakeConditionalFormatRule(this.owner, this.model, this.member('rule'));
  }
  get format(): FakeConditionalRangeFormat {
    return new FakeConditionalRangeFormat(this.owner, this.model, this.member('format'));
  }
}

export class FakeConditionalFormatRule extends FakeConditionalPart implements Covers<Excel.ConditionalFormatRule, 'formula'> {
  declare formula: string;
}
defineMembers(FakeConditionalFormatRule, { formula: 'readwrite' });

export class FakeConditionalRangeFormat extends FakeConditionalPart implements Covers<Excel.ConditionalRangeFormat, 'fill' | 'font'> {
  get fill(): FakeConditionalRangeFill {
    return new FakeConditionalRangeFill(this.owner, this.model, this.member('fill'));
  }
  get font(): FakeConditionalRangeFont {
    return new FakeConditionalRangeFont(this.owner, this.model, this.member('font'));
  }
}

export class FakeConditionalRangeFill extends FakeConditionalPart implements Covers<Excel.ConditionalRangeFill, 'color'> {
  declare color: string;
}
defineMembers(FakeConditionalRangeFill, { color: 'readwrite' });

export class FakeConditionalRangeFont extends FakeConditionalPart implements Covers<Excel.ConditionalRangeFont, 'color' | 'bold' | 'italic'> {
  declare color: string;
  declare bold: boolean;
  declare italic: boolean;
}
defineMembers(FakeConditionalRangeFont, { color: 'readwrite', bold: 'readwrite', italic: 'readwrite' });

// ---- worksheets

export class FakeWorksheet
  extends FakeObject
  implements
    Covers<
      Excel.Worksheet,
      | 'name'
      | 'position'
      | 'visibility'
      | 'protection'
      | 'freezePanes'
      | 'pageLayout'
      | 'getRange'
      | 'getRanges'
      | 'getRangeByIndexes'
      | 'getUsedRangeOrNullObject'
      | 'activate'
      | 'delete'
      | 'isNullObject'
      | 'load'
    >
{
  declare name: string;
  declare position: number;
  declare visibility: Excel.SheetVisibility | 'Visible' | 'Hidden' | 'VeryHidden';
  bound: SheetModel | null = null;

  constructor(context: FakeContext, locate: (() => SheetModel | null) | SheetModel) {
    super(context);
    if (locate instanceof SheetModel) this.bound = locate;
    else
      this.queueBind(() => {
        this.bound = locate();
      });
  }

  /** A worksheet already known (from a loaded collection). */
  static of(context: FakeContext, sheet: SheetModel, props: string[]): FakeWorksheet {
    const w = new FakeWorksheet(context, sheet);
    w.setLoaded('isNullObject', false);
    for (const p of props) w.setLoaded(p, w.snapshot(p));
    return w;
  }

  exists(): boolean {
    return this.bound !== null && !this.bound.deleted;
  }

  where(): { sheet?: string } {
    return this.bound ? { sheet: this.bound.name } : {};
  }

  model(): SheetModel {
    if (!this.bound || this.bound.deleted) return fail('ItemNotFound', 'worksheet does not exist');
    return this.bound;
  }

  protected override snapshot(prop: string): unknown {
    const s = this.model();
    switch (prop) {
      case 'name':
        return s.name;
      case 'position':
        return this.excel.sheets.indexOf(s);
      case 'visibility':
        return s.settings.get('visibility') ?? 'Visible';
      default:
        return super.snapshot(prop);
    }
  }

  protected override applySet(prop: string, value: unknown): void {
    if (prop === 'name') this.excel.renameSheet(this.model(), String(value));
    else if (prop === 'position') this.excel.moveSheet(this.model(), Number(value));
    else if (prop === 'visibility') this.model().settings.set('visibility', value);
    else super.applySet(prop, value);
  }

  get protection(): FakeWorksheetProtection {
    return new FakeWorksheetProtection(this);
  }

  get freezePanes(): FakeWorksheetFreezePanes {
    return new FakeWorksheetFreezePanes(this);
  }

  get pageLayout(): FakePageLayout {
    return new FakePageLayout(this);
  }

  getRange(address?: string): FakeRange {
    if (address === undefined) return fail('fake', 'getRange() without an address is not supported by the fake');
    if (address.includes(',')) return fail('InvalidArgument', `getRange takes one area: ${address}`);
    return new FakeRange(this.context, () => (this.exists() ? { sheet: this.model(), areas: [parseArea(address)] } : null));
  }

  getRanges(address?: string): FakeRangeAreas {
    if (address === undefined) return fail('fake', 'getRanges() without an address is not supported by the fake');
    if (address.length > 8000) return fail('InvalidArgument', `address list too long (${address.length})`);
    return new FakeRangeAreas(this.context, () => (this.exists() ? { sheet: this.model(), areas: address.split(',').map(parseArea) } : null));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    if (rowCount < 1 || columnCount < 1) return fail('InvalidArgument', 'empty range');
    const area = { row: startRow + 1, col: startColumn + 1, rowEnd: startRow + rowCount, colEnd: startColumn + columnCount };
    return new FakeRange(this.context, () => (this.exists() ? { sheet: this.model(), areas: [area] } : null));
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.context, () => {
      if (!this.exists()) return null;
      const s = this.model();
      let box: RangeRef | null = null;
      for (const [key, c] of s.cells) {
        const used = c.formula !== undefined || c.value !== '' || (!valuesOnly && (c.format.size > 0 || c.numberFormat !== undefined));
        if (!used) continue;
        const [row, col] = key.split(':').map(Number);
        box = box
          ? { row: Math.min(box.row, row), col: Math.min(box.col, col), rowEnd: Math.max(box.rowEnd, row), colEnd: Math.max(box.colEnd, col) }
          : { row, col, rowEnd: row, colEnd: col };
      }
      return box ? { sheet: s, areas: [box] } : null;
    });
  }

  activate(): void {
    this.queueCall('activate', [], () => {
      this.excel.activeId = this.model().id;
    });
  }

  delete(): void {
    this.queueCall('delete', [], () => this.excel.deleteSheet(this.model()));
  }
}
defineMembers(FakeWorksheet, { name: 'readwrite', position: 'readwrite', visibility: 'readwrite' });

abstract class FakeSheetPart extends FakeObject {
  constructor(
    readonly sheet: FakeWorksheet,
    private readonly own: string,
  ) {
    super(sheet.context);
  }
  where() {
    return this.sheet.where();
  }
  exists(): boolean {
    return this.sheet.exists();
  }
  protected override path(): string {
    return this.own;
  }
  protected override applySet(prop: string, value: unknown): void {
    this.sheet.model().settings.set(this.member(prop), value);
  }
  protected record(method: string, args: unknown[]): void {
    this.queueCall(method, args, () => this.sheet.model().settings.set(this.member(method), args));
  }
}

export class FakeWorksheetProtection extends FakeSheetPart implements Covers<Excel.WorksheetProtection, 'protected' | 'options' | 'protect' | 'unprotect' | 'load'> {
  declare readonly protected: boolean;
  declare readonly options: Excel.WorksheetProtectionOptions;
  constructor(sheet: FakeWorksheet) {
    super(sheet, 'protection');
  }
  protected override snapshot(prop: string): unknown {
    const s = this.sheet.model();
    if (prop === 'protected') return s.protected;
    if (prop === 'options') return { ...s.protectionOptions };
    return super.snapshot(prop);
  }
  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void {
    this.queueCall('protect', password === undefined ? [options] : [options, password], () => {
      const s = this.sheet.model();
      if (s.protected) fail('InvalidOperation', `${s.name} is already protected`);
      s.protected = true;
      s.protectionOptions = { ...(options ?? {}) };
      s.password = password;
    });
  }
  unprotect(password?: string): void {
    this.queueCall('unprotect', password === undefined ? [] : [password], () => {
      const s = this.sheet.model();
      if (s.protected && s.password !== undefined && s.password !== password) fail('InvalidArgument', 'wrong password');
      s.protected = false;
    });
  }
}
defineMembers(FakeWorksheetProtection, { protected: 'read', options: 'read' });

export class FakeWorksheetFreezePanes extends FakeSheetPart implements Covers<Excel.WorksheetFreezePanes, 'freezeRows' | 'freezeColumns' | 'freezeAt'> {
  constructor(sheet: FakeWorksheet) {
    super(sheet, 'freezePanes');
  }
  freezeRows(count?: number): void {
    this.record('freezeRows', [count]);
  }
  freezeColumns(count?: number): void {
    this.record('freezeColumns', [count]);
  }
  freezeAt(frozenRange: Excel.Range | string): void {
    this.record('freezeAt', [frozenRange]);
  }
}

export class FakePageLayout extends FakeSheetPart implements Covers<Excel.PageLayout, 'orientation' | 'paperSize' | 'zoom' | 'setPrintArea' | 'setPrintTitleRows'> {
  declare orientation: Excel.PageLayout['orientation'];
  declare paperSize: Excel.PageLayout['paperSize'];
  declare zoom: Excel.PageLayoutZoomOptions;
  constructor(sheet: FakeWorksheet) {
    super(sheet, 'pageLayout');
  }
  setPrintArea(printArea: Excel.Range | Excel.RangeAreas | string): void {
    this.record('setPrintArea', [printArea]);
  }
  setPrintTitleRows(printTitleRows: Excel.Range | string): void {
    this.record('setPrintTitleRows', [printTitleRows]);
  }
}
defineMembers(FakePageLayout, { orientation: 'readwrite', paperSize: 'readwrite', zoom: 'readwrite' });

// ---- collections, names, application, events

abstract class FakeWorkbookPart extends FakeObject {
  constructor(
    context: FakeContext,
    private readonly own: string,
  ) {
    super(context);
  }
  where() {
    return {};
  }
  exists(): boolean {
    return true;
  }
  protected override path(): string {
    return this.own;
  }
}

/** 'items/name,items/position' → ['name', 'position']; 'items' alone → all. */
function itemProps(list: string[], all: string[]): string[] | null {
  if (!list.some((p) => p === 'items' || p.startsWith('items/'))) return null;
  if (list.includes('items')) return all;
  return list.filter((p) => p.startsWith('items/')).map((p) => p.slice('items/'.length));
}

export class FakeWorksheetCollection
  extends FakeWorkbookPart
  implements Covers<Excel.WorksheetCollection, 'items' | 'getItem' | 'getItemOrNullObject' | 'add' | 'getActiveWorksheet' | 'onChanged' | 'load'>
{
  declare readonly items: FakeWorksheet[];
  constructor(context: FakeContext) {
    super(context, 'worksheets');
  }
  override load(props?: LoadArg): this {
    const list = loadList(props);
    const sub = itemProps(list, ['name', 'position']);
    if (!sub) return super.load(props);
    this.context.enqueue({
      kind: 'load',
      member: this.member(`load(${list.join(',')})`),
      target: this,
      apply: () => this.setLoaded('items', this.excel.sheets.map((s) => FakeWorksheet.of(this.context, s, sub))),
    });
    return this;
  }
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.excel.findSheet(key) ?? fail('ItemNotFound', `no worksheet ${key}`));
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.excel.findSheet(key) ?? null);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.excel.sheets.find((s) => s.id === this.excel.activeId) ?? null);
  }
  add(name?: string): FakeWorksheet {
    if (name === undefined) return fail('fake', 'add() without a name is not supported by the fake');
    let created: SheetModel | null = null;
    this.queueCall('add', [name], () => {
      created = this.excel.addSheet(name);
    });
    return new FakeWorksheet(this.context, () => created);
  }
  get onChanged(): FakeEventHandlers<Excel.WorksheetChangedEventArgs> {
    return new FakeEventHandlers(this.context, 'worksheets.onChanged');
  }
}
defineMembers(FakeWorksheetCollection, { items: 'read' });

export class FakeNamedItem extends FakeObject implements Covers<Excel.NamedItem, 'name' | 'type' | 'formula' | 'delete' | 'isNullObject' | 'load'> {
  declare readonly name: string;
  declare readonly type: Excel.NamedItem['type'];
  declare formula: unknown;
  bound: NameModel | null = null;

  constructor(context: FakeContext, locate: (() => NameModel | null) | NameModel) {
    super(context);
    if (typeof locate === 'function')
      this.queueBind(() => {
        this.bound = locate();
      });
    else this.bound = locate;
  }
  static of(context: FakeContext, n: NameModel, props: string[]): FakeNamedItem {
    const item = new FakeNamedItem(context, n);
    item.setLoaded('isNullObject', false);
    for (const p of props) item.setLoaded(p, item.snapshot(p));
    return item;
  }
  exists(): boolean {
    return this.bound !== null && this.excel.names.includes(this.bound);
  }
  where() {
    return this.bound ? { address: this.bound.name } : {};
  }
  protected override path(): string {
    return 'names';
  }
  protected override snapshot(prop: string): unknown {
    const n = this.bound as NameModel;
    switch (prop) {
      case 'name':
        return n.name;
      case 'type':
        return n.sheet.deleted ? 'Error' : 'Range';
      case 'formula':
        return n.sheet.deleted ? '=#REF!' : `=${sheetPrefix(n.sheet.name)}!${areaText(n.range, true)}`;
      default:
        return super.snapshot(prop);
    }
  }
  delete(): void {
    this.queueCall('delete', [], () => {
      const i = this.excel.names.indexOf(this.bound as NameModel);
      this.excel.names.splice(i, 1);
    });
  }
}
defineMembers(FakeNamedItem, { name: 'read', type: 'read', formula: 'read' });

export class FakeNamedItemCollection
  extends FakeWorkbookPart
  implements Covers<Excel.NamedItemCollection, 'items' | 'add' | 'getItem' | 'getItemOrNullObject' | 'load'>
{
  declare readonly items: FakeNamedItem[];
  constructor(context: FakeContext) {
    super(context, 'names');
  }
  override load(props?: LoadArg): this {
    const list = loadList(props);
    const sub = itemProps(list, ['name', 'type', 'formula']);
    if (!sub) return super.load(props);
    this.context.enqueue({
      kind: 'load',
      member: this.member(`load(${list.join(',')})`),
      target: this,
      apply: () => this.setLoaded('items', this.excel.names.map((n) => FakeNamedItem.of(this.context, n, sub))),
    });
    return this;
  }
  private find(name: string): NameModel | null {
    return this.excel.names.find((n) => n.name.toUpperCase() === name.toUpperCase()) ?? null;
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this.find(name) ?? fail('ItemNotFound', `no name ${name}`));
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this.find(name));
  }
  add(name: string, reference: Excel.Range | string, comment?: string): FakeNamedItem {
    let created: NameModel | null = null;
    const ref = reference as unknown;
    this.queueCall('add', comment === undefined ? [name, ref] : [name, ref, comment], () => {
      if (this.find(name)) fail('InvalidArgument', `the name ${name} already exists`);
      if (!(ref instanceof FakeRange)) return fail('fake', 'names.add takes a Range in this fake');
      const { sheet, areas } = ref.target();
      if (areas.length !== 1) fail('fake', 'one area per name');
      created = { name, sheet, range: { ...areas[0] } };
      this.excel.names.push(created);
    });
    return new FakeNamedItem(this.context, () => created);
  }
}
defineMembers(FakeNamedItemCollection, { items: 'read' });

export class FakeWorkbook extends FakeWorkbookPart implements Covers<Excel.Workbook, 'worksheets' | 'names'> {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  constructor(context: FakeContext) {
    super(context, 'workbook');
    this.worksheets = new FakeWorksheetCollection(context);
    this.names = new FakeNamedItemCollection(context);
  }
}

export class FakeApplication
  extends FakeWorkbookPart
  implements Covers<Excel.Application, 'suspendApiCalculationUntilNextSync' | 'suspendScreenUpdatingUntilNextSync' | 'calculate'>
{
  constructor(context: FakeContext) {
    super(context, 'application');
  }
  suspendApiCalculationUntilNextSync(): void {
    this.queueCall('suspendApiCalculationUntilNextSync', [], () => {
      this.excel.application.suspendedCalculation++;
    });
  }
  suspendScreenUpdatingUntilNextSync(): void {
    if (!this.excel.office.context.requirements.isSetSupported('ExcelApi', '1.9')) {
      fail('ApiNotFound', 'suspendScreenUpdatingUntilNextSync needs ExcelApi 1.9');
    }
    this.queueCall('suspendScreenUpdatingUntilNextSync', [], () => {
      this.excel.application.suspendedScreenUpdating++;
    });
  }
  calculate(calculationType: 'Recalculate' | 'Full' | 'FullRebuild'): void {
    this.queueCall('calculate', [calculationType], () => {
      this.excel.application.calculations.push(calculationType);
    });
  }
}

export class FakeEventHandlerResult<T> implements Covers<OfficeExtension.EventHandlerResult<T>, 'remove' | 'context'> {
  constructor(
    readonly context: FakeContext,
    private readonly handlers: FakeEventHandlers<T>,
    private readonly handler: (args: T) => Promise<unknown>,
  ) {}
  remove(): void {
    this.handlers.remove(this.handler);
  }
}

export class FakeEventHandlers<T> implements Covers<OfficeExtension.EventHandlers<T>, 'add' | 'remove'> {
  constructor(
    readonly context: FakeContext,
    private readonly name: string,
  ) {}
  add(handler: (args: T) => Promise<unknown>): FakeEventHandlerResult<T> {
    this.context.enqueue({
      kind: 'call',
      member: `${this.name}.add`,
      target: null,
      apply: () => {
        this.context.excel.handlers.add(handler as unknown as (args: Excel.WorksheetChangedEventArgs) => Promise<unknown>);
      },
    });
    return new FakeEventHandlerResult(this.context, this, handler);
  }
  remove(handler: (args: T) => Promise<unknown>): void {
    this.context.enqueue({
      kind: 'call',
      member: `${this.name}.remove`,
      target: null,
      apply: () => {
        this.context.excel.handlers.delete(handler as unknown as (args: Excel.WorksheetChangedEventArgs) => Promise<unknown>);
      },
    });
  }
}
