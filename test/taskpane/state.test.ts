// The pane's logic without React: where a new form goes, what a save writes, where the parameters live, what the
// preview shows. (Node environment: no DOM needed.)
import type { Form } from '../../src/domain/form';
import { scoreForm } from '../../src/domain/rules';
import { blankForm, exampleForm } from '../../src/domain/standards';
import { BUDGET_COL, COL, formNames, planForm } from '../../src/sheet/layout';
import { addr } from '../../src/sheet/plan';
import { findForms } from '../../src/sheet/readback';
import { MESSAGES } from '../../src/taskpane/i18n';
import {
  buildForm,
  checkSheetName,
  freePrefix,
  freeSheetName,
  prefixFor,
  readPastedTable,
  readTableFile,
  sheetState,
  targetPreview,
} from '../../src/taskpane/state/newForm';
import { groupRows, parseMoney, planSave, pruneDrafts, rowEntry, withRowDraft, withoutSaved, NO_DRAFTS } from '../../src/taskpane/state/fill';
import { fieldsOf, paramCells, paramsOf, parsePercent, planParamSave } from '../../src/taskpane/state/settings';
import { computedCells, numberText, previewModel } from '../../src/taskpane/state/preview';
import { flagsOf } from '../../src/taskpane/state/results';
import { FakeWorkbookPort } from '../support/fakePort';

async function workbookWith(...forms: [Form, string, string][]) {
  const port = new FakeWorkbookPort('excel', ['Sheet1']);
  for (const [f, sheetName, prefix] of forms) port.addPlan(planForm(f, { sheetName, prefix }));
  return { port, wb: await port.read() };
}

describe('新建: where a form goes', () => {
  test('free sheet names compare case-insensitively and stay within 31 characters', () => {
    expect(freeSheetName('表', [])).toBe('表');
    expect(freeSheetName('Sheet1', ['sheet1'])).toBe('Sheet1（2）');
    expect(freeSheetName('表', ['表', '表（2）'])).toBe('表（3）');
    const long = 'x'.repeat(31);
    expect(freeSheetName(long, [long])).toBe('x'.repeat(28) + '（2）');
  });

  test('sheet names Excel refuses are caught', () => {
    expect(checkSheetName('')).toBe('empty');
    expect(checkSheetName('a'.repeat(32))).toBe('tooLong');
    expect(checkSheetName('a/b')).toBe('badChars');
    expect(checkSheetName("it's")).toBe('badChars');
    expect(checkSheetName('部门整体绩效自评2022')).toBeNull();
  });

  test('prefixes: the first JXZPn unused; a replaced form keeps its own', async () => {
    const { wb } = await workbookWith([exampleForm(), 'A', 'JXZP1'], [exampleForm(), 'B', 'JXZP3']);
    expect(freePrefix(wb)).toBe('JXZP2');
    expect(prefixFor(wb, 'b')).toBe('JXZP3');
    expect(prefixFor(wb, 'C')).toBe('JXZP2');
    expect(freePrefix({ sheets: [], names: [] })).toBe('JXZP1');
  });

  test('what a sheet holds decides whether to ask', async () => {
    const filled = exampleForm();
    filled.rows[3].reason = '说明';
    const { port, wb } = await workbookWith([exampleForm(), 'blank', 'JXZP1'], [filled, 'filled', 'JXZP2']);
    expect(sheetState(wb, 'Sheet1')).toBe('empty');
    expect(sheetState(wb, 'nope')).toBe('absent');
    expect(sheetState(wb, 'BLANK')).toBe('blankForm');
    expect(sheetState(wb, 'filled')).toBe('filled');
    port.edit('Sheet1', 2, 2, '别人的数据');
    expect(sheetState(await port.read(), 'Sheet1')).toBe('filled');
  });

  test('the example keeps its standard; a profile brings its parameters; a table gives the rows', () => {
    const header = { projectName: 'P', unit: 'U', department: 'D', year: '2024' };
    const ex = buildForm({ standard: 'project', header, profileId: 'guangxi', source: 'example', table: null });
    expect(ex.meta.standard).toBe('department');
    expect(ex.meta.projectName).toBe('P');
    expect(ex.params.overThreshold).toBe(1.3);
    expect(ex.rows).toHaveLength(34);
    const pasted = readPastedTable('一级指标\t二级指标\t三级指标\t年度指标值\t分值\n产出指标\t数量指标\t人次\t≥10人\t90');
    if (!pasted.ok) throw new Error(pasted.error);
    const tb = buildForm({ standard: 'project', header, profileId: 'hubei', source: 'table', table: pasted.table });
    expect(tb.rows.map((r) => r.level3)).toEqual(['人次']);
    expect(tb.budget.weight).toBe(20);
  });

  test('the target preview marks unreadable targets and leaves blank template rows as blank', () => {
    const p = targetPreview(blankForm('project').rows.slice(0, 1).concat(exampleForm().rows.slice(16, 17), [{ ...exampleForm().rows[0], target: '1:0' }]));
    expect(p.map((x) => x.state)).toEqual(['blank', 'ok', 'invalid']);
    expect(p[1].reading).toBe('1:20');
    expect(p[2].reading).toContain('不是有效的比例');
  });
});

