// Form → SheetPlan: where every cell of the 绩效自评表 goes (docs/domain.md §1, §6, §7).

import { Form, FUND_TOTAL_LABEL, IndicatorRow } from '../domain/form';
import { level1Groups, PROFILES, RowKind, rowKind, RuleParams } from '../domain/rules';
import { STANDARDS } from '../domain/standards';
import { Actual, describeTarget, parseActual, parseTarget, QUAL_LABELS, Target } from '../domain/target';
import * as fx from './formulas';
import { addr, CellValue, colName, ConditionalRule, PlanCell, RangeRef, SheetPlan, StyleName, ValidationRule } from './plan';

/** Table columns, in order. The first eight labels are the exact headers of domain.md §1. */
export const COL = {
  level1: 1,
  level2: 2,
  level3: 3,
  target: 4,
  kind: 5,
  targetValue: 6,
  unit: 7,
  actual: 8,
  override: 9,
  weight: 10,
  completion: 11,
  score: 12,
  status: 13,
  reason: 14,
  hint: 15,
} as const;
export const COL_COUNT = 15;
/** Forms converted from a hand-made table keep its hand-typed scores in one more column, for comparison. */
export const HAND_SCORE_COL = 16;
export const HAND_SCORE_HEADER = '原表得分';

export const HEADERS: Record<keyof typeof COL, string> = {
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  target: '年度指标值',
  kind: '指标性质',
  targetValue: '目标数值',
  unit: '度量单位',
  actual: '实际完成值',
  override: '定性得分率',
  weight: '分值',
  completion: '完成率',
  score: '得分',
  status: '状态',
  reason: '偏差原因分析及改进措施',
  hint: '提示',
};

const WIDTHS = [12, 16, 30, 14, 7, 10, 7, 13, 9, 7, 9, 8, 11, 30, 26];

/** Fixed rows of the header block. */
export const ROW = {
  title: 1,
  meta: 2,
  budgetHeader: 3,
  fundTotal: 4,
  fundFirstPart: 5,
  goal: 8,
  header: 9,
  firstIndicator: 10,
} as const;

/** Budget block columns (each spans two table columns where it sits over narrow ones). */
export const BUDGET_COL = { initial: 4, annual: 6, executed: 8, weight: 10, rate: 11, score: 12 } as const;

export const PARAM_LABELS = {
  profile: '规则口径',
  standard: '表样',
  year: '年度',
  reverse: '反向指标计分（1=比值法 A/B×分值，2=线性扣分）',
  achievedMin: '定性“达成”档下限',
  partialMin: '定性“部分达成”档下限',
  achievedRate: '定性“达成”默认得分率',
  partialRate: '定性“部分达成”默认得分率',
  failedRate: '定性“未达成”默认得分率',
  overThreshold: '超额完成阈值（实际/目标）',
  naRescale: '不适用指标折算为百分制（1=是，0=否）',
  capByExecution: '总分按预算执行率封顶（1=是，0=否）',
} as const;

export interface PlanOptions {
  sheetName?: string;
  /** prefix of the workbook names of this form (JXZP1, JXZP2 … when a workbook holds several forms) */
  prefix?: string;
}

export const DEFAULT_PREFIX = 'JXZP1';

/** Names the layout defines, relative to a prefix. */
export function formNames(prefix: string) {
  return {
    table: `${prefix}_TABLE`,
    budget: `${prefix}_BUDGET`,
    total: `${prefix}_TOTAL`,
    grade: `${prefix}_GRADE`,
    name: `${prefix}_NAME`,
    department: `${prefix}_DEPT`,
    unit: `${prefix}_UNIT`,
    goal: `${prefix}_GOAL`,
    goalResult: `${prefix}_GOAL_RESULT`,
    profile: `${prefix}_PROFILE`,
    standard: `${prefix}_STANDARD`,
    year: `${prefix}_YEAR`,
    ...fx.paramNames(prefix),
  };
}

const PERCENT = '0.00%';
const MONEY = '#,##0.00';
const POINTS = '0.00';

