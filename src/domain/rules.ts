// Rule profiles and scoring (docs/domain.md §3). This module is the oracle the sheet's formulas are tested against:
// every branch here has its twin in src/sheet/formulas.ts, and the two must agree cell for cell.

import { Form, fundTotal, IndicatorRow } from './form';
import { Actual, parseActual, parseTarget, QualLevel, Target } from './target';

export type ReverseFormula = 'ratio' | 'linear';

/** The parameters a form is scored with. They live in named cells of the workbook, so a reviewer can see them. */
export interface RuleParams {
  /** 反向指标: 'ratio' = W·A/B (default); 'linear' = linear deduction, 0 at B ≥ 2A */
  reverse: ReverseFormula;
  /** lower bound of the 达成 band (0.8) and of the 部分达成 band (0.6; Hubei 0.5) */
  achievedMin: number;
  partialMin: number;
  /** default 得分率 inside each band when the evaluator gives none */
  achievedRate: number;
  partialRate: number;
  failedRate: number;
  /** B ≥ threshold · A flags over-achievement (1.2; Guangxi 1.3) */
  overThreshold: number;
  /** rescale the total to 100 when rows are 不适用 */
  naRescale: boolean;
  /** cap the total by 执行率 (one provincial manual) */
  capByExecution: boolean;
}

export interface RuleProfile {
  id: string;
  name: string;
  description: string;
  params: RuleParams;
  /** default 分值 of the 预算执行率 row for new forms */
  budgetWeight: number;
}

const NATIONAL: RuleParams = {
  reverse: 'ratio',
  achievedMin: 0.8,
  partialMin: 0.6,
  achievedRate: 1,
  partialRate: 0.7,
  failedRate: 0.3,
  overThreshold: 1.2,
  naRescale: true,
  capByExecution: false,
};

export const PROFILES: RuleProfile[] = [
  {
    id: 'national',
    name: '全国通用（财预〔2020〕10号）',
    description: '正向 B/A、反向 A/B 计分；定性 80%/60% 分档；超过目标 120% 需说明；不适用指标按比例折算为百分制。',
    params: NATIONAL,
    budgetWeight: 10,
  },
  {
    id: 'hubei',
    name: '湖北口径',
    description: '预算执行率 20 分、绩效指标 80 分；定性 80%/50% 分档。',
    params: { ...NATIONAL, partialMin: 0.5, partialRate: 0.65, failedRate: 0.25 },
    budgetWeight: 20,
  },
  {
    id: 'guangxi',
    name: '广西口径',
    description: '超过目标 130% 才视为超额完成需说明，其余同全国通用。',
    params: { ...NATIONAL, overThreshold: 1.3 },
    budgetWeight: 10,
  },
  {
    id: 'linear',
    name: '反向指标线性扣分',
    description: '反向指标超出目标时按超出比例线性扣分，超出一倍不得分；总分按执行率封顶。',
    params: { ...NATIONAL, reverse: 'linear', capByExecution: true },
    budgetWeight: 10,
  },
];

export function profileById(id: string): RuleProfile {
  return PROFILES.find((p) => p.id === id) ?? PROFILES[0];
}

export type RowStatus = '未填' | '达标' | '未达标' | '超额·需说明' | '不适用' | '无法计算';

/** How a row is scored; the same codes stand in the sheet's 指标性质 column, which the formulas branch on. */
export type RowKind = '≥' | '≤' | '=' | '比例' | '定性' | '是否' | '不适用' | '无法识别';

export function rowKind(t: Target): RowKind {
  switch (t.kind) {
    case 'number':
      return t.direction === '>=' ? '≥' : t.direction === '<=' ? '≤' : '=';
    case 'ratio':
      return '比例';
    case 'qualitative':
      return '定性';
    case 'yesno':
      return '是否';
    case 'na':
      return '不适用';
    case 'invalid':
      return '无法识别';
  }
}

/**
 * Spreadsheet ROUND: half away from zero on the 15-significant-digit decimal value, as Excel and LibreOffice do
 * (so ROUND(1.005, 2) = 1.01 although 1.005 is stored as 1.00499…).
 */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const y = Number((Math.abs(x) * f).toPrecision(15));
  const r = Math.round(y) / f;
  return x < 0 ? -r : r;
}

