/** @jest-environment jsdom */
// 审核 in the pane: hand-made tables (written with ExcelJS, read back as cells) in a fake port; the findings listed by
// severity with 定位, the 审核意见 sheet, 转换 into a live form, the scope and the profile — in both languages.
import './setup';
import { act, waitFor } from '@testing-library/react';
import { CHECKS, reviewTable, type Finding, type Severity } from '../../src/domain/review';
import { blankForm } from '../../src/domain/standards';
import { findTables } from '../../src/sheet/findTables';
import { HAND_SCORE_COL, HAND_SCORE_HEADER, HEADERS, COL, planForm, ROW } from '../../src/sheet/layout';
import type { ReadSheet, ReadWorkbook, SheetPlan } from '../../src/sheet/plan';
import { REVIEW_COL, REVIEW_HEADERS, REVIEW_ROW } from '../../src/sheet/reviewSheet';
import { profileById } from '../../src/domain/rules';
import { readWorkbook } from '../../src/xlsx/readWorkbook';
import { FakeBrowserPort, FakeWorkbookPort } from '../support/fakePort';
import { chizhou, handWorkbook, tianchang, type HandTable } from '../support/handTables';
import { profileText } from '../../src/taskpane/i18n';
import { LANGS, renderApp, screen, tr, within, type T } from './helpers';

// ---- workbooks ----------------------------------------------------------------------------------------------------

/** The 天长 table with errors seeded as reviewers meet them. Its rows start on sheet row 11 (header on row 10). */
function seeded(): HandTable {
  const t = tianchang();
  t.rows[0] = { ...t.rows[0], level3: '项目成本', target: '≤30万元', actual: '完成' }; // E11: text where a number belongs
  t.rows[1] = { ...t.rows[1], actual: 1, score: 12 }; // G12: above its weight of 10
  t.rows[4] = { ...t.rows[4], level3: '指标2: ……', target: '……' }; // C15: a template placeholder
  t.rows[9] = { ...t.rows[9], actual: '95%', score: 9 }; // G20: complete yet scored 9 of 10, H20: no reason
  t.total = 99; // G21: not the sum
  t.goalResult = ''; // 实际完成情况 left blank
  return t;
}

/** A table whose first row over-achieves by 25%: over the national threshold (120%), under Guangxi's (130%). */
function overAchieving(): HandTable {
  const t = chizhou();
  t.budget = { ...t.budget!, total: [202.64, 132.912, 132.912], rate: 1, score: 10 };
  t.rows[0] = { ...t.rows[0], target: '≥8个', actual: 10, score: 8 };
  return t;
}

const cache = new Map<string, ReadWorkbook>();
async function workbookOf(sheets: { name: string; tables: HandTable[] }[]): Promise<ReadWorkbook> {
  const key = JSON.stringify(sheets);
  if (!cache.has(key)) cache.set(key, await readWorkbook(await handWorkbook(sheets), 'hand.xlsx'));
  return JSON.parse(JSON.stringify(cache.get(key))) as ReadWorkbook;
}

/** The fake port's own file format (see FakeWorkbookPort.serialize). */
function bytesOf(wb: ReadWorkbook, active: string): Uint8Array {
  const data = { sheets: wb.sheets.map((s) => ({ ...s, locked: [], protected: false })), names: wb.names, active };
  return new TextEncoder().encode(JSON.stringify(data));
}

class HandExcelPort extends FakeWorkbookPort {
  put(wb: ReadWorkbook, active = wb.sheets[0].name): this {
    this.load(bytesOf(wb, active), 'hand.xlsx');
    return this;
  }
}
class HandBrowserPort extends FakeBrowserPort {
  put(wb: ReadWorkbook, active = wb.sheets[0].name): this {
    this.load(bytesOf(wb, active), 'hand.xlsx');
    this.fileName = '手工自评表.xlsx';
    return this;
  }
}

const SEEDED = [{ name: '甲', tables: [seeded()] }];
const TWO_SHEETS = [
  { name: '甲', tables: [seeded()] },
  { name: '乙', tables: [chizhou()] },
];

async function excelHand(sheets = SEEDED, active?: string): Promise<HandExcelPort> {
  return new HandExcelPort('excel', []).put(await workbookOf(sheets), active);
}
async function browserHand(sheets = SEEDED): Promise<HandBrowserPort> {
  return new HandBrowserPort().put(await workbookOf(sheets));
}

