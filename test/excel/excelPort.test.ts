// The Office.js adapter against the typed fake (test/excel/fakeExcel.ts): round trips, batching, protection,
// text that must stay text.

import * as fs from 'fs';
import * as path from 'path';
import { Form } from '../../src/domain/form';
import { exampleForm } from '../../src/domain/standards';
import { FONT_NAME, POINTS_PER_CHAR, validationSettings } from '../../src/excel/applyPlan';
import { MAX_AREA_LIST_CHARS } from '../../src/excel/addresses';
import { NameInUseError, SheetExistsError } from '../../src/excel/errors';
import { createExcelPort, toBase64 } from '../../src/excel/excelPort';
import { ExcelApiUnsupportedError } from '../../src/excel/requirements';
import { planFill } from '../../src/sheet/inputs';
import { COL, planForm, ROW } from '../../src/sheet/layout';
import { addr, rangeAddr, STYLES, type PlanCell, type SheetPlan } from '../../src/sheet/plan';
import { readForm } from '../../src/sheet/readback';
import { readActualsTable } from '../../src/sheet/importTable';
import { distributeOne } from '../../src/xlsx/distribute';
import { readStampNames } from '../../src/xlsx/stamp';
import { bureauDistricts, bureauTemplate } from '../distribution/fixtures';
import { Command, FakeExcel, FakeExcelError } from './fakeExcel';

/** The 从化 example as a finance officer fills it (actuals as the pane normalises them, reasons, a budget). */
function filledExample(): Form {
  const f = exampleForm();
  const actuals = ['100%', '96%', '100%', '92%', '100%', '0.5‰', '95%', '100%', '100%', '100%', '100%', '100%', '88%',
    '95%', '98%', '100%', '1:18', '100%', '100%', '1:15', '1‰', '100%', '100%', '100%', '95%', '100%', '92%', '96%',
    '12%', '90%', '100%', '部分达成年度指标并具有一定效果', '否', ''];
  f.rows.forEach((r, i) => (r.actual = actuals[i] ?? ''));
  f.rows[1].reason = '专职调解员年中离职一名，已补招';
  f.rows[31].rateOverride = 0.75;
  f.rows[31].reason = '资产盘点尚未完成';
  f.budget.parts[1] = { ...f.budget.parts[1], initial: 120.5, annual: 130, executed: 98.25 };
  f.meta.goalResult = '全年完成各项任务。';
  return f;
}

/** 500 indicators: the example's rows over and over, grouped in 二级 of five, every third with a reason. */
function bigForm(n = 500): Form {
  const f = filledExample();
  const base = f.rows;
  f.rows = Array.from({ length: n }, (_, i) => {
    const r = base[i % base.length];
    return { ...r, level2: `${r.level2}（${Math.floor(i / 5) + 1}）`, level3: `${r.level3}#${i + 1}`, reason: i % 3 === 0 ? `原因说明第${i + 1}条` : r.reason };
  });
  return f;
}

/** A form whose user text looks like formulas, numbers and dates — all of it must stay text. */
function trickyForm(): Form {
  const f = filledExample();
  f.rows[0].level3 = '=HYPERLINK("x")';
  f.rows[0].reason = '=1+1';
  f.rows[1].level3 = '+86 020 热线接通率';
  f.rows[2].level3 = '-3 项以内';
  f.rows[3].level3 = '@SUM(A1)';
  f.rows[4].reason = '100%';
  f.rows[5].reason = "'引号开头";
  f.meta.projectName = '=cmd|/c calc';
  f.meta.goalResult = '2022年1月5日完成';
  return f;
}

let fake: FakeExcel;

beforeEach(() => {
  fake = new FakeExcel().install();
  fake.addSheet('Sheet1');
});

afterEach(() => {
  fake.uninstall();
});

const writes = (commands: Command[], member: string): Command[] => commands.filter((c) => c.member === member);
const isWrite = (c: Command): boolean => c.kind !== 'load';

