// Reading indicator tables as people keep them: header variants, merged labels, header fields, errors that say
// which row and column, and CSV bytes (BOM, GBK).
import { decodeCsv, parseCsvText } from '../../src/sheet/csv';
import {
  findHeader,
  headerFields,
  indicatorRows,
  parseRate,
  parseWeight,
  pickSheet,
  readActualsTable,
  readIndicatorTable,
  type TableCell,
} from '../../src/sheet/importTable';

function ok<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(`expected a table, got: ${r.error}`);
  return r.value;
}

function err(r: { ok: true } | { ok: false; error: string }): string {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

const H = ['一级指标', '二级指标', '三级指标', '年度指标值', '分值'];

describe('header', () => {
  test('canonical names, and the variants people write', () => {
    const t = ok(
      readIndicatorTable([
        ['一级指标', '二级指标', '三级指标', '年初目标值', '权重', '全年实际值', '未完成原因分析', '定性得分率'],
        ['产出指标', '数量指标', '培训人数', '≥1000人', '10', '950人', '天气原因', ''],
      ]),
    );
    expect(t.header.columns).toEqual({ level1: 0, level2: 1, level3: 2, target: 3, weight: 4, actual: 5, reason: 6, override: 7 });
    expect(t.header.written.weight).toBe('权重');
    expect(t.rows[0]).toMatchObject({ rowNumber: 2, level3: '培训人数', target: '≥1000人', weight: 10, actual: '950人', reason: '天气原因' });
  });

  test.each([
    ['指标值', '完成值'],
    ['年度指标值（A）', '实际完成值（B）'],
    ['年度指标值(A)', ' 实际完成值 (B) '],
    ['年 度 指 标 值', '*实际完成值'],
  ])('%s / %s', (target, actual) => {
    const t = ok(readIndicatorTable([[...H.slice(0, 3), target, '分值（分）', actual], ['产出', '数量', '场次', '≥5场', '5', '6场']]));
    expect(t.rows[0]).toMatchObject({ target: '≥5场', weight: 5, actual: '6场' });
  });

  test('the header may sit below a title and header-field lines; those fields are read', () => {
    const rows: TableCell[][] = [
      ['项目支出绩效自评表（2023年度）'],
      ['项目名称：乡村道路养护', '', '主管部门', '县交通运输局', '实施单位', '县公路中心'],
      [],
      H,
      ['产出指标', '数量指标', '养护里程', '≥120公里', 20],
    ];
    expect(findHeader(rows)?.row).toBe(4);
    const t = ok(readIndicatorTable(rows));
    expect(t.meta).toEqual({ projectName: '乡村道路养护', department: '县交通运输局', unit: '县公路中心', year: '2023' });
    expect(t.rows[0]).toMatchObject({ rowNumber: 5, weight: 20 });
  });

  test('an explicit 年度 wins over the year in the title; a label with nothing after it stays unset', () => {
    expect(headerFields([['2022年度绩效自评'], ['年度：2024年'], ['项目名称', '', '实施单位', 'X']], 4)).toEqual({
      year: '2024',
      unit: 'X',
    });
  });

  test('a sheet is picked by its header: the first with 三级指标', () => {
    const sheets = [
      { name: '说明', rows: [['填表说明'], ['请按格式填写']] },
      { name: '指标', rows: [H, ['a', 'b', 'c', '1', '1']] },
      { name: '备用', rows: [H] },
    ];
    expect(pickSheet(sheets)?.name).toBe('指标');
    expect(pickSheet([{ name: '空', rows: [] }])).toBeNull();
  });
});

describe('rows', () => {
  test('blank 一级 / 二级 cells inherit from the row above (merged cells)', () => {
    const t = ok(
      readIndicatorTable([
        H,
        ['产出指标', '数量指标', '培训场次', '≥10场', 10],
        ['', '', '培训人数', '≥500人', 10],
        ['', '质量指标', '合格率', '≥95%', 10],
        ['', '', '满意率', '≥90%', 10],
        ['效益指标', '社会效益指标', '知晓率', '≥80%', 20],
        ['', '', '覆盖率', '100%', 20],
      ]),
    );
    expect(t.rows.map((r) => [r.level1, r.level2, r.level3])).toEqual([
      ['产出指标', '数量指标', '培训场次'],
      ['产出指标', '数量指标', '培训人数'],
      ['产出指标', '质量指标', '合格率'],
      ['产出指标', '质量指标', '满意率'],
      ['效益指标', '社会效益指标', '知晓率'],
      ['效益指标', '社会效益指标', '覆盖率'],
    ]);
  });

  test('a new 一级 does not take the previous group’s 二级', () => {
    const t = ok(readIndicatorTable([H, ['产出指标', '数量指标', 'a', '1', 1], ['效益指标', '', 'b', '1', 1]]));
    expect(t.rows[1]).toMatchObject({ level1: '效益指标', level2: '' });
  });

  test('group headings and blank lines are skipped; the table ends at 合计 / 总分', () => {
    const t = ok(
      readIndicatorTable([
        H,
        ['产出指标（50分）', '', '', '', '50'],
        ['', '数量指标', '培训场次', '≥10场', '50'],
        [],
        ['合计', '', '', '', '100'],
        ['备注：以上数据来自台账', '', '不是指标', '1', '1'],
      ]),
    );
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]).toMatchObject({ level1: '产出指标（50分）', level2: '数量指标', rowNumber: 3 });
  });

  test('the rows become form rows; 定性得分率 is read as a rate', () => {
    const t = ok(readIndicatorTable([[...H, '实际完成值', '定性得分率'], ['满意度', '服务对象满意度', '群众评价', '好', '10', '达成年度指标', '85%']]));
    expect(indicatorRows(t)).toEqual([
      { level1: '满意度', level2: '服务对象满意度', level3: '群众评价', target: '好', weight: 10, actual: '达成年度指标', rateOverride: 0.85, reason: '' },
    ]);
  });
});

