// The workbook the browser mode holds in memory: opened or started, forms added and replaced, inputs written,
// cells read without a save, and the download computed by LibreOffice.

import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import ExcelJS from 'exceljs';
import type { Form } from '../../src/domain/form';
import { scoreForm } from '../../src/domain/rules';
import { blankForm, exampleForm } from '../../src/domain/standards';
import { parseActual, parseTarget } from '../../src/domain/target';
import type { CellEdit } from '../../src/sheet/inputs';
import { actualCellValue, BUDGET_COL, COL, formGeometry, formNames, planForm } from '../../src/sheet/layout';
import { cellAt, type ReadSheet, type ReadWorkbook, type SheetPlan } from '../../src/sheet/plan';
import { readForm, type FoundForm } from '../../src/sheet/readback';
import { MemoryWorkbook } from '../../src/xlsx/memoryWorkbook';
import { readWorkbook, readWorkbookFile, WorkbookReadError } from '../../src/xlsx/readWorkbook';
import { writeWorkbook } from '../../src/xlsx/writeWorkbook';
import { tempDir } from '../support/engine';
import { recalculate } from '../support/libreoffice';
import { SHEET, SUMMARY_SHEET, samplePlan, summaryPlan } from './samplePlan';
import { zipEntry } from './zipEntry';