/** Every cell of the plan against what the fake's sheet holds. */
function expectSheetHolds(plan: SheetPlan, sheetName = plan.sheetName): void {
  const sheet = fake.sheet(sheetName);
  const problems: string[] = [];
  plan.cells.forEach((row, r) =>
    row.forEach((cell: PlanCell | null, c) => {
      const at = addr(r + 1, c + 1);
      const held = sheet.cell(r + 1, c + 1);
      if (cell?.formula !== undefined) {
        if (held?.formula !== cell.formula) problems.push(`${at}: formula ${held?.formula} ≠ ${cell.formula}`);
      } else {
        const want = cell?.value ?? '';
        if (held?.formula !== undefined) problems.push(`${at}: became the formula ${held.formula}`);
        else if ((held?.value ?? '') !== (want === null ? '' : want)) problems.push(`${at}: ${JSON.stringify(held?.value)} ≠ ${JSON.stringify(want)}`);
      }
      if ((held?.numberFormat ?? 'General') !== (cell?.numFmt ?? 'General')) problems.push(`${at}: format ${held?.numberFormat}`);
    }),
  );
  expect(problems).toEqual([]);
}

describe('insertPlan', () => {
  test('inserts the 从化 example in one Excel.run with at most 3 syncs, active and protected', async () => {
    const plan = planForm(filledExample());
    await createExcelPort().insertPlan(plan, { replace: false });
    expect(fake.contexts).toHaveLength(1);
    expect(fake.contexts[0].syncs).toBeLessThanOrEqual(3);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1', plan.sheetName]);
    expect(fake.activeSheetName()).toBe(plan.sheetName);
    expect(fake.sheet(plan.sheetName).protected).toBe(true);
    expect(fake.sheet(plan.sheetName).protectionOptions).toEqual({ allowFormatColumns: true, allowFormatRows: true });
    expectSheetHolds(plan);
  });

  test('a 500-indicator form also takes at most 3 syncs, writes blocks not cells, and stays under the request limit', async () => {
    const plan = planForm(bigForm(500));
    expect(plan.rowCount).toBeGreaterThan(500);
    await createExcelPort().insertPlan(plan, { replace: false });
    expect(fake.contexts).toHaveLength(1);
    expect(fake.contexts[0].syncs).toBeLessThanOrEqual(3);
    const commands = fake.commands;
    expect(writes(commands, 'formulas').length).toBeLessThanOrEqual(20);
    expect(writes(commands, 'numberFormat').length).toBeLessThanOrEqual(20);
    // Formats go by style on grouped areas: far fewer commands than cells (8 400 cells here).
    const cellCount = plan.rowCount * plan.colCount;
    expect(commands.filter(isWrite).length).toBeLessThan(cellCount / 2);
    expect(commands.filter((c) => c.member.startsWith('format.font.')).length).toBeLessThan(200);
    for (const c of commands) expect((c.address ?? '').length).toBeLessThanOrEqual(MAX_AREA_LIST_CHARS);
    // Excel on the web refuses requests over 5 MB.
    expect(Math.max(...fake.requests.map((r) => r.bytes))).toBeLessThan(4.5 * 1024 * 1024);
    expectSheetHolds(plan);
  });

  test('the cells go as whole 2-D arrays through `formulas`, never formulasLocal', async () => {
    const plan = planForm(filledExample());
    await createExcelPort().insertPlan(plan, { replace: false });
    const [w] = writes(fake.commands, 'formulas');
    expect(w.address).toBe(rangeAddr({ row: 1, col: 1, rowEnd: plan.rowCount, colEnd: plan.colCount }));
    expect((w.value as unknown[][]).length).toBe(plan.rowCount);
    expect(fake.commands.some((c) => /Local/.test(c.member))).toBe(false);
    const sources = fs.readdirSync(path.join(__dirname, '../../src/excel')).map((f) => fs.readFileSync(path.join(__dirname, '../../src/excel', f), 'utf8'));
    expect(sources.some((s) => /formulasLocal\s*=/.test(s) || /valuesLocal|numberFormatLocal\s*=/.test(s))).toBe(false);
  });

  test('user text that starts with = + - @ or looks like a number stays text; real formulas stay formulas', async () => {
    const form = trickyForm();
    const plan = planForm(form);
    await createExcelPort().insertPlan(plan, { replace: false });
    const sheet = fake.sheet(plan.sheetName);
    const r = ROW.firstIndicator;
    const text = (row: number, col: number) => sheet.cell(row, col);
    expect(text(r, COL.level3)).toMatchObject({ value: '=HYPERLINK("x")', formula: undefined, quotePrefix: true });
    expect(text(r, COL.reason)).toMatchObject({ value: '=1+1', formula: undefined, quotePrefix: true });
    expect(text(r + 1, COL.level3)).toMatchObject({ value: '+86 020 热线接通率', formula: undefined });
    expect(text(r + 2, COL.level3)).toMatchObject({ value: '-3 项以内', formula: undefined });
    expect(text(r + 3, COL.level3)).toMatchObject({ value: '@SUM(A1)', formula: undefined });
    expect(text(r + 4, COL.reason)).toMatchObject({ value: '100%', formula: undefined });
    expect(text(r + 5, COL.reason)).toMatchObject({ value: "'引号开头", formula: undefined });
    expect(text(ROW.meta, 2)).toMatchObject({ value: '=cmd|/c calc', formula: undefined });
    // what was sent: the apostrophe that keeps it text
    const sent = writes(fake.commands, 'formulas')[0].value as unknown[][];
    expect(sent[r - 1][COL.reason - 1]).toBe("'=1+1");
    // the formulas of the same row are formulas
    expect(text(r, COL.score)?.formula).toBe(plan.cells[r - 1][COL.score - 1]?.formula);
    expect(text(r, COL.score)?.formula).toMatch(/^=/);
    expectSheetHolds(plan);
    // and it all reads back as the same form
    expect(readForm(await createExcelPort().read(), plan.sheetName).form).toEqual(form);
  });

  test('formats: each style once on grouped areas, inputs unlocked and nothing else', async () => {
    const plan = planForm(filledExample());
    await createExcelPort().insertPlan(plan, { replace: false });
    const sheet = fake.sheet(plan.sheetName);
    const problems: string[] = [];
    plan.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        const f = sheet.cell(r + 1, c + 1)?.format ?? new Map<string, unknown>();
        const at = addr(r + 1, c + 1);
        const unlocked = f.get('format.protection.locked') === false;
        if (unlocked !== (cell?.input === true)) problems.push(`${at}: unlocked ${unlocked}`);
        if (!cell?.style) {
          if (f.has('format.font.name')) problems.push(`${at}: styled without a style`);
          return;
        }
        const spec = STYLES[cell.style];
        if (f.get('format.font.name') !== FONT_NAME) problems.push(`${at}: font`);
        if (f.get('format.font.size') !== (spec.size ?? 11)) problems.push(`${at}: size`);
        if ((f.get('format.font.bold') === true) !== (spec.bold === true)) problems.push(`${at}: bold`);
        if (f.get('format.fill.color') !== (spec.fill ? `#${spec.fill}` : undefined)) problems.push(`${at}: fill ${f.get('format.fill.color')}`);
        if ((f.get('format.wrapText') === true) !== (spec.wrap === true)) problems.push(`${at}: wrap`);
        if ((f.get('format.borders.EdgeTop.style') === 'Continuous') !== (spec.border === true)) problems.push(`${at}: border`);
      }),
    );
    expect(problems).toEqual([]);
    // one fill command per style with a fill (its areas fit one list here)
    const fills = writes(fake.commands, 'format.fill.color');
    expect(fills.length).toBe(Object.values(STYLES).filter((s) => s.fill).length);
  });

  test('merges, sizes, validations, conditional formats, names, freeze and page layout follow the plan', async () => {
    const plan = planForm(filledExample());
    await createExcelPort().insertPlan(plan, { replace: false });
    const sheet = fake.sheet(plan.sheetName);
    const key = (m: { row: number; col: number; rowEnd: number; colEnd: number }) => rangeAddr(m);
    expect(sheet.merges.map(key).sort()).toEqual(plan.merges.filter((m) => m.row !== m.rowEnd || m.col !== m.colEnd).map(key).sort());
    plan.columnWidths.forEach((w, i) => expect(sheet.columnWidths.get(i + 1)).toBeCloseTo(w * POINTS_PER_CHAR));
    expect(Object.fromEntries(sheet.rowHeights)).toEqual(Object.fromEntries(Object.entries(plan.rowHeights).map(([r, h]) => [Number(r), h])));
    for (const v of plan.validations) {
      const want = validationSettings(v.rule);
      for (let r = v.range.row; r <= v.range.rowEnd; r++)
        for (let c = v.range.col; c <= v.range.colEnd; c++) {
          const f = sheet.cell(r, c)?.format;
          expect([addr(r, c), f?.get('dataValidation.rule'), f?.get('dataValidation.prompt'), f?.get('dataValidation.errorAlert')]).toEqual([
            addr(r, c),
            want.rule,
            want.prompt,
            want.errorAlert,
          ]);
        }
    }
    const rules = plan.conditionalFormats.flatMap((cf) => cf.rules.map((rule) => ({ address: rangeAddr(cf.range), formula: rule.formula, fill: rule.style.fill && `#${rule.style.fill}` })));
    expect(
      sheet.conditionalFormats.map((cf) => ({ address: cf.address, formula: cf.props.get('custom.rule.formula'), fill: cf.props.get('custom.format.fill.color') })),
    ).toEqual(rules);
    expect(sheet.conditionalFormats.every((cf) => cf.type === 'Custom')).toBe(true);
    for (const n of plan.names) expect([n.name, fake.nameRef(n.name)]).toEqual([n.name, { sheet: plan.sheetName, address: rangeAddr(n.range) }]);
    expect(sheet.settings.get('freezePanes.freezeRows')).toEqual([plan.freeze.rows]);
    expect(sheet.settings.get('pageLayout.paperSize')).toBe('A4');
    expect(sheet.settings.get('pageLayout.orientation')).toBe('Landscape');
    expect(sheet.settings.get('pageLayout.zoom')).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(sheet.settings.get('pageLayout.setPrintArea')).toEqual([rangeAddr(plan.print.area)]);
    expect(sheet.settings.get('pageLayout.setPrintTitleRows')).toEqual([`$${ROW.header}:$${ROW.header}`]);
  });

  test('suspends calculation and screen updating for the write, recalculates after it', async () => {
    await createExcelPort().insertPlan(planForm(filledExample()), { replace: false });
    const c = fake.commands;
    const writeSync = writes(c, 'formulas')[0].sync;
    expect(writes(c, 'application.suspendApiCalculationUntilNextSync').map((x) => x.sync)).toEqual([writeSync]);
    expect(writes(c, 'application.suspendScreenUpdatingUntilNextSync').map((x) => x.sync)).toEqual([writeSync]);
    expect(writes(c, 'application.calculate')).toEqual([expect.objectContaining({ value: ['Full'], sync: writeSync + 1 })]);
  });

  test('replacing: the old sheet is unprotected first, everything is rebuilt at its place, protect comes last', async () => {
    const port = createExcelPort();
    const first = filledExample();
    await port.insertPlan(planForm(first), { replace: false });
    fake.addSheet('汇总');
    const plan = planForm(bigForm(40));
    const name = plan.sheetName;
    fake.sheet(name).protected = true; // as left by the first insert
    fake.type('Sheet1', 'A1', `='${name}'!L44`); // another sheet pointing at it is none of our business

    await port.insertPlan(plan, { replace: true });
    const run = fake.commandsOf(2).filter(isWrite);
    const unprotect = run.findIndex((c) => c.member === 'protection.unprotect');
    expect(run[unprotect]).toMatchObject({ sheet: name });
    // nothing but suspending calculation and screen updating comes before it
    expect(run.slice(0, unprotect).every((c) => c.member.startsWith('application.suspend'))).toBe(true);
    const firstCellWrite = run.findIndex((c) => /^(formulas|numberFormat|format\.|merge|dataValidation\.|conditionalFormats\.)/.test(c.member));
    expect(firstCellWrite).toBeGreaterThan(unprotect);
    const protect = run.findIndex((c) => c.member === 'protection.protect');
    expect(run.slice(protect + 1).map((c) => c.member)).toEqual(['application.calculate']);
    expect(run[protect].sheet).toBe(name);

    expect(fake.contexts[1].syncs).toBeLessThanOrEqual(3);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1', name, '汇总']);
    expectSheetHolds(plan);
    expect(fake.sheet(name).protected).toBe(true);
    for (const n of plan.names) expect(fake.nameRef(n.name)).toEqual({ sheet: name, address: rangeAddr(n.range) });
    expect(fake.names).toHaveLength(plan.names.length);
    expect(readForm(await port.read(), name).form).toEqual(bigForm(40));
  });

  test('an existing sheet is never overwritten without replace; nothing is written', async () => {
    const port = createExcelPort();
    const plan = planForm(filledExample());
    await port.insertPlan(plan, { replace: false });
    fake.type(plan.sheetName, 'N10', '用户写的原因');
    const before = fake.commands.length;
    const lower = { ...plan, sheetName: plan.sheetName.toLowerCase() };
    await expect(port.insertPlan(lower, { replace: false })).rejects.toThrow(SheetExistsError);
    await expect(port.insertPlan(plan, { replace: false })).rejects.toThrow(`已有名为「${plan.sheetName}」的工作表`);
    expect(fake.commands.slice(before).filter(isWrite)).toEqual([]);
    expect(fake.cell(plan.sheetName, 'N10')?.value).toBe('用户写的原因');
  });

  test("names used by another form's sheet are refused; stale names are replaced", async () => {
    const port = createExcelPort();
    const plan = planForm(filledExample());
    fake.addSheet('别的表');
    fake.defineName('JXZP1_TOTAL', '别的表', 'B2');
    await expect(port.insertPlan(plan, { replace: false })).rejects.toThrow(NameInUseError);
    expect(fake.findSheet(plan.sheetName)).toBeUndefined();

    fake.contexts.length = 0;
    const gone = fake.addSheet('旧表');
    fake.defineName('JXZP1_TOTAL', '旧表', 'B2');
    fake.names.splice(0, 1); // the name on 别的表
    fake.deleteSheet(gone); // JXZP1_TOTAL now refers to #REF!
    await port.insertPlan(plan, { replace: false });
    expect(fake.nameRef('JXZP1_TOTAL')).toEqual({ sheet: plan.sheetName, address: rangeAddr(plan.names.find((n) => n.name === 'JXZP1_TOTAL')!.range) });
  });

  test('a failure while applying leaves no half-written sheet and no names', async () => {
    const port = createExcelPort();
    const plan = planForm(filledExample());
    fake.failWhen = (c) => c.member === 'protection.protect';
    await expect(port.insertPlan(plan, { replace: false })).rejects.toThrow('injected failure');
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(fake.names).toEqual([]);
    // the failed batch did write (Office.js does not roll back): the cleanup is what removed it
    expect(writes(fake.commands, 'formulas')).toHaveLength(1);
    expect(fake.commands.some((c) => c.member === 'delete' && c.sheet === plan.sheetName)).toBe(true);
  });

  test('a failed replacement leaves the old sheet as it was', async () => {
    const port = createExcelPort();
    const plan = planForm(filledExample());
    await port.insertPlan(plan, { replace: false });
    fake.sheet(plan.sheetName).protected = false;
    fake.type(plan.sheetName, 'N10', '用户写的原因');
    const contents = () => [...fake.sheet(plan.sheetName).cells].map(([k, c]) => [k, c.value, c.formula]);
    const before = contents();
    fake.failWhen = (c) => c.member === 'names.add';
    await expect(port.insertPlan(planForm(bigForm(40)), { replace: true })).rejects.toThrow('injected failure');
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1', plan.sheetName]);
    expect(contents()).toEqual(before);
    expect(fake.cell(plan.sheetName, 'N10')?.value).toBe('用户写的原因');
    // A name removed just before the failing names.add is not put back, but the form is still found and read.
    const expected = filledExample();
    expected.rows[0].reason = '用户写的原因';
    expect(readForm(await port.read(), plan.sheetName).form).toEqual(expected);
  });

  test('hosts without ExcelApi 1.9 are told so in Chinese before anything is sent', async () => {
    fake.apiVersion = '1.8';
    await expect(createExcelPort().insertPlan(planForm(filledExample()), { replace: false })).rejects.toThrow(ExcelApiUnsupportedError);
    await expect(createExcelPort().insertPlan(planForm(filledExample()), { replace: false })).rejects.toThrow('Excel 版本过旧');
    expect(fake.contexts).toHaveLength(0);
  });
});

