// The evaluation form as plain data. A sheet is only a rendering of this (docs/architecture.md).

import type { RuleParams } from './rules';

export type StandardId = 'project' | 'department';

export interface FormMeta {
  /** 表名, e.g. 项目支出绩效自评表 */
  title: string;
  standard: StandardId;
  /** 项目名称 (project form) or 部门（单位）名称 (department form) */
  projectName: string;
  /** 实施单位 */
  unit: string;
  /** 主管部门 */
  department: string;
  /** 年度, e.g. "2022" */
  year: string;
  /** id of the rule profile (rules.ts) the form is scored with */
  profileId: string;
  /** 年度总体目标 — 预期目标 and 实际完成情况 (narratives) */
  goal: string;
  goalResult: string;
}

/** One line of the 项目资金（万元） block. Figures in 万元; null = not filled in. */
export interface FundLine {
  label: string;
  initial: number | null; // 年初预算数
  annual: number | null; // 全年预算数（A）
  executed: number | null; // 全年执行数（B）
}

export interface BudgetBlock {
  /** 分值 of the 预算执行率 row */
  weight: number;
  /** 其中：本年财政拨款 / 上年结转资金 / 其他资金 — the 年度资金总额 row is their sum */
  parts: FundLine[];
}

export interface IndicatorRow {
  level1: string; // 一级指标
  level2: string; // 二级指标
  level3: string; // 三级指标
  target: string; // 年度指标值, as written
  weight: number; // 分值
  actual: string; // 实际完成值, as entered ('' = not yet filled)
  /** 得分率 chosen by the evaluator for a qualitative row (0..1); null = the profile's default for the band */
  rateOverride: number | null;
  reason: string; // 偏差原因分析及改进措施
  /** the score typed in a hand-made table this row was converted from, kept beside the computed one */
  handScore?: number | null;
}

export interface Form {
  meta: FormMeta;
  budget: BudgetBlock;
  rows: IndicatorRow[];
  /** the rule parameters in force (they start as the profile's and may be edited in the sheet) */
  params: RuleParams;
}

export const FUND_LABELS = ['其中：本年财政拨款', '上年结转资金', '其他资金'] as const;
export const FUND_TOTAL_LABEL = '年度资金总额';

export function emptyBudget(weight: number): BudgetBlock {
  return { weight, parts: FUND_LABELS.map((label) => ({ label, initial: null, annual: null, executed: null })) };
}

/** The 年度资金总额 line: sums of the parts; null where no part is filled in. */
export function fundTotal(budget: BudgetBlock): FundLine {
  const sum = (pick: (l: FundLine) => number | null): number | null => {
    const vals = budget.parts.map(pick).filter((v): v is number => v !== null);
    return vals.length === 0 ? null : vals.reduce((a, b) => a + b, 0);
  };
  return {
    label: FUND_TOTAL_LABEL,
    initial: sum((l) => l.initial),
    annual: sum((l) => l.annual),
    executed: sum((l) => l.executed),
  };
}

export function blankRow(level1: string, level2: string, level3: string, target: string, weight: number): IndicatorRow {
  return { level1, level2, level3, target, weight, actual: '', rateOverride: null, reason: '' };
}
