/** @jest-environment jsdom */
// 下发/汇总 in the pane, against a fake port in both languages: the 单位名单 pasted (its problems named by row and
// column, nothing generated), every district's workbook in one .zip (browser), one district's workbook opened in
// Excel, and the returns — district files made by the real distributeFiles, one tampered with, one junk — collected,
// reported, ranked, and the 汇总 written into the workbook (Excel) or downloaded (browser).
import './setup';
import { fireEvent, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { districtFileNames, type District } from '../../src/domain/distribution';
import type { Form } from '../../src/domain/form';
import { scoreForm } from '../../src/domain/rules';
import { CONSOLIDATION_SHEETS, consolidationOf, type Consolidation } from '../../src/sheet/consolidate';
import { parseCsvText } from '../../src/sheet/csv';
import { readDistrictTable } from '../../src/sheet/districtTable';
import { COL, formGeometry, planForm } from '../../src/sheet/layout';
import type { SheetPlan } from '../../src/sheet/plan';
import { readForm } from '../../src/sheet/readback';
import { consolidationMarkPlan, readConsolidationMark, STAMP_SHEET, stampSheetPlan } from '../../src/sheet/stampSheet';
import { collectFiles } from '../../src/xlsx/collectFiles';
import { distributeFiles, type DistrictFile } from '../../src/xlsx/distribute';
import { readStampNames } from '../../src/xlsx/stamp';
import { toReadWorkbook, loadWorkbook } from '../../src/xlsx/workbookCells';
import { unzipFiles } from '../../src/xlsx/zip';
import {
  addFiles,
  consolidationTarget,
  ConsolidationWriteError,
  isStaleRun,
  overrideLines,
  writeConsolidationSheets,
} from '../../src/taskpane/state/distribute';
import { XLSX_MIME, ZIP_MIME } from '../../src/taskpane/state/download';
import { pointsText } from '../../src/taskpane/state/results';
import { bureauTemplate, fillWorkbook, filledForm, loadExcel, saveExcel } from '../distribution/fixtures';
import { FakeBrowserPort, FakeWorkbookPort } from '../support/fakePort';
import { LANGS, dialogButton, findDialog, formOf, renderApp, screen, tr, within, type T } from './helpers';

const SHEET = '模板';

function withTemplate<P extends FakeWorkbookPort>(port: P): P {
  port.addPlan(planForm(bureauTemplate(), { sheetName: SHEET, prefix: 'JXZP1' }));
  return port;
}
const excelPort = (): FakeWorkbookPort => withTemplate(new FakeWorkbookPort('excel', ['Sheet1']));
const browserPort = (): FakeBrowserPort => withTemplate(new FakeBrowserPort('模板.xlsx'));

// 海珠区 has a target and two weights of its own (the sum stays 100); 越秀区 and 海珠区 get their funds.
const GOOD = [
  '单位名称\t三级指标\t年度指标值\t分值\t年初预算数\t全年预算数',
  '越秀区\t\t\t\t500\t600',
  '海珠区\t培训人次\t≥1300人次\t8.5\t520\t650',
  '\t案件办结率\t\t6.5\t\t',
  '荔湾区\t\t\t\t\t',
].join('\n');
const NAMES = ['越秀区', '海珠区', '荔湾区'];

// Row 3 names an indicator the template does not have.
const BAD = ['单位名称,三级指标,年度指标值', '越秀区,,', '海珠区,不存在的指标,≥5件', '荔湾区,,'].join('\n');
const BAD_LINE = '第3行「三级指标」列：「不存在的指标」不是模板中的三级指标';

/** The template as the pane reads it from the workbook, and the districts as the pane reads GOOD against it. */
let template: Form;
let districts: District[];
/** The districts' files as distributed, then filled in; 荔湾区's with a 分值 raised by 5 (a locked cell). */
let returned: DistrictFile[];
let filled: Uint8Array[];
let tamperedAt: { address: string; expected: string; found: string };

beforeAll(async () => {
  template = (await formOf(excelPort(), SHEET)).form;
  const read = readDistrictTable((parseCsvText(GOOD) as { ok: true; rows: string[][] }).rows, template);
  if (!read.ok) throw new Error(read.error);
  districts = read.value;
  returned = (await distributeFiles(template, districts)).files;
  filled = [];
  for (let i = 0; i < returned.length; i++) filled.push(await fillWorkbook(returned[i].bytes, filledForm(template, districts[i], i)));
  const row = formGeometry(template).first + 2;
  const wb = await loadExcel(filled[2]);
  const cell = wb.getWorksheet(returned[2].stamp.sheet)!.getCell(row, COL.weight);
  const w = cell.value as number;
  cell.value = w + 5;
  filled[2] = await saveExcel(wb);
  tamperedAt = { address: `J${row}`, expected: String(w), found: String(w + 5) };
}, 120_000);

// ---- downloads ------------------------------------------------------------------------------------------------

let downloads: { blob: Blob; name: string }[];
let click: jest.SpyInstance;
let pending: Blob[];

beforeEach(() => {
  downloads = [];
  pending = [];
  Object.assign(URL, {
    createObjectURL: jest.fn((b: Blob) => {
      pending.push(b);
      return `blob:${pending.length}`;
    }),
    revokeObjectURL: jest.fn(),
  });
  click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ blob: pending[Number(this.getAttribute('href')!.slice(5)) - 1], name: this.download });
  });
});