describe('read', () => {
  test('the 从化 example round-trips: readForm recovers the same Form, in at most 3 syncs', async () => {
    const form = filledExample();
    const port = createExcelPort();
    await port.insertPlan(planForm(form), { replace: false });
    const wb = await port.read();
    expect(fake.contexts[1].syncs).toBeLessThanOrEqual(3);
    const found = readForm(wb, planForm(form).sheetName);
    expect(found.prefix).toBe('JXZP1');
    expect(found.form).toEqual(form);
  });

  test('a 500-indicator form round-trips too', async () => {
    const form = bigForm(500);
    const port = createExcelPort();
    await port.insertPlan(planForm(form), { replace: false });
    const wb = await port.read();
    expect(fake.contexts[1].syncs).toBeLessThanOrEqual(3);
    expect(readForm(wb).form).toEqual(form);
  });

  test('merged areas are read where ExcelApi 1.13 is available, and not asked for elsewhere', async () => {
    const form = filledExample();
    const plan = planForm(form);
    const port = createExcelPort();
    await port.insertPlan(plan, { replace: false });
    const key = (m: { row: number; col: number; rowEnd: number; colEnd: number }) => rangeAddr(m);
    const wb = await port.read();
    const sheet = wb.sheets.find((s) => s.name === plan.sheetName)!;
    expect(sheet.merges.map(key).sort()).toEqual(plan.merges.filter((m) => m.row !== m.rowEnd || m.col !== m.colEnd).map(key).sort());

    fake.apiVersion = '1.12';
    const before = fake.commands.length;
    const older = await port.read();
    expect(fake.commands.slice(before).some((c) => c.member.includes('getMergedAreas') || c.member === 'load(address)')).toBe(false);
    expect(older.sheets.every((s) => s.merges.length === 0)).toBe(true);
    // the form is still found through its names
    expect(readForm(older, plan.sheetName).form).toEqual(form);
  });

  test('cells read as values, formulas and errors; text that looks like a formula is text', async () => {
    const s = fake.addSheet("O'Brien 表");
    fake.type(s.name, 'B2', "'=1+1");
    fake.type(s.name, 'C2', '=SUM(1,2)');
    fake.setResult(s.name, 'C2', 3, 'Double');
    fake.type(s.name, 'D2', '=1/0');
    fake.setResult(s.name, 'D2', '#DIV/0!', 'Error');
    fake.type(s.name, 'E2', "'#N/A");
    fake.type(s.name, 'B4', 12.5);
    fake.type(s.name, 'C4', true);
    fake.defineName('HERE', s.name, 'C4');
    const wb = await createExcelPort().read();
    expect(wb.sheets.map((x) => x.name)).toEqual(['Sheet1', "O'Brien 表"]);
    expect(wb.sheets[0].cells).toEqual([]);
    expect(wb.sheets[1].cells).toEqual([
      [],
      [undefined, { v: '=1+1' }, { v: 3, f: '=SUM(1,2)' }, { v: null, err: '#DIV/0!', f: '=1/0' }, { v: '#N/A' }],
      [],
      [undefined, { v: 12.5 }, { v: true }],
    ]);
    expect(wb.names).toEqual([{ name: 'HERE', sheet: "O'Brien 表", range: { row: 4, col: 3, rowEnd: 4, colEnd: 3 } }]);
  });
});

