// 汇总 → SheetPlans: 「汇总」 one row per district (total, grade, rank, rows missed, reasons missing, tampering,
// review, file), 「指标汇总」 every indicator across the districts with a 合计/平均 column, and 「核查明细」 every file
// with what was found in it. Figures are values (the districts' own sheets hold the formulas); flags are coloured
// with the form's colours by conditional formats on the status texts, so the colours follow if the clerk edits.

import type { Form } from '../domain/form';
import type { Finding } from '../domain/review';
import { parseActual, parseTarget, QUAL_LABELS, type Target } from '../domain/target';
import type { CollectResult, DistrictReturn, FileReport, RowFigure } from './collect';
import type { ConsolidationMark } from './stampSheet';
import { colName, type CellValue, type ConditionalRule, type PlanCell, type RangeRef, type SheetPlan, type StyleName } from './plan';

export const CONSOLIDATION_SHEETS = { districts: '汇总', indicators: '指标汇总', details: '核查明细' } as const;
export const CONSOLIDATION_NAMES = { districts: 'JXZPHZ_DISTRICTS', indicators: 'JXZPHZ_INDICATORS', details: 'JXZPHZ_DETAILS' } as const;

/** The form's colours (src/sheet/layout.ts), so a flag looks the same in the 汇总 as in the district's sheet. */
export const FLAG_FILLS = {
  missed: 'FCE4D6', // 未达标
  over: 'DDEBF7', // 超额·需说明
  invalid: 'FFC7CE', // 无法计算; also tampering, files not used, review errors
  missingReason: 'FF9999', // 缺偏差原因
  warning: 'FFEB9C',
} as const;

const PERCENT = '0.00%';
const POINTS = '0.00';
const MONEY = '#,##0.00';

function unitFormat(unit: string, integral: boolean): string {
  if (unit === '%') return PERCENT;
  if (unit === '‰') return '0.000%';
  const base = unit === '万元' || unit === '元' || unit === '亿元' || !integral ? MONEY : '#,##0';
  return unit ? `${base}"${unit.replace(/"/g, '')}"` : base;
}

/** A grid being filled in, and what a SheetPlan needs around it. */
class Grid {
  cells: (PlanCell | null)[][] = [];
  merges: RangeRef[] = [];
  conditional: SheetPlan['conditionalFormats'] = [];
  rowHeights: Record<number, number> = {};
  constructor(readonly colCount: number) {}
  set(row: number, col: number, cell: PlanCell): void {
    while (this.cells.length < row) this.cells.push(Array<PlanCell | null>(this.colCount).fill(null));
    this.cells[row - 1][col - 1] = cell;
  }
  value(row: number, col: number, value: CellValue, style: StyleName = 'text', numFmt?: string): void {
    this.set(row, col, { value, style, numFmt });
  }
  merge(row: number, col: number, rowEnd: number, colEnd: number): void {
    const style = this.cells[row - 1]?.[col - 1]?.style ?? 'text';
    for (let r = row; r <= rowEnd; r++) for (let c = col; c <= colEnd; c++) if (r !== row || c !== col) this.set(r, c, { style });
    this.merges.push({ row, col, rowEnd, colEnd });
  }
  flag(range: RangeRef, rules: ConditionalRule[]): void {
    if (range.rowEnd >= range.row) this.conditional.push({ range, rules });
  }
  plan(sheetName: string, widths: number[], extra: Partial<SheetPlan>): SheetPlan {
    const rowCount = this.cells.length;
    return {
      sheetName,
      rowCount,
      colCount: this.colCount,
      cells: this.cells,
      columnWidths: widths,
      rowHeights: this.rowHeights,
      merges: this.merges,
      names: [],
      validations: [],
      conditionalFormats: this.conditional,
      freeze: { rows: 0, cols: 0 },
      print: { area: { row: 1, col: 1, rowEnd: rowCount, colEnd: this.colCount }, titleRows: { from: 1, to: 1 }, landscape: true, fitToWidth: 1 },
      protect: null, // a report to sort, filter and annotate: nothing in it is computed
      ...extra,
    };
  }
}

