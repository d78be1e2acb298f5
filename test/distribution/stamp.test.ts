// The stamp in a district's workbook: a hidden sheet and workbook names. It must survive a spreadsheet program
// saving the file (LibreOffice here, headless), and a stamp that was edited or removed must be noticed.

import * as fs from 'fs';
import * as path from 'path';
import { stampCheck, type Stamp } from '../../src/domain/distribution';
import { scoreForm } from '../../src/domain/rules';
import { assessWorkbook, prepareExpectation } from '../../src/sheet/collect';
import { sheetFingerprint } from '../../src/sheet/fingerprint';
import { readStampSheet, STAMP_FIELDS, STAMP_SHEET } from '../../src/sheet/stampSheet';
import { distributeFiles } from '../../src/xlsx/distribute';
import { readWorkbook } from '../../src/xlsx/readWorkbook';
import { readConstantNames, readStampNames } from '../../src/xlsx/stamp';
import { tempDir } from '../support/engine';
import { recalculate } from '../support/libreoffice';
import { bureauDistricts, bureauTemplate, fillWorkbook, filledForm, loadExcel, saveExcel } from './fixtures';

const template = bureauTemplate();
const districts = bureauDistricts(template, 3);
let files: Awaited<ReturnType<typeof distributeFiles>>['files'];

beforeAll(async () => {
  files = (await distributeFiles(template, districts, { version: '2', issued: '2025-01-10' })).files;
});

async function assess(bytes: Uint8Array, wb?: Awaited<ReturnType<typeof readWorkbook>>) {
  const exp = await prepareExpectation(template, districts);
  return assessWorkbook(exp, { name: 'x.xlsx', size: bytes.length, sha256: '', workbook: wb ?? (await readWorkbook(bytes)), namesStamp: () => readStampNames(bytes) });
}

describe('the stamp as written', () => {
  test('a hidden, protected sheet and hidden workbook names carry the same sealed stamp', async () => {
    const f = files[1];
    expect(f.stamp).toMatchObject({ format: '1', version: '2', year: '2024', district: districts[1].name, issued: '2025-01-10', sheet: '项目支出绩效自评2024' });
    const { check, ...fields } = f.stamp;
    expect(await stampCheck(fields as Stamp)).toBe(check);
    expect(readStampSheet(await readWorkbook(f.bytes))).toEqual(f.stamp);
    expect(await readStampNames(f.bytes)).toEqual(f.stamp);
    const wb = await loadExcel(f.bytes);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['项目支出绩效自评2024', 'visible'],
      [STAMP_SHEET, 'hidden'],
    ]);
    const protection = (wb.getWorksheet(STAMP_SHEET) as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
    expect(protection?.sheet).toBe(true);
    const names = await readConstantNames(f.bytes);
    expect([...names.keys()].filter((n) => n.startsWith('JXZP_STAMP_'))).toEqual(STAMP_FIELDS.map((x) => x.name));
  });

  test('every district has its own stamp; districts with their own targets have their own fingerprint', () => {
    expect(new Set(files.map((f) => f.stamp.district)).size).toBe(3);
    expect(new Set(files.map((f) => f.stamp.templateId)).size).toBe(1);
    expect(files[0].stamp.fingerprint).not.toBe(files[1].stamp.fingerprint); // 1 has overrides
    expect(files[0].stamp.fingerprint).toBe(files[2].stamp.fingerprint); // same targets and weights
  });
});