afterEach(() => click.mockRestore());

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

// ---- steps ----------------------------------------------------------------------------------------------------

async function openTab(user: UserEvent, t: T): Promise<void> {
  await user.click(await screen.findByRole('tab', { name: t('tab.distribute') }));
  await screen.findByTestId('template-line');
}

async function pasteDistricts(user: UserEvent, t: T, text: string): Promise<void> {
  await user.click(screen.getByPlaceholderText(t('dist.pastePlaceholder')));
  await user.paste(text);
  await user.click(screen.getByRole('button', { name: t('dist.readPaste') }));
}

function returnFiles(): File[] {
  return [
    ...returned.map((f, i) => new File([filled[i].slice()], f.fileName, { type: XLSX_MIME })),
    new File([new TextEncoder().encode('这不是工作簿，是一段文字')], '说明.xlsx', { type: XLSX_MIME }),
  ];
}

async function collect(user: UserEvent, t: T): Promise<HTMLElement> {
  await user.click(screen.getByRole('radio', { name: t('dist.step.collect') }));
  await user.upload(screen.getByLabelText(t('dist.returnsFile')), returnFiles());
  expect(screen.getByTestId('returns-count').textContent).toBe(t('dist.returnsCount', { count: 4 }));
  await user.click(screen.getByRole('button', { name: t('dist.collect') }));
  return screen.findByTestId('collect-report', {}, { timeout: 60_000 });
}

/** The report: the junk file with its reason, the tampered cell with what it should be and what it is, the ranking. */
function expectReport(t: T, report: HTMLElement): void {
  expect(within(report).getByTestId('collect-summary').textContent).toContain(
    t('dist.summaryFiles', { files: 4, used: 3, rejected: 1, skipped: 0 }),
  );

  const junk = report.querySelector('[data-file="说明.xlsx"]') as HTMLElement;
  expect(junk.getAttribute('data-outcome')).toBe('未采用');
  expect(within(junk).getByTestId('outcome').textContent).toBe(t('dist.outcome.rejected'));
  expect(within(junk).getByTestId('reason').textContent).toMatch(/不是 Excel 工作簿/);

  const tampered = report.querySelector(`[data-file="${returned[2].fileName}"]`) as HTMLElement;
  expect(within(tampered).getByTestId('tamper').textContent).toBe(t('dist.tamper.changed', { count: 1 }));
  const changes = within(tampered).getByRole('list', { name: t('dist.tamperList', { file: returned[2].fileName }) });
  const items = within(changes).getAllByRole('listitem');
  expect(items.map((li) => li.getAttribute('data-address'))).toEqual([tamperedAt.address]);
  expect(items[0].textContent).toContain(t('dist.expectedFound', { expected: tamperedAt.expected, found: tamperedAt.found }));
  expect(items[0].textContent).toContain(`${tamperedAt.address}（「${template.rows[2].level3}」的分值）`);
  for (const i of [0, 1]) {
    const f = report.querySelector(`[data-file="${returned[i].fileName}"]`) as HTMLElement;
    expect(within(f).getByTestId('tamper').textContent).toBe(t('dist.tamper.none'));
    expect(within(f).getByTestId('review-counts').textContent).toMatch(/\d/);
  }

  // The ranking: best total first; the untouched districts' totals are src/domain's for their filled forms.
  const table = within(report).getByRole('table', { name: t('dist.ranking') });
  const rows = within(table).getAllByRole('row').slice(1);
  expect(rows.map((r) => r.getAttribute('data-district')).sort()).toEqual([...NAMES].sort());
  const totals = rows.map((r) => Number(within(r).getAllByRole('cell')[2].textContent));
  expect([...totals].sort((a, b) => b - a)).toEqual(totals);
  expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(
    totals.map((x) => String(1 + totals.filter((y) => y > x).length)),
  );
  for (const i of [0, 1]) {
    const row = rows.find((r) => r.getAttribute('data-district') === NAMES[i])!;
    expect(within(row).getAllByRole('cell')[2].textContent).toBe(pointsText(scoreForm(filledForm(template, districts[i], i)).total));
  }
  const lw = rows.find((r) => r.getAttribute('data-district') === '荔湾区')!;
  expect(within(lw).getAllByRole('cell')[4].textContent).toBe(t('dist.tamperShort', { count: 1 }));
}

