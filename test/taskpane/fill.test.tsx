/** @jest-environment jsdom */
import './setup';
import { act, waitFor } from '@testing-library/react';
import { QUAL_LABELS } from '../../src/domain/target';
import { BUDGET_COL, COL } from '../../src/sheet/layout';
import { EXAMPLE_SHEET, LANGS, excelPort, exampleWorkbook, formOf, renderApp, screen, tr, within } from './helpers';

const FIRST = '指标1：调解案件补贴发放率'; // 100%, sheet row 10
const SECOND = '指标2：专职调解员配备率'; // 100%, sheet row 11
const QUAL = '资产管理规范性'; // 规范 (qualitative)
const YESNO = '预决算信息公开'; // 是

describe.each(LANGS)('填报 (%s)', (lang) => {
  const t = tr(lang);
  const actualBox = (name: string) => screen.findByLabelText(t('fill.actualFor', { name }));
  const saveButton = () => screen.getByText(t('fill.save')).closest('button') as HTMLButtonElement;

  test('shows the indicators grouped by 一级 and 二级, each group collapsible', async () => {
    const port = exampleWorkbook(excelPort());
    const { user } = renderApp(port, lang);
    await actualBox(FIRST);
    const l1 = screen.getByRole('button', { name: `履职效能（${t('fill.points', { points: 70 })}）` });
    expect(l1.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('button', { name: `管理效率（${t('fill.points', { points: 20 })}）` })).toBeTruthy();
    expect(screen.getByRole('button', { name: '任务1：持续推动人民调解工作' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '预算管理' })).toBeTruthy();
    expect(screen.getAllByLabelText(/「指标\d：|“指标\d：/).length).toBeGreaterThanOrEqual(26);

    await user.click(l1);
    await waitFor(() => expect(screen.queryByLabelText(t('fill.actualFor', { name: FIRST }))).toBeNull());
    expect(screen.getByLabelText(t('fill.actualFor', { name: '结转结余率' }))).toBeTruthy();
    await user.click(l1);
    expect(await actualBox(FIRST)).toBeTruthy();
  });

  test('typing 96% reads as 96% and 保存 writes 0.96 into the 实际完成值 cell of that row', async () => {
    const port = exampleWorkbook(excelPort());
    const { user } = renderApp(port, lang);
    const box = await actualBox(FIRST);
    expect(saveButton()).toHaveProperty('disabled', true);
    await user.type(box, '96%');
    const item = box.closest('[data-row]') as HTMLElement;
    expect(within(item).getByText(t('fill.readAs', { text: '96%' }))).toBeTruthy();
    expect(within(item).getByText(t('status.below'))).toBeTruthy();
    expect(screen.getByText(t('fill.pending', { count: 1 }))).toBeTruthy();

    await user.click(saveButton());
    await screen.findByText(t('fill.saved', { count: 1 }));
    const writes = port.callsOf('writeCells');
    expect(writes).toHaveLength(1);
    expect(writes[0].sheet).toBe(EXAMPLE_SHEET);
    expect(writes[0].edits).toEqual([{ row: 10, col: COL.actual, value: 0.96 }]);
    expect(writes[0].options?.unprotect).toBeFalsy();
    expect(port.cell(EXAMPLE_SHEET, 10, COL.actual)?.v).toBe(0.96);
    expect(screen.getByText(t('fill.noPending'))).toBeTruthy();
    expect((await actualBox(FIRST)) as HTMLInputElement).toHaveProperty('value', '96%');
  });

  test('`完成` in a quantitative row shows why it cannot be read, and is written as the text typed', async () => {
    const port = exampleWorkbook(excelPort());
    const { user } = renderApp(port, lang);
    const box = await actualBox(SECOND);
    await user.type(box, '完成');
    const item = box.closest('[data-row]') as HTMLElement;
    expect(within(item).getByText('「完成」不是数值：本指标年度指标值为 ≥100%，请填写实际数值（如 100%）')).toBeTruthy();
    expect(within(item).getByText(t('status.cannot'))).toBeTruthy();
    await user.click(saveButton());
    await screen.findByText(t('fill.saved', { count: 1 }));
    expect(port.callsOf('writeCells')[0].edits).toEqual([{ row: 11, col: COL.actual, value: '完成' }]);
    expect(port.cell(EXAMPLE_SHEET, 11, COL.actual)?.v).toBe('完成');
  });

  test('a row below its target asks for the 偏差原因, which is saved with the actual in one batch', async () => {
    const port = exampleWorkbook(excelPort());
    const { user } = renderApp(port, lang);
    const box = await actualBox(FIRST);
    expect(screen.queryByLabelText(t('fill.reasonFor', { name: FIRST }))).toBeNull();
    await user.type(box, '80%');
    const reason = await screen.findByLabelText(t('fill.reasonFor', { name: FIRST }));
    expect(screen.getByText(t('fill.reasonRequired'))).toBeTruthy();
    await user.type(reason, '=部分镇街补贴延迟发放');
    await user.click(saveButton());
    await screen.findByText(t('fill.saved', { count: 2 }));
    const writes = port.callsOf('writeCells');
    expect(writes).toHaveLength(1);
    expect(writes[0].edits).toEqual([
      { row: 10, col: COL.actual, value: 0.8 },
      { row: 10, col: COL.reason, value: '=部分镇街补贴延迟发放' },
    ]);
    expect(screen.queryByText(t('fill.reasonRequired'))).toBeNull();
  });

  test('qualitative rows: a drop-down of the three answers and a 得分率; 是/否 rows: a drop-down', async () => {
    const port = exampleWorkbook(excelPort());
    const { user } = renderApp(port, lang);
    const qual = await screen.findByLabelText(t('fill.actualFor', { name: QUAL }));
    await user.selectOptions(qual, QUAL_LABELS.partial);
    const rate = screen.getByLabelText(t('fill.rateFor', { name: QUAL }));
    await user.type(rate, '75%');
    await user.selectOptions(screen.getByLabelText(t('fill.actualFor', { name: YESNO })), '否');
    await user.click(saveButton());
    await screen.findByText(t('fill.saved', { count: 3 }));
    const f = await formOf(port);
    const qi = f.form.rows.findIndex((r) => r.level3 === QUAL);
    const yi = f.form.rows.findIndex((r) => r.level3 === YESNO);
    expect(port.callsOf('writeCells')[0].edits).toEqual([
      { row: f.rowNumbers[qi], col: COL.actual, value: QUAL_LABELS.partial },
      { row: f.rowNumbers[qi], col: COL.override, value: 0.75 },
      { row: f.rowNumbers[yi], col: COL.actual, value: '否' },
    ]);
  });

  test('an unreadable 得分率 stops the save: nothing at all is written', async () => {
    const port = exampleWorkbook(excelPort());
    const { user } = renderApp(port, lang);
    await user.type(await actualBox(FIRST), '100%');
    await user.selectOptions(screen.getByLabelText(t('fill.actualFor', { name: QUAL })), QUAL_LABELS.achieved);
    await user.type(screen.getByLabelText(t('fill.rateFor', { name: QUAL })), '很好');
    await user.click(saveButton());
    expect(await screen.findByText(t('fill.problems'))).toBeTruthy();
    expect(screen.getByText(t('fill.problem.override', { name: QUAL, reason: '「很好」不是得分率：请写成 85% 或 0.85' }))).toBeTruthy();
    expect(port.callsOf('writeCells')).toHaveLength(0);
    expect(port.cell(EXAMPLE_SHEET, 10, COL.actual)?.v ?? null).toBeNull();
  });

  test('budget figures go to the budget block', async () => {
    const port = exampleWorkbook(excelPort());
    const { user } = renderApp(port, lang);
    await actualBox(FIRST);
    const executed = screen.getByLabelText(t('fill.budgetInput', { part: '其中：本年财政拨款', field: t('fill.budget.executed') }));
    expect(executed).toHaveProperty('value', '3096.04');
    await user.clear(executed);
    await user.type(executed, '2,800.5');
    await user.click(saveButton());
    await screen.findByText(t('fill.saved', { count: 1 }));
    const f = await formOf(port);
    expect(port.callsOf('writeCells')[0].edits).toEqual([{ row: f.partRows[0], col: BUDGET_COL.executed, value: 2800.5 }]);
  });

  test('edits made directly in the sheet show up in the pane; what is being typed is kept', async () => {
    const port = exampleWorkbook(excelPort());
    const { user } = renderApp(port, lang);
    await user.type(await actualBox(FIRST), '90%');
    await act(async () => {
      port.edit(EXAMPLE_SHEET, 11, COL.actual, 0.5);
      port.edit(EXAMPLE_SHEET, 10, COL.actual, 1);
    });
    await waitFor(async () => expect(await actualBox(SECOND)).toHaveProperty('value', '50%'));
    const second = (await actualBox(SECOND)).closest('[data-row]') as HTMLElement;
    expect(within(second).getByText(t('status.below'))).toBeTruthy();
    expect(await actualBox(FIRST)).toHaveProperty('value', '90%');
    expect(screen.getByText(t('fill.pending', { count: 1 }))).toBeTruthy();
  });

  test('a failed write leaves the entries in the pane and says so', async () => {
    const port = exampleWorkbook(excelPort());
    port.failNext('writeCells', new Error('工作表正在编辑中'));
    const { user } = renderApp(port, lang);
    await user.type(await actualBox(FIRST), '96%');
    await user.click(saveButton());
    expect(await screen.findByText(t('fill.saveFailed', { message: '工作表正在编辑中' }))).toBeTruthy();
    expect(await actualBox(FIRST)).toHaveProperty('value', '96%');
    expect(screen.getByText(t('fill.pending', { count: 1 }))).toBeTruthy();
  });
});
