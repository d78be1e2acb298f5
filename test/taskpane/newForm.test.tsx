/** @jest-environment jsdom */
import './setup';
import { act, fireEvent, waitFor } from '@testing-library/react';
import { COL } from '../../src/sheet/layout';
import { findForms } from '../../src/sheet/readback';
import {
  EXAMPLE_SHEET,
  LANGS,
  dialogButton,
  excelPort,
  exampleWorkbook,
  findDialog,
  queryDialog,
  renderApp,
  rowWith,
  screen,
  tr,
  within,
} from './helpers';

describe.each(LANGS)('新建 (%s)', (lang) => {
  const t = tr(lang);

  test('inserts the 从化 example: 34 indicators, targets read as shown in the preview', async () => {
    const port = excelPort();
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('radio', { name: t('new.source.example') }));

    const preview = screen.getByRole('table', { name: t('new.preview') });
    expect(within(rowWith('不超过千分之二', preview)).getByText('≤2‰')).toBeTruthy();
    const ratioRow = rowWith('指标1：司法社工与社区矫正对象比例', preview);
    expect(within(ratioRow).getAllByText('1:20')).toHaveLength(2); // as written, and as read
    expect(within(rowWith('千分之一以下', preview)).getByText('≤1‰')).toBeTruthy();
    expect(screen.getByText(t('new.previewSummary', { count: 34, total: 100, indicators: 90, budget: 10 }))).toBeTruthy();
    // The example's own header fields are filled in, and the standard is the department form.
    expect((screen.getByRole('textbox', { name: t('new.departmentName') }) as HTMLInputElement).value).toBe('广州市从化区司法局');
    expect(screen.getByRole('textbox', { name: t('new.sheetName') })).toHaveProperty('value', EXAMPLE_SHEET);

    await user.click(screen.getByRole('button', { name: t('new.insert') }));
    await screen.findByText(t('new.inserted', { sheet: EXAMPLE_SHEET, count: 34 }));

    const inserts = port.callsOf('insertPlan');
    expect(inserts).toHaveLength(1);
    expect(inserts[0].options).toEqual({ replace: false });
    const plan = inserts[0].plan;
    expect(plan.sheetName).toBe(EXAMPLE_SHEET);
    const table = plan.names.find((n) => n.name === 'JXZP1_TABLE');
    expect(table && table.range.rowEnd - table.range.row).toBe(34);
    const forms = findForms(await port.read());
    expect(forms).toHaveLength(1);
    expect(forms[0].form.rows).toHaveLength(34);
    expect(forms[0].form.meta.standard).toBe('department');
    expect(forms[0].form.rows[20].target).toBe('不超过千分之二');

    // 开始填报 goes to the form just inserted.
    await user.click(screen.getByRole('button', { name: t('new.goFill') }));
    expect(await screen.findByRole('textbox', { name: t('fill.actualFor', { name: '指标1：调解案件补贴发放率' }) })).toBeTruthy();
  });

  test('a pasted table with an unreadable 分值 names the row and column, and inserts nothing', async () => {
    const port = excelPort();
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('radio', { name: t('new.source.table') }));
    const text = [
      '一级指标\t二级指标\t三级指标\t年度指标值\t分值',
      '产出指标\t数量指标\t培训人次\t≥1000人\t20',
      '产出指标\t质量指标\t培训合格率\t≥95%\t十分',
    ].join('\n');
    await user.click(screen.getByPlaceholderText(t('new.pastePlaceholder')));
    await user.paste(text);
    await user.click(screen.getByRole('button', { name: t('new.readPaste') }));

    const message = t('new.readError', { where: t('new.pasted'), error: '第3行「分值」列：「十分」不是数字' });
    expect(await screen.findByText(message)).toBeTruthy();
    const insert = screen.getByRole('button', { name: t('new.insert') });
    expect(insert).toHaveProperty('disabled', true);
    fireEvent.click(insert);
    expect(port.callsOf('insertPlan')).toHaveLength(0);
    expect(screen.queryByRole('table', { name: t('new.preview') })).toBeNull();
  });

  test('a pasted table that reads is previewed (unreadable targets marked) and inserted as a project form', async () => {
    const port = excelPort();
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('radio', { name: t('new.source.table') }));
    const text = [
      '项目名称：农村公路养护',
      '一级指标,二级指标,三级指标,年度指标值,分值',
      '产出指标,数量指标,养护里程,≥266米,30',
      '产出指标,成本指标,养护成本,≤202.6万元,20',
      '效益指标,社会效益指标,群众满意度,1:0,40',
    ].join('\n');
    await user.click(screen.getByPlaceholderText(t('new.pastePlaceholder')));
    await user.paste(text);
    await user.click(screen.getByRole('button', { name: t('new.readPaste') }));
    await screen.findByText(t('new.tableRead', { where: t('new.pasted'), count: 3 }));

    const preview = screen.getByRole('table', { name: t('new.preview') });
    expect(within(rowWith('养护里程', preview)).getAllByText('≥266米')).toHaveLength(2);
    expect(within(rowWith('养护成本', preview)).getAllByText('≤202.6万元')).toHaveLength(2);
    const bad = rowWith('群众满意度', preview);
    expect(bad.getAttribute('data-state')).toBe('invalid');
    expect(screen.getByText(t('new.unreadable', { count: 1 }))).toBeTruthy();
    // The header line above the table filled the name.
    expect((screen.getByRole('textbox', { name: t('new.projectName') }) as HTMLInputElement).value).toBe('农村公路养护');

    await user.click(screen.getByRole('button', { name: t('new.insert') }));
    const sheet = `项目支出绩效自评${new Date().getFullYear() - 1}`;
    await screen.findByText(t('new.inserted', { sheet, count: 3 }));
    const plan = port.callsOf('insertPlan')[0].plan;
    const forms = findForms(await port.read());
    expect(forms[0].form.meta.standard).toBe('project');
    expect(forms[0].form.meta.projectName).toBe('农村公路养护');
    expect(forms[0].form.rows.map((r) => r.level3)).toEqual(['养护里程', '养护成本', '群众满意度']);
    expect(plan.sheetName).toBe(sheet);
  });

  test('a CSV file with an unreadable 分值: the message names the file, the row and the column', async () => {
    const port = excelPort();
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('radio', { name: t('new.source.table') }));
    const csv = '一级指标,二级指标,三级指标,年度指标值,分值\n产出指标,数量指标,培训人次,≥1000人,20\n产出指标,质量指标,培训合格率,≥95%,十分\n';
    await user.upload(screen.getByLabelText(t('new.file')), new File([csv], 'x.csv', { type: 'text/csv' }));
    expect(await screen.findByText(t('new.readError', { where: '「x.csv」', error: '第3行「分值」列：「十分」不是数字' }))).toBeTruthy();
    expect(port.callsOf('insertPlan')).toHaveLength(0);
  });

  test('inserting onto a filled sheet asks first; cancel keeps it, 覆盖 replaces it under the same names', async () => {
    const port = exampleWorkbook(excelPort());
    port.edit(EXAMPLE_SHEET, 10, COL.actual, 0.96);
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('tab', { name: t('tab.new') }));
    await user.click(await screen.findByRole('radio', { name: t('new.source.example') }));
    // By default a new form goes to a new sheet, under a new name prefix.
    const nameBox = screen.getByRole('textbox', { name: t('new.sheetName') });
    expect(nameBox).toHaveProperty('value', `${EXAMPLE_SHEET}（2）`);

    await user.clear(nameBox);
    await user.type(nameBox, EXAMPLE_SHEET);
    expect(screen.getByText(t('new.sheetExists'))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: t('new.insert') }));
    const dialog = await findDialog();
    expect(within(dialog).getByText(t('new.confirmFilled'))).toBeTruthy();
    expect(port.callsOf('insertPlan')).toHaveLength(0);

    await user.click(dialogButton(dialog, t('common.cancel')));
    await waitFor(() => expect(queryDialog()).toBeNull());
    expect(port.callsOf('insertPlan')).toHaveLength(0);
    expect(port.cell(EXAMPLE_SHEET, 10, COL.actual)?.v).toBe(0.96);

    await user.click(screen.getByRole('button', { name: t('new.insert') }));
    await user.click(dialogButton(await findDialog(), t('new.overwrite')));
    await screen.findByText(t('new.inserted', { sheet: EXAMPLE_SHEET, count: 34 }));
    const inserts = port.callsOf('insertPlan');
    expect(inserts).toHaveLength(1);
    expect(inserts[0].options).toEqual({ replace: true });
    expect(inserts[0].plan.names.some((n) => n.name === 'JXZP1_TABLE')).toBe(true);
    expect(port.cell(EXAMPLE_SHEET, 10, COL.actual)?.v ?? null).toBeNull();
  });

  test('a second form goes to a free sheet name and a free name prefix, without asking', async () => {
    const port = exampleWorkbook(excelPort());
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('tab', { name: t('tab.new') }));
    await user.click(await screen.findByRole('radio', { name: t('new.source.example') }));
    await user.click(screen.getByRole('button', { name: t('new.insert') }));
    await screen.findByText(t('new.inserted', { sheet: `${EXAMPLE_SHEET}（2）`, count: 34 }));
    const [call] = port.callsOf('insertPlan');
    expect(call.options).toEqual({ replace: false });
    expect(call.plan.names.some((n) => n.name === 'JXZP2_TABLE')).toBe(true);
    expect(findForms(await port.read())).toHaveLength(2);
  });

  test('a failed insert says so in a message and the workbook keeps its sheets', async () => {
    const port = excelPort();
    port.failNext('insertPlan', new Error('工作簿已被锁定'));
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('button', { name: t('new.insert') }));
    expect(await screen.findByText(t('new.insertFailed', { message: '工作簿已被锁定' }))).toBeTruthy();
    expect((await port.read()).sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  test('the year must be four digits before anything is inserted', async () => {
    const port = excelPort();
    const { user } = renderApp(port, lang);
    const year = await screen.findByRole('textbox', { name: t('new.year') });
    await user.clear(year);
    await user.type(year, '22');
    await user.click(screen.getByRole('button', { name: t('new.insert') }));
    expect((await screen.findAllByText(t('new.problem.yearFormat'))).length).toBeGreaterThan(0);
    expect(port.callsOf('insertPlan')).toHaveLength(0);
    await act(async () => {});
  });
});