function unitFormat(unit: string, integral: boolean): string {
  if (unit === '%') return PERCENT;
  if (unit === '‰') return '0.000%';
  const base = unit === '万元' || unit === '元' || unit === '亿元' || !integral ? MONEY : '#,##0';
  return unit ? `${base}"${unit.replace(/"/g, '')}"` : base;
}

/** What the 实际完成值 cell holds: the number in the target's unit, the drop-down answer, or the text as typed. */
export function actualCellValue(actual: Actual, raw: string): CellValue {
  switch (actual.kind) {
    case 'empty':
      return null;
    case 'number':
      return actual.value;
    case 'ratio':
      return actual.n;
    case 'yesno':
      return actual.yes ? '是' : '否';
    case 'qualitative':
      return QUAL_LABELS[actual.level];
    case 'na':
    case 'invalid':
      // Kept as typed (as text, never a formula) so the sheet shows 无法计算 and the person sees what they wrote.
      return raw.trim() === '' ? null : raw;
  }
}

function targetCells(t: Target, text: string): { value: CellValue; unit: string; numFmt?: string } {
  switch (t.kind) {
    case 'number':
      return { value: t.value, unit: t.unit, numFmt: unitFormat(t.unit, Number.isInteger(t.value)) };
    case 'ratio':
      return { value: t.n, unit: '比例', numFmt: '"1:"0' };
    case 'yesno':
      return { value: t.yes ? '是' : '否', unit: '' };
    case 'qualitative':
      return { value: '—', unit: '' };
    case 'na':
      return { value: '/', unit: '' };
    case 'invalid':
      // The reason is shown (the 提示 column reads it from here); a blank template row just stays blank.
      return { value: text.trim() === '' ? '' : t.reason, unit: '' };
  }
}

const KIND_VALIDATION: ValidationRule = {
  type: 'list',
  items: ['≥', '≤', '=', '比例', '定性', '是否', '不适用'],
  promptTitle: '指标性质（由年度指标值读出）',
  prompt: '≥ 正向、≤ 反向、= 等于、比例 1:N、定性、是否、不适用。读错时可在此更正，并核对目标数值与度量单位。',
  error: '请从下拉列表中选择指标性质。',
};

function actualValidation(kind: RowKind, t: Target, row: IndicatorRow): ValidationRule | null {
  const head = `年度指标值：${describeTarget(t)}`.slice(0, 120);
  switch (kind) {
    case '定性':
      return {
        type: 'list',
        items: [QUAL_LABELS.achieved, QUAL_LABELS.partial, QUAL_LABELS.failed],
        promptTitle: '实际完成值',
        prompt: `${head}。请选择完成情况，可在“定性得分率”中给出档内得分率。`,
        error: '请从下拉列表中选择完成情况。',
      };
    case '是否':
      return { type: 'list', items: ['是', '否'], promptTitle: '实际完成值', prompt: `${head}。请选择“是”或“否”。`, error: '请选择“是”或“否”。' };
    case '比例':
      return {
        type: 'decimal',
        min: 1,
        max: 1e9,
        promptTitle: '实际完成值',
        prompt: `${head}。请填写 1:N 中的 N，例如实际为 1:18 时填 18。`,
        error: '请填写 1:N 中的 N（不小于 1 的数字），不要输入“1:”。',
      };
    case '≥':
    case '≤':
    case '=': {
      const unit = t.kind === 'number' ? t.unit : '';
      const hint = unit === '%' || unit === '‰' ? '请填写百分数，例如 96%。' : `请填写数字${unit ? `（单位：${unit}）` : ''}。`;
      return {
        type: 'decimal',
        min: 0,
        max: 1e15,
        promptTitle: '实际完成值',
        prompt: `${head}。${hint}`,
        error: `${row.level3 ? `「${row.level3.slice(0, 40)}」` : '本指标'}的实际完成值应为不小于 0 的数字。`,
      };
    }
    default:
      return null;
  }
}

/** Row height in points for wrapped text (CJK characters are about two width units). */
function textHeight(text: string, width: number): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return Math.ceil(units / Math.max(1, width - 2)) * 15;
}

