// The command line, run in-process: new → fill → score, checked against src/domain and against LibreOffice
// computing the filled workbook's own formulas; and the errors a person meets, with exit code 2 and no output.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { scoreForm } from '../../src/domain/rules';
import { exampleForm } from '../../src/domain/standards';
import { readForm } from '../../src/sheet/readback';
import { readWorkbookFile } from '../../src/xlsx/readWorkbook';
import { sheetResult, tempDir } from '../support/engine';
import { recalculate } from '../support/libreoffice';

interface Run {
  code: number;
  out: string;
  err: string;
}

let dir: string;

async function run(...args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    cwd: dir,
  });
  return { code, out, err };
}

function csv(name: string, text: string, bom = true): string {
  writeFileSync(join(dir, name), Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]));
  return name;
}

/** No temporary files left behind by a failed or finished write. */
function leftovers(): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

beforeAll(() => {
  dir = tempDir('jxzp-cli-');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  expect(leftovers()).toEqual([]);
});

describe('new --example, then score', () => {
  beforeAll(async () => {
    const r = await run('new', '--example', '-o', '示例.xlsx');
    expect(r).toEqual({
      code: 0,
      out: '已生成「示例.xlsx」：部门整体支出绩效自评表（2022年度），工作表「部门整体绩效自评2022」，34 项指标，总分值 100（指标 90 + 预算执行率 10）。\n',
      err: '',
    });
  });

  test('score --json equals scoreForm(exampleForm()) with its blank actuals', async () => {
    const r = await run('score', '示例.xlsx', '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out);
    const expected = scoreForm(exampleForm());
    expect(j.total).toBe(expected.total);
    expect(j.grade).toBe(expected.grade);
    expect(j.rawScore).toBe(expected.rawScore);
    expect(j.totalWeight).toBe(expected.totalWeight);
    expect(j.applicableWeight).toBe(expected.applicableWeight);
    expect(j.subtotals).toEqual(expected.subtotals);
    expect(j.budget).toEqual(expected.budget);
    expect(j.rows).toHaveLength(34);
    expect(j.rows.map((x: { status: string }) => x.status)).toEqual(expected.rows.map((x) => x.status));
    expect(j.rows[0]).toEqual({
      level1: '履职效能',
      level2: '任务1：持续推动人民调解工作',
      level3: '指标1：调解案件补贴发放率',
      target: '100%',
      actual: '',
      weight: 2.5,
      kind: '≥',
      completion: null,
      score: null,
      status: '未填',
      note: '',
      missingReason: false,
    });
  });

  test('score prints a table, subtotals per 一级, the budget line, total and grade', async () => {
    const r = await run('score', '示例.xlsx');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('部门整体支出绩效自评表（2022年度） — 广州市从化区司法局');
    expect(lines.find((l) => l.startsWith('序号'))).toMatch(/^序号\s+三级指标\s+年度指标值\s+实际完成值\s+分值\s+完成率\s+得分\s+状态\s+提示$/);
    expect(lines.find((l) => /^\s+1\s/.test(l))).toMatch(/^\s+1\s+指标1：调解案件补贴发放率\s+100%\s+2\.5\s+未填$/);
    expect(r.out).toMatch(/^履职效能\s+70\s+70\s+0\.00$/m);
    expect(r.out).toMatch(/^管理效率\s+20\s+20\s+0\.00$/m);
    expect(r.out).toContain('预算执行率：100.00%（全年执行数 3,096.04 / 全年预算数 3,096.04 万元），得分 10.00 / 10');
    expect(r.out).toContain('总分：10.00，等级：差');
  });

  test('an existing file is not overwritten without --force', async () => {
    const before = readFileSync(join(dir, '示例.xlsx'));
    const r = await run('new', '--example', '-o', '示例.xlsx');
    expect(r).toEqual({ code: 2, out: '', err: '错误：「示例.xlsx」已存在，未覆盖。如要覆盖，请加 --force\n' });
    expect(readFileSync(join(dir, '示例.xlsx')).equals(before)).toBe(true);
    expect((await run('new', '--example', '--year', '2023', '-o', '示例.xlsx', '--force')).code).toBe(0);
    expect(JSON.parse((await run('score', '示例.xlsx', '--json')).out).meta.year).toBe('2023');
  });
});

describe('new --from a table', () => {
  test('CSV: header fields above the header, merged labels, options win, unreadable targets warned', async () => {
    csv(
      '指标.csv',
      [
        '项目名称：旧名称,,,,',
        '实施单位,县司法局,主管部门,县政府,',
        '一级指标,二级指标,三级指标,指标值,权重',
        '产出指标,数量指标,普法讲座场次,≥12场,30',
        ',质量指标,讲座满意率,≥90%,20',
        ',,宣传资料发放,约1000份,10',
        '效益指标,社会效益指标,群众法律知晓率,≥85%,20',
        '满意度指标,服务对象满意度指标,服务对象满意度,≥90%,10',
      ].join('\n'),
    );
    const r = await run('new', '--from', '指标.csv', '--project', '普法宣传项目', '--year', '2024', '--budget-annual', '200', '--budget-executed', '180', '-o', 'out/普法.xlsx');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      '已生成「out/普法.xlsx」：项目支出绩效自评表（2024年度），工作表「项目支出绩效自评2024」，5 项指标，总分值 100（指标 90 + 预算执行率 10）。\n',
    );
    expect(r.err).toBe('警告：「指标.csv」第6行「宣传资料发放」：无法识别年度指标值「约1000份」：请写成「≥12次」这样的数值，或写成定性描述（表中该行将显示“无法计算”）\n');

    const j = JSON.parse((await run('score', 'out/普法.xlsx', '--json')).out);
    expect(j.meta).toMatchObject({ projectName: '普法宣传项目', unit: '县司法局', department: '县政府', year: '2024', standard: 'project' });
    expect(j.rows.map((x: { level1: string; level2: string; level3: string; weight: number }) => [x.level1, x.level2, x.level3, x.weight])).toEqual([
      ['产出指标', '数量指标', '普法讲座场次', 30],
      ['产出指标', '质量指标', '讲座满意率', 20],
      ['产出指标', '质量指标', '宣传资料发放', 10],
      ['效益指标', '社会效益指标', '群众法律知晓率', 20],
      ['满意度指标', '服务对象满意度指标', '服务对象满意度', 10],
    ]);
    expect(j.rows[2]).toMatchObject({ status: '无法计算', note: expect.stringContaining('约1000份') });
    expect(j.budget).toMatchObject({ annual: 200, executed: 180, rate: 0.9, score: 9, weight: 10 });
  });

  test('xlsx: the first sheet with the header; cells shown as percentages are read as percentages', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('填表说明').getCell('A1').value = '请在“指标”表中填写';
    const ws = book.addWorksheet('指标');
    ws.getCell('A1').value = '部门整体支出绩效自评表（2023年度）';
    ws.addRow([]);
    ws.getRow(3).values = ['一级指标', '二级指标', '三级指标', '年度指标值', '分值', '实际完成值'];
    ws.getRow(4).values = ['履职效能', '任务1：调解', '调解成功率', 0.95, 45, 0.97];
    ws.getRow(5).values = [null, null, '调解案件数', '≥100件', 45, 120];
    ws.mergeCells('A4:A5');
    ws.mergeCells('B4:B5');
    ws.getCell('D4').numFmt = '0%';
    ws.getCell('F4').numFmt = '0.00%';
    await book.xlsx.writeFile(join(dir, '指标表.xlsx'));

    const r = await run('new', '--from', '指标表.xlsx', '--standard', 'department', '-o', '部门.xlsx');
    expect(r.code).toBe(0);
    expect(r.out).toContain('部门整体支出绩效自评表（2023年度）');
    expect(r.err).toBe('');
    const j = JSON.parse((await run('score', '部门.xlsx', '--json')).out);
    expect(j.rows.map((x: { level2: string; target: string; actual: string; status: string }) => [x.level2, x.target, x.actual, x.status])).toEqual([
      ['任务1：调解', '95%', '97%', '达标'],
      ['任务1：调解', '≥100件', '120件', '超额·需说明'],
    ]);
  });
});

