// 审核: checks of docs/domain.md §4 on any self-evaluation table — ours or typed by hand — as plain data.
// The table arrives already located and read (src/sheet/findTables.ts); every finding names the cell it is about.

import { blankRow } from './form';
import { profileById, round, RowStatus, RuleParams, scoreIndicator } from './rules';
import { formatQuantity, parseActual, parseTarget, QualLevel, Target } from './target';

export type Severity = '错误' | '警告' | '提示';

export type CheckId =
  | 'score-above-weight'
  | 'score-differs-from-rule'
  | 'missing-deviation-reason'
  | 'over-achievement-unexplained'
  | 'qualitative-score-outside-band'
  | 'weights-not-100'
  | 'heading-points-mismatch'
  | 'actual-not-number'
  | 'target-unreadable'
  | 'unit-mismatch'
  | 'budget-total-not-sum'
  | 'execution-rate-wrong'
  | 'budget-score-wrong'
  | 'total-not-sum'
  | 'duplicate-indicator'
  | 'template-placeholder'
  | 'blank-required-cell'
  | 'narrative-blank';

export const CHECKS: Record<CheckId, { severity: Severity; zh: string; en: string }> = {
  'score-above-weight': { severity: '错误', zh: '得分超过分值', en: 'Score above weight' },
  'score-differs-from-rule': { severity: '错误', zh: '得分与评分规则不符', en: 'Score differs from the rule' },
  'missing-deviation-reason': { severity: '警告', zh: '未达标但缺少偏差原因分析', en: 'Target missed, no reason given' },
  'over-achievement-unexplained': { severity: '警告', zh: '超额完成未作说明', en: 'Over-achievement not explained' },
  'qualitative-score-outside-band': { severity: '警告', zh: '定性指标得分不在所属档次内', en: 'Qualitative score outside its band' },
  'weights-not-100': { severity: '错误', zh: '分值合计不等于100', en: 'Weights do not add up to 100' },
  'heading-points-mismatch': { severity: '错误', zh: '一级指标标注分值与下属分值合计不符', en: 'Heading points differ from the weights below' },
  'actual-not-number': { severity: '错误', zh: '定量指标的实际完成值不是数值', en: 'Quantitative actual is not a number' },
  'target-unreadable': { severity: '警告', zh: '年度指标值无法识别', en: 'Target cannot be read' },
  'unit-mismatch': { severity: '警告', zh: '实际完成值与年度指标值单位不一致', en: 'Units of target and actual differ' },
  'budget-total-not-sum': { severity: '错误', zh: '年度资金总额不等于各项资金之和', en: 'Fund total is not the sum of its parts' },
  'execution-rate-wrong': { severity: '错误', zh: '预算执行率计算有误', en: 'Execution rate is wrong' },
  'budget-score-wrong': { severity: '错误', zh: '预算执行率得分有误', en: 'Budget score is wrong' },
  'total-not-sum': { severity: '错误', zh: '总分不等于各项得分之和', en: 'Total is not the sum of the scores' },
  'duplicate-indicator': { severity: '警告', zh: '三级指标重复', en: 'Duplicate indicator' },
  'template-placeholder': { severity: '警告', zh: '残留模板占位内容', en: 'Template placeholder left in' },
  'blank-required-cell': { severity: '警告', zh: '必填单元格为空', en: 'Required cell is blank' },
  'narrative-blank': { severity: '提示', zh: '文字说明栏为空', en: 'Narrative field is blank' },
};

/** A cell as the reviewer sees it: its text, its number if it holds one, its address ("C12"). */
export interface RCell {
  text: string;
  num: number | null;
  ref: string;
  /** number format, when the reader knows it ('0.00%' tells 0.95 means 95%) */
  fmt?: string;
  /** the cell holds a formula; without a computed result (a file never opened in a spreadsheet) num is null */
  formula?: boolean;
}

/** A formula whose result the file does not carry: nothing to check. */
const uncomputed = (c: RCell | null | undefined): boolean => !!c?.formula && c.num === null && c.text === '';

export interface ReviewRow {
  sheetRow: number;
  level1: string;
  level2: string;
  level3: RCell;
  target: RCell;
  actual: RCell | null;
  weight: RCell | null;
  score: RCell | null;
  reason: RCell | null;
}

export interface ReviewBudgetLine {
  label: RCell;
  initial: RCell | null;
  annual: RCell | null;
  executed: RCell | null;
}

