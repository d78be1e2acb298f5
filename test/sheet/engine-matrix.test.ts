// The formulas the sheet carries must compute what src/domain computes — proven in a real engine (LibreOffice),
// row by row, subtotal by subtotal, for every branch of domain.md §3 and under every rule variant.
import { blankRow, emptyBudget, Form, IndicatorRow } from '../../src/domain/form';
import { FormResult, profileById, RuleParams, scoreForm } from '../../src/domain/rules';
import { exampleForm } from '../../src/domain/standards';
import { computeInLibreOffice, SheetResult, sheetResult } from '../support/engine';

interface Case {
  l1: string;
  name: string;
  target: string;
  actual: string;
  weight?: number;
  override?: number;
  reason?: string;
}

const c = (l1: string, name: string, target: string, actual: string, extra: Partial<Case> = {}): Case => ({
  l1,
  name,
  target,
  actual,
  ...extra,
});

// Each line is one branch of the rules; the comment says which.
const MATRIX: Case[] = [
  // 正向 ≥ and =
  c('正向', '普法宣传知识普及率', '≥95%', '96%'), // met
  c('正向', '普法宣传知识普及率', '≥95%', '90%'), // unmet W·B/A
  c('正向', '调解案件补贴发放率', '100%', '100%'), // no operator → ≥, met exactly
  c('正向', '调解案件补贴发放率', '100%', '85.5%'), // unmet
  c('正向', '新建调解室数量', '≥50个', '60个'), // over-achievement exactly at 120%
  c('正向', '新建调解室数量', '≥50个', '59'), // just below the threshold, unit dropped
  c('正向', '培训人数', '≥1000人', '1500人', { reason: '群众需求增加' }), // over, explained
  c('正向', '服务外包在岸(万美元)', '2100', '2000'), // unit from the name
  c('正向', '补贴发放金额', '20万元', '200000元'), // 元 converted to 万元
  c('正向', '新建调解室数量', '≥50个', '完成'), // text where a number belongs
  c('正向', '新建调解室数量', '≥50个', ''), // blank actual
  c('正向', '培训人数', '≥1000人', '950次'), // units mismatch
  c('正向', '国家工作人员年度学法考试优秀率', '90%以上', '88'), // bare number in a % row
  c('正向', '困难群众申请法律援助免费率', '98%以上', '98'), // suffix 以上
  c('正向', '公证事项办结率', '=100%', '100%'), // = met
  c('正向', '公证事项办结率', '= 100 %', '99%'), // = unmet, spaces
  c('正向', '差错事项', '=0', '0'), // = with target 0, met
  c('正向', '差错事项', '=0', '2'), // = with target 0, unmet
  c('正向', '新增调解组织', '≥0个', '3'), // ≥ with target 0
  c('正向', '律师值班率', '≥９５％', '９６％'), // full-width
  c('正向', '律师值班率', '不低于95%', '94%'), // word operator
  c('正向', '宣讲场次', '至少50场', '50场'), // word operator, met exactly
  c('正向', '法律援助宣传覆盖人数', '不少于1000人', '1000'), // met
  c('正向', '群众知晓率', '百分之九十五', '95%'), // Chinese numerals
  c('正向', '年度资金支付完成率100%', '', '100%'), // target hidden in the name
  c('正向', '律师值班率', '≥95%', '-5%'), // negative actual
  c('正向', '培训计划按期完成率', '≥95%', '90%', { weight: 2.5 }), // fractional weight
  c('正向', '法律顾问覆盖率', '≥3个', '2个', { weight: 3.33 }), // 2/3 → 66.67%
  c('正向', '人员考核达标率', '90%或以上', '110%', { reason: '超额完成' }), // below 120%: 达标
  c('正向', '案件受理率', '≥80%', '96%'), // exactly 120% with percentages
  // 反向 ≤ (ratio A/B by default; linear deduction in the linear profile)
  c('反向', '项目成本', '≤202.6万元', '200万元'), // met
  c('反向', '项目成本', '≤202.6万元', '220'), // unmet W·A/B
  c('反向', '投诉次数', '≤10次', '12次'), // unmet
  c('反向', '投诉次数', '≤10次', '25'), // B ≥ 2A: linear gives 0
  c('反向', '社区矫正对象再犯罪率', '不超过千分之二', '1‰'), // ‰ met
  c('反向', '社区矫正对象再犯罪率', '不超过千分之二', '3‰'), // ‰ unmet
  c('反向', '在校学生违法犯罪率', '千分之一以下', '千分之三'), // 千分之N both sides
  c('反向', '安全事故', '≤0起', '0起'), // target 0 met
  c('反向', '安全事故', '≤0起', '1起'), // target 0 unmet → 0
  c('反向', '安全事故发生数', '0起', '0'), // direction from the name, target 0
  c('反向', '项目成本', '20万元', '25万元'), // direction from the name (成本)
  c('反向', '社区矫正对象再犯罪率', '0.2%', '0.1%'), // direction from the name, met
  c('反向', '结转结余率', '控制在5%以内', '6%'), // 控制在…以内
  c('反向', '行政复议纠错率', '≤5%', '0%'), // ≤ met with B = 0
  // 比例 1:N
  c('比例', '司法社工与社区矫正对象比例', '1:20', '1:18'), // better than target
  c('比例', '司法社工与社区矫正对象比例', '1:20', '25'), // worse: 0.8·W
  c('比例', '司法社工与未成年社区矫正对象比例', '1:15', '1:12'), // 125%: over-achievement
  c('比例', '司法社工与社区矫正对象比例', '1:20', '0'), // N = 0 cannot be scored
  // 定性 in all bands, with and without overrides, inside and outside the band
  c('定性', '服务质量', '高', '达成年度指标'),
  c('定性', '服务质量', '高', '部分达成年度指标并具有一定效果'),
  c('定性', '服务质量', '高', '未达成年度指标且效果较差'),
  c('定性', '资产管理规范性', '规范', '达成年度指标', { override: 0.9 }),
  c('定性', '资产管理规范性', '规范', '部分达成年度指标并具有一定效果', { override: 0.75 }),
  c('定性', '资产管理规范性', '规范', '未达成年度指标且效果较差', { override: 0.5 }),
  c('定性', '制度建设', '合规', '达成年度指标', { override: 0.5, reason: '制度修订中' }), // below its band → clamped up
  c('定性', '制度建设', '合规', '部分达成年度指标并具有一定效果', { override: 0.95 }), // above → clamped
  c('定性', '制度建设', '合规', '未达成年度指标且效果较差', { override: 0.7 }), // above → clamped
  c('定性', '工作效果', '效果明显', '完成'), // synonym of 达成
  c('定性', '制度建设', '合规', '合规'), // actual equals the target text
  c('定性', '工作效果', '显著提升', '不好说'), // unreadable
  c('定性', '工作效果', '显著提升', ''), // blank
  c('定性', '工作效果', '显著提升', '部分达成', { override: 0.6 }), // partial at its lower bound
  // 是/否
  c('是否', '预决算信息公开', '是', '是'),
  c('是否', '预决算信息公开', '是', '否'),
  c('是否', '是否发生重大舆情', '否', '否'),
  c('是否', '预决算信息公开', '是', '完成'),
  // 不适用 and unreadable targets
  c('其他', '生态效益指标', '/', ''),
  c('其他', '生态效益指标', '/', '/'),
  c('其他', '宣传活动', '每月1次左右', '12次'), // target cannot be read
  c('其他', '工作完成', '', '完成'), // blank target
  c('其他', '公式注入检查', '≥95%', '=1+1'), // user text that looks like a formula stays text
];