describe('writeCells', () => {
  async function inserted(form = filledExample()) {
    const port = createExcelPort();
    const plan = planForm(form);
    await port.insertPlan(plan, { replace: false });
    return { port, plan, runsBefore: fake.contexts.length };
  }

  test('actuals and reasons from a table go in as a few block writes, in one sync, text as text', async () => {
    const { port, plan, runsBefore } = await inserted(exampleForm());
    const found = readForm(await port.read(), plan.sheetName);
    const rows = found.form.rows.map((r, i) => `${r.level3},${i % 2 ? '95%' : '100%'},${i === 1 ? '=1+1' : ''}`);
    const table = readActualsTable([['三级指标', '实际完成值', '偏差原因分析'], ...rows.map((r) => r.split(','))]);
    if (!table.ok) throw new Error(table.error);
    const { edits } = planFill(found, table.value);
    expect(edits.length).toBeGreaterThan(30);
    const before = fake.commands.length;
    await port.writeCells(plan.sheetName, edits);
    const run = fake.contexts[runsBefore + 1];
    expect(run.syncs).toBe(1);
    const formulaWrites = writes(fake.commands.slice(before), 'formulas');
    expect(formulaWrites.length).toBeLessThanOrEqual(4);
    const reason = fake.sheet(plan.sheetName).cell(found.rowNumbers[1], COL.reason);
    expect(reason).toMatchObject({ value: '=1+1', formula: undefined });
    expect(fake.sheet(plan.sheetName).cell(found.rowNumbers[0], COL.actual)?.value).toBe(1);
    expect(fake.sheet(plan.sheetName).protected).toBe(true);
    // and the pane reads back what was written
    const again = readForm(await port.read(), plan.sheetName).form;
    expect(again.rows[1].reason).toBe('=1+1');
    expect(again.rows[1].actual).toBe('95%');
  });

  test('with unprotect, a locked parameter cell is written between unprotect and protect, with the same options', async () => {
    const { port, plan } = await inserted();
    const paramName = plan.names.find((n) => n.name === 'JXZP1_OVER')!;
    const before = fake.commands.length;
    await port.writeCells(plan.sheetName, [{ row: paramName.range.row, col: paramName.range.col, value: 1.3 }], { unprotect: true });
    const run = fake.commands.slice(before).filter(isWrite).map((c) => c.member);
    expect(run).toEqual(['protection.unprotect', 'formulas', 'protection.protect']);
    const sheet = fake.sheet(plan.sheetName);
    expect(sheet.cell(paramName.range.row, paramName.range.col)?.value).toBe(1.3);
    expect(sheet.protected).toBe(true);
    expect(sheet.protectionOptions).toEqual({ allowFormatColumns: true, allowFormatRows: true });
    expect(readForm(await port.read(), plan.sheetName).form.params.overThreshold).toBe(1.3);
  });

  test('without unprotect a locked cell is refused by the protected sheet', async () => {
    const { port, plan } = await inserted();
    await expect(port.writeCells(plan.sheetName, [{ row: ROW.title, col: 1, value: 'x' }])).rejects.toThrow('AccessDenied');
  });

  test('an unprotected sheet stays unprotected', async () => {
    const { port, plan } = await inserted();
    fake.sheet(plan.sheetName).protected = false;
    const before = fake.commands.length;
    await port.writeCells(plan.sheetName, [{ row: ROW.title, col: 1, value: '新标题' }], { unprotect: true });
    expect(fake.commands.slice(before).filter(isWrite).map((c) => c.member)).toEqual(['formulas']);
    expect(fake.sheet(plan.sheetName).protected).toBe(false);
  });
});