describe('新建: indicator tables from files', () => {
  test('an .xlsx table is read through ExcelJS (loaded only then), a percent cell as the percent it shows', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('指标');
    ws.addRow(['项目名称', '农村公路养护']);
    ws.addRow(['一级指标', '二级指标', '三级指标', '年度指标值', '分值']);
    ws.addRow(['产出指标', '质量指标', '验收合格率', 0.95, 30]);
    ws.getCell('D3').numFmt = '0%';
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const read = await readTableFile(bytes, '指标.xlsx');
    if (!read.ok) throw new Error(read.error);
    expect(read.table.where).toBe('「指标.xlsx」');
    expect(read.table.meta.projectName).toBe('农村公路养护');
    expect(read.table.rows.map((r) => [r.level3, r.target, r.weight])).toEqual([['验收合格率', '95%', 30]]);
  });

  test('a file named .xlsx that is not one gets the reader’s own sentence; a GBK CSV is refused with how to fix it', async () => {
    const bad = await readTableFile(new TextEncoder().encode('hello'), '指标.xlsx');
    expect(bad).toMatchObject({ ok: false, complete: true });
    if (!bad.ok) expect(bad.error).toMatch(/^无法读取「指标.xlsx」/);
    const gbk = await readTableFile(new Uint8Array([0xd2, 0xbb, 0xbc, 0xb6, 0x2c, 0x41]), '指标.csv');
    expect(gbk).toMatchObject({ ok: false, complete: true });
    if (!gbk.ok) expect(gbk.error).toContain('CSV UTF-8');
  });
});

describe('填报: drafts and what a save writes', () => {
  test('a draft typed back to the sheet value disappears; a save writes only what changed', async () => {
    const { wb } = await workbookWith([exampleForm(), 'S', 'JXZP1']);
    const found = findForms(wb)[0];
    let d = withRowDraft(NO_DRAFTS, found.form, 0, 'actual', '96%');
    d = withRowDraft(d, found.form, 1, 'actual', 'x');
    d = withRowDraft(d, found.form, 1, 'actual', '');
    expect(d.rows).toEqual({ 0: { actual: '96%' } });
    const plan = planSave(found, d);
    expect(plan).toEqual({ ok: true, edits: [{ row: 10, col: COL.actual, value: 0.96 }] });
  });

  test('drafts the sheet has caught up with are pruned; drafts typed during a save are kept', async () => {
    const f = exampleForm();
    f.rows[0].actual = '96%';
    const { wb } = await workbookWith([f, 'S', 'JXZP1']);
    const found = findForms(wb)[0];
    const d = { rows: { 0: { actual: '96%' }, 1: { actual: '90%' } }, budget: {} };
    expect(pruneDrafts(d, found.form).rows).toEqual({ 1: { actual: '90%' } });
    expect(withoutSaved({ rows: { 1: { actual: '91%' }, 2: { reason: 'r' } }, budget: {} }, { rows: { 1: { actual: '90%' }, 2: { reason: 'r' } }, budget: {} }).rows).toEqual({
      1: { actual: '91%' },
    });
  });

  test('money and 得分率 problems are all reported, with nothing to write', async () => {
    const { wb } = await workbookWith([exampleForm(), 'S', 'JXZP1']);
    const found = findForms(wb)[0];
    const qual = found.form.rows.findIndex((r) => r.target === '规范');
    const plan = planSave(found, { rows: { 0: { actual: '96%' }, [qual]: { override: '120%' } }, budget: { '0:executed': '三千' } });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems.map((p) => p.kind)).toEqual(['override', 'money']);
    expect(parseMoney('3,096.04万元')).toBe(3096.04);
    expect(parseMoney('')).toBeNull();
    expect(parseMoney('abc')).toBeUndefined();
    const ok = planSave(found, { rows: {}, budget: { '0:annual': '3,200' } });
    expect(ok).toEqual({ ok: true, edits: [{ row: found.partRows[0], col: BUDGET_COL.annual, value: 3200 }] });
  });

  test('a row entry reads the actual live and says when a reason is needed or a rate is outside its band', () => {
    const f = exampleForm();
    const e = rowEntry(f.rows[0], { actual: '96' }, f.params);
    expect(e.reading).toBe('96%');
    expect(e.scored.status).toBe('未达标');
    expect(e.showReason).toBe(true);
    const q = f.rows.find((r) => r.target === '规范')!;
    const qe = rowEntry(q, { actual: '部分达成年度指标并具有一定效果', override: '90%' }, f.params);
    expect(qe.override).toEqual({ state: 'outside', value: 0.9, lo: 0.6, hi: 0.8 });
    expect(rowEntry(q, { actual: '达成', override: 'abc' }, f.params).override.state).toBe('invalid');
  });

  test('groups follow the sheet order by 一级 then 二级', () => {
    const g = groupRows(exampleForm().rows);
    expect(g.map((x) => [x.level1, x.weight, x.groups.length])).toEqual([
      ['履职效能', 70, 7],
      ['管理效率', 20, 4],
    ]);
  });
});