const R = (row: number, col: number, rowEnd = row, colEnd = col): RangeRef => ({ row, col, rowEnd, colEnd });

/** Row height in points for wrapped text in a column of the given width (CJK characters are two units wide). */
function textHeight(text: string, width: number): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return Math.ceil(units / Math.max(1, width - 2)) * 15;
}
const eq = (ref: string, text: string): string => `=${ref}="${text}"`;

// ---------------------------------------------------------------------------------------------------------------
// Aggregates across districts

export type Weighting = 'budget' | 'simple';

/** Budget-weighted when every district used has a 全年预算数, else a plain average (and the sheet says so). */
export function weightingOf(used: DistrictReturn[]): Weighting {
  return used.length > 0 && used.every((d) => (d.file?.score?.result.budget.annual ?? 0) > 0) ? 'budget' : 'simple';
}

export function weightedMean(pairs: { x: number | null; w: number }[], weighting: Weighting): number | null {
  const xs = pairs.filter((p) => p.x !== null && Number.isFinite(p.x));
  if (xs.length === 0) return null;
  if (weighting === 'simple') return xs.reduce((a, p) => a + (p.x as number), 0) / xs.length;
  const wsum = xs.reduce((a, p) => a + p.w, 0);
  return wsum > 0 ? xs.reduce((a, p) => a + (p.x as number) * p.w, 0) / wsum : null;
}

export type AggregateMethod = '合计' | '加权平均' | '平均' | '计数' | '不适用' | '';

export interface IndicatorAggregate {
  method: AggregateMethod;
  /** what the 汇总方法 column says */
  methodText: string;
  target: CellValue;
  actual: CellValue;
  numFmt?: string;
  completion: number | null;
  score: number | null;
  missed: number;
}

function quantityOf(t: Target): { value: number; unit: string } | null {
  if (t.kind === 'number') return { value: t.value, unit: t.unit };
  if (t.kind === 'ratio') return { value: t.n, unit: '比例' };
  return null;
}