// Spreadsheet comparison: LibreOffice treats values equal within ~2^-48 relative as equal (rtl::math::approxEqual).
function approxEqual(a: number, b: number): boolean {
  if (a === b) return true;
  const d = Math.abs(a - b);
  return d < Math.max(Math.abs(a), Math.abs(b)) * 2 ** -48;
}
export function gte(a: number, b: number): boolean {
  return a > b || approxEqual(a, b);
}
export function lte(a: number, b: number): boolean {
  return a < b || approxEqual(a, b);
}

export interface ScoredRow {
  target: Target;
  actual: Actual;
  kind: RowKind;
  /** 完成率 (rounded to 4 decimals = 2 decimals in percent); null when not computable or not filled */
  completion: number | null;
  /** 得分 (2 decimals, never above W); null when 不适用 / 未填 / 无法计算 */
  score: number | null;
  status: RowStatus;
  /** the 得分率 override lay outside its band and was clamped into it */
  overrideClamped: boolean;
  /** 偏差原因 required (未达标 or 超额) and missing */
  missingReason: boolean;
  /** why the row cannot be computed, or what was assumed — for people */
  note: string;
}

function bandOf(level: QualLevel, p: RuleParams): { lo: number; hi: number; def: number } {
  switch (level) {
    case 'achieved':
      return { lo: p.achievedMin, hi: 1, def: p.achievedRate };
    case 'partial':
      return { lo: p.partialMin, hi: p.achievedMin, def: p.partialRate };
    case 'failed':
      return { lo: 0, hi: p.partialMin, def: p.failedRate };
  }
}

/** Un-rounded completion of a quantitative row, or null when it cannot be computed (mirrors completionFormula). */
function quantRate(kind: RowKind, a: number, b: number, p: RuleParams): number | null {
  if (kind === '比例') return b <= 0 ? null : a / b;
  if (kind === '≤') {
    if (a === 0) return lte(b, 0) ? 1 : 0;
    if (lte(b, a)) return 1;
    return p.reverse === 'linear' ? Math.max(0, 1 - (b - a) / a) : a / b;
  }
  // ≥ and =
  if (a === 0) return kind === '=' ? (lte(b, 0) ? 1 : 0) : gte(b, 0) ? 1 : 0;
  return b / a;
}

const CANNOT_COMPUTE_ACTUAL: Partial<Record<RowKind, string>> = {
  定性: '请从下拉列表选择完成情况',
  是否: '实际完成值应为「是」或「否」',
  比例: '比例请填写 1:N 中的 N（大于 0）',
};

export function scoreIndicator(row: IndicatorRow, p: RuleParams): ScoredRow {
  const target = parseTarget(row.target, row.level3);
  const actual = parseActual(row.actual, target);
  const kind = rowKind(target);
  const base = { target, actual, kind, overrideClamped: false, missingReason: false };
  const W = row.weight;

  if (kind === '不适用') return { ...base, completion: null, score: null, status: '不适用', note: '' };
  if (target.kind === 'invalid') {
    // A template row whose 年度指标值 is still blank is not an error yet, only unfinished.
    const blank = row.target.trim() === '';
    return { ...base, completion: null, score: null, status: blank ? '未填' : '无法计算', note: target.reason };
  }
  if (actual.kind === 'empty') return { ...base, completion: null, score: null, status: '未填', note: '' };

  let rate: number | null = null;
  let overrideClamped = false;
  let note = '';
  if (kind === '定性' && actual.kind === 'qualitative') {
    const band = bandOf(actual.level, p);
    if (row.rateOverride === null) rate = band.def;
    else {
      rate = Math.min(band.hi, Math.max(band.lo, row.rateOverride));
      overrideClamped = rate !== row.rateOverride;
    }
  } else if (kind === '是否' && actual.kind === 'yesno' && target.kind === 'yesno') {
    rate = actual.yes === target.yes ? 1 : 0;
  } else if (kind === '比例' && actual.kind === 'ratio' && target.kind === 'ratio') {
    rate = quantRate(kind, target.n, actual.n, p);
  } else if (target.kind === 'number' && actual.kind === 'number' && actual.value >= 0) {
    rate = quantRate(kind, target.value, actual.value, p);
  }
  if (rate === null) {
    note =
      actual.kind === 'invalid'
        ? actual.reason
        : actual.kind === 'number' && actual.value < 0
          ? '实际完成值不能为负数'
          : (CANNOT_COMPUTE_ACTUAL[kind] ?? '实际完成值应为数字');
    return { ...base, completion: null, score: null, status: '无法计算', note };
  }
  if (actual.kind === 'number' && actual.note) note = actual.note;

  const completion = round(rate, 4);
  const score = round(W * Math.min(1, completion), 2);
  const over = (kind === '≥' || kind === '=' || kind === '比例') && gte(completion, p.overThreshold);
  const status: RowStatus = over ? '超额·需说明' : gte(score, round(W, 2)) ? '达标' : '未达标';
  const missingReason = status !== '达标' && row.reason.trim() === ''; // only 未达标 / 超额 reach here
  return { ...base, completion, score, status, overrideClamped, missingReason, note };
}