/** The rule parameters, in the order of their named cells below the table. */
export const PARAM_KEYS = [
  'reverse',
  'achievedMin',
  'partialMin',
  'achievedRate',
  'partialRate',
  'failedRate',
  'overThreshold',
  'naRescale',
  'capByExecution',
] as const satisfies readonly (keyof RuleParams)[];
const PARAM_ROWS = PARAM_KEYS;

/** The value a parameter's cell holds (the sheet's own coding: 1/2 for the reverse formula, 1/0 for switches). */
export function paramCellValue(key: keyof RuleParams, p: RuleParams): number {
  if (key === 'reverse') return p.reverse === 'linear' ? 2 : 1;
  if (key === 'naRescale') return p.naRescale ? 1 : 0;
  if (key === 'capByExecution') return p.capByExecution ? 1 : 0;
  return p[key];
}

/** Where the variable-height parts of a form's sheet go (the 总分 row, the summary block, the parameters). */
export function formGeometry(form: Form) {
  const groups = level1Groups(form.rows);
  const first = ROW.firstIndicator;
  const last = first + Math.max(form.rows.length, 1) - 1;
  const totalRow = last + 1;
  const summaryHeader = totalRow + 2;
  const summaryFirst = summaryHeader + 1;
  const summaryBudget = summaryFirst + groups.length;
  const summarySum = summaryBudget + 1;
  const summaryRescaled = summarySum + 1;
  const signatureRow = summaryRescaled + 2;
  const paramTitle = signatureRow + 3;
  const paramFirst = paramTitle + 1;
  const rowCount = paramFirst + 3 + PARAM_ROWS.length - 1;
  return { first, last, totalRow, summaryHeader, summaryFirst, summaryBudget, summarySum, summaryRescaled, signatureRow, paramTitle, paramFirst, rowCount };
}

