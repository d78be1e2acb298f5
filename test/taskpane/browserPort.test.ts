// The browser host's WorkbookPort: a workbook in memory behind the interface the pane talks to.

import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { exampleForm, blankForm } from '../../src/domain/standards';
import { COL, planForm } from '../../src/sheet/layout';
import { cellAt, type ReadWorkbook, type SheetPlan } from '../../src/sheet/plan';
import { readForm } from '../../src/sheet/readback';
import { createBrowserPort, DEFAULT_FILE_NAME } from '../../src/taskpane/browserPort';
import { isBrowserPort, type BrowserWorkbookPort } from '../../src/taskpane/port';
import { readWorkbook, WorkbookReadError } from '../../src/xlsx/readWorkbook';
import { writeWorkbook } from '../../src/xlsx/writeWorkbook';

const example = (sheetName = '从化', prefix = 'JXZP1'): SheetPlan => planForm(exampleForm(), { sheetName, prefix });
const project = (sheetName = '项目', prefix = 'JXZP2'): SheetPlan =>
  planForm(blankForm('project', { projectName: '普法宣传', year: '2024' }), { sheetName, prefix });

/** The same workbook with each sheet's merges in one order (a save and load may list them differently). */
function mergesSorted(wb: ReadWorkbook): ReadWorkbook {
  const key = (r: { row: number; col: number }) => r.row * 100000 + r.col;
  return { ...wb, sheets: wb.sheets.map((s) => ({ ...s, merges: [...s.merges].sort((a, b) => key(a) - key(b)) })) };
}

/** Lets the tasks queued so far run (listeners are called from such tasks). */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

/** A port and a record of its change notifications. */
async function setup(): Promise<{ port: BrowserWorkbookPort; calls: string[]; listen: (tag: string) => () => void }> {
  const port = await createBrowserPort();
  const calls: string[] = [];
  return { port, calls, listen: (tag) => port.onChanged(() => calls.push(tag)) };
}