describe('LibreOffice saving the files', () => {
  let saved: { blank: Uint8Array; filled: Uint8Array };
  beforeAll(async () => {
    const dir = tempDir('jxzp-stamp-');
    fs.mkdirSync(path.join(dir, 'in'));
    const blank = path.join(dir, 'in', 'blank.xlsx');
    const filled = path.join(dir, 'in', 'filled.xlsx');
    fs.writeFileSync(blank, files[0].bytes);
    fs.writeFileSync(filled, await fillWorkbook(files[1].bytes, filledForm(template, districts[1], 1)));
    const [b, f] = recalculate([blank, filled], path.join(dir, 'out'));
    saved = { blank: new Uint8Array(fs.readFileSync(b)), filled: new Uint8Array(fs.readFileSync(f)) };
  });

  test('keeps the stamp sheet hidden and intact, and the workbook names', async () => {
    for (const [bytes, f] of [[saved.blank, files[0]], [saved.filled, files[1]]] as const) {
      expect(readStampSheet(await readWorkbook(bytes))).toEqual(f.stamp);
      const wb = await loadExcel(bytes);
      expect(wb.getWorksheet(STAMP_SHEET)?.state).toBe('hidden');
    }
    // The blank file went straight from us to LibreOffice; the filled one through ExcelJS (jxzp fill), which keeps
    // only names that point at cells — its stamp lives on in the sheet.
    expect(await readStampNames(saved.blank)).toEqual(files[0].stamp);
  });

  test('the fingerprint of the untouched forms still matches, and they are accepted as untouched', async () => {
    for (const [bytes, f, i] of [[saved.blank, files[0], 0], [saved.filled, files[1], 1]] as const) {
      const wb = await readWorkbook(bytes);
      const exp = await prepareExpectation(template, districts);
      const e = (await exp.expected(f.district))!;
      expect(await sheetFingerprint(e.plan, wb.sheets.find((s) => s.name === f.stamp.sheet)!)).toBe(f.stamp.fingerprint);
      const r = await assess(bytes, wb);
      expect(r).toMatchObject({ outcome: '已采用', district: f.district, tamper: { status: '未改动' }, targetChanges: [] });
      if (i === 1) expect(r.score?.result.total).toBe(scoreForm(filledForm(template, districts[1], 1)).total);
    }
  });
});

describe('a stamp edited or removed', () => {
  test('the stamp sheet deleted: the workbook names still identify the file', async () => {
    const bytes = files[2].bytes;
    const wb = await readWorkbook(bytes);
    wb.sheets = wb.sheets.filter((s) => s.name !== STAMP_SHEET);
    const r = await assess(bytes, wb);
    expect(r).toMatchObject({ outcome: '已采用', district: districts[2].name, notes: ['下发标记工作表已被删除，已按工作簿名称中的标记识别'] });
  });

  test('another district’s name typed into the stamp sheet: refused, the check does not match', async () => {
    const wb = await loadExcel(files[2].bytes);
    const ws = wb.getWorksheet(STAMP_SHEET)!;
    ws.eachRow((row) => {
      if (row.getCell(1).value === '单位') row.getCell(2).value = districts[0].name;
    });
    const r = await assess(await saveExcel(wb)); // saved by ExcelJS: the names are gone, the sheet is all there is
    expect(r.outcome).toBe('未采用');
    expect(r.reason).toBe('下发标记被改动过（校验码不符），无法确认报表属于哪个单位');
  });

  test('no stamp at all: refused, saying which unit the form names', async () => {
    const wb = await loadExcel(files[2].bytes);
    wb.removeWorksheet(wb.getWorksheet(STAMP_SHEET)!.id);
    const r = await assess(await saveExcel(wb));
    expect(r.outcome).toBe('未采用');
    expect(r.reason).toBe(`没有下发标记，不是本次下发的报表（表中实施单位为「${districts[2].name}」）：如确为本次下发的报表，请让该单位在下发的文件上填写后重新报送`);
  });

  test('a stamp of a later format is named as such', async () => {
    const wb = await readWorkbook(files[2].bytes);
    const sheet = wb.sheets.find((s) => s.name === STAMP_SHEET)!;
    const fmt = sheet.cells.find((row) => row?.[0]?.v === '格式版本')!;
    fmt[1] = { v: '9' };
    const r = await assess(new Uint8Array([0]), wb); // no names to fall back on
    expect(r.reason).toBe('下发标记的格式版本「9」本程序不认识，请升级绩效自评助手');
  });
});
