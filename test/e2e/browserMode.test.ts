// End to end, in a real browser (Debian's Chromium driven by playwright-core): the production build opened outside
// Office starts in browser mode; a finance officer creates the 从化 example, enters actuals (some below target, one
// over-achieving, 完成 in a quantitative row), sees the flags and the total, downloads the .xlsx — and LibreOffice,
// computing that file's own formulas, gives the total and statuses the pane showed. Screenshots of each pane are
// kept in test-artifacts/e2e/ to be looked at.
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { AddressInfo } from 'net';
import { Browser, chromium, Page } from 'playwright-core';
import { scoreForm } from '../../src/domain/rules';
import { readForm } from '../../src/sheet/readback';
import { readWorkbookFile } from '../../src/xlsx/readWorkbook';
import { sheetResult, tempDir } from '../support/engine';
import { recalculate } from '../support/libreoffice';
import { productionBuild } from '../support/prodBuild';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'e2e');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.png': 'image/png', '.xml': 'application/xml', '.css': 'text/css' };

let server: http.Server;
let base = '';
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

function serve(dir: string): Promise<string> {
  server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
    const file = path.join(dir, url === '/' ? 'taskpane.html' : url);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  base = await serve(productionBuild());
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  // Outside Office, and offline: Office.js cannot load, and the pane must not wait for it long.
  await context.route(/appsforoffice\.microsoft\.com/, (route) => route.abort());
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/appsforoffice|ERR_FAILED|Failed to load resource/.test(m.text())) pageErrors.push(m.text());
  });
}, 10 * 60 * 1000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

const ACTUALS: [string, string][] = [
  ['指标1：调解案件补贴发放率', '100%'],
  ['指标2：专职调解员配备率', '90%'], // below target
  ['指标3：调解主任配备达标率', '100%'],
  ['指标2：案件指派率', '120%'], // target 90%: 133% ≥ 120% → over-achievement
  ['指标3：律师值班率', '完成'], // text in a quantitative row
  ['指标1：司法社工与社区矫正对象比例', '1:25'], // 1:20 target: worse
  ['指标5：社区矫正对象再犯罪率', '1‰'],
];

describe('browser mode, end to end', () => {
  let shown: { total: string; grade: string; flags: string[] };

  test('opens in browser mode without Office.js', async () => {
    const started = Date.now();
    await page.goto(`${base}/taskpane.html`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('tab', { name: '新建' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '下载 .xlsx' }).waitFor();
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);

  test('新建: the 从化 example, how its targets were read, inserted into a new sheet', async () => {
    await page.getByRole('radio', { name: /示例：广州市从化区司法局/ }).check();
    await page.getByText('不超过千分之二').first().waitFor();
    await shot('1-新建');
    await page.getByRole('button', { name: '插入新工作表' }).click();
    await page.getByText(/已插入工作表「.+」（34 项指标）/).waitFor({ timeout: 30_000 });
  }, 60_000);

  test('填报: actuals typed in the pane show how they were read and go to the sheet', async () => {
    await page.getByRole('tab', { name: '填报' }).click();
    for (const [name, value] of ACTUALS) await page.getByLabel(`「${name}」实际完成值`).fill(value);
    await page.getByText(/「完成」不是数值/).first().waitFor();
    await shot('2-填报');
    await page.getByRole('button', { name: '保存到工作表' }).click();
    await page.getByText(/已写入工作表/).waitFor({ timeout: 30_000 });
  }, 60_000);

  test('结果: flags, total and grade; 定位 highlights the row in the preview', async () => {
    await page.getByRole('tab', { name: '结果' }).click();
    const total = (await page.getByTestId('total').innerText()).trim();
    const grade = (await page.getByTestId('grade').innerText()).trim();
    const flags = await page.getByRole('button', { name: /^定位到/ }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
    shown = { total, grade, flags };
    expect(flags.some((f) => f.includes('专职调解员配备率') && f.includes('未达标'))).toBe(true);
    expect(flags.some((f) => f.includes('案件指派率') && f.includes('超额'))).toBe(true);
    expect(flags.some((f) => f.includes('律师值班率') && f.includes('无法计算'))).toBe(true);
    await page.getByRole('button', { name: /^定位到「指标2：专职调解员配备率」/ }).first().click();
    await page.locator('[data-highlighted="true"]').waitFor();
    await shot('3-结果');
  }, 60_000);

  test('设置 shows the rule parameters', async () => {
    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByText(/超额/).first().waitFor();
    await shot('4-设置');
    await page.getByRole('tab', { name: '结果' }).click();
  }, 60_000);

  test('下载: LibreOffice computing the file gives the total and statuses the pane showed', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 .xlsx' }).click()]);
    const dir = tempDir('jxzp-e2e-');
    fs.mkdirSync(path.join(dir, 'in'));
    const file = path.join(dir, 'in', 'downloaded.xlsx');
    await download.saveAs(file);
    fs.copyFileSync(file, path.join(ARTIFACTS, 'downloaded.xlsx'));
    const [computed] = recalculate([file], path.join(dir, 'out'));
    const wb = await readWorkbookFile(computed);
    const found = readForm(wb);
    const sheet = sheetResult(wb, found.form, found.sheet);
    expect(sheet.errors).toEqual([]);
    expect(Number(sheet.total).toFixed(2)).toBe(Number(shown.total).toFixed(2));
    expect(sheet.grade).toBe(shown.grade);
    const oracle = scoreForm(found.form);
    expect(sheet.rows.map((r) => r.status)).toEqual(oracle.rows.map((r) => r.status));
    const statusOf = (name: string) => sheet.rows[found.form.rows.findIndex((r) => r.level3 === name)].status;
    expect(statusOf('指标2：专职调解员配备率')).toBe('未达标');
    expect(statusOf('指标2：案件指派率')).toBe('超额·需说明');
    expect(statusOf('指标3：律师值班率')).toBe('无法计算');
    expect(statusOf('指标1：司法社工与社区矫正对象比例')).toBe('未达标');
    expect(statusOf('指标5：社区矫正对象再犯罪率')).toBe('达标');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