describe('a new browser port', () => {
  test('is the browser host, with an empty workbook and the default file name', async () => {
    const { port } = await setup();
    expect(port.host).toBe('browser');
    expect(isBrowserPort(port)).toBe(true);
    expect(port.fileName).toBe(DEFAULT_FILE_NAME);
    expect(DEFAULT_FILE_NAME).toBe('绩效自评表.xlsx');
    expect(await port.sheetNames()).toEqual([]);
    expect(await port.read()).toEqual({ sheets: [], names: [] });
    expect(await port.activeSheet()).toBe('');
    expect(port.highlighted()).toBeNull();
    expect((await createBrowserPort('自评.xlsx')).fileName).toBe('自评.xlsx');
  });

  test('downloads a workbook a spreadsheet program can open, even before anything is inserted', async () => {
    const { port } = await setup();
    const { data, fileName } = await port.download();
    expect(fileName).toBe(DEFAULT_FILE_NAME);
    expect(data).toBeInstanceOf(Uint8Array);
    expect((await readWorkbook(data)).sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(await port.sheetNames()).toEqual([]);
  });
});

describe('insertPlan', () => {
  test('adds the sheet, makes it active, and tells the listeners afterwards', async () => {
    const { port, calls, listen } = await setup();
    listen('a');
    const inserting = port.insertPlan(example(), { replace: false });
    expect(calls).toEqual([]);
    await inserting;
    expect(await port.sheetNames()).toEqual(['从化']);
    expect(await port.activeSheet()).toBe('从化');
    expect(readForm(await port.read()).form).toEqual(exampleForm());
    await settle();
    expect(calls).toEqual(['a']);

    await port.insertPlan(project(), { replace: false });
    expect(await port.sheetNames()).toEqual(['从化', '项目']);
    expect(await port.activeSheet()).toBe('项目');
    await settle();
    expect(calls).toEqual(['a', 'a']);
  });

  test('listeners are called after the operation, in a task of their own, and see the change', async () => {
    const { port } = await setup();
    const seen: string[][] = [];
    let resolved = false;
    port.onChanged(() => {
      expect(resolved).toBe(true);
      void port.sheetNames().then((n) => seen.push(n));
    });
    await port.insertPlan(example(), { replace: false }).then(() => {
      resolved = true;
    });
    expect(seen).toEqual([]);
    await settle();
    expect(seen).toEqual([['从化']]);
  });

  test('an existing sheet is replaced only when asked; a refusal changes nothing and tells no one', async () => {
    const { port, calls, listen } = await setup();
    await port.insertPlan(example(), { replace: false });
    await port.insertPlan(project(), { replace: false });
    await port.select('项目', 12, COL.actual);
    await settle();
    listen('x');
    const before = await port.read();

    await expect(port.insertPlan(project('从化', 'JXZP1'), { replace: false })).rejects.toThrow('已有名为「从化」的工作表');
    expect(await port.read()).toEqual(before);
    expect(await port.activeSheet()).toBe('项目');
    await settle();
    expect(calls).toEqual([]);

    await port.insertPlan(project('从化', 'JXZP1'), { replace: true });
    expect(await port.sheetNames()).toEqual(['从化', '项目']);
    expect(readForm(await port.read(), '从化').form.meta.projectName).toBe('普法宣传');
    expect(await port.activeSheet()).toBe('从化');
    expect(port.highlighted()).toEqual({ sheet: '项目', row: 12, col: COL.actual }); // another sheet: kept
    await settle();
    expect(calls).toEqual(['x']);
  });

  test('replacing the highlighted sheet clears the highlight', async () => {
    const { port } = await setup();
    await port.insertPlan(example(), { replace: false });
    await port.select('从化', 12, COL.actual);
    await port.insertPlan(example(), { replace: true });
    expect(port.highlighted()).toBeNull();
  });
});

describe('writeCells', () => {
  test('writes inputs (text as text), ignores unprotect, and tells the listeners', async () => {
    const { port, calls, listen } = await setup();
    await port.insertPlan(example(), { replace: false });
    await settle();
    listen('w');
    const found = readForm(await port.read());
    const row = found.rowNumbers[3];
    await port.writeCells('从化', [
      { row, col: found.columns.actual, value: 0.8 },
      { row, col: found.columns.reason, value: '=宣传覆盖不足' },
    ]);
    await port.writeCells('从化', [{ row: row + 1, col: found.columns.actual, value: 1 }], { unprotect: true });
    const wb = await port.read();
    const s = wb.sheets[0];
    expect(cellAt(s, row, found.columns.actual)).toEqual({ v: 0.8, fmt: '0.00%' });
    expect(cellAt(s, row, found.columns.reason)).toEqual({ v: '=宣传覆盖不足' });
    expect(readForm(wb).form.rows[3]).toMatchObject({ actual: '80%', reason: '=宣传覆盖不足' });
    expect(readForm(wb).form.rows[4].actual).toBe('100%');
    await settle();
    expect(calls).toEqual(['w', 'w']);
  });

  test('a formula cell or a missing sheet is refused, nothing is written and no one is told', async () => {
    const { port, calls, listen } = await setup();
    await port.insertPlan(example(), { replace: false });
    await settle();
    listen('w');
    const found = readForm(await port.read());
    const before = await port.read();
    const actual = { row: found.rowNumbers[0], col: COL.actual, value: 0.5 };
    await expect(port.writeCells('从化', [actual, { row: found.rowNumbers[0], col: COL.score, value: 2 }])).rejects.toThrow(/是公式/);
    await expect(port.writeCells('别的表', [actual])).rejects.toThrow('没有名为「别的表」的工作表');
    expect(await port.read()).toEqual(before);
    await settle();
    expect(calls).toEqual([]);
  });
});

describe('select and highlighted', () => {
  test('records the cell, makes its sheet active, and tells no one (the workbook did not change)', async () => {
    const { port, calls, listen } = await setup();
    await port.insertPlan(example(), { replace: false });
    await port.insertPlan(project(), { replace: false });
    await settle();
    listen('s');
    expect(await port.activeSheet()).toBe('项目');
    await port.select('从化', 14, COL.actual);
    expect(port.highlighted()).toEqual({ sheet: '从化', row: 14, col: COL.actual });
    expect(await port.activeSheet()).toBe('从化');
    await settle();
    expect(calls).toEqual([]);

    const h = port.highlighted()!;
    h.row = 99; // a copy: the port's own record cannot be changed from outside
    expect(port.highlighted()?.row).toBe(14);
  });

  test('a sheet that does not exist, or a cell off the grid, is refused and the highlight stays', async () => {
    const { port } = await setup();
    await port.insertPlan(example(), { replace: false });
    await port.select('从化', 10, 8);
    await expect(port.select('没有', 1, 1)).rejects.toThrow('没有名为「没有」的工作表');
    await expect(port.select('从化', 0, 1)).rejects.toThrow('不是工作表中的单元格');
    expect(port.highlighted()).toEqual({ sheet: '从化', row: 10, col: 8 });
    expect(await port.activeSheet()).toBe('从化');
  });
});

describe('onChanged', () => {
  test('the returned function unsubscribes; other listeners keep hearing', async () => {
    const { port, calls, listen } = await setup();
    const stopA = listen('a');
    listen('b');
    await port.insertPlan(example(), { replace: false });
    stopA(); // before the queued notification runs: a is no longer called
    await settle();
    expect(calls).toEqual(['b']);
    await port.newWorkbook();
    await settle();
    expect(calls).toEqual(['b', 'b']);
  });
});

describe('open, newWorkbook and download', () => {
  test('download gives the workbook as .xlsx under the file name; open reads it back', async () => {
    const { port, calls } = await setup();
    await port.insertPlan(example(), { replace: false });
    const found = readForm(await port.read());
    await port.writeCells('从化', [{ row: found.rowNumbers[0], col: COL.actual, value: 0.97 }]);
    await port.select('从化', found.rowNumbers[0], COL.actual);
    const { data, fileName } = await port.download();
    expect(fileName).toBe(DEFAULT_FILE_NAME);
    expect(readForm(await readWorkbook(data)).form.rows[0].actual).toBe('97%');

    const other = await createBrowserPort();
    other.onChanged(() => calls.push('other'));
    await other.open(data, '已填写.xlsx');
    expect(other.fileName).toBe('已填写.xlsx');
    expect(await other.sheetNames()).toEqual(['从化']);
    expect(await other.activeSheet()).toBe('从化');
    expect(other.highlighted()).toBeNull();
    expect(mergesSorted(await other.read())).toEqual(mergesSorted(await port.read()));
    expect((await other.download()).fileName).toBe('已填写.xlsx');
    await settle();
    expect(calls).toEqual(['other']);
  });

  test('open replaces the workbook, forgets the highlight, and activates the sheet the file was saved on', async () => {
    const file = await writeWorkbook([example('甲', 'JXZP1'), project('乙', 'JXZP2')]);
    const { port, calls, listen } = await setup();
    await port.insertPlan(example(), { replace: false });
    await port.select('从化', 10, 8);
    await settle();
    listen('o');
    await port.open(new Uint8Array(file), '两张表.xlsx');
    expect(await port.sheetNames()).toEqual(['甲', '乙']);
    expect(await port.activeSheet()).toBe('甲');
    expect(port.highlighted()).toBeNull();
    await settle();
    expect(calls).toEqual(['o']);
  });

  test('open of something that is not a workbook rejects with WorkbookReadError naming the file, and changes nothing', async () => {
    const { port, calls, listen } = await setup();
    await port.insertPlan(example(), { replace: false });
    await port.select('从化', 10, 8);
    await settle();
    listen('o');
    const before = await port.read();
    const random = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256);
    const opening = port.open(random, '随机.bin');
    await expect(opening).rejects.toBeInstanceOf(WorkbookReadError);
    await expect(opening).rejects.toThrow('无法读取「随机.bin」：这不是 Excel 工作簿（.xlsx）文件');
    await expect(opening).rejects.toMatchObject({ fileName: '随机.bin' });
    expect(port.fileName).toBe(DEFAULT_FILE_NAME);
    expect(await port.read()).toEqual(before);
    expect(port.highlighted()).toEqual({ sheet: '从化', row: 10, col: 8 });
    await settle();
    expect(calls).toEqual([]);
  });

  test('newWorkbook starts empty, under the given name or the default one, and tells the listeners', async () => {
    const { port, calls, listen } = await setup();
    await port.open(new Uint8Array(await writeWorkbook([example()])), '旧.xlsx');
    await port.select('从化', 10, 8);
    await settle();
    listen('n');
    await port.newWorkbook('新的.xlsx');
    expect(port.fileName).toBe('新的.xlsx');
    expect(await port.sheetNames()).toEqual([]);
    expect(await port.activeSheet()).toBe('');
    expect(port.highlighted()).toBeNull();
    await port.newWorkbook();
    expect(port.fileName).toBe(DEFAULT_FILE_NAME);
    await settle();
    expect(calls).toEqual(['n', 'n']);
  });
});