/** The 合计/平均 of one template row over the districts used (their figures and their 全年预算数 as weights). */
export function aggregateRow(template: Form, index: number, used: DistrictReturn[], weighting: Weighting): IndicatorAggregate {
  const row = template.rows[index];
  const tt = parseTarget(row.target, row.level3);
  const figs = used
    .map((d) => ({ fig: d.file?.score?.rows[index] ?? null, w: d.file?.score?.result.budget.annual ?? 0 }))
    .filter((x): x is { fig: RowFigure; w: number } => x.fig !== null);
  const mean = (pick: (f: RowFigure) => number | null): number | null => weightedMean(figs.map(({ fig, w }) => ({ x: pick(fig), w })), weighting);
  const completion = mean((f) => f.completion);
  const score = mean((f) => f.score);
  const missed = figs.filter(({ fig }) => fig.status === '未达标').length;
  const avg = weighting === 'budget' ? '加权平均' : '平均';
  const avgText = weighting === 'budget' ? '按预算加权平均' : '简单平均';
  const base = { completion, score, missed };
  const parsed = figs.map(({ fig, w }) => {
    const t = parseTarget(fig.target, row.level3);
    return { t, a: parseActual(fig.actual, t), w };
  });
  if (tt.kind === 'number' || tt.kind === 'ratio') {
    const q = quantityOf(tt)!;
    // Only districts whose target is in the template's unit add up or average with the others.
    const same = parsed.filter((p) => quantityOf(p.t)?.unit === q.unit);
    const tv = same.map((p) => ({ x: quantityOf(p.t)!.value, w: p.w }));
    const av = same.map((p) => ({ x: p.a.kind === 'number' ? p.a.value : p.a.kind === 'ratio' ? p.a.n : null, w: p.w }));
    const skipped = parsed.length - same.length;
    const note = skipped > 0 ? `（${skipped} 个单位的目标单位不同，未计入）` : '';
    if (tt.kind === 'number' && q.unit !== '%' && q.unit !== '‰') {
      const sum = (xs: { x: number | null }[]): number | null => {
        const v = xs.filter((x) => x.x !== null);
        return v.length ? Number(v.reduce((a, x) => a + (x.x as number), 0).toPrecision(12)) : null;
      };
      const integral = [...tv, ...av].every((x) => x.x === null || Number.isInteger(x.x));
      return { ...base, method: '合计', methodText: `数量：合计${note}`, target: sum(tv), actual: sum(av), numFmt: unitFormat(q.unit, integral) };
    }
    const fmt = tt.kind === 'ratio' ? '"1:"0.0' : unitFormat(q.unit, false);
    const m = (xs: { x: number | null; w: number }[]): number | null => {
      const v = weightedMean(xs, weighting);
      return v === null ? null : Number(v.toPrecision(12));
    };
    return { ...base, method: avg, methodText: `${tt.kind === 'ratio' ? '比例' : '比率'}：${avgText}${note}`, target: m(tv), actual: m(av), numFmt: fmt };
  }
  if (tt.kind === 'qualitative' || tt.kind === 'yesno') {
    const counts = new Map<string, number>();
    const labels: string[] =
      tt.kind === 'qualitative' ? [QUAL_LABELS.achieved, QUAL_LABELS.partial, QUAL_LABELS.failed] : ['是', '否'];
    const shortName: Record<string, string> = { [QUAL_LABELS.achieved]: '达成', [QUAL_LABELS.partial]: '部分达成', [QUAL_LABELS.failed]: '未达成', 是: '是', 否: '否' };
    for (const p of parsed) {
      const k =
        p.a.kind === 'qualitative' ? QUAL_LABELS[p.a.level] : p.a.kind === 'yesno' ? (p.a.yes ? '是' : '否') : null;
      if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const actual = labels.map((l) => `${shortName[l]} ${counts.get(l) ?? 0}`).join('，');
    return { ...base, method: '计数', methodText: `${tt.kind === 'qualitative' ? '定性' : '是否'}：计数`, target: row.target, actual };
  }
  if (tt.kind === 'na') return { ...base, method: '不适用', methodText: '不适用', target: '/', actual: null };
  return { ...base, method: '', methodText: '年度指标值无法识别', target: row.target, actual: null };
}

// ---------------------------------------------------------------------------------------------------------------
// 「汇总」: one row per district

const DISTRICT_HEADERS = [
  '序号',
  '单位',
  '报送状态',
  '总分',
  '等级',
  '排名',
  '预算执行率',
  '全年预算数（万元）',
  '未达标数',
  '缺偏差原因数',
  '未填数',
  '篡改状态',
  '目标值改动',
  '审核·错误',
  '审核·警告',
  '文件名',
  '说明',
] as const;
const DW = [5, 22, 10, 8, 6, 6, 10, 14, 8, 10, 7, 14, 10, 8, 8, 36, 50];

export const DISTRICT_COL = Object.fromEntries(DISTRICT_HEADERS.map((h, i) => [h, i + 1])) as Record<(typeof DISTRICT_HEADERS)[number], number>;

export function tamperText(f: FileReport | null): string {
  if (!f?.tamper) return '';
  return f.tamper.status === '未改动' ? '未改动' : `已改动 ${f.tamper.report?.total ?? 0} 处`;
}

function districtSheet(result: CollectResult, made: string): SheetPlan {
  const cols = DISTRICT_HEADERS.length;
  const g = new Grid(cols);
  const C = DISTRICT_COL;
  const n = result.districts.length;
  const used = result.districts.filter((d) => d.state === '已报送');
  const counts = (s: DistrictReturn['state']): number => result.districts.filter((d) => d.state === s).length;
  g.value(1, 1, `${result.title}（${result.year}年度）汇总`, 'title');
  g.merge(1, 1, 1, cols);
  g.rowHeights[1] = 30;
  const rejectedFiles = result.files.filter((f) => f.outcome === '未采用').length;
  g.value(
    2,
    1,
    `单位 ${n} 个：已报送 ${used.length}，未报送 ${counts('未报送')}，重复报送 ${counts('重复报送')}，报表未采用 ${counts('未采用')}。` +
      `收到文件 ${result.files.length} 个，未采用 ${rejectedFiles} 个（原因见「${CONSOLIDATION_SHEETS.details}」）。模板编号 ${result.templateId}。汇总时间 ${made}。`,
    'subtitle',
  );
  g.merge(2, 1, 2, cols);
  g.rowHeights[2] = 30;
  DISTRICT_HEADERS.forEach((h, i) => g.value(3, i + 1, h, 'header'));
  g.rowHeights[3] = 30;
  const first = 4;
  result.districts.forEach((d, i) => {
    const r = first + i;
    const f = d.file;
    const s = f?.score ?? null;
    g.value(r, C['序号'], i + 1, 'computed');
    g.value(r, C['单位'], d.district.name);
    g.value(r, C['报送状态'], d.state);
    g.value(r, C['总分'], s ? s.result.total : null, 'computed', POINTS);
    g.value(r, C['等级'], s ? s.result.grade : null);
    g.value(r, C['排名'], d.rank, 'computed');
    g.value(r, C['预算执行率'], s ? s.result.budget.rate : null, 'computed', PERCENT);
    g.value(r, C['全年预算数（万元）'], s ? s.result.budget.annual : null, 'computed', MONEY);
    g.value(r, C['未达标数'], s ? s.missed : null, 'computed');
    g.value(r, C['缺偏差原因数'], s ? s.missingReason : null, 'computed');
    g.value(r, C['未填数'], s ? s.blank : null, 'computed');
    g.value(r, C['篡改状态'], tamperText(f));
    g.value(r, C['目标值改动'], f && f.targetChanges.length > 0 ? `${f.targetChanges.length} 项` : '');
    g.value(r, C['审核·错误'], f?.review ? f.review.errors : null, 'computed');
    g.value(r, C['审核·警告'], f?.review ? f.review.warnings : null, 'computed');
    g.value(r, C['文件名'], f ? f.file : d.files.join('、'));
    const others = result.files.filter((x) => x.district === d.district.name && x !== f && x.reason);
    const why = f ? f.notes.join('；') : others.map((x) => `「${x.file}」${x.reason}`).join('；');
    g.value(r, C['说明'], why);
  });
  const last = first + n - 1;
  // 合计/平均 line.
  const t = last + 1;
  const usedScores = used.map((d) => d.file!.score!);
  const sum = (xs: (number | null)[]): number | null => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? Number(v.reduce((a, b) => a + b, 0).toPrecision(12)) : null;
  };
  const annual = sum(usedScores.map((s) => s.result.budget.annual));
  const executed = sum(usedScores.map((s) => (s.result.budget.annual !== null ? s.result.budget.executed ?? 0 : null)));
  g.value(t, 1, '合计', 'total');
  g.merge(t, 1, t, 3);
  const avgTotal = usedScores.length ? Number((usedScores.reduce((a, s) => a + s.result.total, 0) / usedScores.length).toFixed(2)) : null;
  g.value(t, C['总分'], avgTotal, 'total', POINTS);
  for (const c of [C['等级'], C['排名'], C['篡改状态'], C['目标值改动'], C['文件名']]) g.value(t, c, null, 'total');
  g.value(t, C['说明'], '总分为已报送单位的平均分；预算执行率为全年执行数合计 ÷ 全年预算数合计；其余为合计', 'total');
  g.value(t, C['预算执行率'], annual && executed !== null ? Number((executed / annual).toFixed(4)) : null, 'total', PERCENT);
  g.value(t, C['全年预算数（万元）'], annual, 'total', MONEY);
  g.value(t, C['未达标数'], sum(usedScores.map((s) => s.missed)), 'total');
  g.value(t, C['缺偏差原因数'], sum(usedScores.map((s) => s.missingReason)), 'total');
  g.value(t, C['未填数'], sum(usedScores.map((s) => s.blank)), 'total');
  g.value(t, C['审核·错误'], sum(used.map((d) => d.file?.review?.errors ?? null)), 'total');
  g.value(t, C['审核·警告'], sum(used.map((d) => d.file?.review?.warnings ?? null)), 'total');
  g.rowHeights[t] = 30;

  if (n > 0) {
    const ref = (c: number): string => `$${colName(c)}${first}`;
    const col = (c: number): RangeRef => R(first, c, last, c);
    g.flag(R(first, C['单位'], last, C['报送状态']), [{ formula: `=${ref(C['报送状态'])}<>"已报送"`, style: { fill: FLAG_FILLS.invalid } }]);
    g.flag(col(C['未达标数']), [{ formula: `=${ref(C['未达标数'])}>0`, style: { fill: FLAG_FILLS.missed } }]);
    g.flag(col(C['缺偏差原因数']), [{ formula: `=${ref(C['缺偏差原因数'])}>0`, style: { fill: FLAG_FILLS.missingReason } }]);
    g.flag(col(C['篡改状态']), [{ formula: `=LEFT(${ref(C['篡改状态'])},3)="已改动"`, style: { fill: FLAG_FILLS.invalid } }]);
    g.flag(col(C['目标值改动']), [{ formula: `=${ref(C['目标值改动'])}<>""`, style: { fill: FLAG_FILLS.invalid } }]);
    g.flag(col(C['审核·错误']), [{ formula: `=${ref(C['审核·错误'])}>0`, style: { fill: FLAG_FILLS.invalid } }]);
    g.flag(col(C['审核·警告']), [{ formula: `=${ref(C['审核·警告'])}>0`, style: { fill: FLAG_FILLS.warning } }]);
    g.flag(col(C['等级']), [{ formula: eq(ref(C['等级']), '差'), style: { fill: FLAG_FILLS.missed } }]);
  }
  return g.plan(CONSOLIDATION_SHEETS.districts, DW, {
    names: [{ name: CONSOLIDATION_NAMES.districts, range: R(3, 1, Math.max(3, last), cols) }],
    freeze: { rows: 3, cols: 2 },
    print: { area: R(1, 1, t, cols), titleRows: { from: 3, to: 3 }, landscape: true, fitToWidth: 1 },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 「指标汇总」: every indicator across the districts

const FIXED = ['序号', '一级指标', '二级指标', '三级指标', '分值', '汇总方法'] as const;
const GROUP = ['年度指标值', '实际完成值', '完成率', '得分', '状态'] as const;
const SUM_GROUP = ['年度指标值', '实际完成值', '完成率', '得分', '未达标单位数'] as const;
export const INDICATOR_FIRST_ROW = 5;
/** First column of the 合计/平均 group, and of district k's group (0-based k, in the order of the districts used). */
export const SUM_COL = FIXED.length + 1;
export const districtGroupCol = (k: number): number => SUM_COL + SUM_GROUP.length + k * GROUP.length;

function statusText(f: RowFigure): string {
  return f.missingReason ? `${f.status}·缺原因` : f.status;
}

function statusRules(ref: string): ConditionalRule[] {
  // Mutually exclusive, most urgent first (LibreOffice applies only the first that matches).
  return [
    { formula: `=ISNUMBER(SEARCH("缺原因",${ref}))`, style: { fill: FLAG_FILLS.missingReason } },
    { formula: `=LEFT(${ref},3)="未达标"`, style: { fill: FLAG_FILLS.missed } },
    { formula: `=LEFT(${ref},2)="超额"`, style: { fill: FLAG_FILLS.over } },
    { formula: eq(ref, '无法计算'), style: { fill: FLAG_FILLS.invalid } },
  ];
}

function actualValue(fig: RowFigure, level3: string): { value: CellValue; numFmt?: string } {
  const t = parseTarget(fig.target, level3);
  const a = parseActual(fig.actual, t);
  if (a.kind === 'number' && t.kind === 'number') return { value: a.value, numFmt: unitFormat(t.unit, Number.isInteger(a.value)) };
  if (a.kind === 'ratio') return { value: a.n, numFmt: '"1:"0' };
  return { value: fig.actual === '' ? null : fig.actual };
}

function indicatorSheet(result: CollectResult): SheetPlan {
  const template = result.template;
  const used = result.districts.filter((d) => d.state === '已报送');
  const weighting = weightingOf(used);
  const cols = districtGroupCol(used.length) - 1;
  const g = new Grid(cols);
  g.value(1, 1, `${result.title}（${result.year}年度）指标汇总`, 'title');
  g.merge(1, 1, 1, Math.min(cols, 20));
  g.rowHeights[1] = 30;
  const how =
    weighting === 'budget'
      ? '按各单位全年预算数加权平均'
      : '简单平均（有单位未填全年预算数，无法按预算加权）';
  g.value(
    2,
    1,
    `只计已报送且采用的 ${used.length} 个单位。「合计/平均」列：数量类指标（人、个、万元等）的年度指标值和实际完成值为各单位之和；` +
      `百分比、比例类为${how}；定性、是否类按完成情况计数；完成率和得分均为${how}。各单位的状态颜色与自评表相同。`,
    'subtitle',
  );
  g.merge(2, 1, 2, Math.min(cols, 20));
  g.rowHeights[2] = 45;
  FIXED.forEach((h, i) => {
    g.value(3, i + 1, h, 'header');
    g.merge(3, i + 1, 4, i + 1);
  });
  g.value(3, SUM_COL, `合计/平均（${weighting === 'budget' ? '数量为合计，比率按全年预算数加权平均' : '数量为合计，比率为简单平均'}）`, 'header');
  g.merge(3, SUM_COL, 3, SUM_COL + SUM_GROUP.length - 1);
  SUM_GROUP.forEach((h, i) => g.value(4, SUM_COL + i, h, 'header'));
  used.forEach((d, k) => {
    const c = districtGroupCol(k);
    g.value(3, c, d.district.name, 'header');
    g.merge(3, c, 3, c + GROUP.length - 1);
    GROUP.forEach((h, i) => g.value(4, c + i, h, 'header'));
  });
  g.rowHeights[3] = 30;
  g.rowHeights[4] = 20;

  const first = INDICATOR_FIRST_ROW;
  template.rows.forEach((row, i) => {
    const r = first + i;
    g.value(r, 1, i + 1, 'computed');
    g.value(r, 2, row.level1);
    g.value(r, 3, row.level2);
    g.value(r, 4, row.level3);
    g.value(r, 5, row.weight, 'computed', POINTS);
    g.rowHeights[r] = Math.max(20, textHeight(row.level2, 16), textHeight(row.level3, 26));
    const agg = aggregateRow(template, i, used, weighting);
    g.value(r, 6, agg.methodText, 'text');
    g.value(r, SUM_COL, agg.target, 'total', typeof agg.target === 'number' ? agg.numFmt : undefined);
    g.value(r, SUM_COL + 1, agg.actual, 'total', typeof agg.actual === 'number' ? agg.numFmt : undefined);
    g.value(r, SUM_COL + 2, agg.completion === null ? null : Number(agg.completion.toFixed(4)), 'total', PERCENT);
    g.value(r, SUM_COL + 3, agg.score === null ? null : Number(agg.score.toFixed(2)), 'total', POINTS);
    g.value(r, SUM_COL + 4, agg.missed, 'total');
    used.forEach((d, k) => {
      const c = districtGroupCol(k);
      const fig = d.file?.score?.rows[i] ?? null;
      if (!fig) {
        g.value(r, c, null);
        g.value(r, c + 1, null);
        g.value(r, c + 2, null);
        g.value(r, c + 3, null);
        g.value(r, c + 4, '缺此行');
        return;
      }
      const a = actualValue(fig, row.level3);
      g.value(r, c, fig.target);
      g.value(r, c + 1, a.value, 'computed', a.numFmt);
      g.value(r, c + 2, fig.completion, 'computed', PERCENT);
      g.value(r, c + 3, fig.score, 'computed', POINTS);
      g.value(r, c + 4, statusText(fig), 'parsed');
    });
  });
  const lastRow = first + template.rows.length - 1;
  // The budget row and the totals, per district.
  const budgetRow = lastRow + 1;
  const totalRow = lastRow + 2;
  g.value(budgetRow, 1, '预算执行率（完成率列为执行率，得分列为执行率得分）', 'total');
  g.merge(budgetRow, 1, budgetRow, FIXED.length - 1);
  g.value(budgetRow, FIXED.length, weighting === 'budget' ? '比率：按预算加权平均' : '比率：简单平均', 'text');
  g.value(totalRow, 1, '总分（得分列为总分，状态列为等级）', 'total');
  g.merge(totalRow, 1, totalRow, FIXED.length - 1);
  g.value(totalRow, FIXED.length, weighting === 'budget' ? '按预算加权平均' : '简单平均', 'text');
  const w = (d: DistrictReturn): number => d.file?.score?.result.budget.annual ?? 0;
  const rate = weightedMean(used.map((d) => ({ x: d.file!.score!.result.budget.rate, w: w(d) })), weighting);
  const bscore = weightedMean(used.map((d) => ({ x: d.file!.score!.result.budget.score, w: w(d) })), weighting);
  const total = weightedMean(used.map((d) => ({ x: d.file!.score!.result.total, w: w(d) })), weighting);
  for (const r of [budgetRow, totalRow]) for (let c = SUM_COL; c < SUM_COL + SUM_GROUP.length; c++) g.value(r, c, null, 'total');
  g.value(budgetRow, SUM_COL + 2, rate === null ? null : Number(rate.toFixed(4)), 'total', PERCENT);
  g.value(budgetRow, SUM_COL + 3, bscore === null ? null : Number(bscore.toFixed(2)), 'total', POINTS);
  g.value(totalRow, SUM_COL + 3, total === null ? null : Number(total.toFixed(2)), 'total', POINTS);
  used.forEach((d, k) => {
    const c = districtGroupCol(k);
    const res = d.file!.score!.result;
    for (let j = 0; j < GROUP.length; j++) {
      g.value(budgetRow, c + j, null, 'total');
      g.value(totalRow, c + j, null, 'total');
    }
    g.value(budgetRow, c + 2, res.budget.rate, 'total', PERCENT);
    g.value(budgetRow, c + 3, res.budget.score, 'total', POINTS);
    g.value(totalRow, c + 3, res.total, 'total', POINTS);
    g.value(totalRow, c + 4, res.grade, 'total');
  });

  if (template.rows.length > 0) {
    used.forEach((_, k) => {
      const c = districtGroupCol(k);
      g.flag(R(first, c, lastRow, c + GROUP.length - 1), statusRules(`$${colName(c + 4)}${first}`));
    });
    const missedRef = `$${colName(SUM_COL + 4)}${first}`;
    g.flag(R(first, SUM_COL + 4, lastRow, SUM_COL + 4), [{ formula: `=${missedRef}>0`, style: { fill: FLAG_FILLS.missed } }]);
  }
  const widths = [5, 10, 16, 26, 6, 18, 14, 24, 10, 8, 8, ...used.flatMap(() => [13, 13, 9, 7, 12])];
  return g.plan(CONSOLIDATION_SHEETS.indicators, widths, {
    names: [{ name: CONSOLIDATION_NAMES.indicators, range: R(3, 1, Math.max(4, lastRow), cols) }],
    freeze: { rows: 4, cols: 4 },
    print: { area: R(1, 1, totalRow, cols), titleRows: { from: 3, to: 4 }, landscape: true, fitToWidth: Math.max(1, Math.ceil(cols / 16)) },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 「核查明细」: every file and what was found in it

const DETAIL_HEADERS = ['序号', '文件名', '单位', '处理结果', '类别', '单元格', '应为', '现为', '说明'] as const;

function fileSummary(f: FileReport): string {
  if (f.outcome !== '已采用') return f.reason;
  const s = f.score!.result;
  const parts = [
    `总分 ${s.total.toFixed(2)}（${s.grade}）`,
    f.tamper?.status === '已改动' ? `受保护的单元格被改动 ${f.tamper.report?.total ?? 0} 处` : '受保护的单元格未改动',
    f.review ? `审核：错误 ${f.review.errors} 项，警告 ${f.review.warnings} 项` : '',
    ...f.notes,
  ];
  return parts.filter((p) => p !== '').join('；');
}

function detailSheet(result: CollectResult): SheetPlan {
  const cols = DETAIL_HEADERS.length;
  const g = new Grid(cols);
  g.value(1, 1, `${result.title}（${result.year}年度）核查明细`, 'title');
  g.merge(1, 1, 1, cols);
  g.rowHeights[1] = 30;
  g.value(2, 1, '每个收到的文件一行，其下逐条列出受保护单元格的改动、目标值的改动和审核发现的错误、警告（“提示”类不列出）。', 'subtitle');
  g.merge(2, 1, 2, cols);
  DETAIL_HEADERS.forEach((h, i) => g.value(3, i + 1, h, 'header'));
  let r = 4;
  const line = (k: number | null, f: FileReport, kind: string, cell: string, expected: string, found: string, note: string): void => {
    g.value(r, 1, k, 'computed');
    g.value(r, 2, f.file);
    g.value(r, 3, f.district ?? '');
    g.value(r, 4, f.outcome);
    g.value(r, 5, kind);
    g.value(r, 6, cell);
    g.value(r, 7, expected);
    g.value(r, 8, found);
    g.value(r, 9, note);
    r++;
  };
  result.files.forEach((f, i) => {
    line(i + 1, f, '文件', '', '', '', fileSummary(f));
    const rep = f.tamper?.report;
    if (rep) {
      for (const c of rep.changes) line(null, f, '篡改', c.address, c.expected, c.found, c.message);
      if (rep.total > rep.changes.length) line(null, f, '篡改', '', '', '', `……另有 ${rep.total - rep.changes.length} 处改动未列出`);
    }
    for (const t of f.targetChanges) {
      line(null, f, '目标值改动', `第${t.sheetRow}行`, t.expected, t.found, `「${t.level3}」的指标性质、目标数值或度量单位被改动，得分按改动后的目标计算`);
    }
    const findings: Finding[] = (f.review?.findings ?? []).filter((x) => x.severity !== '提示');
    for (const x of findings) line(null, f, `审核·${x.severity}`, x.cell, '', '', x.message.zh);
  });
  const last = r - 1;
  if (last >= 4) {
    g.flag(R(4, 4, last, 4), [{ formula: `=$D4="未采用"`, style: { fill: FLAG_FILLS.invalid } }]);
    g.flag(R(4, 5, last, 5), [
      { formula: `=OR($E4="篡改",$E4="目标值改动",$E4="审核·错误")`, style: { fill: FLAG_FILLS.invalid } },
      { formula: `=$E4="审核·警告"`, style: { fill: FLAG_FILLS.warning } },
    ]);
  }
  return g.plan(CONSOLIDATION_SHEETS.details, [5, 36, 16, 9, 11, 10, 30, 30, 70], {
    names: [{ name: CONSOLIDATION_NAMES.details, range: R(3, 1, Math.max(3, last), cols) }],
    freeze: { rows: 3, cols: 0 },
    print: { area: R(1, 1, Math.max(3, last), cols), titleRows: { from: 3, to: 3 }, landscape: true, fitToWidth: 1 },
  });
}

export interface ConsolidationOptions {
  /** when the 汇总 was made, as shown in it ("2025-03-01 10:20") */
  made: string;
}

/** The 汇总 as three sheets: 汇总, 指标汇总, 核查明细. */
export function planConsolidation(result: CollectResult, options: ConsolidationOptions): SheetPlan[] {
  return [districtSheet(result, options.made), indicatorSheet(result), detailSheet(result)];
}

export interface Consolidation {
  /** 汇总, 指标汇总, 核查明细 (unprotected reports) */
  plans: SheetPlan[];
  /** what the hidden marker sheet says, so a later run knows the 汇总 is one it may replace */
  mark: ConsolidationMark;
}

/** The 汇总 of a batch collected in full, made at `made` (src/sheet/distributionFlow.ts timestamp()). */
export function consolidationOf(result: CollectResult, made: string): Consolidation {
  return {
    plans: planConsolidation(result, { made }),
    mark: { templateId: result.templateId, year: result.year, title: result.title, made },
  };
}
