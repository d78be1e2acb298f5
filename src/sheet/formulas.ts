// The only place that writes formula text. Each function is the sheet's twin of a branch in src/domain/rules.ts;
// test/sheet/engine-matrix.test.ts evaluates them in LibreOffice and compares with rules.ts.
//
// WPS-safe functions only (domain.md §6). AND/OR evaluate every argument, so anything that can be an error or text
// (a division, a comparison with a cell that may hold text) is guarded with nested IF, never with AND/OR.

import { QUAL_LABELS } from '../domain/target';

/** Names of the rule-parameter cells of one form (workbook-scoped defined names). */
export interface ParamNames {
  reverse: string;
  achievedMin: string;
  partialMin: string;
  achievedRate: string;
  partialRate: string;
  failedRate: string;
  overThreshold: string;
  naRescale: string;
  capByExecution: string;
}

export function paramNames(prefix: string): ParamNames {
  return {
    reverse: `${prefix}_REVERSE`,
    achievedMin: `${prefix}_ACH_MIN`,
    partialMin: `${prefix}_PART_MIN`,
    achievedRate: `${prefix}_ACH`,
    partialRate: `${prefix}_PART`,
    failedRate: `${prefix}_FAIL`,
    overThreshold: `${prefix}_OVER`,
    naRescale: `${prefix}_RESCALE`,
    capByExecution: `${prefix}_CAP`,
  };
}