describe('operations run in the order they are called', () => {
  test('a read issued before an insert has finished sees the insert; a failure does not stop the queue', async () => {
    const { port } = await setup();
    const inserting = port.insertPlan(example(), { replace: false });
    const failing = port.insertPlan(example(), { replace: false });
    const names = port.sheetNames();
    const writing = port.writeCells('从化', [{ row: 10, col: COL.actual, value: 1 }]);
    const reading = port.read();
    await inserting;
    await expect(failing).rejects.toThrow('已有名为「从化」');
    expect(await names).toEqual(['从化']);
    await writing;
    expect(cellAt((await reading).sheets[0], 10, COL.actual)).toEqual({ v: 1, fmt: '0.00%' });
  });
});

describe('loading', () => {
  test('can be loaded with a dynamic import', async () => {
    const mod = await import('../../src/taskpane/browserPort');
    const port = await mod.createBrowserPort('x.xlsx');
    expect(port.fileName).toBe('x.xlsx');
  });

  test('nothing else in src imports it (or the in-memory workbook) statically, so ExcelJS stays out of the first load', () => {
    const root = join(__dirname, '..', '..', 'src');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) files.push(p);
      }
    };
    walk(root);
    const offenders = files
      .filter((f) => !/taskpane[\\/]browserPort\.ts$/.test(f) && !/[\\/]xlsx[\\/]/.test(f) && !/[\\/]cli[\\/]/.test(f))
      .filter((f) =>
        /^\s*(import|export)\s+(?!type\b)[^;]*from\s+['"][^'"]*(browserPort|memoryWorkbook)['"]/m.test(readFileSync(f, 'utf8')),
      )
      .map((f) => relative(root, f));
    expect(files.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });
});