describe('errors name what is wrong and where', () => {
  test('a missing column is named, with its variants and the columns found', () => {
    const e = err(readIndicatorTable([['一级指标', '二级指标', '三级指标', '分值', '备注'], ['a', 'b', 'c', '1', '']]));
    expect(e).toBe('缺少「年度指标值」列（也可写作「指标值」「年初目标值」「年度目标值」「目标值」）。表头在第1行，找到的列：一级指标、二级指标、三级指标、分值、备注');
  });

  test('several missing columns are all named', () => {
    const e = err(readIndicatorTable([['序号', '指标名称', '目标'], ['1', 'x', '1']]));
    expect(e).toMatch(/^缺少「一级指标」列、「二级指标」列、「三级指标」列、「年度指标值」列（也可写作.*）、「分值」列（也可写作「权重」）。表头在第1行，找到的列：序号、指标名称、目标$/);
  });

  test('an unreadable 分值 names the table row and the column', () => {
    const rows: TableCell[][] = [['填报单位：某局'], [], H, ['产出', '数量', 'a', '1', '10'], ['', '', 'b', '2', '十分']];
    expect(err(readIndicatorTable(rows))).toBe('第5行「分值」列：「十分」不是数字');
    const weighted: TableCell[][] = [['一级指标', '二级指标', '三级指标', '指标值', '权重'], ['产出', '数量', 'a', '1', '']];
    expect(err(readIndicatorTable(weighted))).toBe('第2行「权重」列：为空，请填写分值');
  });

  test('an empty table, and a header with nothing below it', () => {
    expect(err(readIndicatorTable([]))).toBe('表格是空的');
    expect(err(readIndicatorTable([[], H]))).toBe('表头（第2行）下面没有指标行');
  });

  test('an actuals table needs 三级指标 and a column of values', () => {
    expect(ok(readActualsTable([['三级指标', '完成值'], ['a', '95%']])).rows[0]).toMatchObject({ level3: 'a', actual: '95%' });
    expect(ok(readActualsTable([['三级指标', '偏差原因分析及改进措施'], ['a', '原因']])).rows[0].reason).toBe('原因');
    expect(err(readActualsTable([['三级指标', '备注'], ['a', '']]))).toMatch(/^缺少「实际完成值」列（也可写作「完成值」「全年实际值」.*找到的列：三级指标、备注$/);
    expect(err(readActualsTable([['指标', '实际完成值'], ['a', '1']]))).toMatch(/^缺少「三级指标」列。/);
  });
});