/** Addresses of one indicator row's cells (relative, e.g. "E10"). */
export interface RowRefs {
  text: string; // 年度指标值 as written
  kind: string; // 指标性质: ≥ ≤ = 比例 定性 是否 不适用 无法识别
  target: string; // 目标数值
  actual: string; // 实际完成值
  override: string; // 定性得分率
  weight: string; // 分值
  completion: string; // 完成率
  score: string; // 得分
  status: string; // 状态
  reason: string; // 偏差原因分析及改进措施
}

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Formula text with `code` applied to every part outside string literals ("…", quotes doubled inside). */
export function mapOutsideStrings(formula: string, code: (part: string) => string): string {
  let out = '';
  let i = 0;
  const f = formula;
  while (i < f.length) {
    if (f[i] === '"') {
      let j = i + 1;
      while (j < f.length) {
        if (f[j] === '"') {
          if (f[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += f.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < f.length && f[j] !== '"') j++;
    out += code(f.slice(i, j));
    i = j;
  }
  return out;
}

/** Rate inside a qualitative band: the evaluator's 得分率 clamped into [lo, hi], or the band's default. */
function bandRate(override: string, lo: string, hi: string, def: string): string {
  return `ROUND(IF(ISNUMBER(${override}),MIN(${hi},MAX(${lo},${override})),${def}),4)`;
}

function qualitativeRate(r: RowRefs, p: ParamNames): string {
  const H = r.actual;
  return (
    `IF(${H}=${q(QUAL_LABELS.achieved)},${bandRate(r.override, p.achievedMin, '1', p.achievedRate)},` +
    `IF(${H}=${q(QUAL_LABELS.partial)},${bandRate(r.override, p.partialMin, p.achievedMin, p.partialRate)},` +
    `IF(${H}=${q(QUAL_LABELS.failed)},${bandRate(r.override, '0', p.partialMin, p.failedRate)},"")))`
  );
}

/** Completion of a quantitative row; H is known to be a non-negative number here. */
function quantitativeRate(r: RowRefs, p: ParamNames): string {
  const { kind: E, target: F, actual: H } = r;
  const ratio = `IF(${H}<=0,"",ROUND(${F}/${H},4))`;
  const reverse =
    `IF(${F}=0,IF(${H}<=0,1,0),IF(${H}<=${F},1,` +
    `ROUND(IF(${p.reverse}=2,MAX(0,1-(${H}-${F})/${F}),${F}/${H}),4)))`;
  const forward = `IF(${F}=0,IF(${E}="=",IF(${H}<=0,1,0),IF(${H}>=0,1,0)),ROUND(${H}/${F},4))`;
  return `IF(${E}="比例",${ratio},IF(${E}="≤",${reverse},${forward}))`;
}

/** 完成率: "" when not applicable, not filled or not computable. */
export function completionFormula(r: RowRefs, p: ParamNames): string {
  const { kind: E, target: F, actual: H } = r;
  return (
    `=IF(${E}="不适用","",IF(${E}="无法识别","",IF(${H}="","",` +
    `IF(${E}="定性",${qualitativeRate(r, p)},` +
    `IF(${E}="是否",IF(OR(${H}="是",${H}="否"),IF(${H}=${F},1,0),""),` +
    `IF(AND(ISNUMBER(${H}),ISNUMBER(${F})),IF(${H}<0,"",${quantitativeRate(r, p)}),""))))))`
  );
}

/** 得分 = W · min(1, 完成率), 2 decimals. */
export function scoreFormula(r: RowRefs): string {
  return `=IF(${r.completion}="","",ROUND(${r.weight}*MIN(1,${r.completion}),2))`;
}

/** 状态: 不适用 / 无法计算 / 未填 / 超额·需说明 / 达标 / 未达标. A row whose 年度指标值 is still blank is 未填. */
export function statusFormula(r: RowRefs, p: ParamNames): string {
  const { text: D, kind: E, actual: H, completion: K, score: L, weight: J } = r;
  const over = `IF(OR(${E}="≥",${E}="=",${E}="比例"),${K}>=${p.overThreshold},FALSE)`;
  return (
    `=IF(${E}="不适用","不适用",IF(${E}="无法识别",IF(${D}="","未填","无法计算"),IF(${H}="","未填",IF(${K}="","无法计算",` +
    `IF(${over},"超额·需说明",IF(${L}>=ROUND(${J},2),"达标","未达标"))))))`
  );
}

/**
 * 提示: why a row cannot be computed, that a 偏差原因 is missing, or that a 得分率 was clamped into its band.
 * For an unreadable target the reason is a constant in the target cell (user text never enters a formula).
 */
export function hintFormula(r: RowRefs): string {
  const { text: D, kind: E, target: F, actual: H, override: I, completion: K, status: M, reason: N } = r;
  const why =
    `IF(${E}="无法识别",${F},IF(${E}="定性","请从下拉列表选择完成情况",IF(${E}="是否",IF(OR(${F}="是",${F}="否"),"实际完成值应为「是」或「否」","目标数值应为「是」或「否」"),` +
    `IF(ISNUMBER(${F})=FALSE,"目标数值应为数字",IF(${E}="比例","比例请填写 1:N 中的 N（大于 0）",IF(ISNUMBER(${H}),"实际完成值不能为负数","实际完成值应为数字"))))))`;
  const clamp = `IF(${E}="定性",IF(ISNUMBER(${I}),IF(ISNUMBER(${K}),IF(ROUND(${I},4)=${K},"","定性得分率超出所选档次，已按档次边界计分"),""),""),"")`;
  const blankTarget = `IF(${E}="无法识别",IF(${D}="","请填写年度指标值",""),"")`;
  return `=IF(${M}="无法计算",${why},IF(OR(${M}="未达标",${M}="超额·需说明"),IF(${N}="","请填写偏差原因分析",${clamp}),IF(${M}="未填",${blankTarget},${clamp})))`;
}

/** 年度资金总额 = sum of its parts; blank while no part is filled in. */
export function fundSumFormula(range: string): string {
  return `=IF(COUNT(${range})=0,"",SUM(${range}))`;
}

/** 执行率 = 全年执行数 / 全年预算数, 4 decimals; blank without a positive 全年预算数. */
export function budgetRateFormula(annual: string, executed: string): string {
  return `=IF(ISNUMBER(${annual}),IF(${annual}>0,ROUND(IF(ISNUMBER(${executed}),${executed},0)/${annual},4),""),"")`;
}

/** 预算执行率得分 = W · min(1, 执行率); 0 without a rate. */
export function budgetScoreFormula(weight: string, rate: string): string {
  return `=IF(${rate}="",0,ROUND(${weight}*MIN(1,${rate}),2))`;
}

export function sumFormula(...ranges: string[]): string {
  return `=SUM(${ranges.join(',')})`;
}

/** Σ分值 of the rows that apply (不适用 rows excluded), plus extra cells (the budget row). */
export function applicableWeightFormula(statusRange: string, weightRange: string, ...extra: string[]): string {
  return `=SUMIF(${statusRange},"<>不适用",${weightRange})${extra.map((e) => `+${e}`).join('')}`;
}

/** Share of a subtotal in its weight, for the summary block. */
export function shareFormula(score: string, weight: string): string {
  return `=IF(${weight}>0,ROUND(${score}/${weight},4),"")`;
}

/** Total before the cap: rescaled to 100 when rows are 不适用 and the setting says so, 2 decimals. */
export function rescaledTotalFormula(raw: string, applicable: string, statusRange: string, p: ParamNames): string {
  return (
    `=ROUND(IF(${p.naRescale}=1,IF(COUNTIF(${statusRange},"不适用")>0,IF(${applicable}>0,${raw}/${applicable}*100,${raw}),${raw}),${raw}),2)`
  );
}

/** 总分: capped by 执行率 when that setting is on (≥80% none; 70–80% 89; 60–70% 79; 50–60% 69; <50% 59). */
export function totalFormula(rescaled: string, rate: string, p: ParamNames): string {
  const cap = `IF(${rate}<0.5,59,IF(${rate}<0.6,69,IF(${rate}<0.7,79,IF(${rate}<0.8,89,100))))`;
  return `=IF(${p.capByExecution}=1,IF(ISNUMBER(${rate}),MIN(${rescaled},${cap}),${rescaled}),${rescaled})`;
}

export function gradeFormula(total: string): string {
  return `=IF(${total}>=90,"优",IF(${total}>=80,"良",IF(${total}>=60,"中","差")))`;
}

/** Conditional-format conditions for the indicator rows (relative to the first row). */
export function statusIs(statusCell: string, status: string): string {
  return `=${statusCell}=${q(status)}`;
}

export function missingReasonCondition(statusCell: string, reasonCell: string): string {
  return `=IF(OR(${statusCell}="未达标",${statusCell}="超额·需说明"),${reasonCell}="",FALSE)`;
}

/** A hand-typed score (from a converted table) that differs from the computed one by more than rounding. */
export function handScoreDiffers(handCell: string, scoreCell: string): string {
  return `=IF(ISNUMBER(${handCell}),IF(ISNUMBER(${scoreCell}),ABS(${handCell}-${scoreCell})>0.005,FALSE),FALSE)`;
}
