/** @jest-environment jsdom */
import './setup';
import { formNames } from '../../src/sheet/layout';
import { LANGS, excelPort, exampleWorkbook, formOf, renderApp, screen, tr } from './helpers';

describe.each(LANGS)('设置 (%s)', (lang) => {
  const t = tr(lang);

  test('the 超额阈值 is written to its named cell, with unprotect, and scoring follows it', async () => {
    const port = exampleWorkbook(excelPort());
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('tab', { name: t('tab.settings') }));
    const over = (await screen.findByLabelText(t('settings.overThreshold'))) as HTMLInputElement;
    expect(over.value).toBe('120');
    await user.clear(over);
    await user.type(over, '130');
    await user.click(screen.getByRole('button', { name: t('settings.save') }));
    await screen.findByText(t('settings.saved'));

    const cell = port.nameCell(formNames('JXZP1').overThreshold)!;
    const writes = port.callsOf('writeCells');
    expect(writes).toHaveLength(1);
    expect(writes[0]).toEqual({
      method: 'writeCells',
      sheet: cell.sheet,
      edits: [{ row: cell.row, col: cell.col, value: 1.3 }],
      options: { unprotect: true },
    });
    expect(port.cell(cell.sheet, cell.row, cell.col)?.v).toBe(1.3);
    expect((await formOf(port)).form.params.overThreshold).toBe(1.3);
    expect(((await screen.findByLabelText(t('settings.overThreshold'))) as HTMLInputElement).value).toBe('130');
  });

  test('switches and the reverse formula are written as the sheet codes them (1/0, 1/2)', async () => {
    const port = exampleWorkbook(excelPort());
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('tab', { name: t('tab.settings') }));
    await user.click(await screen.findByRole('radio', { name: t('settings.reverse.linear') }));
    await user.click(screen.getByRole('switch', { name: t('settings.capByExecution') }));
    await user.click(screen.getByRole('button', { name: t('settings.save') }));
    await screen.findByText(t('settings.saved'));
    const n = formNames('JXZP1');
    const rev = port.nameCell(n.reverse)!;
    const cap = port.nameCell(n.capByExecution)!;
    expect(port.callsOf('writeCells')[0].edits).toEqual([
      { row: rev.row, col: rev.col, value: 2 },
      { row: cap.row, col: cap.col, value: 1 },
    ]);
  });

  test('a parameter that is not a number, or bands out of order, are refused before anything is written', async () => {
    const port = exampleWorkbook(excelPort());
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('tab', { name: t('tab.settings') }));
    const over = await screen.findByLabelText(t('settings.overThreshold'));
    await user.clear(over);
    await user.type(over, '一百二');
    await user.click(screen.getByRole('button', { name: t('settings.save') }));
    expect(await screen.findByText(t('settings.problem.notNumber', { label: t('settings.overThreshold'), text: '一百二' }))).toBeTruthy();
    await user.clear(over);
    await user.type(over, '120');
    const partial = screen.getByLabelText(t('settings.partialMin'));
    await user.clear(partial);
    await user.type(partial, '85');
    await user.click(screen.getByRole('button', { name: t('settings.save') }));
    expect(await screen.findByText(t('settings.problem.bands'))).toBeTruthy();
    expect(port.callsOf('writeCells')).toHaveLength(0);
  });

  test('the language switch changes what the pane says', async () => {
    const port = excelPort();
    const { user } = renderApp(port, lang);
    const other = lang === 'zh' ? 'en' : 'zh';
    const o = tr(other);
    await user.click(await screen.findByRole('tab', { name: t('tab.settings') }));
    await user.click(await screen.findByRole('radio', { name: t(other === 'en' ? 'settings.en' : 'settings.zh') }));
    expect(await screen.findByRole('tab', { name: o('tab.new') })).toBeTruthy();
    expect(screen.getByRole('tab', { name: o('tab.fill') })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: t('tab.fill') })).toBeNull();
    expect(screen.getByText(o('settings.noForm'))).toBeTruthy();
    expect(window.localStorage.getItem('jxzp.language')).toBe(other);
    await user.click(screen.getByRole('radio', { name: o(lang === 'en' ? 'settings.en' : 'settings.zh') }));
    expect(await screen.findByRole('tab', { name: t('tab.fill') })).toBeTruthy();
  });
});

test('the visible strings really differ between the languages', () => {
  expect(tr('zh')('tab.new')).toBe('新建');
  expect(tr('en')('tab.new')).toBe('New');
  expect(tr('zh')('new.confirmFilled')).toBe('该工作表已有填报内容，是否覆盖？');
});