describe('设置: parameters in named cells', () => {
  test('each parameter is found by its name, or by its label when the names are gone', async () => {
    const { wb } = await workbookWith([exampleForm(), 'S', 'JXZP1']);
    const found = findForms(wb)[0];
    const cells = paramCells(wb, found);
    const named = wb.names.find((n) => n.name === formNames('JXZP1').overThreshold)!;
    expect(cells.overThreshold).toEqual({ sheet: 'S', row: named.range.row, col: named.range.col });
    const unnamed = { ...wb, names: [] };
    const byLabel = paramCells(unnamed, { ...found, prefix: null });
    expect(byLabel.overThreshold).toEqual(cells.overThreshold);
    expect(byLabel.reverse).toEqual(cells.reverse);
  });

  test('fields ↔ parameters, and only changed ones are written', async () => {
    const { wb } = await workbookWith([exampleForm(), 'S', 'JXZP1']);
    const found = findForms(wb)[0];
    const fields = fieldsOf(found.form.params);
    expect(fields.overThreshold).toBe('120');
    expect(parsePercent('１３０％')).toBe(1.3);
    const parsed = paramsOf({ ...fields, overThreshold: '130%', naRescale: false });
    if (!parsed.ok) throw new Error('refused');
    const plan = planParamSave(paramCells(wb, found), found.form.params, parsed.params, null);
    if (!plan.ok) throw new Error('refused');
    expect(plan.edits.map((e) => e.value)).toEqual([1.3, 0]);
    expect(paramsOf({ ...fields, overThreshold: '90' })).toMatchObject({ ok: false, problems: [{ kind: 'range', key: 'overThreshold' }] });
    expect(paramsOf({ ...fields, achievedRate: '70' })).toMatchObject({ ok: false, problems: [{ kind: 'defaultOutside', key: 'achievedRate' }] });
  });
});

describe('结果 and the preview', () => {
  test('flags point at the cell to fix', async () => {
    const f = exampleForm();
    f.rows[0].actual = '80%';
    f.budget.parts[0].annual = null;
    const { wb } = await workbookWith([f, 'S', 'JXZP1']);
    const found = findForms(wb)[0];
    const flags = flagsOf(found, scoreForm(found.form));
    expect(flags.map((x) => [x.kind, addr(x.row, x.col)])).toEqual([
      ['below', addr(10, COL.actual)],
      ['missingReason', addr(10, COL.reason)],
      ['noBudget', addr(found.partRows[0], BUDGET_COL.annual)],
    ]);
  });

  test('formula cells show the domain’s values; merges become spans; inputs read as written', async () => {
    const f = exampleForm();
    f.rows[0].actual = '96%';
    const { wb } = await workbookWith([f, 'S', 'JXZP1']);
    const found = findForms(wb)[0];
    const result = scoreForm(found.form);
    const known = computedCells(wb, found, result);
    expect(known.get(`10:${COL.score}`)).toBe('2.40');
    expect(known.get(`10:${COL.status}`)).toBe('未达标');
    expect(known.get(`10:${COL.hint}`)).toBe('请填写偏差原因分析');
    const model = previewModel(wb, wb.sheets.find((s) => s.name === 'S')!, [found]);
    const cell = (a: string) => model.rows.flat().find((c) => addr(c.row, c.col) === a);
    expect(cell('A1')?.colSpan).toBe(15);
    expect(cell('B1')).toBeUndefined();
    expect(cell(addr(10, COL.actual))?.text).toBe('96%');
    expect(cell(addr(10, COL.score))).toMatchObject({ kind: 'computed', text: '2.40' });
  });

  test('numbers show as their format says', () => {
    expect(numberText(0.956, '0.00%')).toBe('95.60%');
    expect(numberText(3096.04, '#,##0.00"万元"')).toBe('3,096.04万元');
    expect(numberText(20, '"1:"0')).toBe('1:20');
    expect(numberText(5, '0"件"')).toBe('5件');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
  });
});

describe('i18n', () => {
  test('every string exists in both languages, with the same placeholders', () => {
    const keys = Object.keys(MESSAGES.zh);
    expect(Object.keys(MESSAGES.en).sort()).toEqual([...keys].sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of keys as (keyof typeof MESSAGES.zh)[]) {
      expect(MESSAGES.en[k].trim()).not.toBe('');
      expect([k, holes(MESSAGES.en[k])]).toEqual([k, holes(MESSAGES.zh[k])]);
    }
  });
});