export interface ReviewBudget {
  /** the 年度资金总额 line (or the only line, in layouts without parts) */
  total: ReviewBudgetLine;
  parts: ReviewBudgetLine[];
  weight: RCell | null;
  rate: RCell | null;
  score: RCell | null;
}

export interface ReviewTable {
  sheet: string;
  /** address of the header row's first cell, to name the table */
  anchor: string;
  rows: ReviewRow[];
  /** 一级 labels that carry points: "产出指标（50分）" → 50 */
  headings: { level1: string; points: number; ref: string }[];
  budget: ReviewBudget | null;
  /** the 总分 / 合计 row */
  total: { label: RCell; weight: RCell | null; score: RCell | null } | null;
  /** narrative cells (年度总体目标, 实际完成情况 …) */
  narratives: { label: string; cell: RCell }[];
  /** header fields found above the table (项目名称, 主管部门, 实施单位), and its title */
  meta: { title: string; projectName: string; department: string; unit: string };
  /** true for a table made by this product: its 总分 may be rescaled (不适用) or capped, so it is not a plain sum */
  ours: boolean;
}

export interface Finding {
  id: CheckId;
  severity: Severity;
  sheet: string;
  cell: string;
  message: { zh: string; en: string };
  fix?: { zh: string; en: string };
}

/** The score a row should have under the profile, next to the score it has. */
export interface RowVerdict {
  sheetRow: number;
  level3: string;
  has: number | null;
  should: number | null;
  status: RowStatus;
}

export interface ReviewResult {
  findings: Finding[];
  rows: RowVerdict[];
}

const PLACEHOLDER = /^(指标\s*\d+\s*[:：]?\s*(…|\.{3}|……)?\s*|…+|\.{3,}|……)$/u;

/** Text of an actual as the parser should see it: a number from a percent-formatted cell is a fraction. */
export function actualTextOf(cell: RCell, target: Target): string {
  if (cell.num === null) return cell.text;
  if (target.kind === 'number' && (target.unit === '%' || target.unit === '‰')) {
    const fraction = cell.fmt ? cell.fmt.includes('%') : cell.num <= 1.5 && target.value >= 0.1;
    return fraction ? formatQuantity(cell.num, target.unit === '‰' ? '‰' : '%') : `${cell.num}`;
  }
  if (target.kind === 'ratio') return `1:${cell.num}`;
  return cell.text || String(cell.num);
}

function bandOf(level: QualLevel, p: RuleParams): [number, number] {
  if (level === 'achieved') return [p.achievedMin, 1];
  if (level === 'partial') return [p.partialMin, p.achievedMin];
  return [0, p.partialMin];
}

const near = (a: number, b: number, tol = 0.011): boolean => Math.abs(a - b) <= tol;
const fmt2 = (x: number): string => String(round(x, 2));