const CONSOLIDATION = [STAMP_SHEET, CONSOLIDATION_SHEETS.districts, CONSOLIDATION_SHEETS.indicators, CONSOLIDATION_SHEETS.details];

describe.each(LANGS)('下发/汇总 (%s)', (lang) => {
  const t = tr(lang);

  test.each(['browser', 'excel'] as const)('a 单位名单 with a problem names its row and column; nothing is generated (%s)', async (host) => {
    const port = host === 'browser' ? browserPort() : excelPort();
    const { user } = renderApp(port, lang);
    await openTab(user, t);
    await pasteDistricts(user, t, BAD);

    const alert = await screen.findByText(BAD_LINE);
    expect(alert.closest('[role="alert"]')?.textContent).toContain(t('dist.problems', { where: t('dist.pasted') }));
    expect(screen.queryByRole('table', { name: t('dist.districtList') })).toBeNull();
    const buttons = [
      ...(host === 'browser' ? [screen.getByRole('button', { name: t('dist.zip') })] : []),
      screen.getByRole('button', { name: host === 'browser' ? t('dist.downloadOne') : t('dist.openInExcel') }),
    ];
    for (const b of buttons) {
      expect(b).toHaveProperty('disabled', true);
      fireEvent.click(b);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(downloads).toHaveLength(0);
    expect(port.callsOf('createWorkbook')).toHaveLength(0);
    expect(port.callsOf('insertPlan')).toHaveLength(0);

    // 汇总 waits for a good list too.
    await user.click(screen.getByRole('radio', { name: t('dist.step.collect') }));
    await user.upload(screen.getByLabelText(t('dist.returnsFile')), returnFiles());
    expect(screen.getByRole('button', { name: t('dist.collect') })).toHaveProperty('disabled', true);
  });

  test('the 单位名单 can be a sheet of the workbook itself', async () => {
    const port = withTemplate(new FakeWorkbookPort('excel', ['Sheet1', '单位名单']));
    const edits = GOOD.split('\n').flatMap((line, r) => line.split('\t').map((v, c) => ({ row: r + 1, col: c + 1, value: v === '' ? null : v })));
    await port.writeCells('单位名单', edits);
    const { user } = renderApp(port, lang);
    await openTab(user, t);
    const select = screen.getByRole('combobox', { name: t('dist.sheetDistricts') });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['单位名单', 'Sheet1']); // not the form
    await user.click(screen.getByRole('button', { name: t('dist.readSheet') }));
    expect((await screen.findByTestId('district-count')).textContent).toBe(
      t('dist.districtCount', { where: '工作表「单位名单」', count: 3, own: 2 }),
    );
  });

  test('browser 下发: the districts with their own settings, then every district’s file in one .zip, progress shown', async () => {
    const port = browserPort();
    const { user } = renderApp(port, lang);
    await openTab(user, t);
    await pasteDistricts(user, t, GOOD);

    expect((await screen.findByTestId('district-count')).textContent).toBe(t('dist.districtCount', { where: t('dist.pasted'), count: 3, own: 2 }));
    const list = screen.getByRole('table', { name: t('dist.districtList') });
    const hz = list.querySelector('[data-district="海珠区"]') as HTMLElement;
    expect(hz.textContent).toContain(t('dist.ownTarget', { level3: '培训人次', district: '≥1300人次', template: '≥1200人次' }));
    expect(hz.textContent).toContain(t('dist.ownWeight', { level3: '案件办结率', district: 6.5, template: 7.5 }));
    expect(hz.textContent).toContain(t('dist.funds', { initial: 520, annual: 650 }));
    expect((list.querySelector('[data-district="荔湾区"]') as HTMLElement).textContent).toContain(t('dist.ownNone'));

    // Progress is shown district by district.
    const seen = new Set<string>();
    const observer = new MutationObserver(() => {
      const p = document.querySelector('[data-testid="progress"]');
      if (p?.textContent) seen.add(p.textContent);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    await user.click(screen.getByRole('button', { name: t('dist.zip') }));
    const zipName = `下发-${template.meta.title}（${template.meta.year}年度）.zip`;
    await screen.findByText(t('dist.zipDone', { name: zipName, count: 3 }), {}, { timeout: 60_000 });
    observer.disconnect();
    expect([...seen].some((x) => x.includes(t('dist.generating', { done: 2, total: 3, district: '海珠区' })))).toBe(true);

    expect(downloads.map((d) => [d.name, d.blob.type])).toEqual([[zipName, ZIP_MIME]]);
    const entries = await unzipFiles(await bytesOf(downloads[0].blob), 1e8);
    expect(entries.map((e) => e.name)).toEqual(districtFileNames(template, districts));
    for (const [i, e] of entries.entries()) {
      if (!('bytes' in e)) throw new Error(e.error);
      expect((await readStampNames(e.bytes))?.district).toBe(NAMES[i]);
    }
    // The 海珠区 file carries its own target.
    const hzEntry = entries[1] as { bytes: Uint8Array };
    const form = readForm(toReadWorkbook(await loadWorkbook(hzEntry.bytes))).form;
    expect([form.meta.unit, form.rows.find((r) => r.level3 === '培训人次')?.target]).toEqual(['海珠区', '≥1300人次']);
    // The workbook in the page is not touched.
    expect(port.callsOf('insertPlan')).toHaveLength(0);
  });

  test('Excel 下发: the chosen district’s workbook is opened through createWorkbook, its stamp naming the district', async () => {
    const port = excelPort();
    const { user } = renderApp(port, lang);
    await openTab(user, t);
    await pasteDistricts(user, t, GOOD);
    await screen.findByTestId('district-count');
    expect(screen.queryByRole('button', { name: t('dist.zip') })).toBeNull();

    await user.selectOptions(screen.getByRole('combobox', { name: t('dist.district') }), '海珠区');
    await user.clear(screen.getByRole('textbox', { name: t('dist.version') }));
    await user.type(screen.getByRole('textbox', { name: t('dist.version') }), '3');
    await user.click(screen.getByRole('button', { name: t('dist.openInExcel') }));
    const fileName = districtFileNames(template, districts)[1];
    await screen.findByText(t('dist.opened', { district: '海珠区', fileName }), {}, { timeout: 60_000 });

    const calls = port.callsOf('createWorkbook');
    expect(calls).toHaveLength(1);
    expect(await readStampNames(calls[0].xlsx)).toMatchObject({ district: '海珠区', version: '3' });
    const form = readForm(toReadWorkbook(await loadWorkbook(calls[0].xlsx))).form;
    expect(form.meta.unit).toBe('海珠区');
    expect(downloads).toHaveLength(0);
    expect(port.callsOf('insertPlan')).toHaveLength(0);
  });

  test('Excel 汇总: the report lists the junk and the tampered cell, ranks the districts; the 汇总 goes in with replace, twice', async () => {
    const port = excelPort();
    const { user } = renderApp(port, lang);
    await openTab(user, t);
    await pasteDistricts(user, t, GOOD);
    await screen.findByTestId('district-count');
    const report = await collect(user, t);
    expectReport(t, report);
    // Nothing was written while the files were read.
    expect(port.callsOf('insertPlan')).toHaveLength(0);

    for (const round of [1, 2]) {
      await user.click(within(report).getByRole('button', { name: t('dist.writeSheets') }));
      const sheets = Object.values(CONSOLIDATION_SHEETS).map((x) => `「${x}」`).join('');
      await screen.findByText(t('dist.written', { sheets }));
      const inserts = port.callsOf('insertPlan');
      expect(inserts).toHaveLength(4 * round);
      const last: SheetPlan[] = inserts.slice(-4).map((c) => c.plan);
      expect(last.map((p) => p.sheetName)).toEqual(CONSOLIDATION);
      expect(inserts.slice(-4).every((c) => c.options.replace)).toBe(true);
      expect(last.map((p) => p.hidden === true)).toEqual([true, false, false, false]);
      expect(last.slice(1).map((p) => p.protect)).toEqual([null, null, null]);
      const wb = await port.read();
      expect(wb.sheets.map((s) => s.name)).toEqual(['Sheet1', SHEET, ...CONSOLIDATION]);
      expect(readConsolidationMark(wb)).toMatchObject({ templateId: returned[0].stamp.templateId, year: template.meta.year });
      expect(port.callsOf('select').at(-1)).toMatchObject({ sheet: CONSOLIDATION_SHEETS.districts });
    }
    // The 汇总 sheet lists every district (row 4 on).
    const sheet = (await port.read()).sheets.find((s) => s.name === CONSOLIDATION_SHEETS.districts)!;
    const names = sheet.cells.slice(3).map((r) => r?.find((c) => typeof c?.v === 'string' && NAMES.includes(c.v as string))?.v);
    expect(names.filter(Boolean).sort()).toEqual([...NAMES].sort());
    expect(downloads).toHaveLength(0);
  });

  test('browser 汇总: the same report; the 汇总 is downloaded as a workbook, the page’s workbook untouched', async () => {
    const port = browserPort();
    const { user } = renderApp(port, lang);
    await openTab(user, t);
    await pasteDistricts(user, t, GOOD);
    await screen.findByTestId('district-count');
    const report = await collect(user, t);
    expectReport(t, report);

    await user.click(within(report).getByRole('button', { name: t('dist.downloadConsolidation') }));
    const name = `汇总-${template.meta.title}（${template.meta.year}年度）.xlsx`;
    await screen.findByText(t('dist.downloadedConsolidation', { name }), {}, { timeout: 60_000 });
    expect(downloads.map((d) => [d.name, d.blob.type])).toEqual([[name, XLSX_MIME]]);
    const wb = toReadWorkbook(await loadWorkbook(await bytesOf(downloads[0].blob)));
    expect(wb.sheets.map((s) => s.name)).toEqual([...Object.values(CONSOLIDATION_SHEETS), STAMP_SHEET]);
    expect(readConsolidationMark(wb)).not.toBeNull();
    expect(port.callsOf('insertPlan')).toHaveLength(0);

    // Another 单位名单 read since: the report is stale and is not written from.
    const textarea = screen.getByPlaceholderText(t('dist.pastePlaceholder'));
    await user.clear(textarea);
    await pasteDistricts(user, t, GOOD.split('\n').slice(0, 4).join('\n'));
    await screen.findByText(t('dist.stale'));
    expect(within(report).getByRole('button', { name: t('dist.downloadConsolidation') })).toHaveProperty('disabled', true);
  });

  test('Excel: sheets named 汇总 that an earlier 汇总 did not make are replaced only when the clerk says so', async () => {
    const port = excelPort();
    port.addPlan({ ...planForm(bureauTemplate(), { sheetName: CONSOLIDATION_SHEETS.districts, prefix: 'JXZP9' }), names: [] });
    port.setActive(SHEET);
    const { user } = renderApp(port, lang);
    await openTab(user, t);
    await pasteDistricts(user, t, GOOD);
    await screen.findByTestId('district-count');
    const report = await collect(user, t);

    await user.click(within(report).getByRole('button', { name: t('dist.writeSheets') }));
    let dialog = await findDialog();
    expect(dialog.textContent).toContain(t('dist.confirmForeign', { sheets: `「${CONSOLIDATION_SHEETS.districts}」` }));
    await user.click(dialogButton(dialog, t('common.cancel')));
    await waitFor(() => expect(screen.queryByRole('alertdialog', { hidden: true })).toBeNull());
    expect(port.callsOf('insertPlan')).toHaveLength(0);

    await user.click(within(report).getByRole('button', { name: t('dist.writeSheets') }));
    dialog = await findDialog();
    await user.click(dialogButton(dialog, t('dist.replace')));
    await screen.findByText(t('dist.written', { sheets: Object.values(CONSOLIDATION_SHEETS).map((x) => `「${x}」`).join('') }));
    expect(port.callsOf('insertPlan').map((c) => [c.plan.sheetName, c.options.replace])).toEqual(CONSOLIDATION.map((n) => [n, true]));
  });

  test('browser: returned files dropped on the 汇总 zone are added, not opened as the workbook', async () => {
    const port = browserPort();
    const { user } = renderApp(port, lang);
    await openTab(user, t);
    await user.click(screen.getByRole('radio', { name: t('dist.step.collect') }));
    const zone = screen.getByTestId('returns-drop');
    const files = returnFiles().slice(0, 2);
    fireEvent.dragOver(zone, { dataTransfer: { types: ['Files'], files } });
    fireEvent.drop(zone, { dataTransfer: { types: ['Files'], files } });
    expect((await screen.findByTestId('returns-count')).textContent).toBe(t('dist.returnsCount', { count: 2 }));
    // The same files again are not counted twice.
    fireEvent.drop(zone, { dataTransfer: { types: ['Files'], files } });
    expect(screen.getByTestId('returns-count').textContent).toBe(t('dist.returnsCount', { count: 2 }));
    expect(within(screen.getByRole('list', { name: t('dist.returnsList') })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(
      files.map((f) => f.name),
    );
    expect(port.callsOf('open')).toHaveLength(0);
    expect(screen.queryByText(t('browser.dropHere'))).toBeNull();
  });
});

describe('下发/汇总: the plain functions behind the tab', () => {
  let c: Consolidation;
  beforeAll(async () => {
    const files = returned.map((f, i) => ({ name: f.fileName, bytes: filled[i] }));
    c = consolidationOf(await collectFiles(template, districts, files), '2025-03-01 10:20');
  }, 60_000);

  test('the 汇总 goes into the bureau’s workbook, not into a district’s return; another’s 汇总 sheets are asked about', async () => {
    const plain = new FakeWorkbookPort('excel', ['Sheet1']);
    expect(consolidationTarget(await plain.read(), c)).toEqual({ ok: true });

    const district = new FakeWorkbookPort('excel', ['Sheet1']);
    district.addPlan(stampSheetPlan(returned[1].stamp));
    expect(consolidationTarget(await district.read(), c)).toEqual({ stampOf: '海珠区' });

    const foreign = new FakeWorkbookPort('excel', ['Sheet1', '指标汇总']);
    expect(consolidationTarget(await foreign.read(), c)).toEqual({ foreign: ['指标汇总'] });
    foreign.addPlan(consolidationMarkPlan(c.mark));
    expect(consolidationTarget(await foreign.read(), c)).toEqual({ ok: true });
  });

  test('a 汇总 that fails half-way says which sheets are in; writing again replaces them all', async () => {
    const port = new FakeWorkbookPort('excel', ['Sheet1']);
    const insert = port.insertPlan.bind(port);
    let n = 0;
    port.insertPlan = async (plan, options) => {
      if (++n === 3) port.failNext('insertPlan', new Error('磁盘已满'));
      return insert(plan, options);
    };
    const error = await writeConsolidationSheets(port, c).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsolidationWriteError);
    expect(error).toMatchObject({ sheet: CONSOLIDATION_SHEETS.indicators, written: [CONSOLIDATION_SHEETS.districts], message: '磁盘已满' });
    expect((await port.read()).sheets.map((x) => x.name)).toEqual(['Sheet1', STAMP_SHEET, CONSOLIDATION_SHEETS.districts]);

    expect(await writeConsolidationSheets(port, c)).toEqual(Object.values(CONSOLIDATION_SHEETS));
    expect((await port.read()).sheets.map((x) => x.name)).toEqual(['Sheet1', ...CONSOLIDATION]);
    expect(port.callsOf('select').at(-1)).toMatchObject({ sheet: CONSOLIDATION_SHEETS.districts, row: 1, col: 1 });
  });

  test('a run is stale once the template’s structure or the districts change, not when inputs are typed', () => {
    const run = { result: {} as never, template, districts };
    expect(isStaleRun(run, structuredClone(template), structuredClone(districts))).toBe(false);
    const typed = structuredClone(template);
    typed.rows[0].actual = '1300人次';
    expect(isStaleRun(run, typed, districts)).toBe(false);
    const reweighted = structuredClone(template);
    reweighted.rows[0].weight += 1;
    expect(isStaleRun(run, reweighted, districts)).toBe(true);
    expect(isStaleRun(run, template, districts.slice(1))).toBe(true);
  });

  test('files chosen twice are kept once; the 单独设置 lines name the template’s value beside the district’s', () => {
    const [a, b] = returnFiles();
    expect(addFiles([a], [a, b, b]).map((f) => f.name)).toEqual([a.name, b.name]);
    expect(overrideLines(template, districts[1])).toEqual([
      { level3: '培训人次', target: { template: '≥1200人次', district: '≥1300人次' }, weight: { template: 7.5, district: 8.5 } },
      { level3: '案件办结率', target: null, weight: { template: 7.5, district: 6.5 } },
    ]);
  });
});