describe('select, sheets, events', () => {
  test('select activates the sheet and selects the cell', async () => {
    const port = createExcelPort();
    fake.addSheet('表2');
    expect(await port.activeSheet()).toBe('Sheet1');
    await port.select('表2', 12, COL.actual);
    expect(fake.activeSheetName()).toBe('表2');
    expect(fake.sheet('表2').selection).toBe('H12');
    expect(await port.activeSheet()).toBe('表2');
    expect(await port.sheetNames()).toEqual(['Sheet1', '表2']);
    expect(fake.contexts.every((c) => c.syncs === 1)).toBe(true);
  });

  test('onChanged registers one handler, tells the listener, and unsubscribes', async () => {
    const port = createExcelPort();
    let calls = 0;
    const off = port.onChanged(() => calls++);
    await flush();
    expect(fake.handlers.size).toBe(1);
    await fake.fireChanged('Sheet1', 'H10');
    expect(calls).toBe(1);
    off();
    await flush();
    expect(fake.handlers.size).toBe(0);
    await fake.fireChanged('Sheet1', 'H10');
    expect(calls).toBe(1);
    // the removal ran in the context the handler was added in
    expect(fake.commands.filter((c) => c.member.startsWith('worksheets.onChanged')).map((c) => [c.member, c.run])).toEqual([
      ['worksheets.onChanged.add', 1],
      ['worksheets.onChanged.remove', 1],
    ]);
  });
});

