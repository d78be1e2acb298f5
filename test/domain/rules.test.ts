import { blankRow, Form, IndicatorRow } from '../../src/domain/form';
import { executionCap, gradeOf, profileById, round, RuleParams, scoreForm, scoreIndicator } from '../../src/domain/rules';
import { blankForm, exampleForm, splitWeight } from '../../src/domain/standards';

const national = profileById('national').params;
const linear = profileById('linear').params;
const hubei = profileById('hubei').params;

function row(target: string, actual: string, extra: Partial<IndicatorRow> = {}): IndicatorRow {
  return { ...blankRow('产出指标', '数量指标', extra.level3 ?? '完成数量', target, 10), actual, ...extra };
}

function score(target: string, actual: string, p: RuleParams = national, extra: Partial<IndicatorRow> = {}) {
  return scoreIndicator(row(target, actual, extra), p);
}

describe('round', () => {
  test.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [9.474, 2, 9.47],
    [0.94736842, 4, 0.9474],
    [-1.005, 2, -1.01],
    [0.5, 0, 1],
  ])('ROUND(%p, %p) = %p as spreadsheets do', (x, d, want) => {
    expect(round(x, d)).toBe(want);
  });
});

describe('scoreIndicator', () => {
  test.each([
    // target, actual, completion, score, status
    ['≥95%', '96%', 1.0105, 10, '达标'],
    ['≥95%', '90%', 0.9474, 9.47, '未达标'],
    ['≥50个', '60个', 1.2, 10, '超额·需说明'],
    ['≥50个', '59', 1.18, 10, '达标'],
    ['≤10次', '12次', 0.8333, 8.33, '未达标'],
    ['≤10次', '8次', 1, 10, '达标'],
    ['≤0起', '1', 0, 0, '未达标'],
    ['≤0起', '0', 1, 10, '达标'],
    ['1:20', '1:25', 0.8, 8, '未达标'],
    ['1:20', '1:18', 1.1111, 10, '达标'],
    ['是', '否', 0, 0, '未达标'],
    ['是', '是', 1, 10, '达标'],
    ['不超过千分之二', '3‰', 0.6667, 6.67, '未达标'],
  ])('%s with %s → %p, %p, %s', (target, actual, completion, s, status) => {
    const r = score(target, actual);
    expect(r.completion).toBeCloseTo(completion, 10);
    expect(r.score).toBeCloseTo(s, 10);
    expect(r.status).toBe(status);
  });

  test('linear deduction: W·(1 − (B − A)/A), 0 at twice the target', () => {
    expect(score('≤10次', '12次', linear).score).toBe(8);
    expect(score('≤10次', '20次', linear).score).toBe(0);
    expect(score('≤10次', '25次', linear).score).toBe(0);
    expect(score('≤10次', '25次', national).score).toBe(4);
  });

  test('qualitative bands: defaults, overrides inside the band, clamping outside it', () => {
    expect(score('高', '达成年度指标').score).toBe(10);
    expect(score('高', '部分达成年度指标并具有一定效果').score).toBe(7);
    expect(score('高', '未达成年度指标且效果较差').score).toBe(3);
    expect(score('高', '达成年度指标', national, { rateOverride: 0.85 }).score).toBe(8.5);
    const clamped = score('高', '达成年度指标', national, { rateOverride: 0.5 });
    expect(clamped.score).toBe(8);
    expect(clamped.overrideClamped).toBe(true);
    // Hubei: 部分达成 spans 50–80%
    expect(score('高', '部分达成年度指标并具有一定效果', hubei, { rateOverride: 0.55 }).score).toBe(5.5);
    expect(score('高', '部分达成年度指标并具有一定效果', national, { rateOverride: 0.55 }).score).toBe(6);
  });

  test('statuses for blank, unreadable, not applicable', () => {
    expect(score('≥95%', '').status).toBe('未填');
    expect(score('/', '').status).toBe('不适用');
    const text = score('≥95%', '完成');
    expect(text.status).toBe('无法计算');
    expect(text.note).toContain('完成');
    expect(score('每月1次左右', '12').status).toBe('无法计算');
    expect(score('≥95%', '-5%').note).toBe('实际完成值不能为负数');
  });

  test('a missing reason is flagged only on rows that need one', () => {
    expect(score('≥95%', '90%').missingReason).toBe(true);
    expect(score('≥95%', '90%', national, { reason: '经费调整' }).missingReason).toBe(false);
    expect(score('≥50个', '70个').missingReason).toBe(true);
    expect(score('≥95%', '96%').missingReason).toBe(false);
    expect(score('≥95%', '').missingReason).toBe(false);
  });

  test('over-achievement threshold is a setting', () => {
    expect(score('≥50个', '60个', { ...national, overThreshold: 1.3 }).status).toBe('达标');
    expect(score('≥50个', '65个', { ...national, overThreshold: 1.3 }).status).toBe('超额·需说明');
    // reverse rows are never over-achieved
    expect(score('≤10次', '1次').status).toBe('达标');
  });
});