function sheet(wb: ReadWorkbook, name: string): ReadSheet {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${wb.sheets.map((x) => x.name).join(', ')}`);
  return s;
}

/** The same workbook with each sheet's merges in one order (a save and load may list them differently). */
function mergesSorted(wb: ReadWorkbook): ReadWorkbook {
  const key = (r: { row: number; col: number }) => r.row * 100000 + r.col;
  return { ...wb, sheets: wb.sheets.map((s) => ({ ...s, merges: [...s.merges].sort((a, b) => key(a) - key(b)) })) };
}

const buf = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Actuals in the canonical text the pane writes, one per row of the 从化 example: some short, one over, one 完成. */
const ACTUALS = ['100%', '96%', '100%', '92%', '100%', '0.5‰', '95%', '100%', '100%', '100%', '100%', '100%', '88%',
  '95%', '98%', '100%', '1:18', '100%', '100%', '1:15', '1‰', '100%', '100%', '100%', '95%', '100%', '92%', '96%',
  '12%', '90%', '完成', '部分达成年度指标并具有一定效果', '否', ''];

/** The 从化 example as a finance officer fills it in. */
function filledExample(): Form {
  const f = exampleForm();
  f.rows.forEach((r, i) => (r.actual = ACTUALS[i]));
  f.rows[1].reason = '专职调解员年中离职一名，已补招';
  f.rows[31].rateOverride = 0.75;
  f.rows[31].reason = '=资产盘点尚未完成'; // text that looks like a formula
  f.budget.parts[0] = { ...f.budget.parts[0], executed: 2890.5 };
  return f;
}

/** The cells the pane writes to turn the blank example on a sheet into `filled`. */
function fillEdits(found: FoundForm, filled: Form): CellEdit[] {
  const edits: CellEdit[] = [];
  filled.rows.forEach((r, i) => {
    const row = found.rowNumbers[i];
    const target = parseTarget(r.target, r.level3);
    edits.push({ row, col: found.columns.actual, value: actualCellValue(parseActual(r.actual, target), r.actual) });
    if (r.reason) edits.push({ row, col: found.columns.reason, value: r.reason });
    if (r.rateOverride !== null) edits.push({ row, col: found.columns.override, value: r.rateOverride });
  });
  filled.budget.parts.forEach((p, i) => {
    edits.push({ row: found.partRows[i], col: BUDGET_COL.executed, value: p.executed });
  });
  return edits;
}

async function withForm(form: Form, sheetName = '从化', prefix = 'JXZP1'): Promise<MemoryWorkbook> {
  const mem = MemoryWorkbook.empty();
  await mem.addPlan(planForm(form, { sheetName, prefix }), { replace: false });
  return mem;
}

describe('MemoryWorkbook.open', () => {
  let written: Buffer;
  beforeAll(async () => {
    written = await writeWorkbook([samplePlan(), summaryPlan()]);
  });

  test('a file written by writeWorkbook reads as readWorkbook reads it', async () => {
    const mem = await MemoryWorkbook.open(new Uint8Array(written), 'sample.xlsx');
    expect(mem.sheetNames()).toEqual([SHEET, SUMMARY_SHEET]);
    expect(mem.savedActiveSheet()).toBe(SHEET);
    const expected = await readWorkbook(written, 'sample.xlsx');
    expect(mem.read()).toEqual(expected);
    expect(cellAt(sheet(mem.read(), SHEET), 2, 1)).toEqual({ v: '=1+1' });
  });

  test('saved again, names and print ranges stay fully absolute, and Excel is told to compute on open', async () => {
    const mem = await MemoryWorkbook.open(new Uint8Array(written), 'sample.xlsx');
    const xml = zipEntry(buf(await mem.toBytes()), 'xl/workbook.xml');
    expect(xml).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;${SHEET}&apos;!$A$1:$E$8</definedName>`);
    expect(xml).toContain(`<definedName name="JXZP1_OVER">&apos;${SHEET}&apos;!$B$3</definedName>`);
    expect(xml).not.toMatch(/localSheetId="\d+">[^<]*!\$[A-Z]+\d/); // no half-absolute $A1
    expect(xml).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  test('an ArrayBuffer opens like a Uint8Array', async () => {
    const ab = written.buffer.slice(written.byteOffset, written.byteOffset + written.byteLength) as ArrayBuffer;
    expect((await MemoryWorkbook.open(ab, 'x.xlsx')).sheetNames()).toEqual([SHEET, SUMMARY_SHEET]);
  });

  const notWorkbooks: [string, Uint8Array, RegExp][] = [
    ['random.bin', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256), /这不是 Excel 工作簿/],
    ['成绩.csv', new TextEncoder().encode('指标,实际值\n满意度,95%\n'), /这不是 Excel 工作簿/],
    ['空.xlsx', new Uint8Array(0), /文件是空的/],
    ['旧表.xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(1024).fill(0)]), /另存为 \.xlsx/],
  ];
  test.each(notWorkbooks)('%s is refused in Chinese, naming the file', async (name, data, reason) => {
    const open = MemoryWorkbook.open(data, name);
    await expect(open).rejects.toBeInstanceOf(WorkbookReadError);
    await expect(open).rejects.toThrow(`无法读取「${name}」：`);
    await expect(open).rejects.toThrow(reason);
  });

  test('a truncated workbook is refused', async () => {
    const half = new Uint8Array(written.subarray(0, written.length >> 1));
    await expect(MemoryWorkbook.open(half, 'half.xlsx')).rejects.toThrow(/^无法读取「half\.xlsx」：这不是 Excel 工作簿/);
  });
});