describe('the fake behaves like Office.js where it matters', () => {
  test('reading a property that was not loaded and synced throws PropertyNotLoaded', async () => {
    await expect(
      fake.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        return sheets.items;
      }),
    ).rejects.toThrow('PropertyNotLoaded');
  });

  test('a batch that never syncs what it queued fails', async () => {
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.add('X');
      }),
    ).rejects.toThrow('never synced');
    expect(fake.findSheet('X')).toBeUndefined();
  });

  test('members the fake does not have cannot be assigned (formulasLocal included)', async () => {
    await expect(
      fake.run(async (context) => {
        const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1') as unknown as Record<string, unknown>;
        range.formulasLocal = [['=1']];
      }),
    ).rejects.toThrow('has no member formulasLocal');
  });

  test('typing "=…" or "100%" without an apostrophe does not give text', () => {
    fake.type('Sheet1', 'A1', '=1+1');
    fake.type('Sheet1', 'A2', '100%');
    fake.type('Sheet1', 'A3', "'100%");
    expect(fake.cell('Sheet1', 'A1')?.formula).toBe('=1+1');
    expect(fake.cell('Sheet1', 'A2')?.value).toBe(1);
    expect(fake.cell('Sheet1', 'A3')?.value).toBe('100%');
  });

  test('protecting a protected sheet fails, as Office.js documents', async () => {
    fake.sheet('Sheet1').protected = true;
    const error = await fake
      .run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').protection.protect();
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FakeExcelError);
    expect((error as FakeExcelError).code).toBe('InvalidOperation');
  });
});

