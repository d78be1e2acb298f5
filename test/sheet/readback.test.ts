import * as fs from 'fs';
import * as path from 'path';
import { Form } from '../../src/domain/form';
import ExcelJS from 'exceljs';
import { profileById, scoreForm } from '../../src/domain/rules';
import { blankForm, exampleForm } from '../../src/domain/standards';
import { planForm } from '../../src/sheet/layout';
import { findForms, FormNotFoundError, readForm } from '../../src/sheet/readback';
import { readWorkbook, readWorkbookFile } from '../../src/xlsx/readWorkbook';
import { writeWorkbook } from '../../src/xlsx/writeWorkbook';
import { sheetResult, tempDir } from '../support/engine';
import { recalculate } from '../support/libreoffice';

/** The 从化 example as a finance officer fills it: actuals in canonical text (as the pane normalises them), reasons, an override, a budget. */
function filledExample(): Form {
  const f = exampleForm();
  const actuals = ['100%', '96%', '100%', '92%', '100%', '0.5‰', '95%', '100%', '100%', '100%', '100%', '100%', '88%',
    '95%', '98%', '100%', '1:18', '100%', '100%', '1:15', '1‰', '100%', '100%', '100%', '95%', '100%', '92%', '96%',
    '12%', '90%', '100%', '部分达成年度指标并具有一定效果', '否', ''];
  f.rows.forEach((r, i) => (r.actual = actuals[i]));
  f.rows[1].reason = '专职调解员年中离职一名，已补招';
  f.rows[31].rateOverride = 0.75;
  f.rows[31].reason = '资产盘点尚未完成';
  f.budget.parts[1] = { ...f.budget.parts[1], initial: 120.5, annual: 130, executed: 98.25 };
  f.meta.goalResult = '全年完成各项任务。';
  return f;
}

async function roundTrip(forms: Form[]) {
  const buf = await writeWorkbook(forms.map((f, i) => planForm(f, { sheetName: `表${i + 1}`, prefix: `JXZP${i + 1}` })));
  return readWorkbook(buf, 'x.xlsx');
}

describe('readForm', () => {
  test('writing then reading a form gives the same form', async () => {
    const forms = [filledExample(), blankForm('project', { projectName: '普法宣传', unit: '区司法局', department: '区司法局', year: '2024', profileId: 'hubei' })];
    forms[1].params = { ...profileById('hubei').params, overThreshold: 1.25 };
    const wb = await roundTrip(forms);
    const found = findForms(wb);
    expect(found.map((f) => f.sheet)).toEqual(['表1', '表2']);
    expect(found[0].form).toEqual(forms[0]);
    expect(found[1].form).toEqual(forms[1]);
  });

  test('the form survives LibreOffice saving the file (names, values, types)', async () => {
    const dir = tempDir('jxzp-readback-');
    const file = path.join(dir, 'in', 'form.xlsx');
    fs.mkdirSync(path.dirname(file));
    const form = filledExample();
    fs.writeFileSync(file, await writeWorkbook([planForm(form)]));
    const [saved] = recalculate([file], path.join(dir, 'out'));
    const found = readForm(await readWorkbookFile(saved));
    expect(found.prefix).toBe('JXZP1');
    expect(found.form).toEqual(form);
  });

  test('without its names the form is found by its header row and read the same', async () => {
    const form = filledExample();
    const wb = await roundTrip([form]);
    wb.names = [];
    const found = readForm(wb);
    expect(found.prefix).toBeNull();
    expect(found.form).toEqual(form);
    expect(found.rowNumbers[0]).toBe(found.headerRow + 1);
  });

  test('a workbook without a form says so in Chinese', async () => {
    const wb = await roundTrip([filledExample()]);
    wb.names = [];
    wb.sheets = wb.sheets.map((s) => ({ ...s, cells: s.cells.slice(0, 3) }));
    expect(() => readForm(wb)).toThrow(FormNotFoundError);
    expect(() => readForm(wb)).toThrow('没有找到绩效自评表');
    expect(() => readForm(wb, '表9')).toThrow('工作表「表9」中没有找到绩效自评表');
  });
});

describe('a reading corrected by hand in the sheet (no add-in, e.g. WPS)', () => {
  test('the corrected 指标性质 / 目标数值 / 度量单位 win, and the sheet computes what src/domain computes', async () => {
    const form = blankForm('project', { year: '2024' }, [
      { ...exampleForm().rows[0], level3: '宣传活动', target: '每月1次左右', actual: '' },
      { ...exampleForm().rows[1], level3: '调解员配备率', target: '100%', actual: '' },
    ]);
    const dir = tempDir('jxzp-correct-');
    const file = path.join(dir, 'in', 'form.xlsx');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, await writeWorkbook([planForm(form)]));
    // A person corrects row 1's reading and enters actuals, as they would in WPS (row 2 keeps its reading).
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.worksheets[0];
    ws.getCell('E10').value = '≥';
    ws.getCell('F10').value = 12;
    ws.getCell('G10').value = '次';
    ws.getCell('H10').value = 10;
    ws.getCell('H11').value = 0.9;
    await book.xlsx.writeFile(file);

    const [saved] = recalculate([file], path.join(dir, 'out'));
    const found = readForm(await readWorkbookFile(saved));
    expect(found.form.rows.map((r) => [r.target, r.actual])).toEqual([
      ['≥12次', '10次'],
      ['100%', '90%'],
    ]);
    const oracle = scoreForm(found.form);
    const sheet = sheetResult(await readWorkbookFile(saved), found.form, found.sheet);
    expect(sheet.rows.map((r) => [r.completion, r.score, r.status])).toEqual(
      oracle.rows.map((r) => [r.completion, r.score, r.status]),
    );
    expect(oracle.rows[0]).toMatchObject({ completion: 0.8333, status: '未达标' });
  });
});