describe('fill, then score, then LibreOffice', () => {
  const form = '项目.xlsx';
  let jsonAfter: {
    rows: { level3: string; status: string; actual: string; score: number | null }[];
    total: number;
    grade: string;
    subtotals: { score: number }[];
  };

  beforeAll(async () => {
    csv(
      '项目指标.csv',
      [
        '一级指标,二级指标,三级指标,年度指标值,分值',
        '产出指标,数量指标,培训场次,≥10场,20',
        ',质量指标,培训合格率,≥95%,20',
        ',时效指标,按时完成率,100%,10',
        '效益指标,社会效益指标,群众知晓率,≥80%,20',
        '满意度指标,服务对象满意度指标,群众满意度,≥90%,10',
        ',,服务质量,好,10',
      ].join('\n'),
    );
    const made = await run('new', '--from', '项目指标.csv', '--budget-annual', '100', '--budget-executed', '95', '-o', form);
    expect(made.code).toBe(0);
    csv(
      '实际值.csv',
      [
        '三级指标,完成值,偏差原因分析及改进措施',
        '培训场次,11场,',
        '培训合格率,90%,部分学员未参加补考',
        '按时完成率,完成,',
        ' 群众知晓率 ,85,',
        '不存在的指标,5,',
        '服务质量,达成,',
      ].join('\n'),
    );
  });

  test('fill reports what it did, row by row', async () => {
    const r = await run('fill', form, '实际值.csv', '-o', '已填写.xlsx');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      `已填写 5 项指标，写入「已填写.xlsx」（工作表「项目支出绩效自评${new Date().getFullYear() - 1}」）。按填写后的数值计算，总分 78.45（中）。`,
      '「实际值.csv」中在自评表里找不到的指标（1 行，未填写）：',
      '  第6行「不存在的指标」',
      '无法识别的值（实际完成值已按原文写入，表中显示“无法计算”，请修改）：',
      '  「实际值.csv」第4行「完成值」列「完成」：「完成」不是数值：本指标年度指标值为 ≥100%，请填写实际数值（如 100%）',
      '按以下方式读取（请核对）：',
      '  「实际值.csv」第5行「完成值」列「85」（群众知晓率）：按目标单位读作 85%',
      '自评表中仍未填写实际完成值的指标（1 项）：',
      '  自评表第14行「群众满意度」',
      '',
    ]);
    expect(existsSync(join(dir, '已填写.xlsx'))).toBe(true);
  });

  test('score shows 达标 / 未达标 / 无法计算 / 未填 as the values say', async () => {
    const r = await run('score', '已填写.xlsx', '--json');
    expect(r.code).toBe(0);
    jsonAfter = JSON.parse(r.out);
    expect(jsonAfter.rows.map((x) => [x.level3, x.actual, x.status, x.score])).toEqual([
      ['培训场次', '11场', '达标', 20],
      ['培训合格率', '90%', '未达标', 18.95],
      ['按时完成率', '完成', '无法计算', null],
      ['群众知晓率', '85%', '达标', 20],
      ['群众满意度', '', '未填', null],
      ['服务质量', '达成年度指标', '达标', 10],
    ]);
    // 20 + 18.95 + 20 + 10 + budget 9.5
    expect(jsonAfter.total).toBe(78.45);
    expect(jsonAfter.grade).toBe('中');
  });

  test('LibreOffice, computing the filled workbook’s own formulas, agrees with score', async () => {
    const [recalculated] = recalculate([join(dir, '已填写.xlsx')], join(dir, 'lo'));
    const wb = await readWorkbookFile(recalculated);
    const found = readForm(wb);
    const sheet = sheetResult(wb, found.form, found.sheet);
    expect(sheet.errors).toEqual([]);
    expect(sheet.rows.map((x) => x.status)).toEqual(jsonAfter.rows.map((x) => x.status));
    expect(sheet.rows.map((x) => (x.score === '' ? null : x.score))).toEqual(jsonAfter.rows.map((x) => x.score));
    expect(sheet.subtotals.map((x) => x.score)).toEqual(jsonAfter.subtotals.map((x) => x.score));
    expect(sheet.total).toBe(jsonAfter.total);
    expect(sheet.grade).toBe(jsonAfter.grade);
    // the 偏差原因 written by fill is in its cell, and the 无法计算 row shows the text as typed
    expect(found.form.rows[1].reason).toBe('部分学员未参加补考');
    expect(found.form.rows[2].actual).toBe('完成');
  });

  test('--in-place rewrites the form itself; the summary line fits the numbers', async () => {
    const copy = '原表副本.xlsx';
    writeFileSync(join(dir, copy), readFileSync(join(dir, form)));
    const r = await run('fill', copy, '实际值.csv', '--in-place');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^已填写 5 项指标，写入「原表副本\.xlsx」/);
    expect(JSON.parse((await run('score', copy, '--json')).out).total).toBe(78.45);
  });

  test('a name on two form rows is matched by 二级指标, or reported as ambiguous', async () => {
    csv(
      '同名.csv',
      ['一级指标,二级指标,三级指标,年度指标值,分值', '产出指标,数量指标,完成率,≥90%,45', ',质量指标,完成率,≥95%,45'].join('\n'),
    );
    expect((await run('new', '--from', '同名.csv', '-o', '同名.xlsx')).code).toBe(0);
    csv('同名实际.csv', '三级指标,实际完成值\n完成率,92%\n');
    const a = await run('fill', '同名.xlsx', '同名实际.csv', '-o', '同名1.xlsx');
    expect(a).toEqual({
      code: 2,
      out: '',
      err: '错误：「同名实际.csv」中的指标在自评表中有多行同名，无法确定对应哪一行（如第2行「完成率」：自评表第10、11行），请在表中加上「二级指标」列，未生成文件\n',
    });
    csv('同名实际2.csv', '三级指标,二级指标,实际完成值\n完成率,质量指标,92%\n完成率,时效指标,1%\n完成率,数量指标,99%\n');
    const b = await run('fill', '同名.xlsx', '同名实际2.csv', '-o', '同名2.xlsx');
    expect(b.code).toBe(0);
    expect(b.out).toContain('  第3行「完成率」：自评表第10、11行同名，请在表中加上「二级指标」列区分\n');
    const j = JSON.parse((await run('score', '同名2.xlsx', '--json')).out);
    expect(j.rows.map((x: { level2: string; actual: string; status: string }) => [x.level2, x.actual, x.status])).toEqual([
      ['数量指标', '99%', '达标'],
      ['质量指标', '92%', '未达标'],
    ]);
  });
});