/** What the domain finds, table by table: the oracle the pane must show. */
async function expectedOf(sheets: { name: string; tables: HandTable[] }[], profileId = 'national') {
  const tables = findTables(await workbookOf(sheets));
  return tables.map((table) => ({ table, result: reviewTable(table, profileById(profileId).params) }));
}

// ---- the pane -----------------------------------------------------------------------------------------------------

const SEVERITY_KEY = { 错误: 'review.severity.error', 警告: 'review.severity.warning', 提示: 'review.severity.note' } as const;

async function openReview(port: FakeWorkbookPort, lang: (typeof LANGS)[number]) {
  const t = tr(lang);
  const r = renderApp(port, lang);
  await r.user.click(await screen.findByRole('tab', { name: t('tab.review') }));
  return { ...r, t };
}

async function runReview(user: ReturnType<typeof renderApp>['user'], t: T): Promise<HTMLElement> {
  await user.click(screen.getByRole('button', { name: t('review.run') }));
  return screen.findByTestId('review-results');
}

function tableSection(t: T, sheet: string, anchor = 'A10'): HTMLElement {
  return screen.getByRole('region', { name: t('review.tableLabel', { sheet, anchor }) });
}

/** The findings a table's section lists under a severity, as "id cell". */
function listed(section: HTMLElement, t: T, severity: Severity, count: number): string[] {
  const list = within(section).getByRole('list', { name: t('review.group', { severity: t(SEVERITY_KEY[severity]), count }) });
  return within(list)
    .getAllByRole('listitem')
    .map((li) => `${li.getAttribute('data-finding')} ${li.getAttribute('data-cell')}`);
}

const idCell = (f: Finding): string => `${f.id} ${f.sheet}!${f.cell}`;
const ofSeverity = (fs: Finding[], s: Severity): string[] => fs.filter((f) => f.severity === s).map(idCell);