function toRows(cases: Case[], weight = 10): IndicatorRow[] {
  return cases.map((k) => ({
    ...blankRow(k.l1, `${k.l1}指标`, k.name, k.target, k.weight ?? weight),
    actual: k.actual,
    rateOverride: k.override ?? null,
    reason: k.reason ?? '',
  }));
}

function form(rows: IndicatorRow[], params: RuleParams, budget: [number | null, number | null], budgetWeight = 10): Form {
  const b = emptyBudget(budgetWeight);
  b.parts[0] = { ...b.parts[0], initial: budget[0], annual: budget[0], executed: budget[1] };
  b.parts[1] = { ...b.parts[1], annual: budget[0] === null ? null : 10, executed: budget[1] === null ? null : 5 };
  return {
    meta: {
      title: '项目支出绩效自评表',
      standard: 'project',
      projectName: '规则矩阵',
      unit: '测试单位',
      department: '测试部门',
      year: '2025',
      profileId: 'national',
      goal: '',
      goalResult: '',
    },
    budget: b,
    rows,
    params,
  };
}

const national = profileById('national').params;

const FORMS: { label: string; form: Form }[] = [
  { label: 'national, NA rescaled, budget under 100%', form: form(toRows(MATRIX), national, [100, 90]) },
  {
    label: 'linear deduction, cap by 执行率 (75%)',
    form: form(toRows(MATRIX), { ...profileById('linear').params }, [100, 70]),
  },
  {
    label: 'Hubei bands 80/50, budget weight 20, budget over 100%',
    form: form(toRows(MATRIX, 5), { ...profileById('hubei').params }, [100, 130], 20),
  },
  { label: 'NA not rescaled, no budget figures', form: form(toRows(MATRIX), { ...national, naRescale: false }, [null, null]) },
  {
    label: 'Guangxi threshold 130%, cap on, budget 45%',
    form: form(toRows(MATRIX), { ...profileById('guangxi').params, capByExecution: true }, [100, 40]),
  },
];

