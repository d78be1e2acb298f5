// fill writes input cells into an existing workbook through ExcelJS (load / set / save). Everything that is not
// an input — merges, formulas, validations, conditional formats, names, protection, styles, print setup — must
// come out as it went in, for a workbook from writeWorkbook and for one LibreOffice saved.
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { scoreForm } from '../../src/domain/rules';
import { exampleForm } from '../../src/domain/standards';
import type { CellEdit } from '../../src/sheet/inputs';
import { COL, planForm, ROW } from '../../src/sheet/layout';
import { readForm } from '../../src/sheet/readback';
import { applyInputs } from '../../src/xlsx/applyInputs';
import { readWorkbook, readWorkbookFile } from '../../src/xlsx/readWorkbook';
import { writeWorkbook } from '../../src/xlsx/writeWorkbook';
import { sheetResult, tempDir } from '../support/engine';
import { recalculate } from '../support/libreoffice';
import { zipEntry } from '../xlsx/zipEntry';

const form = exampleForm();
const plan = planForm(form);
const SHEET = plan.sheetName;
const first = ROW.firstIndicator;

// Row indices in the example: 0 调解案件补贴发放率 (100%), 16 司法社工与社区矫正对象比例 (1:20),
// 31 资产管理规范性 (定性), 32 预决算信息公开 (是).
const EDITS: CellEdit[] = [
  { row: first + 0, col: COL.actual, value: 0.96 },
  { row: first + 0, col: COL.reason, value: '=个别案件补贴次年发放' },
  { row: first + 16, col: COL.actual, value: 18 },
  { row: first + 31, col: COL.actual, value: '部分达成年度指标并具有一定效果' },
  { row: first + 31, col: COL.override, value: 0.75 },
  { row: first + 32, col: COL.actual, value: '是' },
  { row: first + 1, col: COL.actual, value: '完成' },
];
const edited = new Set(EDITS.map((e) => `${e.row}:${e.col}`));

async function load(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as never);
  return wb;
}

/** Everything about a sheet that an input edit must not change. */
function fingerprint(ws: ExcelJS.Worksheet) {
  const cells: Record<string, unknown> = {};
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const key = `${r}:${c}`;
      const value = edited.has(key) ? '(edited)' : cell.type === ExcelJS.ValueType.Formula ? { f: cell.formula } : cell.value;
      cells[cell.address] = { value, style: JSON.stringify(cell.style), type: edited.has(key) ? '(edited)' : cell.type };
    });
  });
  const m = ws as unknown as {
    dataValidations: { model: unknown };
    conditionalFormattings: unknown;
    sheetProtection: unknown;
  };
  return {
    cells,
    merges: [...ws.model.merges].sort(),
    validations: m.dataValidations.model,
    conditional: m.conditionalFormattings,
    protection: m.sheetProtection,
    views: ws.views,
    widths: ws.columns.map((c) => c.width),
    heights: Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1).height),
    pageSetup: { ...ws.pageSetup, firstPageNumber: undefined, copies: undefined, useFirstPageNumber: undefined },
  };
}

function definedNamesXml(data: Buffer): string {
  return /<definedNames>.*<\/definedNames>/s.exec(zipEntry(data, 'xl/workbook.xml'))?.[0] ?? '';
}

