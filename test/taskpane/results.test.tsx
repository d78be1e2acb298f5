/** @jest-environment jsdom */
import './setup';
import { scoreForm } from '../../src/domain/rules';
import type { Form } from '../../src/domain/form';
import { COL, formNames } from '../../src/sheet/layout';
import { addr } from '../../src/sheet/plan';
import { gradeKey } from '../../src/taskpane/i18n';
import { percentText, pointsText } from '../../src/taskpane/state/results';
import { EXAMPLE_SHEET, LANGS, browserPort, excelPort, exampleWorkbook, formOf, renderApp, screen, tr, within } from './helpers';

const BELOW = '指标1：调解案件补贴发放率'; // 80% of 100%, no reason
const OVER = '结转结余率'; // ≤10%, actual 8%: met
const OVER_ROW = '指标3：调解主任配备达标率'; // 100% target, 130% actual
const TEXT = '指标2：专职调解员配备率'; // 完成

/** Every row filled at its target except three: below, over-achieving (explained), unreadable. */
function filled(f: Form): void {
  for (const r of f.rows) {
    if (r.target === '规范') r.actual = '达成年度指标';
    else if (r.target === '是') r.actual = '是';
    else if (r.target.startsWith('1:')) r.actual = r.target;
    else if (r.level3 === OVER) r.actual = '8%';
    else r.actual = r.target.replace(/以上|或以上|以下|不超过|≤|≥/g, '');
  }
  const at = (name: string) => f.rows.find((r) => r.level3 === name)!;
  at(BELOW).actual = '80%';
  at(OVER_ROW).actual = '130%';
  at(OVER_ROW).reason = '新增调解组织';
  at(TEXT).actual = '完成';
}

describe.each(LANGS)('结果 (%s)', (lang) => {
  const t = tr(lang);

  test('shows total, grade, subtotals and budget as the domain computes them, and the flagged rows', async () => {
    const port = exampleWorkbook(excelPort(), filled);
    const expected = scoreForm((await formOf(port)).form);
    expect(expected.total).toBeLessThan(100); // the flags cost points
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('tab', { name: t('tab.results') }));

    expect((await screen.findByTestId('total')).textContent).toBe(pointsText(expected.total));
    expect(screen.getByTestId('grade').textContent).toBe(t(gradeKey(expected.grade)));
    const subtotals = screen.getByRole('table', { name: t('results.subtotals') });
    for (const st of expected.subtotals) {
      const row = within(subtotals).getByText(st.level1).closest('tr') as HTMLElement;
      const cells = row.querySelectorAll('td');
      expect([cells[1].textContent, cells[2].textContent]).toEqual([pointsText(st.weight), pointsText(st.score)]);
    }
    expect(screen.getByTestId('budget-rate').textContent).toBe(percentText(expected.budget.rate));
    expect(expected.budget.rate).toBe(1);

    const flags = screen.getByRole('list', { name: t('results.flags') });
    const items = within(flags).getAllByRole('listitem');
    const kinds = items.map((li) => [li.getAttribute('data-flag'), li.textContent]);
    expect(kinds.map(([k]) => k)).toEqual(['below', 'missingReason', 'cannotCompute', 'over']);
    expect(items[0].textContent).toContain(BELOW);
    expect(items[0].textContent).toContain(t('results.flag.below'));
    expect(items[1].textContent).toContain(t('results.flag.missingReason'));
    expect(items[2].textContent).toContain(TEXT);
    expect(items[2].textContent).toContain('「完成」不是数值');
    expect(items[3].textContent).toContain(OVER_ROW);
    expect(items[3].textContent).toContain(t('results.flag.over'));
  });

  test('定位 selects the cell of the flagged row in the sheet', async () => {
    const port = exampleWorkbook(excelPort(), filled);
    const found = await formOf(port);
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('tab', { name: t('tab.results') }));
    const below = found.form.rows.findIndex((r) => r.level3 === BELOW);
    await user.click(await screen.findByLabelText(t('results.locateLabel', { name: BELOW, flag: t('results.flag.missingReason') })));
    await user.click(screen.getByLabelText(t('results.locateLabel', { name: TEXT, flag: t('results.flag.cannotCompute') })));
    const selects = port.callsOf('select');
    expect(selects).toEqual([
      { method: 'select', sheet: EXAMPLE_SHEET, row: found.rowNumbers[below], col: COL.reason },
      { method: 'select', sheet: EXAMPLE_SHEET, row: found.rowNumbers[below + 1], col: COL.actual },
    ]);
  });

  test('no form yet: says so and leads to 新建', async () => {
    const port = excelPort();
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('tab', { name: t('tab.results') }));
    expect(await screen.findByText(t('common.noForm'))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: t('common.goNew') }));
    expect(await screen.findByText(t('new.insert'))).toBeTruthy();
  });

  test('in the browser, the preview shows the computed total and highlights the located cell', async () => {
    const port = exampleWorkbook(browserPort(), filled);
    const found = await formOf(port);
    const expected = scoreForm(found.form);
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('tab', { name: t('tab.results') }));
    const preview = await screen.findByRole('region', { name: t('browser.preview') });
    const total = port.nameCell(formNames('JXZP1').total)!;
    const totalCell = preview.querySelector(`[data-cell="${addr(total.row, total.col)}"]`) as HTMLElement;
    expect(totalCell.textContent).toBe(pointsText(expected.total));
    // The title's merged cell spans the sheet's width.
    expect((preview.querySelector('[data-cell="A1"]') as HTMLTableCellElement).colSpan).toBe(15);
    // A formula cell of a row: the domain's status.
    const over = found.form.rows.findIndex((r) => r.level3 === OVER_ROW);
    expect(preview.querySelector(`[data-cell="${addr(found.rowNumbers[over], COL.status)}"]`)?.textContent).toBe('超额·需说明');
    expect(preview.querySelector('[data-highlighted]')).toBeNull();

    await user.click(await screen.findByLabelText(t('results.locateLabel', { name: OVER_ROW, flag: t('results.flag.over') })));
    const hl = await within(preview).findByText('130%', { selector: '[data-highlighted="true"]' });
    expect(hl.getAttribute('data-cell')).toBe(addr(found.rowNumbers[over], COL.actual));
  });
});

describe.each(LANGS)('reading the workbook (%s)', (lang) => {
  const t = tr(lang);
  test('a failed read is a message with 重试, and 重试 reads again', async () => {
    const port = exampleWorkbook(excelPort());
    port.failNext('read', new Error('Excel 正忙'));
    const { user } = renderApp(port, lang);
    expect(await screen.findByText(t('common.readFailed', { message: 'Excel 正忙' }))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: t('common.retry') }));
    expect(await screen.findByLabelText(t('fill.actualFor', { name: BELOW }))).toBeTruthy();
    expect(screen.queryByText(t('common.readFailed', { message: 'Excel 正忙' }))).toBeNull();
  });
});