describe('MemoryWorkbook.addPlan', () => {
  test('renders the sheets byte for byte as writeWorkbook does', async () => {
    const mem = MemoryWorkbook.empty();
    await mem.addPlan(samplePlan(), { replace: false });
    await mem.addPlan(summaryPlan(), { replace: false });
    const ours = buf(await mem.toBytes());
    const theirs = await writeWorkbook([samplePlan(), summaryPlan()]);
    for (const part of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml',
      'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) {
      expect([part, zipEntry(ours, part)]).toEqual([part, zipEntry(theirs, part)]);
    }
  });

  test('read() gives the cells straight from memory: formulas without results, text that looks like one as text', async () => {
    const mem = MemoryWorkbook.empty();
    await mem.addPlan(samplePlan(), { replace: false });
    const s = sheet(mem.read(), SHEET);
    expect(cellAt(s, 2, 1)).toEqual({ v: '=1+1' });
    expect(cellAt(s, 4, 3)).toEqual({ v: null, f: '=IF(ISNUMBER(B4),ROUND(MIN(B4/A4,JXZP1_OVER),4),"")' });
    expect(s.merges).toEqual([{ row: 1, col: 1, rowEnd: 1, colEnd: 5 }]);
    expect(mem.read().names).toEqual([{ name: 'JXZP1_OVER', sheet: SHEET, range: { row: 3, col: 2, rowEnd: 3, colEnd: 2 } }]);
  });

  test('a form read from memory, and from the downloaded bytes, is the form that was inserted', async () => {
    const form = filledExample();
    const mem = await withForm(form);
    expect(readForm(mem.read()).form).toEqual(form);
    const bytes = await mem.toBytes();
    expect(bytes.constructor).toBe(Uint8Array);
    const found = readForm(await readWorkbook(bytes, '下载.xlsx'));
    expect(found.sheet).toBe('从化');
    expect(found.prefix).toBe('JXZP1');
    expect(found.form).toEqual(form);
    expect(zipEntry(buf(bytes), 'xl/workbook.xml')).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  describe('replace', () => {
    const formA = filledExample();
    const formB = blankForm('project', { projectName: '普法宣传', unit: '区司法局', department: '区司法局', year: '2024' });
    const formC = blankForm('department', { projectName: '区司法局', year: '2023' });
    let mem: MemoryWorkbook;
    let before: ReadWorkbook;
    beforeEach(async () => {
      mem = MemoryWorkbook.empty();
      await mem.addPlan(planForm(formA, { sheetName: '表1', prefix: 'JXZP1' }), { replace: false });
      await mem.addPlan(planForm(formB, { sheetName: '表2', prefix: 'JXZP2' }), { replace: false });
      await mem.addPlan(planForm(formC, { sheetName: '表3', prefix: 'JXZP3' }), { replace: false });
      before = mem.read();
    });

    test('takes the place of the old sheet, drops its names, keeps the other sheets and their names', async () => {
      // JXZP2_OVER is one of the replaced form's names: it is free again.
      const replacement: SheetPlan = { ...samplePlan(), sheetName: '表2', names: [{ name: 'JXZP2_OVER', range: { row: 3, col: 2, rowEnd: 3, colEnd: 2 } }] };
      expect(before.names.filter((n) => n.sheet === '表2').length).toBeGreaterThan(20);
      await mem.addPlan(replacement, { replace: true });
      expect(mem.sheetNames()).toEqual(['表1', '表2', '表3']);
      const after = mem.read();
      expect(after.names.filter((n) => n.sheet === '表2' || n.name.startsWith('JXZP2_'))).toEqual([
        { name: 'JXZP2_OVER', sheet: '表2', range: { row: 3, col: 2, rowEnd: 3, colEnd: 2 } },
      ]);
      const others = (wb: ReadWorkbook) => wb.names.filter((n) => n.sheet !== '表2');
      expect(others(after)).toEqual(others(before));
      expect(others(after).length).toBeGreaterThan(20);
      expect(sheet(after, '表1')).toEqual(sheet(before, '表1'));
      expect(sheet(after, '表3')).toEqual(sheet(before, '表3'));
      expect(cellAt(sheet(after, '表2'), 1, 1)).toEqual({ v: '绩效自评测试表' });

      // In the file: every sheet keeps its own print area (the tab order and the sheet indexes agree).
      const bytes = buf(await mem.toBytes());
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      expect(book.worksheets.map((w) => w.name)).toEqual(['表1', '表2', '表3']);
      const area = (f: Form) => `A1:O${formGeometry(f).signatureRow}`;
      expect(book.worksheets.map((w) => w.pageSetup.printArea)).toEqual([area(formA), 'A1:E8', area(formC)]);
      const wb = await readWorkbook(bytes);
      expect(readForm(wb, '表1').form).toEqual(formA);
      expect(readForm(wb, '表3').form).toEqual(formC);
    });

    test('a form replaced by a form: the names follow the new table', async () => {
      await mem.addPlan(planForm(formC, { sheetName: '表1', prefix: 'JXZP1' }), { replace: true });
      const after = mem.read();
      const table = (wb: ReadWorkbook) => wb.names.find((n) => n.name === 'JXZP1_TABLE')?.range;
      expect(table(after)).not.toEqual(table(before));
      expect(table(after)?.rowEnd).toBe(formGeometry(formC).last);
      expect(readForm(after, '表1').form).toEqual(formC);
      expect(readForm(after, '表2').form).toEqual(formB);
      expect(after.names.filter((n) => n.sheet === '表1').map((n) => n.name).sort()).toEqual(
        before.names.filter((n) => n.sheet === '表1').map((n) => n.name).sort(),
      );
    });

    test('the sheet is found ignoring case, as Excel compares sheet names', async () => {
      const m = MemoryWorkbook.empty();
      await m.addPlan({ ...summaryPlan(), sheetName: 'Sheet1' }, { replace: false });
      await expect(m.addPlan({ ...summaryPlan(), sheetName: 'SHEET1' }, { replace: false })).rejects.toThrow('已有名为「Sheet1」的工作表');
      await m.addPlan({ ...samplePlan(), sheetName: 'SHEET1' }, { replace: true });
      expect(m.sheetNames()).toEqual(['SHEET1']);
    });

    test('without replace, a sheet of that name is refused and nothing changes', async () => {
      await expect(mem.addPlan(planForm(formB, { sheetName: '表2', prefix: 'JXZP4' }), { replace: false })).rejects.toThrow(
        '工作簿中已有名为「表2」的工作表',
      );
      expect(mem.read()).toEqual(before);
    });

    test("names another sheet's form uses are refused and nothing changes", async () => {
      await expect(mem.addPlan(planForm(formB, { sheetName: '表4', prefix: 'JXZP2' }), { replace: false })).rejects.toThrow(
        /名称 JXZP2_\w+ 已由工作表「表2」使用/,
      );
      // also when replacing: the names of the replaced sheet are free, those of the others are not
      await expect(mem.addPlan(planForm(formB, { sheetName: '表1', prefix: 'jxzp3' }), { replace: true })).rejects.toThrow(
        /名称 JXZP3_\w+ 已由工作表「表3」使用/,
      );
      expect(mem.read()).toEqual(before);
      expect(mem.sheetNames()).toEqual(['表1', '表2', '表3']);
    });

    const broken: [string, () => SheetPlan][] = [
      ['an invalid sheet name', () => ({ ...summaryPlan(), sheetName: 'a/b' })],
      ['a sheet name too long', () => ({ ...summaryPlan(), sheetName: '表'.repeat(32) })],
      ['a formula without its =', () => ({ ...summaryPlan(), sheetName: '表2', cells: [[{ formula: 'SUM(A1:A2)' }, null]] })],
      // fails late: after the cells, merges and names have been rendered (a form other than the one on 表2)
      ['a validation prompt too long', () => {
        const plan = { ...planForm(formC, { sheetName: '表2', prefix: 'JXZP2' }) };
        plan.validations = [...plan.validations, { range: { row: 40, col: 8, rowEnd: 40, colEnd: 8 }, rule: { type: 'decimal', promptTitle: 't', prompt: '字'.repeat(256), error: 'e' } }];
        return plan;
      }],
      ['a name used twice in the plan', () => ({ ...samplePlan(), sheetName: '表2', names: [...samplePlan().names, ...samplePlan().names] })],
    ];
    test.each(broken)('a failing addPlan (%s) leaves the workbook as it was, also with replace', async (_, plan) => {
      for (const replace of [false, true]) {
        await expect(mem.addPlan(plan(), { replace })).rejects.toThrow();
        expect(mem.sheetNames()).toEqual(['表1', '表2', '表3']);
        expect(mem.read()).toEqual(before);
      }
      const wb = await readWorkbook(await mem.toBytes());
      expect(mergesSorted(wb)).toEqual(mergesSorted(before));
    });
  });
});

describe('MemoryWorkbook.setCells', () => {
  const form = exampleForm();
  let mem: MemoryWorkbook;
  let found: FoundForm;
  beforeEach(async () => {
    mem = await withForm(form);
    found = readForm(mem.read());
  });
  const at = (row: number, col: number) => cellAt(sheet(mem.read(), '从化'), row, col);

  test('writes the inputs of a whole form', () => {
    const filled = filledExample();
    mem.setCells('从化', fillEdits(found, filled));
    expect(readForm(mem.read()).form).toEqual(filled);
  });

  test('numbers, text and booleans as given; null clears the value and keeps the style', async () => {
    const row = found.rowNumbers[0];
    mem.setCells('从化', [
      { row, col: COL.actual, value: 0.95 },
      { row, col: COL.reason, value: '人员不足' },
      { row: row + 1, col: COL.reason, value: true },
    ]);
    expect(at(row, COL.actual)).toEqual({ v: 0.95, fmt: '0.00%' });
    expect(at(row, COL.reason)).toEqual({ v: '人员不足' });
    expect(at(row + 1, COL.reason)).toEqual({ v: true });
    mem.setCells('从化', [{ row, col: COL.actual, value: null }]);
    expect(at(row, COL.actual)).toBeUndefined();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buf(await mem.toBytes()) as unknown as ExcelJS.Buffer);
    const cell = book.getWorksheet('从化')!.getCell(row, COL.actual);
    expect(cell.value).toBeNull();
    expect(cell.protection?.locked).toBe(false);
    expect(cell.fill).toMatchObject({ fgColor: { argb: 'FFFFF9E5' } });
  });

  test("text that looks like a formula stays text, in memory and in the file", async () => {
    const row = found.rowNumbers[2];
    mem.setCells('从化', [
      { row, col: COL.reason, value: '=1+1' },
      { row: row + 1, col: COL.reason, value: '@SUM(A1)' },
    ]);
    expect(at(row, COL.reason)).toEqual({ v: '=1+1' });
    const bytes = buf(await mem.toBytes());
    const xml = zipEntry(bytes, 'xl/worksheets/sheet1.xml');
    const c = new RegExp(`<c r="N${row}"[^>]*>(.*?)</c>`).exec(xml)?.[1];
    expect(c).toBeDefined();
    expect(c).not.toContain('<f>');
    expect(cellAt(sheet(await readWorkbook(bytes), '从化'), row, COL.reason)).toEqual({ v: '=1+1' });
    expect(cellAt(sheet(await readWorkbook(bytes), '从化'), row + 1, COL.reason)).toEqual({ v: '@SUM(A1)' });
  });

  test('a locked rule parameter cell can be written (the pane edits 设置 through these)', () => {
    const over = mem.read().names.find((n) => n.name === formNames('JXZP1').overThreshold)!;
    mem.setCells('从化', [{ row: over.range.row, col: over.range.col, value: 1.5 }]);
    expect(readForm(mem.read()).form.params.overThreshold).toBe(1.5);
  });

  const refused: [string, (f: FoundForm) => CellEdit, RegExp][] = [
    ['a formula cell', (f) => ({ row: f.rowNumbers[0], col: COL.score, value: 1 }), /是公式/],
    ['a cell covered by a merge', () => ({ row: 1, col: 2, value: 'x' }), /合并单元格/],
    ['a number that is not finite', (f) => ({ row: f.rowNumbers[0], col: COL.actual, value: Number.NaN }), /不能写入 NaN/],
    ['row 0', () => ({ row: 0, col: 1, value: 1 }), /不是工作表中的单元格/],
    ['a fractional column', () => ({ row: 1, col: 1.5, value: 1 }), /不是工作表中的单元格/],
  ];
  test.each(refused)('refuses %s and writes nothing of the batch', (_, edit, message) => {
    const before = mem.read();
    const first: CellEdit = { row: found.rowNumbers[0], col: COL.actual, value: 0.5 };
    expect(() => mem.setCells('从化', [first, edit(found)])).toThrow(message);
    expect(mem.read()).toEqual(before);
  });

  test('refuses a sheet that does not exist', () => {
    expect(() => mem.setCells('从化2', [{ row: 1, col: 1, value: 1 }])).toThrow('工作簿中没有名为「从化2」的工作表');
  });
});

describe('an empty workbook', () => {
  test('has no sheets, reads empty, and downloads as a workbook with one blank sheet', async () => {
    const mem = MemoryWorkbook.empty();
    expect(mem.sheetNames()).toEqual([]);
    expect(mem.savedActiveSheet()).toBeNull();
    expect(mem.read()).toEqual({ sheets: [], names: [] });
    const wb = await readWorkbook(await mem.toBytes(), 'new.xlsx');
    expect(wb.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(mem.sheetNames()).toEqual([]);
  });
});

describe('the download, computed by LibreOffice', () => {
  const dir = tempDir('jxzp-memory-');
  let filled: Form;
  let computed: ReadWorkbook;
  let computedFile: string;
  let downloaded: Buffer;

  function total(wb: ReadWorkbook, form: Form) {
    const s = sheet(wb, '从化');
    const g = formGeometry(form);
    return { total: cellAt(s, g.totalRow, COL.score)?.v, grade: cellAt(s, g.totalRow, COL.status)?.v };
  }

  beforeAll(async () => {
    filled = filledExample();
    const mem = await withForm(exampleForm());
    mem.setCells('从化', fillEdits(readForm(mem.read()), filled));
    downloaded = buf(await mem.toBytes());
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'download.xlsx'), downloaded);
    [computedFile] = recalculate([join(dir, 'in', 'download.xlsx')], join(dir, 'out'));
    computed = await readWorkbookFile(computedFile);
  });

  test('the sheet computes the total, grade and statuses that src/domain computes', () => {
    const expected = scoreForm(filled);
    expect(expected.total).toBeGreaterThan(60);
    expect(expected.total).toBeLessThan(100);
    const got = total(computed, filled);
    expect(got.total).toBeCloseTo(expected.total, 10);
    expect(got.grade).toBe(expected.grade);
    const s = sheet(computed, '从化');
    const g = formGeometry(filled);
    const statuses = filled.rows.map((_, i) => cellAt(s, g.first + i, COL.status)?.v);
    expect(statuses).toEqual(expected.rows.map((r) => r.status));
    expect(statuses).toEqual(expect.arrayContaining(['未达标', '达标']));
    expect(computed.sheets.flatMap((x) => x.cells.flat().filter((c) => c?.err))).toEqual([]);
  });

  test('a computed file opened again forgets its results; edited and downloaded, it computes the new total', async () => {
    const mem = await MemoryWorkbook.open(new Uint8Array(require('fs').readFileSync(computedFile)), 'download.xlsx');
    const g = formGeometry(filled);
    expect(total(computed, filled).total).not.toBeNull();
    expect(cellAt(sheet(mem.read(), '从化'), g.totalRow, COL.score)).toEqual({ v: null, f: expect.stringMatching(/^=/) });
    expect(readForm(mem.read()).form).toEqual(filled);

    const changed = structuredClone(filled);
    changed.rows[3].actual = '60%';
    const found = readForm(mem.read());
    mem.setCells('从化', [{ row: found.rowNumbers[3], col: found.columns.actual, value: 0.6 }]);
    const bytes = buf(await mem.toBytes());
    expect(zipEntry(bytes, 'xl/workbook.xml')).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    const xml = zipEntry(bytes, 'xl/worksheets/sheet1.xml');
    const totalCell = new RegExp(`<c r="L${g.totalRow}"[^>]*>(.*?)</c>`).exec(xml)?.[1];
    expect(totalCell).toMatch(/^<f>[^<]+<\/f>$/); // no stale cached <v>

    mkdirSync(join(dir, 'in2'));
    writeFileSync(join(dir, 'in2', 'edited.xlsx'), bytes);
    const [out] = recalculate([join(dir, 'in2', 'edited.xlsx')], join(dir, 'out2'));
    const again = await readWorkbookFile(out);
    const expected = scoreForm(changed);
    expect(expected.total).toBeLessThan(scoreForm(filled).total);
    expect(total(again, changed).total).toBeCloseTo(expected.total, 10);
    expect(readForm(again).form).toEqual(changed);
  });
});