describe('a workbook from writeWorkbook', () => {
  let before: Buffer;
  let after: Buffer;
  beforeAll(async () => {
    before = await writeWorkbook([plan]);
    after = await applyInputs(before, SHEET, EDITS, 'form.xlsx');
  });

  test('the edited cells hold the new values, in the styles the plan gave them', async () => {
    const ws = (await load(after)).getWorksheet(SHEET)!;
    for (const e of EDITS) expect(ws.getCell(e.row, e.col).value).toBe(e.value);
    expect(ws.getCell(first, COL.reason).type).toBe(ExcelJS.ValueType.String); // '=…' stays text
    expect(ws.getCell(first, COL.actual).numFmt).toBe('0.00%');
    expect(ws.getCell(first + 16, COL.actual).numFmt).toBe('"1:"0');
    expect(ws.getCell(first, COL.actual).protection?.locked).toBe(false);
  });

  test('nothing else changed: cells, formulas, styles, merges, validations, conditional formats, protection, views, print setup', async () => {
    const a = fingerprint((await load(before)).getWorksheet(SHEET)!);
    const b = fingerprint((await load(after)).getWorksheet(SHEET)!);
    expect(b.cells).toEqual(a.cells);
    expect(b.merges).toEqual(a.merges);
    expect(b.validations).toEqual(a.validations);
    expect(b.conditional).toEqual(a.conditional);
    expect(b.protection).toEqual(a.protection);
    expect(b.protection).toMatchObject({ sheet: true });
    expect(b.views).toEqual(a.views);
    expect(b.widths).toEqual(a.widths);
    expect(b.heights).toEqual(a.heights);
    expect(b.pageSetup).toEqual(a.pageSetup);
  });

  test('defined names and print ranges are byte for byte the same; Excel is told to recalculate', () => {
    expect(definedNamesXml(after)).toBe(definedNamesXml(before));
    expect(definedNamesXml(after)).toContain('!$A$1:$O$');
    expect(zipEntry(after, 'xl/workbook.xml')).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    expect(zipEntry(after, 'xl/worksheets/sheet1.xml')).toMatch(/<sheetProtection sheet="1" formatColumns="0" formatRows="0"\/>/);
  });

  test('readForm reads the edits back as the form’s inputs', async () => {
    const found = readForm(await readWorkbook(after));
    expect(found.form.rows[0]).toMatchObject({ actual: '96%', reason: '=个别案件补贴次年发放' });
    expect(found.form.rows[1].actual).toBe('完成');
    expect(found.form.rows[16].actual).toBe('1:18');
    expect(found.form.rows[31]).toMatchObject({ actual: '部分达成年度指标并具有一定效果', rateOverride: 0.75 });
    expect(found.form.rows[32].actual).toBe('是');
  });

  test('a formula cell or a cell under a merge is refused', async () => {
    await expect(applyInputs(before, SHEET, [{ row: first, col: COL.score, value: 1 }])).rejects.toThrow(/holds a formula/);
    await expect(applyInputs(before, SHEET, [{ row: 1, col: 2, value: 'x' }])).rejects.toThrow(/covered by a merge/);
    await expect(applyInputs(before, '没有', [])).rejects.toThrow(/no worksheet/);
    await expect(applyInputs(Buffer.from('not a zip'), SHEET, [], 'x.xlsx')).rejects.toThrow('无法读取「x.xlsx」');
  });
});

describe('a workbook LibreOffice saved', () => {
  let loSaved: Buffer;
  let filled: Buffer;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('jxzp-apply-');
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'form.xlsx'), await writeWorkbook([plan]));
    const [saved] = recalculate([join(dir, 'in', 'form.xlsx')], join(dir, 'lo'));
    loSaved = await readFileBuffer(saved);
    filled = await applyInputs(loSaved, SHEET, EDITS, 'form.xlsx');
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function readFileBuffer(p: string): Promise<Buffer> {
    return (await import('fs/promises')).readFile(p);
  }

  test('LibreOffice writes xsd booleans as true/false (the case the ExcelJS fix is for)', () => {
    expect(zipEntry(loSaved, 'xl/worksheets/sheet1.xml')).toMatch(/<sheetProtection sheet="true"/);
    expect(zipEntry(loSaved, 'xl/styles.xml')).toMatch(/<protection locked="false"/);
  });

  test('protection, unlocked input cells and fit-to-page survive the round trip', async () => {
    const xml = zipEntry(filled, 'xl/worksheets/sheet1.xml');
    expect(xml).toMatch(/<sheetProtection sheet="1"/);
    expect(xml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    const ws = (await load(filled)).getWorksheet(SHEET)!;
    expect(ws.getCell(first + 5, COL.actual).protection?.locked).toBe(false);
    expect(ws.getCell(first + 5, COL.reason).protection?.locked).toBe(false);
    expect(ws.getCell(first + 5, COL.score).protection?.locked).not.toBe(false);
    expect(ws.getCell(first + 5, COL.level3).protection?.locked).not.toBe(false);
  });

  test('stale cached results are dropped, so no program shows the old scores', () => {
    const cell = (xml: string): string => new RegExp(`<c r="M${first}"[^>]*>(.*?)</c>`).exec(xml)?.[1] ?? '';
    expect(cell(zipEntry(loSaved, 'xl/worksheets/sheet1.xml'))).toMatch(/^<f[^>]*>.*<\/f><v>未填<\/v>$/);
    const after = cell(zipEntry(filled, 'xl/worksheets/sheet1.xml'));
    expect(after).toMatch(/^<f>.*<\/f>$/);
    expect(after).not.toContain('<v>');
  });

  test('computed again by LibreOffice, the filled sheet agrees with scoreForm', async () => {
    writeFileSync(join(dir, 'filled.xlsx'), filled);
    const [recalculated] = recalculate([join(dir, 'filled.xlsx')], join(dir, 'lo2'));
    const wb = await readWorkbookFile(recalculated);
    const found = readForm(wb);
    const expected = scoreForm(found.form);
    const sheet = sheetResult(wb, found.form, found.sheet);
    expect(sheet.errors).toEqual([]);
    expect(sheet.rows.map((r) => r.status)).toEqual(expected.rows.map((r) => r.status));
    expect(sheet.total).toBe(expected.total);
    expect(expected.rows.slice(0, 2).map((r) => r.status)).toEqual(['未达标', '无法计算']);
    expect(expected.rows[16].status).toBe('达标');
    expect(expected.rows[31]).toMatchObject({ status: '未达标', score: 2.25 });
  });
});
