// jxzp distribute and jxzp collect, run in-process: files and folders and archives in, a folder or .zip and a 汇总
// out; the errors a clerk meets, with exit code 2 and nothing written.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { scoreForm } from '../../src/domain/rules';
import { planForm } from '../../src/sheet/layout';
import { readConsolidationMark } from '../../src/sheet/stampSheet';
import { readWorkbook } from '../../src/xlsx/readWorkbook';
import { writeWorkbook } from '../../src/xlsx/writeWorkbook';
import { tempDir } from '../support/engine';
import { bureauDistricts, bureauTemplate, fillWorkbook, filledForm } from './fixtures';

interface Run {
  code: number;
  out: string;
  err: string;
}

let dir: string;

async function run(...args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: dir });
  return { code, out, err };
}

const template = bureauTemplate();
const districts = bureauDistricts(template, 5);
const fileName = (d: string) => `${d}-项目支出绩效自评表（2024年度）.xlsx`;

function leftovers(d = dir): string[] {
  return readdirSync(d, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));
}

beforeAll(async () => {
  dir = tempDir('jxzp-distribute-cli-');
  writeFileSync(join(dir, '模板.xlsx'), await writeWorkbook([planForm(template)]));
  const lines = ['单位名称,三级指标,年度指标值,分值,全年预算数'];
  for (const d of districts) {
    lines.push(`${d.name},,,,${d.budget?.annual ?? ''}`);
    for (const o of d.overrides) lines.push(`,${o.level3},${o.target ?? ''},${o.weight ?? ''},`);
  }
  writeFileSync(join(dir, '单位名单.csv'), `\ufeff${lines.join('\n')}\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => expect(leftovers()).toEqual([]));

describe('jxzp distribute', () => {
  test('into a new folder: one stamped file per district', async () => {
    const r = await run('distribute', '模板.xlsx', '单位名单.csv', '-o', '下发');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^已为 5 个单位生成「项目支出绩效自评表（2024年度）」，写入「下发」（模板编号 [0-9a-f]{16}，第 1 版；其中 4 个单位有单独设置的指标值、分值或资金）：\n/);
    expect(readdirSync(join(dir, '下发')).sort()).toEqual(districts.map((d) => fileName(d.name)).sort());
    const wb = await readWorkbook(readFileSync(join(dir, '下发', fileName(districts[1].name))));
    expect(wb.sheets.map((s) => s.name)).toEqual(['项目支出绩效自评2024', '_绩效自评助手']);
  });

  test('into a .zip, with a template version', async () => {
    const r = await run('distribute', '模板.xlsx', '单位名单.csv', '-o', '下发.zip', '--template-version', '2');
    expect(r.code).toBe(0);
    expect(r.out).toContain('第 2 版');
    const zip = await JSZip.loadAsync(readFileSync(join(dir, '下发.zip')));
    expect(Object.keys(zip.files).sort()).toEqual(districts.map((d) => fileName(d.name)).sort());
  });

  test('existing files are not overwritten without --force', async () => {
    const before = statSync(join(dir, '下发', fileName(districts[0].name))).mtimeMs;
    const r = await run('distribute', '模板.xlsx', '单位名单.csv', '-o', '下发');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误：文件夹「下发」中已有「.+」、「.+」、「.+」 等 5 个文件，未覆盖任何文件。如要覆盖，请加 --force\n$/);
    expect(statSync(join(dir, '下发', fileName(districts[0].name))).mtimeMs).toBe(before);
    expect((await run('distribute', '模板.xlsx', '单位名单.csv', '-o', '下发.zip')).err).toBe('错误：「下发.zip」已存在，未覆盖。如要覆盖，请加 --force\n');
    expect((await run('distribute', '模板.xlsx', '单位名单.csv', '-o', '下发', '--force')).code).toBe(0);
  });

  test('a wrong 单位名单: every problem listed, exit 2, nothing written', async () => {
    writeFileSync(join(dir, '错的名单.csv'), '单位名称,三级指标,分值\n越秀区,培训人次,abc\n海珠区,没有这项,1\n');
    const r = await run('distribute', '模板.xlsx', '错的名单.csv', '-o', '新下发');
    expect(r).toEqual({
      code: 2,
      out: '',
      err: '错误：「错的名单.csv」有以下问题：\n第2行「分值」列：「abc」不是数字\n第3行「三级指标」列：「没有这项」不是模板中的三级指标\n',
    });
    expect(existsSync(join(dir, '新下发'))).toBe(false);
  });

  test('usage errors', async () => {
    expect((await run('distribute', '模板.xlsx', '单位名单.csv')).err).toBe('错误：请用 -o 指定输出的文件夹（如 -o 下发）或压缩包（如 -o 下发.zip）（用法见 jxzp distribute --help）\n');
    expect((await run('distribute', '模板.xlsx')).code).toBe(2);
    expect((await run('distribute', '没有.xlsx', '单位名单.csv', '-o', 'x')).err).toBe('错误：找不到文件「没有.xlsx」\n');
    expect((await run('distribute', '--help')).out).toMatch(/^用法：jxzp distribute/);
  });
});

describe('jxzp collect', () => {
  beforeAll(async () => {
    mkdirSync(join(dir, '回收', '第一批'), { recursive: true });
    // Districts 0–2 fill their files; 3 returns its file twice (once as a copy); 4 sends nothing back.
    for (let i = 0; i < 3; i++) {
      const bytes = readFileSync(join(dir, '下发', fileName(districts[i].name)));
      const filled = await fillWorkbook(new Uint8Array(bytes), filledForm(template, districts[i], i));
      writeFileSync(join(dir, '回收', i < 2 ? '第一批' : '', `${districts[i].name}.xlsx`), filled);
    }
    const three = readFileSync(join(dir, '下发', fileName(districts[3].name)));
    const zip = new JSZip();
    zip.file(`${districts[3].name}.xlsx`, three);
    zip.file('说明.docx', 'not a workbook');
    writeFileSync(join(dir, '回收', '邮件附件.zip'), await zip.generateAsync({ type: 'nodebuffer' }));
    writeFileSync(join(dir, '回收', '第一批', '副本.xlsx'), three);
    writeFileSync(join(dir, '回收', '~$越秀区.xlsx'), 'lock');
    writeFileSync(join(dir, '回收', '说明.txt'), 'hi');
  });

  test('a folder and its sub-folders and archives: a report per file and the 汇总, exit 0', async () => {
    const r = await run('collect', '模板.xlsx', '单位名单.csv', '回收', '-o', '汇总.xlsx');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('已汇总到「汇总.xlsx」：项目支出绩效自评表（2024年度），单位 5 个：已报送 4，未报送 1。');
    expect(lines[1]).toBe('收到文件 6 个：采用 4，未采用 0，跳过 2。');
    const total = (i: number) => scoreForm(filledForm(template, districts[i], i)).total.toFixed(2);
    expect(r.out).toContain(`[采用]   回收/第一批/${districts[0].name}.xlsx → ${districts[0].name}：总分 ${total(0)}`);
    // Folders are read in name order (by pinyin): 第一批 before 邮件附件.zip.
    expect(r.out).toContain(`[跳过] 回收/邮件附件.zip/${districts[3].name}.xlsx：与「回收/第一批/副本.xlsx」内容完全相同（同一文件重复提交），已跳过`);
    expect(r.out).toContain('[跳过] 回收/邮件附件.zip/说明.docx：不是 Excel 工作簿（.xlsx），已跳过');
    expect(r.out).toContain(`未报送的单位（1）：${districts[4].name}`);
    expect(r.out).toContain('已忽略 2 个文件：\n  回收/~$越秀区.xlsx：Excel / WPS 打开文件时留下的临时文件\n  回收/说明.txt：不是 Excel 工作簿或 .zip 压缩包');
    const wb = await readWorkbook(readFileSync(join(dir, '汇总.xlsx')));
    expect(wb.sheets.map((s) => s.name)).toEqual(['汇总', '指标汇总', '核查明细', '_绩效自评助手']);
    expect(readConsolidationMark(wb)?.year).toBe('2024');
  });

  test('--json: the same, for machines; running again replaces the earlier 汇总', async () => {
    const before = statSync(join(dir, '汇总.xlsx')).ino;
    const r = await run('collect', '模板.xlsx', '单位名单.csv', '回收', '-o', '汇总.xlsx', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.summary).toEqual({ districts: 5, reported: 4, missing: 1, duplicated: 0, notUsed: 0, files: 6, filesUsed: 4, filesRejected: 0, filesSkipped: 2 });
    expect(j.districts[0]).toMatchObject({ district: districts[0].name, state: '已报送', total: scoreForm(filledForm(template, districts[0], 0)).total, tamper: '未改动' });
    expect(j.files.find((f: { file: string }) => f.file.endsWith('副本.xlsx'))).toMatchObject({ outcome: '已采用', district: districts[3].name });
    expect(j.files.find((f: { file: string }) => f.file === `回收/邮件附件.zip/${districts[3].name}.xlsx`).outcome).toBe('已跳过');
    expect(statSync(join(dir, '汇总.xlsx')).ino).not.toBe(before); // written anew (to a temporary file, renamed over it)
  });

  test('an output that is not a 汇总 is not overwritten without --force; a missing path stops before anything is written', async () => {
    const r = await run('collect', '模板.xlsx', '单位名单.csv', '回收', '-o', '模板.xlsx');
    expect(r).toEqual({ code: 2, out: '', err: '错误：「模板.xlsx」已存在，且不是绩效自评助手生成的汇总表，未覆盖。如要覆盖，请加 --force\n' });
    const m = await run('collect', '模板.xlsx', '单位名单.csv', '回收', '没有的文件夹', '-o', '新汇总.xlsx');
    expect(m).toEqual({ code: 2, out: '', err: '错误：找不到「没有的文件夹」\n' });
    expect(existsSync(join(dir, '新汇总.xlsx'))).toBe(false);
  });

  test('the 汇总 inside the folder collected is passed over, not read as a return', async () => {
    const r = await run('collect', '模板.xlsx', '单位名单.csv', '.', '-o', '回收/汇总.xlsx');
    expect(r.code).toBe(0);
    const again = await run('collect', '模板.xlsx', '单位名单.csv', '回收', '汇总.xlsx', '-o', '回收/汇总.xlsx');
    expect(again.out).toContain('[跳过] 汇总.xlsx：这是绩效自评助手生成的汇总表，不是单位报表，已跳过');
    expect(again.out).not.toContain('回收/汇总.xlsx：');
  });

  test('help says collect exits 0 even when files were not used', async () => {
    const r = await run('collect', '--help');
    expect(r.out).toContain('退出码：0 已处理完全部文件（即使其中有未采用的文件，原因见输出）');
    expect((await run('collect', '模板.xlsx', '单位名单.csv', '回收')).err).toBe('错误：请用 -o 指定汇总表文件，如 -o 汇总.xlsx（用法见 jxzp collect --help）\n');
  });
});