function sheetOf(wb: ReadWorkbook, name: string): ReadSheet {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

const valueAt = (plan: SheetPlan, row: number, col: number) => plan.cells[row - 1]?.[col - 1]?.value;

describe.each(LANGS)('审核 (%s)', (lang) => {
  const t = tr(lang);

  test('a workbook of hand-made tables opens on 审核; the findings are listed by severity, each with its message and fix', async () => {
    const port = await excelHand();
    const [expected] = await expectedOf(SEEDED);
    const f = expected.result.findings;
    const { user } = renderApp(port, lang);
    const reviewTab = await screen.findByRole('tab', { name: t('tab.review') });
    await screen.findByRole('button', { name: t('review.run') });
    expect(reviewTab.getAttribute('aria-selected')).toBe('true');

    await runReview(user, t);
    const section = tableSection(t, '甲');
    expect(within(section).getByText(t('review.tableTitle', { sheet: '甲', anchor: 'A10' }))).toBeTruthy();
    expect(within(section).getByText(t('review.rows', { count: 10 }))).toBeTruthy();
    expect(within(section).getByTestId('table-kind').textContent).toBe(t('review.hand'));

    // The seeded errors, at their cells, under 错误 / 警告 / 提示.
    const errors = listed(section, t, '错误', ofSeverity(f, '错误').length);
    expect(errors).toEqual(['actual-not-number 甲!E11', 'score-above-weight 甲!G12', 'score-differs-from-rule 甲!G20', 'total-not-sum 甲!G21']);
    const warnings = listed(section, t, '警告', ofSeverity(f, '警告').length);
    expect(warnings).toEqual(ofSeverity(f, '警告'));
    expect(warnings).toEqual(expect.arrayContaining(['template-placeholder 甲!C15', 'target-unreadable 甲!D15', 'missing-deviation-reason 甲!H20']));
    const notes = listed(section, t, '提示', ofSeverity(f, '提示').length);
    expect(notes).toEqual(ofSeverity(f, '提示'));
    expect(notes.map((x) => x.split(' ')[0])).toEqual(['narrative-blank']);
    // The badges count them.
    const counts = within(section).getByTestId('table-counts').textContent;
    for (const s of ['错误', '警告', '提示'] as Severity[]) {
      expect(counts).toContain(t('review.countBadge', { severity: t(SEVERITY_KEY[s]), count: ofSeverity(f, s).length }));
    }

    // Message, check name and fix in the pane's language.
    const above = f.find((x) => x.id === 'score-above-weight')!;
    const item = section.querySelector('[data-finding="score-above-weight"]') as HTMLElement;
    expect(item.textContent).toContain(lang === 'zh' ? above.message.zh : above.message.en);
    expect(item.textContent).toContain(lang === 'zh' ? CHECKS['score-above-weight'].zh : CHECKS['score-above-weight'].en);
    expect(item.textContent).toContain(t('review.fix', { fix: lang === 'zh' ? above.fix!.zh : above.fix!.en }));
    if (lang === 'en') expect(item.textContent).not.toContain(above.message.zh);

    // 应得分 / 表中得分: the two rows whose score the rules disagree with, and no other.
    const verdicts = within(section).getByRole('table', { name: `${t('review.verdicts')} · ${t('review.tableLabel', { sheet: '甲', anchor: 'A10' })}` });
    const rows = within(verdicts)
      .getAllByRole('row')
      .slice(1)
      .map((r) => Array.from(r.querySelectorAll('td')).map((c) => c.textContent));
    expect(rows).toEqual([
      ['12', '指标2:完成农业综合水价改革项目', '10.00', '12.00'],
      ['20', '指标1:服务对象满意度', '10.00', '9.00'],
    ]);
    expect(port.callsOf('writeCells')).toEqual([]);
    expect(port.callsOf('insertPlan')).toEqual([]);
  });

  test('定位 selects the finding’s cell', async () => {
    const port = await excelHand();
    const { user } = await openReview(port, lang);
    await runReview(user, t);
    await user.click(screen.getByRole('button', { name: t('review.locateLabel', { sheet: '甲', cell: 'G12', check: lang === 'zh' ? CHECKS['score-above-weight'].zh : CHECKS['score-above-weight'].en }) }));
    await user.click(screen.getByRole('button', { name: t('review.locateLabel', { sheet: '甲', cell: 'C15', check: lang === 'zh' ? CHECKS['template-placeholder'].zh : CHECKS['template-placeholder'].en }) }));
    expect(port.callsOf('select')).toEqual([
      { method: 'select', sheet: '甲', row: 12, col: 7 },
      { method: 'select', sheet: '甲', row: 15, col: 3 },
    ]);
  });

  test('in the browser, 定位 highlights the cell in the preview', async () => {
    const port = await browserHand();
    const { user } = await openReview(port, lang);
    await runReview(user, t);
    await user.click(screen.getByRole('button', { name: t('review.locateLabel', { sheet: '甲', cell: 'E11', check: lang === 'zh' ? CHECKS['actual-not-number'].zh : CHECKS['actual-not-number'].en }) }));
    const preview = screen.getByRole('region', { name: t('browser.preview') });
    const hl = await within(preview).findByText('完成', { selector: '[data-highlighted="true"]' });
    expect(hl.getAttribute('data-cell')).toBe('E11');
    expect(port.callsOf('select')).toEqual([{ method: 'select', sheet: '甲', row: 11, col: 5 }]);
  });

  test('写入审核意见表 adds a sheet 审核意见 with one row per finding and leaves the reviewed sheet untouched', async () => {
    const port = await browserHand();
    const [expected] = await expectedOf(SEEDED);
    const findings = expected.result.findings;
    const before = sheetOf(await port.read(), '甲');
    const { user } = await openReview(port, lang);
    await runReview(user, t);
    await user.click(screen.getByRole('button', { name: t('review.writeSheet') }));
    expect(await screen.findByText(t('review.written', { sheet: '审核意见', count: findings.length }))).toBeTruthy();

    const [insert] = port.callsOf('insertPlan');
    expect(insert.options).toEqual({ replace: false });
    const plan = insert.plan;
    expect(plan.sheetName).toBe('审核意见');
    expect(plan.cells[REVIEW_ROW.header - 1].map((c) => c?.value)).toEqual([...REVIEW_HEADERS]);
    const body = plan.cells.slice(REVIEW_ROW.first - 1, REVIEW_ROW.first - 1 + findings.length);
    expect(body.map((r) => r[REVIEW_COL.index - 1]?.value)).toEqual(findings.map((_, i) => i + 1));
    // 错误 first, then 警告, then 提示 — each finding once, at its sheet and cell.
    const rows = body.map((r) => `${r[REVIEW_COL.severity - 1]?.value} ${r[REVIEW_COL.sheet - 1]?.value}!${r[REVIEW_COL.cell - 1]?.value}`);
    const bySeverity = (['错误', '警告', '提示'] as Severity[]).flatMap((s) => findings.filter((x) => x.severity === s));
    expect(rows).toEqual(bySeverity.map((x) => `${x.severity} ${x.sheet}!${x.cell}`));
    expect(body.map((r) => r[REVIEW_COL.message - 1]?.value)).toEqual(bySeverity.map((x) => x.message.zh));
    expect(valueAt(plan, REVIEW_ROW.first + findings.length, REVIEW_COL.index)).toBeUndefined(); // nothing after them
    expect(String(valueAt(plan, REVIEW_ROW.source, 1))).toContain('手工自评表.xlsx');

    // The reviewed cells: no write, and the same after as before.
    expect(port.callsOf('writeCells')).toEqual([]);
    expect(port.callsOf('insertPlan').every((c) => c.plan.sheetName !== '甲')).toBe(true);
    const after = await port.read();
    expect(sheetOf(after, '甲')).toEqual(before);
    expect(after.sheets.map((s) => s.name)).toEqual(['甲', '审核意见']);
    // Our own sheet does not make the review stale.
    expect(screen.queryByText(t('review.stale'))).toBeNull();

    // Again: the name is taken, so 审核意见（2）.
    await user.click(screen.getByRole('button', { name: t('review.writeSheet') }));
    expect(await screen.findByText(t('review.written', { sheet: '审核意见（2）', count: findings.length }))).toBeTruthy();
    expect(port.callsOf('insertPlan').map((c) => c.plan.sheetName)).toEqual(['审核意见', '审核意见（2）']);
    expect(sheetOf(await port.read(), '甲')).toEqual(before);
  });

  test('转换 inserts a live form carrying the hand-typed scores; 填报 then works on it', async () => {
    const port = await excelHand();
    const before = sheetOf(await port.read(), '甲');
    const { user } = await openReview(port, lang);
    await runReview(user, t);
    await user.click(screen.getByRole('button', { name: t('review.convertLabel', { sheet: '甲', anchor: 'A10' }) }));
    const sheet = '项目支出绩效自评2022';
    expect(await screen.findByText(t('review.converted', { sheet, count: 10 }))).toBeTruthy();

    const [insert] = port.callsOf('insertPlan');
    expect(insert.options).toEqual({ replace: false });
    const plan = insert.plan;
    expect(plan.sheetName).toBe(sheet);
    expect(plan.names.map((n) => n.name)).toContain('JXZP1_TABLE');
    expect(valueAt(plan, ROW.header, HAND_SCORE_COL)).toBe(HAND_SCORE_HEADER);
    const rows = Array.from({ length: 10 }, (_, i) => ROW.firstIndicator + i);
    expect(rows.map((r) => valueAt(plan, r, COL.level3))).toEqual(seeded().rows.map((r) => r.level3));
    expect(rows.map((r) => valueAt(plan, r, HAND_SCORE_COL))).toEqual([10, 12, 10, 10, 10, 10, 10, null, 10, 9]);
    expect(valueAt(plan, ROW.firstIndicator, COL.actual)).toBe('完成');
    expect(valueAt(plan, ROW.header, COL.level3)).toBe(HEADERS.level3);
    expect(port.callsOf('writeCells')).toEqual([]);
    expect(sheetOf(await port.read(), '甲')).toEqual(before);

    // The other tabs pick the new form up.
    await user.click(screen.getByRole('button', { name: t('review.goFill') }));
    const actual = (await screen.findByLabelText(t('fill.actualFor', { name: '项目成本' }))) as HTMLInputElement;
    expect(actual.value).toBe('完成');
  });

  test('转换 picks a free sheet name and a free JXZPn prefix; a form of this product has no 转换', async () => {
    const port = await excelHand();
    port.addPlan(planForm(blankForm('project', { year: '2022', projectName: '已有项目' }), { sheetName: '项目支出绩效自评2022', prefix: 'JXZP1' }));
    port.setActive('甲');
    const { user } = await openReview(port, lang);
    await user.click(screen.getByRole('radio', { name: t('review.scope.workbook') }));
    await runReview(user, t);
    const ours = tableSection(t, '项目支出绩效自评2022', 'A9');
    expect(within(ours).getByTestId('table-kind').textContent).toBe(t('review.ours'));
    expect(within(ours).queryByRole('button', { name: /转换|Convert/ })).toBeNull();

    await user.click(within(tableSection(t, '甲')).getByRole('button', { name: t('review.convertLabel', { sheet: '甲', anchor: 'A10' }) }));
    expect(await screen.findByText(t('review.converted', { sheet: '项目支出绩效自评2022（2）', count: 10 }))).toBeTruthy();
    const plan = port.callsOf('insertPlan')[0].plan;
    expect(plan.sheetName).toBe('项目支出绩效自评2022（2）');
    expect(plan.names.every((n) => n.name.startsWith('JXZP2_'))).toBe(true);
  });

  test('scope: 当前工作表 reviews the active sheet only, 整个工作簿 every sheet', async () => {
    const port = await excelHand(TWO_SHEETS, '乙');
    const expected = await expectedOf(TWO_SHEETS);
    const { user } = await openReview(port, lang);
    expect((screen.getByRole('radio', { name: t('review.scope.sheet') }) as HTMLInputElement).checked).toBe(true);
    await runReview(user, t);
    expect(screen.getByTestId('review-summary').textContent).toContain(t('review.scopeSheet', { sheet: '乙' }));
    expect(screen.queryByRole('region', { name: t('review.tableLabel', { sheet: '甲', anchor: 'A10' }) })).toBeNull();
    const yi = tableSection(t, '乙');
    const yiErrors = ofSeverity(expected[1].result.findings, '错误');
    expect(listed(yi, t, '错误', yiErrors.length)).toEqual(yiErrors);
    expect(yiErrors).toContain('budget-total-not-sum 乙!D4'); // the 0/0/0 年度资金总额

    await user.click(screen.getByRole('radio', { name: t('review.scope.workbook') }));
    await runReview(user, t);
    await screen.findByText(t('review.summary', { scope: t('review.scopeWorkbook'), tables: 2, profile: profileText(lang, profileById('national')).name }));
    const sections = screen.getAllByRole('region').filter((r) => r.hasAttribute('data-table'));
    expect(sections.map((s) => s.getAttribute('data-table'))).toEqual(['甲!A10', '乙!A10']);
    const all = expected.flatMap((e) => e.result.findings);
    const total = screen.getByTestId('review-counts').textContent;
    expect(total).toContain(t('review.countBadge', { severity: t('review.severity.error'), count: ofSeverity(all, '错误').length }));
  });

  test('in the browser, 当前工作表 is the sheet shown in the preview', async () => {
    const port = await browserHand(TWO_SHEETS);
    const { user } = await openReview(port, lang);
    await user.click(within(screen.getByRole('tablist', { name: t('browser.sheets') })).getByRole('tab', { name: '乙' }));
    await runReview(user, t);
    expect(screen.getByTestId('review-summary').textContent).toContain(t('review.scopeSheet', { sheet: '乙' }));
    expect(screen.getAllByRole('region').filter((r) => r.hasAttribute('data-table')).map((r) => r.getAttribute('data-table'))).toEqual(['乙!A10']);
  });

  test('the rule profile is the one chosen: over-achievement by 25% needs a reason nationally, not in Guangxi', async () => {
    const sheets = [{ name: '丙', tables: [overAchieving()] }];
    const port = await excelHand(sheets);
    const { user } = await openReview(port, lang);
    await runReview(user, t);
    const over = () => tableSection(t, '丙').querySelectorAll('[data-finding="over-achievement-unexplained"]');
    expect(Array.from(over()).map((li) => li.getAttribute('data-cell'))).toEqual(['丙!H11']);

    await user.selectOptions(screen.getByRole('combobox', { name: t('review.profile') }), 'guangxi');
    await runReview(user, t);
    await screen.findByText(new RegExp(lang === 'zh' ? '广西口径' : 'Guangxi'), { selector: '[data-testid="review-summary"]' });
    expect(over()).toHaveLength(0);
  });

  test('no table: says so in plain words, for the sheet and for the workbook', async () => {
    const port = new HandExcelPort('excel', ['Sheet1']);
    const { user } = await openReview(port, lang);
    await runReview(user, t);
    expect(screen.getByText(t('review.noTableSheet', { sheet: 'Sheet1' }))).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: t('review.scope.workbook') }));
    await runReview(user, t);
    expect(await screen.findByText(t('review.noTableWorkbook'))).toBeTruthy();
    expect(screen.queryByRole('button', { name: t('review.writeSheet') })).toBeNull();
  });

  test('a change to the reviewed sheet marks the findings out of date; 重新审核 brings them up to date', async () => {
    const port = await excelHand();
    const { user } = await openReview(port, lang);
    await runReview(user, t);
    expect(document.querySelector('[data-finding="score-above-weight"]')).not.toBeNull();
    act(() => port.edit('甲', 12, 7, 10)); // someone corrects the score in the sheet
    expect(await screen.findByText(t('review.stale'))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: t('review.rerun') }));
    await waitFor(() => expect(document.querySelector('[data-finding="score-above-weight"]')).toBeNull());
    expect(document.querySelector('[data-finding="actual-not-number"]')).not.toBeNull(); // the rest is still there
    expect(screen.queryByText(t('review.stale'))).toBeNull();
    expect(port.callsOf('writeCells')).toEqual([]);
  });
});
