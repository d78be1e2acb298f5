import {
  Actual,
  actualText,
  describeTarget,
  directionFromName,
  Direction,
  formatQuantity,
  normalizeText,
  parseActual,
  parseTarget,
  QUAL_LABELS,
  Target,
  unitFromName,
} from '../../src/domain/target';

const num = (direction: Direction, value: number, unit: string, explicit: boolean): Target => ({
  kind: 'number',
  direction,
  value,
  unit,
  explicit,
});

function reasonOf(x: Target | Actual): string {
  expect(x.kind).toBe('invalid');
  return x.kind === 'invalid' ? x.reason : '';
}

describe('normalizeText', () => {
  test.each([
    ['= 100 %', '=100%'],
    ['≥９５％', '≥95%'],
    ['＞＝90%', '≥90%'],
    ['<=10次', '≤10次'],
    ['　≤　１０　次　', '≤10次'],
    ['１：２０', '1:20'],
    ['（万美元）', '(万美元)'],
    ['100%。', '100%'],
    ['≧95%', '≥95%'],
    ['ＡＢＣ', 'ABC'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('formatQuantity', () => {
  test.each([
    [0.95, '%', '95%'],
    [0.002, '‰', '2‰'],
    [202.6, '万元', '202.6万元'],
    [50, '个', '50个'],
    [2100, '', '2100'],
    [0.955, '%', '95.5%'],
    [0.07, '%', '7%'], // 0.07 * 100 = 7.000000000000001
    [0.0095, '%', '0.95%'],
    [0.0005, '%', '0.05%'],
    [0.1 + 0.2, '', '0.3'],
    [1, '%', '100%'],
    [0, '%', '0%'],
    [-0, '%', '0%'],
    [1e-7, '', '0.0000001'],
    [1e21, '', '1000000000000000000000'],
    [-5, '个', '-5个'],
  ])('(%p, %j) → %j', (value, unit, expected) => {
    expect(formatQuantity(value, unit)).toBe(expected);
  });
});

describe('parseTarget — the forms of domain.md §2', () => {
  test.each<[string, string, Target]>([
    ['100%', '', num('>=', 1, '%', false)],
    ['≥95%', '', num('>=', 0.95, '%', true)],
    ['=100%', '', num('=', 1, '%', true)],
    ['= 100 %', '', num('=', 1, '%', true)],
    ['≤202.6万元', '', num('<=', 202.6, '万元', true)],
    ['≥50个', '', num('>=', 50, '个', true)],
    ['≥1000人', '', num('>=', 1000, '人', true)],
    ['≤10次', '', num('<=', 10, '次', true)],
    ['98%以上', '', num('>=', 0.98, '%', true)],
    ['90%以上', '', num('>=', 0.9, '%', true)],
    ['90%或以上', '', num('>=', 0.9, '%', true)],
    ['90%及以上', '', num('>=', 0.9, '%', true)],
    ['千分之一以下', '', num('<=', 0.001, '‰', true)],
    ['不超过千分之二', '', num('<=', 0.002, '‰', true)],
    ['1:20', '', { kind: 'ratio', n: 20 }],
    ['1:15', '', { kind: 'ratio', n: 15 }],
    ['2100', '', num('>=', 2100, '', false)],
    ['20万元', '', num('>=', 20, '万元', false)],
    ['-0%', '', num('>=', 0, '%', false)],
    ['是', '', { kind: 'yesno', yes: true }],
    ['否', '', { kind: 'yesno', yes: false }],
    ['/', '', { kind: 'na' }],
    ['2‰', '', num('>=', 0.002, '‰', false)],
    ['百分之九十五', '', num('>=', 0.95, '%', false)],
  ])('%j (name %j)', (text, name, expected) => {
    expect(parseTarget(text, name)).toEqual(expected);
  });

  test('-0% is +0, never -0', () => {
    const t = parseTarget('-0%');
    expect(t.kind).toBe('number');
    expect(t.kind === 'number' && Object.is(t.value, 0)).toBe(true);
  });

  test.each(['高', '好', '合规', '及时', '效果明显', '显著提升', '按月安排', '应保尽保', '符合相关规定', '一村一法律顾问', '十分满意'])(
    'free text %j is qualitative and kept as written',
    (text) => {
      expect(parseTarget(text, '服务质量')).toEqual({ kind: 'qualitative', text });
    },
  );

  test('qualitative text keeps the original (trimmed) text', () => {
    expect(parseTarget('  效果 明显 ', '')).toEqual({ kind: 'qualitative', text: '效果 明显' });
  });

  test.each(['/', '／', '无', '不适用', '—', '-', '——', ' / '])('%j is not applicable', (text) => {
    expect(parseTarget(text, '指标')).toEqual({ kind: 'na' });
  });

  test.each<[string, Target]>([
    ['年度资金支付完成率100%', num('>=', 1, '%', false)],
    ['指标1:年度资金支付完成率100%', num('>=', 1, '%', false)],
    ['指标1：年度资金支付完成率１００％', num('>=', 1, '%', false)],
    ['资金支付率≥95%', num('>=', 0.95, '%', true)],
    ['培训次数12次以上', num('>=', 12, '次', true)],
    ['项目成本202.6万元', num('<=', 202.6, '万元', false)],
  ])('an empty target reads the number at the end of the name %j', (name, expected) => {
    expect(parseTarget('', name)).toEqual(expected);
    expect(parseTarget('   ', name)).toEqual(expected);
  });

  test.each(['法律顾问配备完成率', '指标2', '指标1:年度资金支付完成率', '2023年预算执行率', '服务外包在岸(万美元)', ''])(
    'an empty target with no number+unit at the end of the name %j is invalid: 年度指标值为空',
    (name) => {
      expect(parseTarget('', name)).toEqual({ kind: 'invalid', reason: '年度指标值为空' });
    },
  );

  test.each<[string, string, Target]>([
    ['2100', '服务外包在岸(万美元)', num('>=', 2100, '万美元', false)],
    ['2100', '服务外包在岸（万美元）', num('>=', 2100, '万美元', false)],
    ['≤300', '项目支出(单位：万元)', num('<=', 300, '万元', true)],
    ['95', '群众满意度(%)', num('>=', 0.95, '%', false)],
    ['2', '再犯罪率(‰)', num('<=', 0.002, '‰', false)],
    ['2100个', '服务外包在岸(万美元)', num('>=', 2100, '个', false)], // the text's own unit wins
    ['100', '一村(社区)一法律顾问覆盖数', num('>=', 100, '', false)], // 社区 is no unit
  ])('the unit in the name: %j under %j', (text, name, expected) => {
    expect(parseTarget(text, name)).toEqual(expected);
  });

  test('unitFromName', () => {
    expect(unitFromName('服务外包在岸(万美元)')).toBe('万美元');
    expect(unitFromName('满意度（%）')).toBe('%');
    expect(unitFromName('一村(社区)一法律顾问')).toBe('');
    expect(unitFromName('无单位')).toBe('');
  });
});

describe('parseTarget — the 从化区司法局 seed table', () => {
  const P = (v: number) => num('>=', v, '%', false);
  const PX = (v: number) => num('>=', v, '%', true);
  test.each<[string, string, Target]>([
    ['调解案件补贴发放率', '100%', P(1)],
    ['专职调解员配备率', '100%', P(1)],
    ['调解主任配备达标率', '100%', P(1)],
    ['普法宣传知识普及率', '90%以上', PX(0.9)],
    ['全区中小学校法治副 校长配备率', '100%', P(1)],
    ['在校学生违法犯罪率', '千分之一以下', num('<=', 0.001, '‰', true)],
    ['国家工作人员年度学 法考试优秀率', '90%以上', PX(0.9)],
    ['配备法律顾问配备覆 盖率', '100%', P(1)],
    ['律师法律顾问补贴发 放及时率', '100%', P(1)],
    ['法治宣传讲座开展完 成率', '100%', P(1)],
    ['村社法律顾问考核达 标率', '100%', P(1)],
    ['法律援助案件受理率', '100%', P(1)],
    ['案件指派率', '90%', P(0.9)],
    ['律师值班率', '90%', P(0.9)],
    ['困难群众申请法律援 助免费率', '98%', P(0.98)],
    ['群众好评率', '100%', P(1)],
    ['司法社工与社区矫正对象比例', '1:20', { kind: 'ratio', n: 20 }],
    ['违反相关规定的社区矫正对象电子手环佩戴率', '100%', P(1)],
    ['刑满释放人员安置完成率', '100%', P(1)],
    ['司法社工与未成年社区矫正对象比例', '1:15', { kind: 'ratio', n: 15 }],
    ['社区矫正对象再犯罪率', '不超过千分之二', num('<=', 0.002, '‰', true)],
    ['法律顾问配备完成率', '', { kind: 'invalid', reason: '年度指标值为空' }],
    ['法律意见办结率', '100%', P(1)],
    ['培训计划按期完成率', '100%', P(1)],
    ['培训方案、计划达标率', '90%或以上', PX(0.9)],
    ['公证事项办结率', '100%', P(1)],
    ['人员考核达标率', '90%或以上', PX(0.9)],
    ['投诉及时有效处理率', '90%或以上', PX(0.9)],
  ])('%s: %j', (name, text, expected) => {
    expect(parseTarget(text, name)).toEqual(expected);
  });
});

describe('parseTarget — full-width input', () => {
  test.each<[string, Target]>([
    ['≥９５％', num('>=', 0.95, '%', true)],
    ['＞＝90%', num('>=', 0.9, '%', true)],
    ['＞90%', num('>=', 0.9, '%', true)],
    ['＜＝10次', num('<=', 10, '次', true)],
    ['＜5%', num('<=', 0.05, '%', true)],
    ['＝１００％', num('=', 1, '%', true)],
    ['　≤　１０　次　', num('<=', 10, '次', true)],
    ['９０％以上', num('>=', 0.9, '%', true)],
    ['≧95%', num('>=', 0.95, '%', true)],
    ['≦5%', num('<=', 0.05, '%', true)],
    ['>= 95%', num('>=', 0.95, '%', true)],
    ['<=202.6万元', num('<=', 202.6, '万元', true)],
    ['２０２．６万元', num('>=', 202.6, '万元', false)],
    ['1,000人', num('>=', 1000, '人', false)],
    ['1，000人', num('>=', 1000, '人', false)],
    ['１：２０', { kind: 'ratio', n: 20 }],
    ['1∶20', { kind: 'ratio', n: 20 }],
    ['2:40', { kind: 'ratio', n: 20 }],
    ['90%(含)以上', num('>=', 0.9, '%', true)],
    ['90%（含）以上', num('>=', 0.9, '%', true)],
  ])('%j', (text, expected) => {
    expect(parseTarget(text, '')).toEqual(expected);
  });
});

describe('parseTarget — Chinese numerals', () => {
  test.each<[string, Target]>([
    ['九十五%', num('>=', 0.95, '%', false)],
    ['百分之九十五', num('>=', 0.95, '%', false)],
    ['百分之95', num('>=', 0.95, '%', false)],
    ['百分之百', num('>=', 1, '%', false)],
    ['百分百', num('>=', 1, '%', false)],
    ['百分之九十五点五', num('>=', 0.955, '%', false)],
    ['千分之一', num('>=', 0.001, '‰', false)],
    ['千分之二', num('>=', 0.002, '‰', false)],
    ['千分之2', num('>=', 0.002, '‰', false)],
    ['千分之三以内', num('<=', 0.003, '‰', true)],
    ['万分之五', num('>=', 0.0005, '%', false)],
    ['十二次', num('>=', 12, '次', false)],
    ['十次', num('>=', 10, '次', false)],
    ['一百人', num('>=', 100, '人', false)],
    ['一百零五个', num('>=', 105, '个', false)],
    ['一百五十个', num('>=', 150, '个', false)],
    ['两个', num('>=', 2, '个', false)],
    ['三千人次', num('>=', 3000, '人次', false)],
    ['二十万元', num('>=', 20, '万元', false)],
    ['不少于一百人', num('>=', 100, '人', true)],
    ['不超过十次', num('<=', 10, '次', true)],
    ['零起', num('>=', 0, '起', false)],
  ])('%j', (text, expected) => {
    expect(parseTarget(text, '')).toEqual(expected);
  });
});

describe('parseTarget — operator words and suffixes', () => {
  test.each<[string, Direction, number, string]>([
    ['不低于95%', '>=', 0.95, '%'],
    ['不少于50个', '>=', 50, '个'],
    ['至少3次', '>=', 3, '次'],
    ['达到100%', '>=', 1, '%'],
    ['大于90%', '>=', 0.9, '%'],
    ['高于90%', '>=', 0.9, '%'],
    ['超过1000人', '>=', 1000, '人'],
    ['大于等于90%', '>=', 0.9, '%'],
    ['不高于5%', '<=', 0.05, '%'],
    ['不超过10次', '<=', 10, '次'], // 不超过 before 超过
    ['低于5%', '<=', 0.05, '%'],
    ['小于5%', '<=', 0.05, '%'],
    ['少于3次', '<=', 3, '次'],
    ['控制在5%以内', '<=', 0.05, '%'],
    ['控制在202.6万元以下', '<=', 202.6, '万元'],
    ['控制在5%', '<=', 0.05, '%'],
    ['小于等于5%', '<=', 0.05, '%'],
    ['3天内', '<=', 3, '天'],
    ['10次及以下', '<=', 10, '次'],
    ['10次以内', '<=', 10, '次'],
    ['50个以上', '>=', 50, '个'],
    ['=90%以上', '>=', 0.9, '%'], // the suffix says more than "="
    ['≥90%以上', '>=', 0.9, '%'],
  ])('%j → %s %p %s (explicit)', (text, direction, value, unit) => {
    // a reverse name must not override a written direction
    expect(parseTarget(text, '项目成本')).toEqual(num(direction, value, unit, true));
  });
});

describe('parseTarget — direction inferred from the name', () => {
  test.each<[string, string, Direction]>([
    ['社区矫正对象再犯罪率', '2‰', '<='],
    ['在校学生违法犯罪率', '1‰', '<='],
    ['项目成本', '202.6万元', '<='],
    ['成本控制率', '5%', '<='],
    ['预算调整率', '5%', '<='],
    ['结转结余率', '10%', '<='],
    ['资金结余率', '10%', '<='],
    ['数据差错率', '1%', '<='],
    ['安全事故发生率', '1%', '<='],
    ['安全事故', '0起', '<='],
    ['群众投诉', '3件', '<='],
    ['投诉率', '1%', '<='],
    ['违规使用资金', '0元', '<='],
    ['项目超支', '0万元', '<='],
    ['工作失误', '0次', '<='],
    ['设备故障', '2次', '<='],
    ['经济损失', '0万元', '<='],
    ['退回率', '5%', '<='],
    ['排放超标', '0次', '<='],
    ['投诉及时有效处理率', '90%', '>='],
    ['投诉办结率', '100%', '>='],
    ['事故处理率', '100%', '>='],
    ['矛盾纠纷化解率', '95%', '>='],
    ['投诉处理满意度', '90%', '>='],
    ['故障修复及时率', '95%', '>='],
    ['违规问题整改完成率', '100%', '>='],
    ['违法犯罪预防知识覆盖率', '90%', '>='],
    ['违法犯罪预防知晓率', '90%', '>='],
    ['资金到位率', '100%', '>='],
    ['事故隐患整改达标率', '100%', '>='],
    ['违规检查合格率', '100%', '>='],
    ['事故受理率', '100%', '>='],
    ['违反相关规定的社区矫正对象电子手环佩戴率', '100%', '>='],
    ['群众好评率', '100%', '>='],
    ['', '100%', '>='],
  ])('%s with %j → %s (explicit false)', (name, text, direction) => {
    const t = parseTarget(text, name);
    expect(t.kind).toBe('number');
    if (t.kind !== 'number') return;
    expect(t.direction).toBe(direction);
    expect(t.explicit).toBe(false);
  });

  test('directionFromName', () => {
    expect(directionFromName('社区矫正对象再犯罪率')).toBe('<=');
    expect(directionFromName('投诉及时有效处理率')).toBe('>=');
    expect(directionFromName('培训人数')).toBe('>=');
  });
});

describe('parseTarget — text with digits that does not fit', () => {
  test('每月1次左右', () => {
    expect(parseTarget('每月1次左右', '法治讲座')).toEqual({
      kind: 'invalid',
      reason: '无法识别年度指标值「每月1次左右」：请写成「≥12次」这样的数值，或写成定性描述',
    });
  });

  test.each<[string, string[]]>([
    ['1次左右', ['1次左右', '数值', '定性描述']],
    ['约100人', ['约100人', '数值']],
    ['100余人', ['100余人', '数值']],
    ['完成2023年度任务', ['完成2023年度任务', '数值']],
    ['=1+1', ['=1+1', '数值']],
    ['90%-95%', ['90%-95%', '区间']],
    ['90%~95%', ['90%~95%', '区间']],
    ['90%至95%', ['90%至95%', '区间']],
    ['不超过90%以上', ['不超过', '以上', '方向']],
    ['≥10次以内', ['≥', '以内', '方向']],
    ['95%%', ['95%%']],
    ['1e5', ['1e5']],
    ['1:0', ['1:0', '比例']],
    ['0:20', ['0:20', '比例']],
    ['3个月内完成', ['3个月内完成']],
  ])('%j is invalid', (text, words) => {
    const reason = reasonOf(parseTarget(text, ''));
    for (const w of words) expect(reason).toContain(w);
  });

  test.each(['-5%', '≥-10个', '-1个', '-0.5万元', '不超过-3次'])('negative target %j cannot be scored by proportion', (text) => {
    const reason = reasonOf(parseTarget(text, ''));
    expect(reason).toContain('负数目标无法按比例计分，请手工评分');
    expect(reason).toContain(text);
  });

  test.each(['%%%', '≥', '≤=', '...%', '😀'])('symbols only (%j) are invalid, not qualitative', (text) => {
    expect(parseTarget(text, '').kind).toBe('invalid');
  });

  test('a very long text is quoted shortened', () => {
    const text = '年度' + '1'.repeat(200) + '左右';
    const reason = reasonOf(parseTarget(text, ''));
    expect(reason).toContain('…');
    expect(reason.length).toBeLessThan(120);
  });
});

describe('describeTarget', () => {
  test.each<[string, string, string]>([
    ['≥95%', '', '≥95%'],
    ['≤202.6万元', '', '≤202.6万元'],
    ['=100%', '', '=100%'],
    ['= 100 %', '', '=100%'],
    ['100%', '', '≥100%'],
    ['2‰', '社区矫正对象再犯罪率', '≤2‰'],
    ['千分之一以下', '', '≤1‰'],
    ['不超过千分之二', '', '≤2‰'],
    ['百分之九十五点五', '', '≥95.5%'],
    ['2100', '服务外包在岸(万美元)', '≥2100万美元'],
    ['2100', '', '≥2100'],
    ['1:20', '', '1:20'],
    ['是', '', '是'],
    ['否', '', '否'],
    ['合规', '', '定性：合规'],
    ['/', '', '不适用'],
    ['', '', '无法识别：年度指标值为空'],
  ])('%j (%s) → %j', (text, name, expected) => {
    expect(describeTarget(parseTarget(text, name))).toBe(expected);
  });

  test('an invalid target shows its reason', () => {
    const t = parseTarget('每月1次左右', '');
    expect(describeTarget(t)).toBe('无法识别：' + reasonOf(t));
  });
});

describe('parseActual — number rows', () => {
  test.each<[string, string, string, number, string | undefined]>([
    // target, indicator name, actual, value, note (undefined = no note)
    ['≥95%', '', '92%', 0.92, undefined],
    ['≥95%', '', '100%', 1, undefined],
    ['≥95%', '', '９６％', 0.96, undefined],
    ['≥95%', '', ' 96 % ', 0.96, undefined],
    ['≥95%', '', '九十六%', 0.96, undefined],
    ['≥95%', '', '百分之九十六', 0.96, undefined],
    ['≥95%', '', '95', 0.95, '按目标单位读作 95%'],
    ['≥95%', '', '95.5', 0.955, '按目标单位读作 95.5%'],
    ['≥50个', '', '50', 50, undefined],
    ['≥50个', '', '52个', 52, undefined],
    ['≥50个', '', '五十二个', 52, undefined],
    ['≥1000人', '', '1,200人', 1200, undefined],
    ['≥200米', '', '266米', 266, undefined],
    ['2100', '服务外包在岸(万美元)', '2200', 2200, undefined],
    ['-0%', '', '-3%', -0.03, undefined],
    ['≤10次', '', '0', 0, undefined],
    ['≤10次', '', '-0', 0, undefined],
  ])('target %j (%s), actual %j → %p', (target, name, text, value, note) => {
    const a = parseActual(text, parseTarget(target, name));
    expect(a).toEqual(note === undefined ? { kind: 'number', value } : { kind: 'number', value, note });
  });

  test('a bare number below 1 in a % row is still percent points, and the note says so', () => {
    const a = parseActual('0.95', parseTarget('≥95%', ''));
    expect(a.kind).toBe('number');
    if (a.kind !== 'number') return;
    expect(a.value).toBe(0.0095);
    expect(a.note).toContain('按目标单位读作 0.95%');
    expect(a.note).toContain('95%');
  });

  test('a bare number in a ‰ row is per-mille', () => {
    expect(parseActual('1', parseTarget('千分之一以下', '在校学生违法犯罪率'))).toEqual({
      kind: 'number',
      value: 0.001,
      note: '按目标单位读作 1‰',
    });
  });

  test.each<[string, string, number, string[]]>([
    ['≥200米', '≥266米', 266, ['已忽略「≥」']],
    ['≥200米', '266米以上', 266, ['已忽略「以上」']],
    ['≥95%', '>=96%', 0.96, ['已忽略「≥」']],
    ['≥95%', '达到96%', 0.96, ['已忽略「达到」']],
  ])('operators in an actual are ignored and noted: %j / %j', (target, text, value, words) => {
    const a = parseActual(text, parseTarget(target, ''));
    expect(a.kind).toBe('number');
    if (a.kind !== 'number') return;
    expect(a.value).toBe(value);
    for (const w of words) expect(a.note).toContain(w);
  });

  test.each<[string, string, number, string]>([
    ['≤202.6万元', '2026000元', 202.6, '2026000元 换算为 202.6万元'],
    ['≤202.6万元', '0.02亿元', 200, '0.02亿元 换算为 200万元'],
    ['≥1000元', '1.5万元', 15000, '1.5万元 换算为 15000元'],
    ['≥200米', '1.5公里', 1500, '1.5公里 换算为 1500米'],
    ['≥2公里', '2500米', 2.5, '2500米 换算为 2.5公里'],
    ['≥2公里', '3千米', 3, '3千米 换算为 3公里'],
    ['≥10吨', '500公斤', 0.5, '500公斤 换算为 0.5吨'],
    ['≥10千克', '2000克', 2, '2000克 换算为 2千克'],
    ['≥1000人', '1.2万人', 12000, '1.2万人 换算为 12000人'],
    ['≥2万人', '15000人', 1.5, '15000人 换算为 1.5万人'],
    ['千分之一以下', '0.1%', 0.001, '0.1% 换算为 1‰'],
    ['≥95%', '千分之九百六十', 0.96, '960‰ 换算为 96%'],
    ['≥95%', '960‰', 0.96, '960‰ 换算为 96%'],
    ['≥2100万美元', '2200000美元', 220, '2200000美元 换算为 220万美元'],
  ])('unit conversion: target %j, actual %j → %p', (target, text, value, note) => {
    expect(parseActual(text, parseTarget(target, ''))).toEqual({ kind: 'number', value, note });
  });

  test('a unit on the actual when the target has none is accepted and noted', () => {
    const a = parseActual('2200个', parseTarget('2100', ''));
    expect(a).toEqual({ kind: 'number', value: 2200, note: '年度指标值未写单位，已忽略「个」' });
  });

  test.each<[string, string, string]>([
    ['≥1000人', '1200次', '单位不一致：年度指标值单位为「人」，实际完成值为「次」'],
    ['≥95%', '96个', '单位不一致：年度指标值单位为「%」，实际完成值为「个」'],
    ['≤202.6万元', '200米', '单位不一致：年度指标值单位为「万元」，实际完成值为「米」'],
    ['≥200米', '300平方米', '单位不一致：年度指标值单位为「米」，实际完成值为「平方米」'],
    ['2100', '95%', '单位不一致：年度指标值没有单位，实际完成值为「%」'],
  ])('unit mismatch: target %j, actual %j', (target, text, reason) => {
    expect(parseActual(text, parseTarget(target, ''))).toEqual({ kind: 'invalid', reason });
  });

  test.each(['完成', '已完成', '达成', '达成预期指标', '是', '好'])('%j in a number row is not a number', (text) => {
    const reason = reasonOf(parseActual(text, parseTarget('≥95%', '')));
    expect(reason).toContain(`「${text}」不是数值`);
    expect(reason).toContain('≥95%');
    expect(reason).toContain('实际数值');
  });

  test('the 完成 reason is the one in the brief', () => {
    expect(parseActual('完成', parseTarget('≥95%', ''))).toEqual({
      kind: 'invalid',
      reason: '「完成」不是数值：本指标年度指标值为 ≥95%，请填写实际数值（如 95%）',
    });
  });

  test.each<[string, string[]]>([
    ['90%-95%', ['90%-95%', '区间']],
    ['1:20', ['1:20', '数值']],
    ['约96%', ['约96%', '数值']],
    ['96%左右', ['96%左右', '数值']],
  ])('unreadable actual %j in a number row', (text, words) => {
    const reason = reasonOf(parseActual(text, parseTarget('≥95%', '')));
    for (const w of words) expect(reason).toContain(w);
    expect(reason).toContain('≥95%');
  });

  test('/ in a number row', () => {
    expect(parseActual('/', parseTarget('≥95%', ''))).toEqual({
      kind: 'invalid',
      reason: '实际完成值为「/」，但本指标有年度指标值',
    });
  });

  test('无 in a number row suggests 0', () => {
    const reason = reasonOf(parseActual('无', parseTarget('0起', '安全事故')));
    expect(reason).toContain('「无」');
    expect(reason).toContain('0起');
  });
});

describe('parseActual — ratio, yes/no, qualitative, n/a, invalid', () => {
  const ratio = parseTarget('1:20', '司法社工与社区矫正对象比例');

  test.each<[string, number]>([
    ['1:18', 18],
    ['18', 18],
    ['１：２５', 25],
    ['1∶25', 25],
    ['2:36', 18],
    ['20.5', 20.5],
  ])('ratio actual %j → n %p', (text, n) => {
    expect(parseActual(text, ratio)).toEqual({ kind: 'ratio', n });
  });

  test.each<[string, string]>([
    ['0', '大于 0'],
    ['1:0', '大于 0'],
    ['完成', '1:20'],
    ['1/20', '1:18'],
    ['/', '本指标有年度指标值'],
  ])('ratio actual %j is invalid', (text, word) => {
    const reason = reasonOf(parseActual(text, ratio));
    expect(reason).toContain(word);
    expect(reason).toContain(text);
  });

  test.each<[string, string, boolean]>([
    ['是', '是', true],
    ['是', '否', false],
    ['是', '有', true],
    ['是', '无', false],
    ['否', '否', false],
    ['否', ' 是 ', true],
  ])('yes/no target %j, actual %j → %p', (target, text, yes) => {
    expect(parseActual(text, parseTarget(target, '是否按时完成'))).toEqual({ kind: 'yesno', yes });
  });

  test.each(['已', '未', '完成', '1', '/'])('yes/no actual %j is invalid', (text) => {
    const reason = reasonOf(parseActual(text, parseTarget('是', '')));
    expect(reason).toContain(text);
  });

  test('yes/no reason names both answers', () => {
    const reason = reasonOf(parseActual('已', parseTarget('是', '')));
    expect(reason).toContain('「是」或「否」');
  });

  const qual = parseTarget('合规', '资金使用合规性');
  test.each<[string, 'achieved' | 'partial' | 'failed']>([
    ['达成', 'achieved'],
    ['达成年度指标', 'achieved'],
    ['达成预期指标', 'achieved'],
    ['达成目标', 'achieved'],
    ['完成', 'achieved'],
    ['已完成', 'achieved'],
    ['达到', 'achieved'],
    ['全部完成', 'achieved'],
    ['是', 'achieved'],
    [QUAL_LABELS.achieved, 'achieved'],
    ['合规', 'achieved'],
    [' 合 规 ', 'achieved'],
    ['达成年度指标。', 'achieved'],
    ['部分达成', 'partial'],
    ['部分达成年度指标', 'partial'],
    [QUAL_LABELS.partial, 'partial'],
    ['基本完成', 'partial'],
    ['基本达成', 'partial'],
    ['部分完成', 'partial'],
    ['基本完成，个别事项延后', 'partial'],
    ['未达成', 'failed'],
    ['未达成年度指标', 'failed'],
    [QUAL_LABELS.failed, 'failed'],
    ['未完成', 'failed'],
    ['未达到', 'failed'],
    ['没有完成', 'failed'],
  ])('qualitative actual %j → %s', (text, level) => {
    expect(parseActual(text, qual)).toEqual({ kind: 'qualitative', level });
  });

  test.each(['还行', '95%', '不合规', '效果一般'])('qualitative actual %j cannot be placed in a band', (text) => {
    expect(parseActual(text, qual)).toEqual({
      kind: 'invalid',
      reason: `无法判断「${text}」属于哪一档：请选择 达成年度指标 / 部分达成年度指标并具有一定效果 / 未达成年度指标且效果较差`,
    });
  });

  test('/ in a qualitative row', () => {
    expect(parseActual('/', qual)).toEqual({ kind: 'invalid', reason: '实际完成值为「/」，但本指标有年度指标值' });
  });

  test.each(['', '/', '95%', '完成', '  '])('n/a target: actual %j → na', (text) => {
    expect(parseActual(text, parseTarget('/', ''))).toEqual({ kind: 'na' });
  });

  const targets: Array<[string, Target]> = [
    ['number', parseTarget('≥95%', '')],
    ['ratio', ratio],
    ['yesno', parseTarget('是', '')],
    ['qualitative', qual],
    ['invalid', parseTarget('每月1次左右', '')],
  ];
  test.each(targets)('%s target: empty and blank actuals are empty', (_kind, target) => {
    for (const text of ['', '   ', '　', '\n\t']) expect(parseActual(text, target)).toEqual({ kind: 'empty' });
  });

  test.each(['95%', '完成', '/'])('invalid target: actual %j cannot be computed', (text) => {
    expect(parseActual(text, parseTarget('每月1次左右', ''))).toEqual({
      kind: 'invalid',
      reason: '年度指标值无法识别，无法计算',
    });
  });
});

describe('actualText', () => {
  test.each<[Actual, Target, string]>([
    [{ kind: 'number', value: 0.92 }, num('>=', 0.95, '%', true), '92%'],
    [{ kind: 'number', value: 0.0095 }, num('>=', 0.95, '%', true), '0.95%'],
    [{ kind: 'number', value: 0.001 }, num('<=', 0.002, '‰', true), '1‰'],
    [{ kind: 'number', value: 202.6 }, num('<=', 202.6, '万元', true), '202.6万元'],
    [{ kind: 'number', value: 2200 }, num('>=', 2100, '', false), '2200'],
    [{ kind: 'ratio', n: 18 }, { kind: 'ratio', n: 20 }, '1:18'],
    [{ kind: 'yesno', yes: true }, { kind: 'yesno', yes: true }, '是'],
    [{ kind: 'yesno', yes: false }, { kind: 'yesno', yes: true }, '否'],
    [{ kind: 'qualitative', level: 'achieved' }, { kind: 'qualitative', text: '合规' }, '达成年度指标'],
    [{ kind: 'qualitative', level: 'partial' }, { kind: 'qualitative', text: '合规' }, '部分达成年度指标并具有一定效果'],
    [{ kind: 'qualitative', level: 'failed' }, { kind: 'qualitative', text: '合规' }, '未达成年度指标且效果较差'],
    [{ kind: 'empty' }, num('>=', 0.95, '%', true), ''],
    [{ kind: 'na' }, { kind: 'na' }, '/'],
    [{ kind: 'invalid', reason: 'x' }, num('>=', 0.95, '%', true), ''],
  ])('%j in %j → %j', (a, t, expected) => {
    expect(actualText(a, t)).toBe(expected);
  });

  const cases: Array<[string, string, string]> = [
    // target, name, actual as typed
    ['≥95%', '', '92%'],
    ['≥95%', '', '95'],
    ['≥95%', '', '0.95'],
    ['≥95%', '', '960‰'],
    ['≥95%', '', '九十六%'],
    ['≥95%', '', '≥96%'],
    ['千分之一以下', '在校学生违法犯罪率', '1'],
    ['千分之一以下', '在校学生违法犯罪率', '0.1%'],
    ['不超过千分之二', '社区矫正对象再犯罪率', '千分之三'],
    ['≤202.6万元', '', '2026000元'],
    ['≤202.6万元', '', '199.99'],
    ['≥50个', '', '50'],
    ['≥1000人', '', '1.2万人'],
    ['≥200米', '', '1.5公里'],
    ['2100', '服务外包在岸(万美元)', '2200'],
    ['2100', '', '2200个'],
    ['-0%', '', '-3%'],
    ['≤10次', '', '0'],
    ['1:20', '', '1:18'],
    ['1:20', '', '25'],
    ['1:20', '', '2:45'],
    ['是', '', '是'],
    ['是', '', '无'],
    ['合规', '', '合规'],
    ['合规', '', '基本完成'],
    ['合规', '', '未完成'],
    ['/', '', '95%'],
    ['≥95%', '', ''],
  ];
  test.each(cases)('round trip: target %j (%s), actual %j', (target, name, text) => {
    const t = parseTarget(target, name);
    const a = parseActual(text, t);
    expect(a.kind).not.toBe('invalid');
    const back = parseActual(actualText(a, t), t);
    expect(back.kind).toBe(a.kind);
    if (a.kind === 'number' && back.kind === 'number') expect(back.value).toBe(a.value);
    if (a.kind === 'ratio' && back.kind === 'ratio') expect(back.n).toBe(a.n);
    if (a.kind === 'yesno' && back.kind === 'yesno') expect(back.yes).toBe(a.yes);
    if (a.kind === 'qualitative' && back.kind === 'qualitative') expect(back.level).toBe(a.level);
  });

  test('round trip over many generated numbers and units', () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const units = ['%', '‰', '万元', '个', '', '人次', '米'];
    let checked = 0;
    for (let i = 0; i < 500; i++) {
      const unit = units[i % units.length];
      const t: Target = num(i % 2 ? '>=' : '<=', 1, unit, true);
      const magnitude = Math.pow(10, Math.floor(rand() * 12) - 6);
      const value = (rand() - 0.2) * magnitude;
      const a: Actual = { kind: 'number', value };
      const back = parseActual(actualText(a, t), t);
      expect(back.kind).toBe('number');
      if (back.kind !== 'number') continue;
      // the canonical text keeps 12 significant digits
      expect(Math.abs(back.value - value)).toBeLessThanOrEqual(Math.abs(value) * 1e-11);
      checked++;
    }
    expect(checked).toBe(500);
  });

  test('round trip of ratios', () => {
    const t: Target = { kind: 'ratio', n: 20 };
    for (const n of [1, 2.5, 15, 18, 20, 25, 100, 0.5]) {
      expect(parseActual(actualText({ kind: 'ratio', n }, t), t)).toEqual({ kind: 'ratio', n });
    }
  });
});

describe('never throws', () => {
  const odd: unknown[] = [
    null,
    undefined,
    0,
    95,
    NaN,
    {},
    [],
    { toString: () => { throw new Error('boom'); } },
    '',
    ' ',
    '\u0000',
    'x'.repeat(100000),
    '9'.repeat(400),
    '一'.repeat(5000),
    '九十'.repeat(2000) + '%',
    '百分之' + '九'.repeat(3000),
    '😀',
    '😀95%😀',
    '=1+1',
    '%%%',
    '≥',
    '≥≥95%',
    '1:',
    ':20',
    '1:20:00',
    '百分之',
    '千分之',
    '十十',
    '零零',
    '点',
    '九十五点',
    '....',
    '--5',
    '1e5',
    'NaN',
    'Infinity',
    '-Infinity',
    '(含)',
    '()',
    '以上',
    '控制在',
    '控制在以内',
    '1'.repeat(50) + ':' + '2'.repeat(400),
    '９'.repeat(1000) + '％',
  ];
  const names: unknown[] = ['', null, undefined, '社区矫正对象再犯罪率', '年度资金支付完成率100%', '(万美元)(%)', '😀'.repeat(1000)];

  test('parseTarget, describeTarget, parseActual and actualText accept anything', () => {
    const targets: Target[] = [
      parseTarget('≥95%', ''),
      parseTarget('千分之一以下', ''),
      parseTarget('≤202.6万元', ''),
      parseTarget('2100', ''),
      parseTarget('1:20', ''),
      parseTarget('是', ''),
      parseTarget('合规', ''),
      parseTarget('/', ''),
      parseTarget('每月1次左右', ''),
      undefined as unknown as Target,
      null as unknown as Target,
      {} as Target,
      { kind: 'number' } as unknown as Target,
    ];
    let calls = 0;
    for (const text of odd) {
      for (const name of names) {
        const t = parseTarget(text as string, name as string);
        expect(typeof t.kind).toBe('string');
        expect(typeof describeTarget(t)).toBe('string');
        calls++;
      }
      for (const t of targets) {
        const a = parseActual(text as string, t);
        expect(typeof a.kind).toBe('string');
        expect(typeof actualText(a, t)).toBe('string');
        calls++;
      }
    }
    expect(calls).toBe(odd.length * (names.length + targets.length));
  });

  test('odd inputs give sensible kinds', () => {
    expect(parseTarget(null as unknown as string, '')).toEqual({ kind: 'invalid', reason: '年度指标值为空' });
    expect(parseTarget(undefined as unknown as string)).toEqual({ kind: 'invalid', reason: '年度指标值为空' });
    expect(parseTarget(95 as unknown as string, '')).toEqual(num('>=', 95, '', false));
    expect(parseTarget('9'.repeat(400), '').kind).toBe('invalid');
    expect(parseTarget('=1+1', '').kind).toBe('invalid');
    expect(parseTarget('😀', '').kind).toBe('invalid');
    expect(parseTarget('一'.repeat(5000), '')).toEqual({ kind: 'qualitative', text: '一'.repeat(5000) });
    expect(parseActual(null as unknown as string, parseTarget('≥95%', ''))).toEqual({ kind: 'empty' });
    expect(parseActual('95%', undefined as unknown as Target)).toEqual({
      kind: 'invalid',
      reason: '年度指标值无法识别，无法计算',
    });
    expect(describeTarget(undefined as unknown as Target)).toBe('');
    expect(actualText(undefined as unknown as Actual, undefined as unknown as Target)).toBe('');
    expect(formatQuantity(NaN, '%')).toBe('NaN%');
  });

  test('a long text parses quickly', () => {
    const start = Date.now();
    for (let i = 0; i < 20; i++) {
      parseTarget('一'.repeat(20000) + '次', '');
      parseTarget('1'.repeat(20000) + '次', '');
      parseActual('九'.repeat(20000), parseTarget('≥95%', ''));
    }
    expect(Date.now() - start).toBeLessThan(5000);
  });
});