describe('errors: one message, exit code 2, no output file', () => {
  async function expectError(args: string[], message: string | RegExp, output?: string): Promise<void> {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    if (typeof message === 'string') expect(r.err).toBe(`${message}\n`);
    else expect(r.err).toMatch(message);
    expect(r.err.split('\n').filter(Boolean)).toHaveLength(1); // one line, no stack trace
    if (output) expect(existsSync(join(dir, output))).toBe(false);
  }

  test('a file that is not a workbook', async () => {
    writeFileSync(join(dir, 'x.xlsx'), Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256)));
    await expectError(['score', 'x.xlsx'], '错误：无法读取「x.xlsx」：这不是 Excel 工作簿（.xlsx）文件');
    await expectError(['fill', 'x.xlsx', '实际值.csv', '-o', 'x-out.xlsx'], '错误：无法读取「x.xlsx」：这不是 Excel 工作簿（.xlsx）文件', 'x-out.xlsx');
    await expectError(['new', '--from', 'x.xlsx', '-o', 'x-new.xlsx'], '错误：无法读取「x.xlsx」：这不是 Excel 工作簿（.xlsx）文件', 'x-new.xlsx');
  });

  test('a workbook with no form in it', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').getCell('A1').value = '名单';
    await book.xlsx.writeFile(join(dir, '名单.xlsx'));
    await expectError(['score', '名单.xlsx'], '错误：工作簿中没有找到绩效自评表（需要“一级指标 / 三级指标 / 年度指标值”表头）。');
    await expectError(['score', '示例.xlsx', '--sheet', '不存在'], /^错误：工作表「不存在」中没有找到绩效自评表/);
  });

  test('a missing file', async () => {
    await expectError(['score', '没有这个文件.xlsx'], '错误：找不到文件「没有这个文件.xlsx」');
    await expectError(['new', '--from', '没有.csv', '-o', 'n.xlsx'], '错误：找不到文件「没有.csv」', 'n.xlsx');
  });

  test('a missing column is named, with the columns found', async () => {
    csv('缺列.csv', '一级指标,二级指标,三级指标,分值\n产出指标,数量指标,场次,10\n');
    await expectError(
      ['new', '--from', '缺列.csv', '-o', '缺列.xlsx'],
      '错误：「缺列.csv」缺少「年度指标值」列（也可写作「指标值」「年初目标值」「年度目标值」「目标值」）。表头在第1行，找到的列：一级指标、二级指标、三级指标、分值',
      '缺列.xlsx',
    );
  });

  test('a 分值 that is not a number names the row and the column', async () => {
    csv('坏数.csv', '一级指标,二级指标,三级指标,年度指标值,分值\n产出指标,数量指标,场次,≥10场,10\n,,人数,≥50人,十分\n');
    await expectError(['new', '--from', '坏数.csv', '-o', '坏数.xlsx'], '错误：「坏数.csv」第3行「分值」列：「十分」不是数字', '坏数.xlsx');
  });

  test('a CSV that is not UTF-8', async () => {
    writeFileSync(join(dir, 'gbk.csv'), Buffer.from([0xc8, 0xfd, 0xbc, 0xb6, 0xd6, 0xb8, 0xb1, 0xea, 0x0a]));
    await expectError(['new', '--from', 'gbk.csv', '-o', 'gbk.xlsx'], /^错误：「gbk\.csv」不是 UTF-8 编码.*CSV UTF-8/, 'gbk.xlsx');
  });

  test('usage errors point at the help', async () => {
    await expectError(['new', '--example'], '错误：请用 -o 指定要生成的文件，如 -o 自评表.xlsx（用法见 jxzp new --help）');
    await expectError(['new', '--bogus', '-o', 'b.xlsx'], '错误：未知选项「--bogus」（用法见 jxzp new --help）', 'b.xlsx');
    await expectError(['new', '--example', '-o'], '错误：选项「--out」后面需要一个值（用法见 jxzp new --help）');
    await expectError(['new', '--example=1', '-o', 'b.xlsx'], '错误：选项「--example」不接受值（用法见 jxzp new --help）', 'b.xlsx');
    await expectError(['score', 'a.xlsx', 'b.xlsx'], '错误：多余的参数「b.xlsx」（用法见 jxzp score --help）');
    await expectError(['new', '--standard', 'city', '-o', 'b.xlsx'], /^错误：--standard 只能是 project/, 'b.xlsx');
    await expectError(['new', '--example', '--from', '指标.csv', '-o', 'b.xlsx'], /同时使用/, 'b.xlsx');
    await expectError(['new', '--profile', 'sichuan', '-o', 'b.xlsx'], /^错误：没有「sichuan」这个评分口径，可选：national/, 'b.xlsx');
    await expectError(['new', '--year', '二〇二四', '-o', 'b.xlsx'], /^错误：--year 应为四位年份/, 'b.xlsx');
    await expectError(['new', '--budget-annual', '很多', '-o', 'b.xlsx'], /^错误：--budget-annual 应为金额/, 'b.xlsx');
    await expectError(['new', '--sheet', 'a/b', '-o', 'b.xlsx'], /^错误：工作表名「a\/b」不能含有/, 'b.xlsx');
    await expectError(['new', '-o', 'b.csv'], /^错误：输出文件「b\.csv」应以 \.xlsx 结尾/, 'b.csv');
    await expectError(['fill', '示例.xlsx', '实际值.csv'], /^错误：请用 -o 指定输出文件.*--in-place/);
    await expectError(['fill', '示例.xlsx', '实际值.csv', '-o', '示例.xlsx'], /^错误：输出文件就是原表/);
    await expectError(['fill', '示例.xlsx'], /^错误：请给出自评表和实际值表两个文件/);
    await expectError(['score'], /^错误：请给出要评分的自评表文件/);
    await expectError(['sc0re', 'x'], '错误：没有「sc0re」这个命令，可用的命令：new、fill、score、review、distribute、collect（用法见 jxzp --help）');
  });

  test('a table that matches nothing writes nothing', async () => {
    csv('无关.csv', '三级指标,实际完成值\n别的指标,1\n');
    await expectError(['fill', '示例.xlsx', '无关.csv', '-o', '无关.xlsx'], '错误：「无关.csv」中没有一行的「三级指标」与「示例.xlsx」中的指标同名，未生成文件', '无关.xlsx');
  });
});

describe('help', () => {
  test.each([[['--help']], [['help']], [[]], [['new', '--help']], [['fill', '-h']], [['score', '--help']], [['help', 'fill']]])('%j', async (args) => {
    const r = await run(...args);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^(绩效自评助手|用法：jxzp (new|fill|score))/);
  });

  test('--version', async () => {
    expect((await run('--version')).out).toMatch(/^jxzp \d+\.\d+\.\d+\n$/);
  });
});
