// jxzp review: findings of every table in a workbook; exit 0 without 错误, 1 with, 2 when the file cannot be read.
import { rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { tempDir } from '../support/engine';
import { handWorkbook, tianchang } from '../support/handTables';

let dir: string;

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: dir });
  return { code, out, err };
}

beforeAll(() => {
  dir = tempDir('jxzp-review-cli-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a correct table: exit 0, and the text report says so', async () => {
  writeFileSync(join(dir, 'ok.xlsx'), await handWorkbook([{ name: '天长', tables: [tianchang()] }]));
  const r = await run('review', 'ok.xlsx');
  expect(r.code).toBe(0);
  expect(r.out).toContain('工作表「天长」');
  expect(r.out).toContain('合计：错误 0 项');
});

test('seeded errors: exit 1, every finding with its id, cell and messages in --json', async () => {
  const t = tianchang();
  t.rows[1] = { ...t.rows[1], score: 12 };
  t.rows[0] = { ...t.rows[0], level3: '项目成本', target: '≤30万元', actual: '完成' };
  writeFileSync(join(dir, 'bad.xlsx'), await handWorkbook([{ name: '天长', tables: [t] }]));
  const r = await run('review', 'bad.xlsx', '--json');
  expect(r.code).toBe(1);
  const report = JSON.parse(r.out);
  const ids = report.tables[0].findings.map((f: { id: string; cell: string }) => `${f.id}@${f.cell}`);
  expect(ids).toEqual(expect.arrayContaining([expect.stringMatching(/^score-above-weight@G\d+$/), expect.stringMatching(/^actual-not-number@E\d+$/)]));
  expect(report.counts['错误']).toBeGreaterThanOrEqual(2);
  expect(report.tables[0].verdicts[1]).toMatchObject({ has: 12, should: 10 });
  const text = await run('review', 'bad.xlsx');
  expect(text.out).toMatch(/【错误】/);
  expect(text.out).toContain('score-above-weight');
});

test('a file that is not a workbook: exit 2 with a Chinese message', async () => {
  writeFileSync(join(dir, 'x.xlsx'), 'not a workbook');
  const r = await run('review', 'x.xlsx');
  expect(r.code).toBe(2);
  expect(r.err).toContain('「x.xlsx」');
  expect(r.err).toContain('不是 Excel 工作簿');
});

test('a form made by this product, as created: exit 0', async () => {
  expect((await run('new', '--example', '-o', 'ours.xlsx')).code).toBe(0);
  const r = await run('review', 'ours.xlsx', '--json');
  expect(JSON.parse(r.out).counts['错误']).toBe(0);
  expect(r.code).toBe(0);
});