function conghuaFilled(): Form {
  const f = exampleForm();
  const actuals = ['100%', '96%', '100%', '92%', '100%', '0.05%', '95%', '100%', '100%', '100%', '100%', '100%', '88%',
    '95%', '98%', '100%', '1:18', '100%', '100%', '1:15', '1‰', '100%', '100%', '100%', '95%', '100%', '92%', '96%',
    '12%', '90%', '100%', '达成年度指标', '是', '100%'];
  f.rows.forEach((r, i) => {
    r.actual = actuals[i] ?? '';
  });
  f.rows[3].reason = '部分村居调解主任调整中';
  return f;
}

function expectSame(sheet: SheetResult, oracle: FormResult, where: string): void {
  expect({ where, errors: sheet.errors }).toEqual({ where, errors: [] });
  oracle.rows.forEach((o, i) => {
    const s = sheet.rows[i];
    const at = `${where} row ${i + 1}`;
    expect({ at, status: s.status }).toEqual({ at, status: o.status });
    // An empty-string formula result reads back as null or ''.
    if (o.completion === null) expect({ at, completion: s.completion ?? '' }).toEqual({ at, completion: '' });
    else expect({ at, completion: s.completion }).toEqual({ at, completion: expect.closeTo(o.completion, 9) });
    if (o.score === null) expect({ at, score: s.score ?? '' }).toEqual({ at, score: '' });
    else expect({ at, score: s.score }).toEqual({ at, score: expect.closeTo(o.score, 9) });
  });
  oracle.subtotals.forEach((o, i) => {
    expect({ where, i, ...sheet.subtotals[i] }).toEqual({
      where,
      i,
      weight: expect.closeTo(o.weight, 9),
      applicable: expect.closeTo(o.applicableWeight, 9),
      score: expect.closeTo(o.score, 9),
    });
  });
  expect(sheet.budget.rate ?? '').toEqual(oracle.budget.rate === null ? '' : expect.closeTo(oracle.budget.rate, 9));
  expect(sheet.budget.score).toBeCloseTo(oracle.budget.score, 9);
  expect(sheet.totalWeight).toBeCloseTo(oracle.totalWeight, 9);
  expect(sheet.applicableWeight).toBeCloseTo(oracle.applicableWeight, 9);
  expect(sheet.rawScore).toBeCloseTo(oracle.rawScore, 9);
  expect({ where, total: sheet.total }).toEqual({ where, total: expect.closeTo(oracle.total, 9) });
  expect({ where, grade: sheet.grade }).toEqual({ where, grade: oracle.grade });
}

describe('formulas agree with src/domain in LibreOffice', () => {
  const all = [...FORMS, { label: '从化 example with invented actuals', form: conghuaFilled() }];
  let results: SheetResult[] = [];

  beforeAll(async () => {
    const { wb } = await computeInLibreOffice(all.map((x) => x.form), 'matrix');
    results = all.map((x, i) => sheetResult(wb, x.form, `表${i + 1}`));
  });

  test('the matrix covers every branch', () => {
    expect(MATRIX.length).toBeGreaterThanOrEqual(60);
    const statuses = new Set(FORMS.flatMap((f) => scoreForm(f.form).rows.map((r) => r.status)));
    expect([...statuses].sort()).toEqual(['不适用', '无法计算', '未填', '未达标', '超额·需说明', '达标'].sort());
    const kinds = new Set(scoreForm(FORMS[0].form).rows.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['≥', '≤', '=', '比例', '定性', '是否', '不适用', '无法识别'].sort());
    const grades = new Set(all.map((f) => scoreForm(f.form).grade));
    expect(grades.size).toBeGreaterThanOrEqual(3);
  });

  test.each(all.map((x, i) => [x.label, i] as const))('%s', (label, i) => {
    expectSame(results[i], scoreForm(all[i].form), label);
  });

  test('linear deduction and the ratio formula differ where they should', () => {
    const i = MATRIX.findIndex((k) => k.target === '≤10次' && k.actual === '25');
    expect(results[0].rows[i].score).toBeCloseTo(4, 9); // 10 · 10/25
    expect(results[1].rows[i].score).toBe(0); // B ≥ 2A
  });

  test('text that looks like a formula stays text and cannot be computed', () => {
    const i = MATRIX.findIndex((k) => k.actual === '=1+1');
    expect(results[0].rows[i].status).toBe('无法计算');
    expect(results[0].rows[i].hint).toBe('实际完成值应为数字');
  });

  test('rows that need a reason say so in the sheet', () => {
    const i = MATRIX.findIndex((k) => k.target === '≥95%' && k.actual === '90%');
    expect(results[0].rows[i].hint).toBe('请填写偏差原因分析');
    const j = MATRIX.findIndex((k) => k.name === '制度建设' && k.override === 0.5);
    expect(results[0].rows[j].hint).toBe('定性得分率超出所选档次，已按档次边界计分');
  });
});