/** Lets queued promise callbacks (registration, removal) run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('plans that are not forms', () => {
  test('a hidden plan (a stamp) is hidden and not activated; a report plan is left unprotected', async () => {
    const port = createExcelPort();
    const base = planForm(exampleForm(), { sheetName: '表', prefix: 'JXZP1' });
    await port.insertPlan({ ...base, sheetName: '汇总', names: [], protect: null }, { replace: false });
    await port.insertPlan({ ...base, sheetName: '标记', names: [], hidden: true }, { replace: false });
    expect(fake.sheet('标记').settings.get('visibility')).toBe('Hidden');
    expect(fake.sheet('标记').protected).toBe(true);
    expect(fake.sheet('汇总').protected).toBe(false);
    expect(fake.sheet('汇总').settings.get('visibility')).toBeUndefined();
    expect(await port.activeSheet()).toBe('汇总');
  });
});

describe('createWorkbook (one district’s file opened as a new workbook)', () => {
  test('hands Excel.createWorkbook the .xlsx as base64 and leaves this workbook alone', async () => {
    const template = bureauTemplate();
    const districts = bureauDistricts(template, 3);
    const file = await distributeOne(template, districts, 1, { version: '2' });
    const port = createExcelPort();
    expect(port.createWorkbook).toBeDefined();
    await port.createWorkbook!(file.bytes);
    expect(fake.createdWorkbooks).toHaveLength(1);
    const opened = new Uint8Array(Buffer.from(fake.createdWorkbooks[0], 'base64'));
    expect(opened).toEqual(file.bytes);
    expect(await readStampNames(opened)).toMatchObject({ district: districts[1].name, version: '2' });
    // Nothing was sent to the workbook the add-in runs in.
    expect(fake.contexts).toHaveLength(0);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  test('base64 of files larger than one slice is exact', async () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    await createExcelPort().createWorkbook!(bytes);
    expect(new Uint8Array(Buffer.from(fake.createdWorkbooks[0], 'base64'))).toEqual(bytes);
  });

  test('hosts without ExcelApi 1.8 are told so in Chinese; nothing is opened', async () => {
    fake.apiVersion = '1.7';
    await expect(createExcelPort().createWorkbook!(new Uint8Array([1, 2, 3]))).rejects.toThrow(ExcelApiUnsupportedError);
    expect(fake.createdWorkbooks).toHaveLength(0);
  });
});
