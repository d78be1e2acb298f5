// 转换: a hand-made table becomes a live form of this product — its rows, targets, weights, actuals and reasons
// carried over, its hand-typed scores kept beside the computed ones (IndicatorRow.handScore).

import { emptyBudget, FUND_LABELS, Form, FundLine, IndicatorRow } from './form';
import { actualTextOf, ReviewTable } from './review';
import { profileById } from './rules';
import { newMeta } from './standards';
import { parseTarget } from './target';

export function tableToForm(t: ReviewTable, profileId = 'national'): Form {
  const profile = profileById(profileId);
  const department = t.rows.some((r) => /履职效能|管理效率/u.test(r.level1)) || /部门整体/u.test(t.meta.title);
  const meta = newMeta(department ? 'department' : 'project', {
    projectName: t.meta.projectName,
    department: t.meta.department,
    unit: t.meta.unit,
    profileId: profile.id,
    year: /(\d{4})/u.exec(t.meta.title)?.[1] ?? newMeta('project').year,
    goal: t.narratives.find((n) => n.label === '预期目标')?.cell.text ?? '',
    goalResult: t.narratives.find((n) => n.label === '实际完成情况')?.cell.text ?? '',
  });
  const rows: IndicatorRow[] = t.rows.map((r) => {
    const target = parseTarget(r.target.text, r.level3.text);
    return {
      level1: r.level1,
      level2: r.level2,
      level3: r.level3.text,
      target: r.target.text,
      weight: r.weight?.num ?? 0,
      actual: r.actual ? actualTextOf(r.actual, target) : '',
      rateOverride: null,
      reason: r.reason?.text ?? '',
      handScore: r.score?.num ?? null,
    };
  });
  const budget = emptyBudget(t.budget?.weight?.num ?? profile.budgetWeight);
  if (t.budget) {
    const line = (l: { initial: { num: number | null } | null; annual: { num: number | null } | null; executed: { num: number | null } | null }, label: string): FundLine => ({
      label,
      initial: l.initial?.num ?? null,
      annual: l.annual?.num ?? null,
      executed: l.executed?.num ?? null,
    });
    const parts = t.budget.parts.filter((p) => p.annual?.num !== null || p.executed?.num !== null);
    // Parts when the table has them (its 年度资金总额 may be wrong: ours sums the parts), else its only line.
    budget.parts = FUND_LABELS.map((label, i) => {
      const p = parts.find((x) => x.label.text.includes(label.replace('其中：', '')));
      if (p) return line(p, label);
      if (i === 0 && parts.length === 0) return line(t.budget!.total, label);
      return { label, initial: null, annual: null, executed: null };
    });
  }
  return { meta, budget, rows, params: { ...profile.params } };
}