export function reviewTable(t: ReviewTable, params: RuleParams = profileById('national').params): ReviewResult {
  const findings: Finding[] = [];
  const add = (id: CheckId, cell: string, zh: string, en: string, fix?: { zh: string; en: string }): void => {
    findings.push({ id, severity: CHECKS[id].severity, sheet: t.sheet, cell, message: { zh, en }, fix });
  };
  const verdicts: RowVerdict[] = [];
  const seen = new Map<string, string>();

  for (const r of t.rows) {
    const name = r.level3.text;
    const label = name || `第${r.sheetRow}行`;
    // 10. placeholders, duplicates, blank required cells
    if (PLACEHOLDER.test(name) || /……/.test(r.target.text)) {
      add('template-placeholder', r.level3.ref, `「${name || r.target.text}」是模板占位内容，应填写具体指标或删除该行`, `"${name}" is a template placeholder`);
    } else if (name) {
      const key = `${r.level2}|${name.replace(/^指标\s*\d+\s*[:：]\s*/u, '')}`;
      const first = seen.get(key);
      if (first) add('duplicate-indicator', r.level3.ref, `三级指标「${name}」与 ${first} 重复`, `Indicator "${name}" duplicates ${first}`);
      else seen.set(key, r.level3.ref);
    }
    if (!name) add('blank-required-cell', r.level3.ref, '三级指标名称为空', 'Indicator name is blank');

    const target = parseTarget(r.target.text, name);
    if (target.kind === 'invalid' && r.target.text.trim() !== '') {
      add('target-unreadable', r.target.ref, target.reason, `Target "${r.target.text}" cannot be read`);
    } else if (target.kind === 'invalid') {
      add('blank-required-cell', r.target.ref, `「${label}」的年度指标值为空`, 'Target is blank');
    }
    const weight = r.weight?.num ?? null;
    if (r.weight && weight === null && target.kind !== 'na' && r.weight.text !== '/') {
      add('blank-required-cell', r.weight.ref, `「${label}」的分值${r.weight.text ? `「${r.weight.text}」不是数字` : '为空'}`, 'Weight is blank or not a number');
    }
    const actualText = r.actual ? actualTextOf(r.actual, target) : '';
    const actual = parseActual(actualText, target);
    if (r.actual && actual.kind === 'invalid' && target.kind === 'number') {
      const unit = /单位不一致/.test(actual.reason);
      add(unit ? 'unit-mismatch' : 'actual-not-number', r.actual.ref, actual.reason, unit ? 'Units differ' : `Actual "${r.actual.text}" is not a number`, unit ? undefined : { zh: '填写实际数值', en: 'Enter the actual figure' });
    }

    // The score it should have, under the chosen rules.
    const has = r.score?.num ?? null;
    const scored = weight === null ? null : scoreIndicator({ ...blankRow(r.level1, r.level2, name, r.target.text, weight), actual: actualText, reason: r.reason?.text ?? '' }, params);
    let should = scored?.score ?? null;
    const status = scored?.status ?? '无法计算';
    if (scored && actual.kind === 'qualitative' && weight !== null && has !== null && weight > 0) {
      // Inside the band the evaluator decides; only a score outside it is wrong.
      const [lo, hi] = bandOf(actual.level, params);
      if (has / weight < lo - 1e-9 || has / weight > hi + 1e-9) {
        add('qualitative-score-outside-band', r.score!.ref, `「${label}」完成情况为「${actualText}」，得分应在 ${fmt2(weight * lo)}–${fmt2(weight * hi)} 分之间，表中为 ${has}`, `Score ${has} outside the band ${fmt2(weight * lo)}–${fmt2(weight * hi)}`);
      }
      should = has / weight >= lo - 1e-9 && has / weight <= hi + 1e-9 ? has : should;
    }
    verdicts.push({ sheetRow: r.sheetRow, level3: name, has, should, status });

    // 1. score ≤ weight
    if (has !== null && weight !== null && has > weight + 1e-9) {
      add('score-above-weight', r.score!.ref, `「${label}」得分 ${has} 超过分值 ${weight}`, `Score ${has} above weight ${weight}`, { zh: `得分不应超过 ${weight}`, en: `At most ${weight}` });
    } else if (has !== null && should !== null && actual.kind !== 'qualitative' && !near(has, should)) {
      add('score-differs-from-rule', r.score!.ref, `「${label}」按评分规则应得 ${fmt2(should)} 分，表中为 ${has}`, `Should score ${fmt2(should)}, has ${has}`, { zh: `改为 ${fmt2(should)}`, en: `Change to ${fmt2(should)}` });
    }
    // 2–3. reasons
    const reasonBlank = !r.reason || r.reason.text.trim() === '';
    const missed = has !== null && weight !== null ? has < weight - 1e-9 : status === '未达标';
    if (r.reason && reasonBlank && missed && status !== '不适用') {
      add('missing-deviation-reason', r.reason.ref, `「${label}」未得满分，偏差原因分析及改进措施为空`, 'Score below weight and no reason given', { zh: '填写偏差原因分析及改进措施', en: 'Explain the deviation' });
    } else if (r.reason && reasonBlank && status === '超额·需说明') {
      add('over-achievement-unexplained', r.reason.ref, `「${label}」超额完成（完成率 ${Math.round((scored?.completion ?? 0) * 100)}%），应说明原因`, 'Over-achievement should be explained');
    }
  }

  // 5 and 11. weights add up: per heading, and to 100 with the budget row.
  const weightOf = (rows: ReviewRow[]): number => rows.reduce((a, r) => a + (r.weight?.num ?? 0), 0);
  for (const h of t.headings) {
    const below = weightOf(t.rows.filter((r) => r.level1 === h.level1));
    if (below > 0 && !near(below, h.points)) {
      add('heading-points-mismatch', h.ref, `一级指标「${h.level1 || '（未命名）'}」标注 ${h.points} 分，下属三级指标分值合计 ${fmt2(below)} 分`, `Heading says ${h.points}, weights below add up to ${fmt2(below)}`);
    }
  }
  const budgetWeight = t.budget?.weight?.num ?? 0;
  const totalWeight = weightOf(t.rows) + budgetWeight;
  const anyWeight = t.rows.some((r) => r.weight?.num !== null && r.weight?.num !== undefined);
  if (anyWeight && !near(totalWeight, 100) && !t.rows.some((r) => parseTarget(r.target.text, r.level3.text).kind === 'na')) {
    add('weights-not-100', t.total?.weight?.ref ?? t.anchor, `分值合计为 ${fmt2(totalWeight)}（含预算执行率 ${budgetWeight} 分），应为 100`, `Weights add up to ${fmt2(totalWeight)}, not 100`);
  }

  // 7. budget block.
  let budgetShould: number | null = null;
  if (t.budget) {
    const b = t.budget;
    const cols: ('initial' | 'annual' | 'executed')[] = ['initial', 'annual', 'executed'];
    for (const c of cols) {
      const total = b.total[c];
      const parts = b.parts.map((p) => p[c]?.num ?? null).filter((x): x is number => x !== null);
      if (total && parts.length > 0 && !uncomputed(total)) {
        const sum = parts.reduce((x, y) => x + y, 0);
        if ((total.num ?? 0) === 0 ? sum !== 0 : !near(total.num ?? 0, sum, 0.005)) {
          add('budget-total-not-sum', total.ref, `年度资金总额为 ${total.text || '空'}，其下各项合计 ${fmt2(sum)}`, `Fund total ${total.text} differs from the sum of its parts ${fmt2(sum)}`, { zh: `应为 ${fmt2(sum)}`, en: `Should be ${fmt2(sum)}` });
        }
      }
    }
    const sumOf = (c: 'annual' | 'executed'): number | null => {
      const total = b.total[c]?.num ?? null;
      const parts = b.parts.map((p) => p[c]?.num ?? null).filter((x): x is number => x !== null);
      if (total !== null && total !== 0) return total;
      return parts.length ? parts.reduce((x, y) => x + y, 0) : total;
    };
    const A = sumOf('annual');
    const B = sumOf('executed');
    const rate = A !== null && A > 0 && B !== null ? round(B / A, 4) : null;
    if (rate !== null && b.rate && b.rate.num !== null) {
      const shown = b.rate.num > 1.5 ? b.rate.num / 100 : b.rate.num;
      if (!near(shown, rate, 0.0051)) add('execution-rate-wrong', b.rate.ref, `执行率应为 ${fmt2(rate * 100)}%（全年执行数 ÷ 全年预算数），表中为 ${b.rate.text}`, `Execution rate should be ${fmt2(rate * 100)}%`);
    }
    if (rate !== null && b.weight?.num !== null && b.weight?.num !== undefined) {
      budgetShould = round(b.weight.num * Math.min(1, rate), 2);
      if (b.score && b.score.num !== null && !near(b.score.num, budgetShould)) {
        add('budget-score-wrong', b.score.ref, `预算执行率得分应为 ${budgetShould}（${b.weight.num} × ${fmt2(Math.min(1, rate) * 100)}%），表中为 ${b.score.text}`, `Budget score should be ${budgetShould}`, { zh: `改为 ${budgetShould}`, en: `Change to ${budgetShould}` });
      }
    }
  }

  // 9. the total equals the sum of its parts.
  if (t.total?.score && t.total.score.num !== null) {
    const sum = t.rows.reduce((a, r) => a + (r.score?.num ?? 0), 0) + (t.budget?.score?.num ?? 0);
    if (!near(sum, t.total.score.num, 0.02) && !t.ours) {
      add('total-not-sum', t.total.score.ref, `总分为 ${t.total.score.text}，各项得分合计 ${fmt2(sum)}`, `Total ${t.total.score.text} differs from the sum ${fmt2(sum)}`, { zh: `应为 ${fmt2(sum)}`, en: `Should be ${fmt2(sum)}` });
    }
  }

  // 12. narratives.
  for (const n of t.narratives) {
    if (n.cell.text.trim() === '') add('narrative-blank', n.cell.ref, `「${n.label}」为空`, `"${n.label}" is blank`);
  }
  return { findings, rows: verdicts };
}