export function planForm(form: Form, options: PlanOptions = {}): SheetPlan {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const names = formNames(prefix);
  const p = fx.paramNames(prefix);
  const standard = STANDARDS[form.meta.standard];
  const n = form.rows.length;
  const groups = level1Groups(form.rows);
  const { first, last, totalRow, summaryHeader, summaryFirst, summaryBudget, summarySum, summaryRescaled, signatureRow, paramTitle, paramFirst, rowCount } =
    formGeometry(form);
  const withHand = form.rows.some((r) => typeof r.handScore === 'number');
  const colCount = withHand ? HAND_SCORE_COL : COL_COUNT;
  const cells: (PlanCell | null)[][] = Array.from({ length: rowCount }, () => Array<PlanCell | null>(colCount).fill(null));
  const merges: RangeRef[] = [];
  const rowHeights: Record<number, number> = {};
  const set = (row: number, col: number, cell: PlanCell): void => {
    cells[row - 1][col - 1] = cell;
  };
  const text = (row: number, col: number, value: CellValue, style: StyleName = 'text', input = false): void =>
    set(row, col, { value, style, input: input || undefined });
  const formula = (row: number, col: number, f: string, numFmt?: string, style: StyleName = 'computed'): void =>
    set(row, col, { formula: f, style, numFmt });
  /** Merge a block and give every covered cell the block's style, so borders and fills cover it whole. */
  const merge = (row: number, col: number, rowEnd: number, colEnd: number): void => {
    const style = cells[row - 1][col - 1]?.style ?? 'text';
    for (let r = row; r <= rowEnd; r++)
      for (let c = col; c <= colEnd; c++) if (r !== row || c !== col) cells[r - 1][c - 1] = { style };
    merges.push({ row, col, rowEnd, colEnd });
  };
  const R = (row: number, col: number, rowEnd = row, colEnd = col): RangeRef => ({ row, col, rowEnd, colEnd });

  // Header block.
  text(ROW.title, 1, `${form.meta.title}（${form.meta.year}年度）`, 'title');
  merge(ROW.title, 1, ROW.title, COL_COUNT);
  rowHeights[ROW.title] = 30;
  text(ROW.meta, 1, standard.nameLabel, 'label');
  text(ROW.meta, 2, form.meta.projectName, 'inputText', true);
  merge(ROW.meta, 2, ROW.meta, 6);
  text(ROW.meta, 7, '主管部门', 'label');
  merge(ROW.meta, 7, ROW.meta, 8);
  text(ROW.meta, 9, form.meta.department, 'inputText', true);
  merge(ROW.meta, 9, ROW.meta, 11);
  text(ROW.meta, 12, '实施单位', 'label');
  merge(ROW.meta, 12, ROW.meta, 13);
  text(ROW.meta, 14, form.meta.unit, 'inputText', true);
  merge(ROW.meta, 14, ROW.meta, 15);
  rowHeights[ROW.meta] = 30;

  // Budget block: 年度资金总额 sums its parts, so a 0/0/0 total above a filled part cannot happen here.
  const bh = ROW.budgetHeader;
  text(bh, 1, '项目资金（万元）', 'label');
  merge(bh, 1, ROW.fundFirstPart + 2, 1);
  text(bh, 2, '', 'label');
  merge(bh, 2, bh, 3);
  const budgetHeads: [number, string, number][] = [
    [BUDGET_COL.initial, '年初预算数', 5],
    [BUDGET_COL.annual, '全年预算数（A）', 7],
    [BUDGET_COL.executed, '全年执行数（B）', 9],
  ];
  for (const [c, label, end] of budgetHeads) {
    text(bh, c, label, 'label');
    merge(bh, c, bh, end);
  }
  text(bh, BUDGET_COL.weight, '分值', 'label');
  text(bh, BUDGET_COL.rate, '执行率（B/A）', 'label');
  text(bh, BUDGET_COL.score, '得分', 'label');
  text(bh, 13, '说明', 'label');
  merge(bh, 13, bh, 15);
  rowHeights[bh] = 30;
  const ft = ROW.fundTotal;
  const partsFirst = ROW.fundFirstPart;
  const partsLast = partsFirst + form.budget.parts.length - 1;
  text(ft, 2, FUND_TOTAL_LABEL, 'label');
  merge(ft, 2, ft, 3);
  for (const [c, , end] of budgetHeads) {
    formula(ft, c, fx.fundSumFormula(`${addr(partsFirst, c)}:${addr(partsLast, c)}`), MONEY);
    merge(ft, c, ft, end);
  }
  set(ft, BUDGET_COL.weight, { value: form.budget.weight, style: 'computed', numFmt: POINTS });
  const annual = addr(ft, BUDGET_COL.annual);
  const rateCell = addr(ft, BUDGET_COL.rate);
  const budgetScoreCell = addr(ft, BUDGET_COL.score);
  formula(ft, BUDGET_COL.rate, fx.budgetRateFormula(annual, addr(ft, BUDGET_COL.executed)), PERCENT);
  formula(ft, BUDGET_COL.score, fx.budgetScoreFormula(addr(ft, BUDGET_COL.weight), rateCell), POINTS);
  text(ft, 13, '年度资金总额 = 下列各项之和', 'parsed');
  merge(ft, 13, ft, 15);
  const validations: SheetPlan['validations'] = [];
  form.budget.parts.forEach((part, i) => {
    const r = partsFirst + i;
    text(r, 2, part.label, 'label');
    merge(r, 2, r, 3);
    for (const [c, , end] of budgetHeads) {
      const v = c === BUDGET_COL.initial ? part.initial : c === BUDGET_COL.annual ? part.annual : part.executed;
      set(r, c, { value: v, style: 'input', numFmt: MONEY, input: true });
      merge(r, c, r, end);
    }
    for (const c of [BUDGET_COL.weight, BUDGET_COL.rate, BUDGET_COL.score]) text(r, c, '—', 'parsed');
    text(r, 13, '', 'text');
    merge(r, 13, r, 15);
  });
  validations.push({
    range: R(partsFirst, BUDGET_COL.initial, partsLast, 9),
    rule: { type: 'decimal', min: 0, max: 1e12, promptTitle: '资金（万元）', prompt: '请填写金额，单位：万元。', error: '金额应为不小于 0 的数字（万元）。' },
  });

  text(ROW.goal, 1, '年度总体目标', 'label');
  text(ROW.goal, 2, form.meta.goal, 'inputText', true);
  merge(ROW.goal, 2, ROW.goal, 7);
  text(ROW.goal, 8, '实际完成情况', 'label');
  text(ROW.goal, 9, form.meta.goalResult, 'inputText', true);
  merge(ROW.goal, 9, ROW.goal, 15);
  rowHeights[ROW.goal] = Math.max(45, textHeight(form.meta.goal, 50), textHeight(form.meta.goalResult, 60));

  // Table header.
  (Object.keys(COL) as (keyof typeof COL)[]).forEach((k) => text(ROW.header, COL[k], HEADERS[k], 'header'));
  if (withHand) text(ROW.header, HAND_SCORE_COL, HAND_SCORE_HEADER, 'header');
  rowHeights[ROW.header] = 30;

  // Indicator rows.
  const conditional: SheetPlan['conditionalFormats'] = [];
  form.rows.forEach((row, i) => {
    const r = first + i;
    const target = parseTarget(row.target, row.level3);
    const kind = rowKind(target);
    const actual = parseActual(row.actual, target);
    const refs: fx.RowRefs = {
      text: addr(r, COL.target),
      kind: addr(r, COL.kind),
      target: addr(r, COL.targetValue),
      actual: addr(r, COL.actual),
      override: addr(r, COL.override),
      weight: addr(r, COL.weight),
      completion: addr(r, COL.completion),
      score: addr(r, COL.score),
      status: addr(r, COL.status),
      reason: addr(r, COL.reason),
    };
    const tc = targetCells(target, row.target);
    text(r, COL.level1, row.level1, 'label');
    text(r, COL.level2, row.level2, 'text');
    text(r, COL.level3, row.level3, 'text');
    text(r, COL.target, row.target, 'text');
    // How the target was read, in cells of their own: visible, and correctable where no add-in runs (WPS).
    set(r, COL.kind, { value: kind, style: 'parsed', input: true });
    set(r, COL.targetValue, { value: tc.value, style: 'parsed', numFmt: tc.numFmt, input: true });
    set(r, COL.unit, { value: tc.unit, style: 'parsed', input: true });
    const editable = kind !== '不适用';
    set(r, COL.actual, {
      value: actualCellValue(actual, row.actual),
      style: editable ? 'input' : 'parsed',
      numFmt: tc.numFmt,
      input: editable || undefined,
    });
    if (kind === '定性') set(r, COL.override, { value: row.rateOverride, style: 'input', numFmt: PERCENT, input: true });
    else text(r, COL.override, '', 'parsed');
    set(r, COL.weight, { value: row.weight, style: 'computed', numFmt: POINTS });
    formula(r, COL.completion, fx.completionFormula(refs, p), PERCENT);
    formula(r, COL.score, fx.scoreFormula(refs), POINTS);
    formula(r, COL.status, fx.statusFormula(refs, p), undefined, 'parsed');
    text(r, COL.reason, row.reason, 'inputText', true);
    formula(r, COL.hint, fx.hintFormula(refs), undefined, 'note');
    if (withHand) set(r, HAND_SCORE_COL, { value: row.handScore ?? null, style: 'parsed', numFmt: POINTS });
    const v = actualValidation(kind, target, row);
    if (v) validations.push({ range: R(r, COL.actual), rule: v });
    if (kind === '定性') {
      validations.push({
        range: R(r, COL.override),
        rule: {
          type: 'decimal',
          min: 0,
          max: 1,
          promptTitle: '定性得分率（可选）',
          prompt: `达成 ${pct(form.params.achievedMin)}–100%；部分达成 ${pct(form.params.partialMin)}–${pct(form.params.achievedMin)}；未达成 0–${pct(form.params.partialMin)}。留空则按默认得分率。`,
          error: '得分率应在 0% 到 100% 之间。',
        },
      });
    }
    rowHeights[r] = Math.max(20, textHeight(row.level3, WIDTHS[2]), textHeight(row.reason, WIDTHS[13]), textHeight(row.target, WIDTHS[3]));
  });
  if (n === 0) text(first, COL.level1, '（无指标）', 'parsed');
  else validations.push({ range: R(first, COL.kind, last, COL.kind), rule: KIND_VALIDATION });

  // Merge 一级 and consecutive equal 二级 labels, as printed forms do.
  for (const g of groups) {
    const gFirst = first + g.start;
    const gLast = first + g.end;
    if (gLast > gFirst) merge(gFirst, COL.level1, gLast, COL.level1);
    let s = g.start;
    for (let i = g.start + 1; i <= g.end + 1; i++) {
      if (i > g.end || form.rows[i].level2 !== form.rows[s].level2) {
        if (i - 1 > s) merge(first + s, COL.level2, first + i - 1, COL.level2);
        s = i;
      }
    }
  }

  const col = (c: number): string => `${addr(first, c, true)}:${addr(last, c, true)}`;
  const statusRange = col(COL.status);
  const weightRange = col(COL.weight);
  const scoreRange = col(COL.score);

  // Colours: one rule per condition, mutually exclusive on each range (LibreOffice applies only the first match).
  const rowRule = (status: string, fill: string): ConditionalRule => ({
    formula: fx.statusIs(`$${colName(COL.status)}${first}`, status),
    style: { fill },
  });
  if (n > 0) {
    conditional.push({
      range: R(first, 1, last, COL.status),
      rules: [rowRule('未达标', 'FCE4D6'), rowRule('超额·需说明', 'DDEBF7'), rowRule('无法计算', 'FFC7CE')],
    });
    if (withHand) {
      conditional.push({
        range: R(first, HAND_SCORE_COL, last, HAND_SCORE_COL),
        rules: [{ formula: fx.handScoreDiffers(`$${colName(HAND_SCORE_COL)}${first}`, `$${colName(COL.score)}${first}`), style: { fill: 'FFC7CE' } }],
      });
    }
    conditional.push({
      range: R(first, COL.reason, last, COL.reason),
      rules: [
        {
          formula: fx.missingReasonCondition(`$${colName(COL.status)}${first}`, `$${colName(COL.reason)}${first}`),
          style: { fill: 'FF9999' },
        },
      ],
    });
  }

  // 总分 row.
  text(totalRow, 1, '总分（含预算执行率）', 'total');
  merge(totalRow, 1, totalRow, COL.override);
  formula(totalRow, COL.weight, `=${addr(summarySum, 4)}`, POINTS, 'total');
  text(totalRow, COL.completion, '', 'total');
  formula(totalRow, COL.score, fx.totalFormula(addr(summaryRescaled, 8), rateCell, p), POINTS, 'total');
  formula(totalRow, COL.status, fx.gradeFormula(addr(totalRow, COL.score)), undefined, 'total');
  text(totalRow, COL.reason, '等级：≥90 优，≥80 良，≥60 中，其余为差', 'total');
  merge(totalRow, COL.reason, totalRow, COL.hint);
  rowHeights[totalRow] = 24;

  // 分项得分: subtotals per 一级, the budget row, and how the total is reached.
  const sumCols: [number, number, string][] = [
    [4, 5, '分值'],
    [6, 7, '适用分值'],
    [8, 9, '得分'],
    [10, 11, '得分率'],
  ];
  text(summaryHeader, 1, '分项得分', 'header');
  merge(summaryHeader, 1, summaryHeader, 3);
  for (const [c, end, label] of sumCols) {
    text(summaryHeader, c, label, 'header');
    merge(summaryHeader, c, summaryHeader, end);
  }
  const summaryLine = (r: number, label: string, weight: string, applicable: string, score: string): void => {
    text(r, 1, label, 'label');
    merge(r, 1, r, 3);
    formula(r, 4, weight, POINTS);
    formula(r, 6, applicable, POINTS);
    formula(r, 8, score, POINTS);
    formula(r, 10, fx.shareFormula(addr(r, 8), addr(r, 4)), PERCENT);
    for (const [c, end] of sumCols) merge(r, c, r, end);
  };
  groups.forEach((g, i) => {
    const a = first + g.start;
    const b = first + g.end;
    const rng = (c: number): string => `${addr(a, c)}:${addr(b, c)}`;
    summaryLine(
      summaryFirst + i,
      g.level1,
      fx.sumFormula(rng(COL.weight)),
      fx.applicableWeightFormula(rng(COL.status), rng(COL.weight)),
      fx.sumFormula(rng(COL.score)),
    );
  });
  const bw = addr(ft, BUDGET_COL.weight);
  summaryLine(summaryBudget, '预算执行率', `=${bw}`, `=${bw}`, `=${budgetScoreCell}`);
  summaryLine(
    summarySum,
    '合计',
    fx.sumFormula(weightRange, bw),
    fx.applicableWeightFormula(statusRange, weightRange, bw),
    fx.sumFormula(scoreRange, budgetScoreCell),
  );
  text(summaryRescaled, 1, '折算后得分（不适用指标按适用分值折算为百分制）', 'label');
  merge(summaryRescaled, 1, summaryRescaled, 7);
  formula(summaryRescaled, 8, fx.rescaledTotalFormula(addr(summarySum, 8), addr(summarySum, 6), statusRange, p), POINTS);
  merge(summaryRescaled, 8, summaryRescaled, 9);
  for (let r = summaryHeader; r <= summaryRescaled; r++) rowHeights[r] = 20;

  // Signatures.
  text(signatureRow, 1, '项目负责人：', 'signature');
  text(signatureRow, 6, '财务负责人：', 'signature');
  text(signatureRow, 11, '填报日期：', 'signature');
  rowHeights[signatureRow] = 28;

  // Rule parameters: named cells the formulas read, so the sheet keeps scoring without the add-in.
  text(paramTitle, 1, '评分参数（由绩效自评助手写入；修改后全表自动重算，修改前请先撤销工作表保护）', 'param');
  merge(paramTitle, 1, paramTitle, COL_COUNT);
  const profile = PROFILES.find((x) => x.id === form.meta.profileId);
  const paramNamed: { name: string; row: number }[] = [];
  const paramLine = (r: number, label: string, value: CellValue, name: string, explain: string, numFmt?: string): void => {
    text(r, 1, label, 'param');
    merge(r, 1, r, 3);
    set(r, 4, { value, style: 'paramInput', numFmt });
    text(r, 5, explain, 'param');
    merge(r, 5, r, COL_COUNT);
    paramNamed.push({ name, row: r });
  };
  paramLine(paramFirst, PARAM_LABELS.profile, form.meta.profileId, names.profile, profile ? `${profile.name}：${profile.description}` : '');
  paramLine(paramFirst + 1, PARAM_LABELS.standard, form.meta.standard, names.standard, standard.title);
  paramLine(paramFirst + 2, PARAM_LABELS.year, form.meta.year, names.year, '');
  const switches = new Set<string>(['reverse', 'naRescale', 'capByExecution']);
  PARAM_ROWS.forEach((k, i) => {
    paramLine(paramFirst + 3 + i, PARAM_LABELS[k], paramCellValue(k, form.params), p[k], '', switches.has(k) ? undefined : PERCENT);
  });

  const cellName = (name: string, row: number, c: number) => ({ name, range: R(row, c) });
  return {
    sheetName: options.sheetName ?? defaultSheetName(form),
    rowCount,
    colCount,
    cells,
    columnWidths: withHand ? [...WIDTHS, 10] : WIDTHS.slice(),
    rowHeights,
    merges,
    names: [
      { name: names.table, range: R(ROW.header, 1, last, colCount) },
      { name: names.budget, range: R(ROW.budgetHeader, 1, partsLast, COL_COUNT) },
      cellName(names.total, totalRow, COL.score),
      cellName(names.grade, totalRow, COL.status),
      cellName(names.name, ROW.meta, 2),
      cellName(names.department, ROW.meta, 9),
      cellName(names.unit, ROW.meta, 14),
      cellName(names.goal, ROW.goal, 2),
      cellName(names.goalResult, ROW.goal, 9),
      ...paramNamed.map((x) => cellName(x.name, x.row, 4)),
    ],
    validations,
    conditionalFormats: conditional,
    freeze: { rows: ROW.header, cols: 0 },
    print: { area: R(1, 1, signatureRow, colCount), titleRows: { from: ROW.header, to: ROW.header }, landscape: true, fitToWidth: 1 },
    protect: { password: null },
  };
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

export function defaultSheetName(form: Form): string {
  const base = form.meta.standard === 'project' ? '项目支出绩效自评' : '部门整体绩效自评';
  return `${base}${form.meta.year}`.slice(0, 31);
}