describe('scoreForm', () => {
  function formOf(rows: IndicatorRow[], params: RuleParams, annual: number | null, executed: number | null): Form {
    const f = blankForm('project', {}, rows);
    f.params = params;
    f.budget.parts[0] = { ...f.budget.parts[0], annual, executed };
    return f;
  }

  test('subtotals per 一级, budget row, total and grade', () => {
    const rows = [
      { ...row('≥95%', '90%'), level1: '产出指标', weight: 50 },
      { ...row('≥90%', '90%'), level1: '效益指标', weight: 30 },
      { ...row('高', '达成年度指标'), level1: '满意度指标', weight: 10 },
    ];
    const r = scoreForm(formOf(rows, national, 100, 76));
    expect(r.subtotals.map((s) => [s.level1, s.weight, s.score])).toEqual([
      ['产出指标', 50, 47.37],
      ['效益指标', 30, 30],
      ['满意度指标', 10, 10],
    ]);
    expect(r.budget.rate).toBe(0.76);
    expect(r.budget.score).toBe(7.6); // Chongqing: 10 × 76% = 7.6
    expect(r.total).toBeCloseTo(94.97, 10);
    expect(r.grade).toBe('优');
  });

  test('not-applicable rows rescale the total to 100, or not', () => {
    const rows = [
      { ...row('≥95%', '95%'), weight: 45 },
      { ...row('/', ''), weight: 10 },
      { ...row('≥95%', '0%'), weight: 35 },
    ];
    const on = scoreForm(formOf(rows, national, 100, 100));
    expect(on.applicableWeight).toBe(90);
    expect(on.rawScore).toBe(55);
    expect(on.total).toBeCloseTo((55 / 90) * 100, 2);
    const off = scoreForm(formOf(rows, { ...national, naRescale: false }, 100, 100));
    expect(off.total).toBe(55);
  });

  test('cap by 执行率 when the setting is on', () => {
    const rows = [{ ...row('≥95%', '95%'), weight: 90 }];
    expect(scoreForm(formOf(rows, national, 100, 65)).total).toBe(96.5);
    expect(scoreForm(formOf(rows, linear, 100, 65)).total).toBe(79);
    expect([0.45, 0.55, 0.65, 0.75, 0.85].map(executionCap)).toEqual([59, 69, 79, 89, 100]);
  });

  test('grades at their boundaries', () => {
    expect([90, 89.99, 80, 79.99, 60, 59.99].map(gradeOf)).toEqual(['优', '良', '良', '中', '中', '差']);
  });

  test('standards add up to 100 with the budget row', () => {
    for (const f of [blankForm('project'), blankForm('department'), exampleForm()]) {
      const r = scoreForm(f);
      expect(r.totalWeight).toBe(100);
    }
    const hubei = blankForm('project', { profileId: 'hubei' });
    expect(hubei.budget.weight).toBe(20);
    expect(scoreForm(hubei).totalWeight).toBe(100); // indicators share the 80 points left
    expect(scoreForm(hubei).subtotals.map((x) => x.weight)).toEqual([44, 27, 9]);
    expect(splitWeight(70, 6).reduce((a, b) => a + b, 0)).toBe(70);
    expect(splitWeight(50, 4)).toEqual([12.5, 12.5, 12.5, 12.5]);
  });

  test('the 从化 example keeps the seed table: 7 tasks, 28 indicators, real targets', () => {
    const f = exampleForm();
    const duty = f.rows.filter((r) => r.level1 === '履职效能');
    expect(duty).toHaveLength(28);
    expect(new Set(duty.map((r) => r.level2)).size).toBe(7);
    expect(duty.map((r) => r.target)).toContain('不超过千分之二');
    expect(duty.map((r) => r.target)).toContain('1:15');
    const r = scoreForm(f);
    expect(r.rows.filter((x) => x.status === '无法计算')).toEqual([]);
    expect(r.budget.rate).toBe(1);
  });
});