export interface Subtotal {
  level1: string;
  weight: number;
  applicableWeight: number;
  score: number;
}

export interface BudgetResult {
  annual: number | null;
  executed: number | null;
  /** 执行率 = 全年执行数 / 全年预算数, 4 decimals; null when 全年预算数 is missing or 0 */
  rate: number | null;
  weight: number;
  score: number;
}

export interface FormResult {
  rows: ScoredRow[];
  subtotals: Subtotal[];
  budget: BudgetResult;
  /** Σ分值 including the budget row, and the part of it that applies (不适用 rows excluded) */
  totalWeight: number;
  applicableWeight: number;
  /** Σ得分 including the budget row, before rescaling and capping */
  rawScore: number;
  total: number;
  grade: Grade;
}

export type Grade = '优' | '良' | '中' | '差';

export function gradeOf(total: number): Grade {
  return gte(total, 90) ? '优' : gte(total, 80) ? '良' : gte(total, 60) ? '中' : '差';
}

/** Ceiling of the total for a given 执行率, when the cap setting is on. */
export function executionCap(rate: number): number {
  if (rate < 0.5) return 59;
  if (rate < 0.6) return 69;
  if (rate < 0.7) return 79;
  if (rate < 0.8) return 89;
  return 100;
}

/** Sum as a spreadsheet adds a column: left to right, in double precision. */
function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** Groups of consecutive rows sharing a 一级 label, in order (the sheet merges them and subtotals each). */
export function level1Groups(rows: IndicatorRow[]): { level1: string; start: number; end: number }[] {
  const groups: { level1: string; start: number; end: number }[] = [];
  rows.forEach((r, i) => {
    const last = groups[groups.length - 1];
    if (last && last.level1 === r.level1) last.end = i;
    else groups.push({ level1: r.level1, start: i, end: i });
  });
  return groups;
}

export function scoreBudget(form: Form): BudgetResult {
  const t = fundTotal(form.budget);
  const rate = t.annual !== null && t.annual > 0 ? round((t.executed ?? 0) / t.annual, 4) : null;
  const weight = form.budget.weight;
  const score = rate === null ? 0 : round(weight * Math.min(1, rate), 2);
  return { annual: t.annual, executed: t.executed, rate, weight, score };
}

export function scoreForm(form: Form): FormResult {
  const p = form.params;
  const rows = form.rows.map((r) => scoreIndicator(r, p));
  const subtotals = level1Groups(form.rows).map((g) => {
    const idx = Array.from({ length: g.end - g.start + 1 }, (_, k) => g.start + k);
    return {
      level1: g.level1,
      weight: sum(idx.map((i) => form.rows[i].weight)),
      applicableWeight: sum(idx.filter((i) => rows[i].status !== '不适用').map((i) => form.rows[i].weight)),
      score: sum(idx.map((i) => rows[i].score ?? 0)),
    };
  });
  const budget = scoreBudget(form);
  const totalWeight = sum(form.rows.map((r) => r.weight)) + budget.weight;
  const applicableWeight =
    sum(form.rows.filter((_, i) => rows[i].status !== '不适用').map((r) => r.weight)) + budget.weight;
  const rawScore = sum(rows.map((r) => r.score ?? 0)) + budget.score;
  const anyNa = rows.some((r) => r.status === '不适用');
  let total = round(p.naRescale && anyNa && applicableWeight > 0 ? (rawScore / applicableWeight) * 100 : rawScore, 2);
  if (p.capByExecution && budget.rate !== null) total = Math.min(total, executionCap(budget.rate));
  return { rows, subtotals, budget, totalWeight, applicableWeight, rawScore, total, grade: gradeOf(total) };
}
