// The ExcelJS adapter: a plan written to .xlsx, read back, and computed by LibreOffice.

import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { cellAt, type ReadCell, type ReadSheet, type ReadWorkbook, type SheetPlan } from '../../src/sheet/plan';
import { readWorkbook, readWorkbookFile, WorkbookReadError } from '../../src/xlsx/readWorkbook';
import { writeWorkbook } from '../../src/xlsx/writeWorkbook';
import { recalculate } from '../support/libreoffice';
import { SHEET, SUMMARY_SHEET, samplePlan, summaryPlan } from './samplePlan';
import { zipEntry } from './zipEntry';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'xlsx');

function sheet(wb: ReadWorkbook, name: string): ReadSheet {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${wb.sheets.map((x) => x.name).join(', ')}`);
  return s;
}

function at(s: ReadSheet, a1: string): ReadCell | undefined {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return cellAt(s, Number(m[2]), col);
}

async function loadWithExcelJS(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  return wb;
}

let written: Buffer;

beforeAll(async () => {
  written = await writeWorkbook([samplePlan(), summaryPlan()]);
});

describe('writeWorkbook → readWorkbook', () => {
  let wb: ReadWorkbook;
  let s: ReadSheet;
  beforeAll(async () => {
    wb = await readWorkbook(written, 'sample.xlsx');
    s = sheet(wb, SHEET);
  });

  test('one worksheet per plan, in order', () => {
    expect(wb.sheets.map((x) => x.name)).toEqual([SHEET, SUMMARY_SHEET]);
  });

  test('constants keep their type; text that looks like a formula stays text', () => {
    expect(at(s, 'A2')).toEqual({ v: '=1+1' });
    expect(at(s, 'E2')).toEqual({ v: '+86 020' });
    expect(at(s, 'B2')).toEqual({ v: '达标情况' });
    expect(at(s, 'C2')).toEqual({ v: 3 });
    expect(at(s, 'D2')).toEqual({ v: true });
    expect(at(s, 'A1')).toEqual({ v: '绩效自评测试表' });
  });

  test('formulas are written verbatim, with no cached result', () => {
    const plan = samplePlan();
    for (let r = 1; r <= plan.rowCount; r++) {
      for (let c = 1; c <= plan.colCount; c++) {
        const formula = plan.cells[r - 1][c - 1]?.formula;
        if (formula) expect(cellAt(s, r, c)).toEqual({ v: null, f: formula });
      }
    }
    expect(at(s, 'D4')?.f).toBe('=IF(ISNUMBER(B4),IF(B4>=A4,"达标",IF(B4<A4*0.8,"差距较大","未达标")),"未填")');
    expect(at(sheet(wb, SUMMARY_SHEET), 'A1')).toEqual({ v: null, f: `='${SHEET}'!C7*2` });
  });

  test('empty plan cells and cells covered by a merge are absent', () => {
    expect(at(s, 'B1')).toBeUndefined();
    expect(at(s, 'B6')).toBeUndefined(); // styled input with no value
    expect(at(s, 'C3')).toBeUndefined();
  });

  test('merges and workbook-scoped names come back as ranges', () => {
    expect(s.merges).toEqual([{ row: 1, col: 1, rowEnd: 1, colEnd: 5 }]);
    expect(sheet(wb, SUMMARY_SHEET).merges).toEqual([]);
    expect(wb.names).toEqual([{ name: 'JXZP1_OVER', sheet: SHEET, range: { row: 3, col: 2, rowEnd: 3, colEnd: 2 } }]);
  });
});

describe('sheet settings, as ExcelJS reads them', () => {
  let ws: ExcelJS.Worksheet;
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    book = await loadWithExcelJS(written);
    ws = book.getWorksheet(SHEET)!;
  });

  test('input cells are unlocked, everything else stays locked', () => {
    expect(ws.getCell('B4').protection?.locked).toBe(false);
    expect(ws.getCell('E4').protection?.locked).toBe(false);
    for (const a of ['A4', 'C4', 'D4', 'B3', 'A2', 'A1']) {
      expect(ws.getCell(a).protection?.locked).not.toBe(false);
    }
  });

  test('protected without a password; selecting and resizing allowed', () => {
    const p = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(p.sheet).toBe(true);
    expect(p.hashValue).toBeUndefined();
    expect(p.algorithmName).toBeUndefined();
    expect(p.selectLockedCells).not.toBe(false);
    expect(p.selectUnlockedCells).not.toBe(false);
    expect(p.formatColumns).toBe(true);
    expect(p.formatRows).toBe(true);
  });

  test('a password, when the plan has one, is hashed into the protection', async () => {
    const plan: SheetPlan = { ...summaryPlan(), protect: { password: 'secret' } };
    const other = await loadWithExcelJS(await writeWorkbook([plan]));
    const p = (other.worksheets[0] as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(p.sheet).toBe(true);
    expect(p.algorithmName).toBe('SHA-512');
    expect(typeof p.hashValue).toBe('string');
  });

  test('styles: fill, bold font, thin borders, number format', () => {
    const header = ws.getCell('B2');
    expect(header.font?.bold).toBe(true);
    expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } });
    expect(header.border?.left?.style).toBe('thin');
    expect(header.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(ws.getCell('C4').numFmt).toBe('0.00%');
    expect(ws.getCell('A1').font?.size).toBe(16);
  });

  test('column widths, row heights, frozen panes', () => {
    expect([1, 2, 3, 4, 5].map((c) => ws.getColumn(c).width)).toEqual([12, 14, 12, 12, 10]);
    expect(ws.getRow(1).height).toBe(30);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2 });
  });

  test('A4 landscape, one page wide, print area and repeated title rows', () => {
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: 'A1:E8',
      printTitlesRow: '1:2',
    });
    expect(book.getWorksheet(SUMMARY_SHEET)!.pageSetup.orientation).toBe('portrait');
  });

  test('data validations: decimal between, drop-down list, messages', () => {
    const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model;
    // ExcelJS expands the sqref into one entry per cell when reading.
    for (const a of ['B5', 'B6']) expect(model[a]).toBe(model.B4);
    expect(model.B4).toMatchObject({
      type: 'decimal',
      operator: 'between',
      formulae: [0, 1e9],
      showInputMessage: true,
      promptTitle: '实际完成值',
      prompt: '请输入数字，单位：件',
      showErrorMessage: true,
      errorStyle: 'stop',
      error: '请输入数字',
      allowBlank: true,
    });
    expect(model.E4).toMatchObject({ type: 'list', formulae: ['"是,否"'], promptTitle: '是否完成' });
  });

  test('conditional formats: one expression rule per condition, priorities in order', () => {
    const cfs = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    expect(cfs).toHaveLength(1);
    expect(cfs[0].ref).toBe('C4:C6');
    const rules = cfs[0].rules as ExcelJS.ExpressionRuleType[];
    expect(rules.map((r) => [r.type, r.formulae?.[0], r.priority])).toEqual([
      ['expression', 'AND(ISNUMBER(C4),C4<1)', 1],
      ['expression', 'AND(ISNUMBER(C4),C4>=1)', 2],
    ]);
    expect(rules[0].style?.fill).toMatchObject({ bgColor: { argb: 'FFFFC7CE' } });
    expect(rules[0].style?.font?.color).toEqual({ argb: 'FF9C0006' });
  });

});

describe('workbook XML that ExcelJS does not read back', () => {
  test('Excel is told to recalculate on open', () => {
    expect(zipEntry(written, 'xl/workbook.xml')).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  test('names and print ranges use the quoted sheet name and absolute references', () => {
    const xml = zipEntry(written, 'xl/workbook.xml');
    expect(xml).toContain(`<definedName name="JXZP1_OVER">&apos;${SHEET}&apos;!$B$3</definedName>`);
    expect(xml).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;${SHEET}&apos;!$A$1:$E$8</definedName>`);
    expect(xml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;${SHEET}&apos;!$1:$2</definedName>`);
    expect(xml).not.toMatch(/localSheetId="\d+">[^<]*!\$[A-Z]+\d/); // no half-absolute $A1
  });

  test('sheet protection has no password hash', () => {
    const xml = zipEntry(written, 'xl/worksheets/sheet1.xml');
    const protection = /<sheetProtection [^>]*\/>/.exec(xml)?.[0];
    expect(protection).toBe('<sheetProtection sheet="1" formatColumns="0" formatRows="0"/>');
  });

  test('< and > in formulas are escaped, and formula cells carry no cached value', () => {
    const xml = zipEntry(written, 'xl/worksheets/sheet1.xml');
    const d4 = /<c r="D4"[^>]*>(.*?)<\/c>/.exec(xml)?.[1];
    expect(d4).toBe(
      '<f>IF(ISNUMBER(B4),IF(B4&gt;=A4,&quot;达标&quot;,IF(B4&lt;A4*0.8,&quot;差距较大&quot;,&quot;未达标&quot;)),&quot;未填&quot;)</f>',
    );
  });
});

describe('computed by LibreOffice', () => {
  let wb: ReadWorkbook;
  let s: ReadSheet;
  beforeAll(async () => {
    const inDir = join(ARTIFACTS, 'in');
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(inDir, { recursive: true });
    const file = join(inDir, 'sample.xlsx');
    writeFileSync(file, written);
    const [out] = recalculate([file], join(ARTIFACTS, 'recalculated'));
    wb = await readWorkbookFile(out);
    s = sheet(wb, SHEET);
  });

  test('completion reads the named cap, rounds, and stays blank without a number', () => {
    expect(at(s, 'C4')?.v).toBe(1.2); // MIN(130/100, JXZP1_OVER = 1.2)
    expect(at(s, 'C5')?.v).toBe(0.9);
    expect(at(s, 'C6')?.v ?? '').toBe('');
    expect(at(s, 'C6')?.f).toBe('=IF(ISNUMBER(B6),ROUND(MIN(B6/A6,JXZP1_OVER),4),"")');
  });

  test('Chinese literals and < / >= comparisons survive the XML', () => {
    expect(at(s, 'D4')?.v).toBe('达标');
    expect(at(s, 'D5')?.v).toBe('未达标');
    expect(at(s, 'D6')?.v).toBe('未填');
    expect(at(s, 'E7')?.v).toBe('<100%');
    expect(at(s, 'A8')?.v).toBe('状态：达标');
    expect(at(s, 'B8')?.v).toBe(1);
  });

  test('SUM and SUMIF', () => {
    expect(at(s, 'C7')?.v).toBeCloseTo(2.1, 10);
    expect(at(s, 'D7')?.v).toBe(100);
  });

  test('another sheet reads the quoted sheet name and the workbook name', () => {
    const summary = sheet(wb, SUMMARY_SHEET);
    expect(at(summary, 'A1')?.v).toBeCloseTo(4.2, 10);
    expect(at(summary, 'B1')?.v).toBe(12);
  });

  test('no cell computed to an error', () => {
    const errors = wb.sheets.flatMap((x) => x.cells.flat().filter((c) => c?.err));
    expect(errors).toEqual([]);
  });

  test('text that looks like a formula is still text after a spreadsheet saved it', () => {
    expect(at(s, 'A2')).toEqual({ v: '=1+1' });
    expect(at(s, 'E2')).toEqual({ v: '+86 020' });
  });

  test('merges and names survive the round trip', () => {
    expect(s.merges).toEqual([{ row: 1, col: 1, rowEnd: 1, colEnd: 5 }]);
    expect(wb.names).toEqual([{ name: 'JXZP1_OVER', sheet: SHEET, range: { row: 3, col: 2, rowEnd: 3, colEnd: 2 } }]);
  });
});

describe('readWorkbook normalises what ExcelJS hands back', () => {
  let wb: ReadWorkbook;
  beforeAll(async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("O'Brien 表");
    ws.getCell('A1').value = new Date(Date.UTC(2024, 0, 31));
    ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    ws.getCell('A2').value = { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] };
    ws.getCell('A3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell('A4').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
    ws.getCell('A5').value = { formula: 'A6-A6', result: 0 } as ExcelJS.CellFormulaValue;
    ws.getCell('A6').value = 7;
    ws.getCell('A7').value = { text: '链接', hyperlink: 'https://example.org' };
    ws.getCell('B1').value = { formula: 'A6*2', result: 14, shareType: 'shared', ref: 'B1:B3' } as ExcelJS.CellFormulaValue;
    ws.getCell('B2').value = { sharedFormula: 'B1', result: 0 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell('B3').value = { sharedFormula: 'B1', result: 0 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell('C1').value = { formula: 'A6>1', result: false } as ExcelJS.CellFormulaValue;
    ws.getCell('D9').value = 'far';
    book.definedNames.add(`'O''Brien 表'!$A$1:$B$3`, 'BLOCK');
    book.definedNames.add(`'O''Brien 表'!$A$1`, 'SPLIT');
    book.definedNames.add(`'O''Brien 表'!$C$5`, 'SPLIT');
    wb = await readWorkbook(Buffer.from(await book.xlsx.writeBuffer()), 'built.xlsx');
  });

  test('dates become serial numbers, rich text and hyperlinks become text, errors become err', () => {
    const s = wb.sheets[0];
    expect(at(s, 'A1')).toEqual({ v: 45322, fmt: 'yyyy-mm-dd' });
    expect(at(s, 'A2')).toEqual({ v: '富文本' });
    expect(at(s, 'A3')).toEqual({ v: null, err: '#N/A' });
    expect(at(s, 'A4')).toEqual({ v: null, err: '#DIV/0!', f: '=1/0' });
    expect(at(s, 'A7')).toEqual({ v: '链接' });
  });

  test('falsy formula results are kept; shared formulas are expanded per cell', () => {
    const s = wb.sheets[0];
    expect(at(s, 'A5')).toEqual({ v: 0, f: '=A6-A6' });
    expect(at(s, 'C1')).toEqual({ v: false, f: '=A6>1' });
    expect(at(s, 'B1')).toEqual({ v: 14, f: '=A6*2' });
    expect(at(s, 'B2')).toEqual({ v: 0, f: '=A7*2' });
    expect(at(s, 'B3')).toEqual({ v: 0, f: '=A8*2' });
  });

  test('rows run to the last used row; columns beyond a row are absent', () => {
    const s = wb.sheets[0];
    expect(s.cells).toHaveLength(9);
    expect(s.cells[7]).toEqual([]);
    expect(at(s, 'D9')).toEqual({ v: 'far' });
    expect(at(s, 'E9')).toBeUndefined();
  });

  test('names: a rectangle is kept with its unquoted sheet name; a union is skipped', () => {
    expect(wb.names).toEqual([{ name: 'BLOCK', sheet: "O'Brien 表", range: { row: 1, col: 1, rowEnd: 3, colEnd: 2 } }]);
  });
});

describe('readWorkbook refuses what is not an .xlsx', () => {
  const cases: [string, Buffer][] = [
    ['成绩.csv', Buffer.from('指标,实际值\n满意度,95%\n', 'utf8')],
    ['random.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))],
    ['空.xlsx', Buffer.alloc(0)],
    ['旧表.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)])],
  ];
  test.each(cases)('%s', async (name, data) => {
    const read = readWorkbook(data, name);
    await expect(read).rejects.toBeInstanceOf(WorkbookReadError);
    await expect(read).rejects.toThrow(`无法读取「${name}」`);
  });

  test('a truncated workbook', async () => {
    const half = written.subarray(0, Math.floor(written.length / 2));
    await expect(readWorkbook(half, 'half.xlsx')).rejects.toThrow(/^无法读取「half\.xlsx」：这不是 Excel 工作簿/);
  });

  test('a CSV says it is not a workbook; an .xls says to save as .xlsx', async () => {
    await expect(readWorkbook(Buffer.from('a,b\n1,2\n'), 'x.csv')).rejects.toThrow(
      '无法读取「x.csv」：这不是 Excel 工作簿（.xlsx）文件',
    );
    await expect(readWorkbook(cases[3][1], 'old.xls')).rejects.toThrow(/另存为 \.xlsx/);
  });

  test('readWorkbookFile names the file by its base name', async () => {
    const dir = join(ARTIFACTS, 'bad');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, '导出.csv');
    writeFileSync(file, 'a,b\n');
    await expect(readWorkbookFile(file)).rejects.toThrow('无法读取「导出.csv」');
  });

  test('ArrayBuffer and Uint8Array inputs read like a Buffer', async () => {
    const ab = written.buffer.slice(written.byteOffset, written.byteOffset + written.byteLength) as ArrayBuffer;
    expect((await readWorkbook(ab)).sheets.map((x) => x.name)).toEqual([SHEET, SUMMARY_SHEET]);
    expect((await readWorkbook(new Uint8Array(written))).names).toHaveLength(1);
  });
});

describe('writeWorkbook refuses a plan that would break references', () => {
  test.each([["it's"], ['x'.repeat(32)], ['a/b']])('sheet name %s', async (name) => {
    await expect(writeWorkbook([{ ...summaryPlan(), sheetName: name }])).rejects.toThrow(/worksheet name/);
  });

  test('the same workbook name on two sheets', async () => {
    const other: SheetPlan = { ...summaryPlan(), names: [{ name: 'jxzp1_over', range: { row: 1, col: 1, rowEnd: 1, colEnd: 1 } }] };
    await expect(writeWorkbook([samplePlan(), other])).rejects.toThrow(/JXZP1_OVER|jxzp1_over/);
  });

  test('a formula without its leading =', async () => {
    const plan = summaryPlan();
    plan.cells = [[{ formula: 'SUM(A1:A2)' }, null]];
    await expect(writeWorkbook([plan])).rejects.toThrow(/must start with '='/);
  });

  test('a validation prompt longer than Excel allows', async () => {
    const plan = samplePlan();
    plan.validations = [
      { range: { row: 4, col: 2, rowEnd: 4, colEnd: 2 }, rule: { type: 'decimal', promptTitle: 't', prompt: '字'.repeat(256), error: 'e' } },
    ];
    await expect(writeWorkbook([plan])).rejects.toThrow(/prompt/);
  });
});