describe('numbers in cells', () => {
  test.each([
    ['10', 10],
    ['2.5', 2.5],
    ['１０', 10],
    [' 10分 ', 10],
    ['十分', null],
    ['10%', null],
    ['-1', null],
    ['', null],
  ])('分值 %j → %j', (text, value) => {
    expect(parseWeight(text)).toBe(value);
  });

  test.each([
    ['85%', 0.85],
    ['0.85', 0.85],
    ['85', 0.85],
    ['１００％', 1],
    ['', null],
  ])('得分率 %j → %j', (text, value) => {
    expect(parseRate(text)).toEqual({ ok: true, value });
  });

  test('得分率 that is not one', () => {
    expect(parseRate('良好')).toEqual({ ok: false, reason: '「良好」不是得分率：请写成 85% 或 0.85' });
    expect(parseRate('120%')).toEqual({ ok: false, reason: '得分率「120%」超过 100%' });
  });

  test('numbers given as numbers (from a sheet) read without float noise', () => {
    const t = ok(readIndicatorTable([H, ['a', 'b', 'c', 0.1 + 0.2, 0.1 + 0.2]]));
    expect(t.rows[0]).toMatchObject({ target: '0.3', weight: 0.3 });
  });
});

describe('CSV', () => {
  const csv = '一级指标,二级指标,三级指标,年度指标值,分值\n产出指标,数量指标,"培训场次, 含线上",≥10场,10\n,,培训人数,≥500人,10\n';

  test('UTF-8 with the BOM Excel writes: the first header is read as 一级指标', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(csv, 'utf8')]);
    const r = decodeCsv(bytes, '指标.csv');
    if (!r.ok) throw new Error(r.error);
    expect(r.rows[0][0]).toBe('一级指标');
    const t = ok(readIndicatorTable(r.rows));
    expect(t.rows.map((x) => [x.level1, x.level3, x.weight])).toEqual([
      ['产出指标', '培训场次, 含线上', 10],
      ['产出指标', '培训人数', 10],
    ]);
  });

  test('UTF-8 without a BOM, tab-separated, CRLF line ends', () => {
    const r = decodeCsv(Buffer.from(csv.replace(/,/g, '\t').replace('"培训场次\t 含线上"', '培训场次').replace(/\n/g, '\r\n'), 'utf8'));
    if (!r.ok) throw new Error(r.error);
    expect(r.rows).toHaveLength(3);
    expect(r.rows[1]).toEqual(['产出指标', '数量指标', '培训场次', '≥10场', '10']);
  });

  test('GBK bytes are refused with a message that says to save as UTF-8', () => {
    // 「三级指标」 in GBK
    const gbk = new Uint8Array([0xc8, 0xfd, 0xbc, 0xb6, 0xd6, 0xb8, 0xb1, 0xea, 0x2c, 0x31, 0x0a]);
    const r = decodeCsv(gbk, '指标.csv');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('「指标.csv」不是 UTF-8 编码') });
    expect(r.ok ? '' : r.error).toContain('CSV UTF-8');
  });

  test('unbalanced quotes and empty files', () => {
    expect(parseCsvText('a,b\n"x,1\n', 't.csv')).toEqual({ ok: false, error: expect.stringMatching(/^「t\.csv」.*引号不成对/) });
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf]), 'e.csv')).toEqual({ ok: false, error: '「e.csv」是空的' });
  });
});
