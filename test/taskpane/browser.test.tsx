/** @jest-environment jsdom */
import './setup';
import { fireEvent, waitFor } from '@testing-library/react';
import { XLSX_MIME } from '../../src/taskpane/state/download';
import { FakeBrowserPort } from '../support/fakePort';
import {
  EXAMPLE_SHEET,
  LANGS,
  browserPort,
  dialogButton,
  exampleWorkbook,
  excelPort,
  findDialog,
  renderApp,
  screen,
  tr,
} from './helpers';

/** An .xlsx as the fake port reads it: another workbook holding the 从化 example. */
function exampleFile(name = '从化区司法局.xlsx'): File {
  const other = exampleWorkbook(new FakeBrowserPort());
  return new File([new Uint8Array(other.serialize())], name, { type: XLSX_MIME });
}

describe.each(LANGS)('browser mode (%s)', (lang) => {
  const t = tr(lang);

  test('the bar shows the file; 打开 .xlsx opens the chosen file and the form shows up', async () => {
    const port = browserPort();
    const { user } = renderApp(port, lang);
    expect((await screen.findByTestId('file-name')).textContent).toBe(t('browser.fileName', { name: '绩效自评表.xlsx' }));
    await user.upload(screen.getByLabelText(t('browser.open')), exampleFile());
    await screen.findByText(t('browser.opened', { name: '从化区司法局.xlsx' }));
    expect(port.callsOf('open')).toEqual([{ method: 'open', fileName: '从化区司法局.xlsx', size: exampleFile().size }]);
    expect(screen.getByTestId('file-name').textContent).toBe(t('browser.fileName', { name: '从化区司法局.xlsx' }));
    // The workbook holds a form: the pane goes to 填报, the preview shows the sheet.
    expect(await screen.findByLabelText(t('fill.actualFor', { name: '指标1：调解案件补贴发放率' }))).toBeTruthy();
    const preview = screen.getByRole('region', { name: t('browser.preview') });
    expect(preview.querySelector(`table[data-sheet="${EXAMPLE_SHEET}"]`)).not.toBeNull();
  });

  test('a file that is not a workbook gets the port’s message, and the workbook stays as it was', async () => {
    const port = exampleWorkbook(browserPort());
    const { user } = renderApp(port, lang);
    await screen.findByLabelText(t('fill.actualFor', { name: '指标1：调解案件补贴发放率' }));
    await user.upload(screen.getByLabelText(t('browser.open')), new File(['not a workbook'], 'bad.xlsx'));
    expect(await screen.findByText('无法读取「bad.xlsx」：这不是 Excel 工作簿（.xlsx）文件')).toBeTruthy();
    expect((await port.read()).sheets.map((s) => s.name)).toContain(EXAMPLE_SHEET);
  });

  test('dropping an .xlsx onto the pane opens it; dropping anything else says what to do', async () => {
    const port = browserPort();
    const { container } = renderApp(port, lang);
    await screen.findByTestId('file-name');
    const root = container.querySelector('.fui-FluentProvider > div') as HTMLElement;
    const csv = new File(['a,b'], '指标.csv', { type: 'text/csv' });
    fireEvent.dragOver(root, { dataTransfer: { types: ['Files'], files: [csv] } });
    expect(await screen.findByText(t('browser.dropHere'))).toBeTruthy();
    fireEvent.drop(root, { dataTransfer: { types: ['Files'], files: [csv] } });
    expect(await screen.findByText(t('browser.dropOnlyXlsx', { name: '指标.csv' }))).toBeTruthy();
    expect(screen.queryByText(t('browser.dropHere'))).toBeNull();
    expect(port.callsOf('open')).toHaveLength(0);

    fireEvent.drop(root, { dataTransfer: { types: ['Files'], files: [exampleFile('拖入.xlsx')] } });
    await screen.findByText(t('browser.opened', { name: '拖入.xlsx' }));
    expect(port.callsOf('open').map((c) => c.fileName)).toEqual(['拖入.xlsx']);
  });

  test('下载 .xlsx hands the bytes to the browser as an .xlsx Blob under the file name', async () => {
    const port = exampleWorkbook(browserPort());
    const created: Blob[] = [];
    const createObjectURL = jest.fn((b: Blob) => {
      created.push(b);
      return 'blob:fake';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: HTMLAnchorElement[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    try {
      const { user } = renderApp(port, lang);
      await user.click(await screen.findByRole('button', { name: t('browser.download') }));
      await screen.findByText(t('browser.downloaded', { name: '绩效自评表.xlsx' }));
      expect(port.callsOf('download')).toHaveLength(1);
      expect(created).toHaveLength(1);
      expect(created[0]).toBeInstanceOf(Blob);
      expect(created[0].type).toBe(XLSX_MIME);
      expect(created[0].size).toBe(port.serialize().byteLength);
      expect(new TextDecoder().decode(new Uint8Array(await created[0].arrayBuffer()))).toContain(EXAMPLE_SHEET);
      expect(clicked).toHaveLength(1);
      expect(clicked[0].download).toBe('绩效自评表.xlsx');
      expect(clicked[0].getAttribute('href')).toBe('blob:fake');
    } finally {
      click.mockRestore();
    }
  });

  test('新建工作簿 after changes asks before discarding them; with nothing to lose it does not', async () => {
    const port = browserPort();
    const { user } = renderApp(port, lang);
    await user.click(await screen.findByRole('radio', { name: t('new.source.example') }));
    await user.click(screen.getByRole('button', { name: t('new.insert') }));
    await screen.findByText(t('new.inserted', { sheet: EXAMPLE_SHEET, count: 34 }));

    await user.click(screen.getByRole('button', { name: t('browser.new') }));
    const dialog = await findDialog();
    expect(dialog.textContent).toContain(t('browser.confirmDiscard'));
    expect(port.callsOf('newWorkbook')).toHaveLength(0);
    await user.click(dialogButton(dialog, t('browser.continue')));
    await screen.findByText(t('browser.created'));
    expect(port.callsOf('newWorkbook')).toHaveLength(1);
    expect((await port.read()).sheets.map((s) => s.name)).toEqual(['Sheet1']);

    await user.click(screen.getByRole('button', { name: t('browser.new') }));
    await waitFor(() => expect(port.callsOf('newWorkbook')).toHaveLength(2));
  });

  test('in Excel there is no file bar and no preview', async () => {
    renderApp(exampleWorkbook(excelPort()), lang);
    await screen.findByLabelText(t('fill.actualFor', { name: '指标1：调解案件补贴发放率' }));
    expect(screen.queryByRole('button', { name: t('browser.download') })).toBeNull();
    expect(screen.queryByRole('region', { name: t('browser.preview') })).toBeNull();
  });
});
