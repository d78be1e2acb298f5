// A small hand-built SheetPlan that exercises what the writer must get right: text that looks like a formula,
// Chinese text and string literals, < and >= in formulas (XML escaping), a defined name read by formulas,
// a cross-sheet reference to a quoted sheet name, a merge, validations, conditional formats, an input cell.

import type { PlanCell, RangeRef, SheetPlan } from '../../src/sheet/plan';

export const SHEET = '自评表 1';
export const SUMMARY_SHEET = '汇总';

const c = (value: PlanCell['value'], extra: Partial<PlanCell> = {}): PlanCell => ({ value, ...extra });
const f = (formula: string, extra: Partial<PlanCell> = {}): PlanCell => ({ formula, ...extra });
const range = (row: number, col: number, rowEnd = row, colEnd = col): RangeRef => ({ row, col, rowEnd, colEnd });

/** Completion ratio of row n, capped by the named over-completion factor; blank while B is not a number. */
const completion = (n: number) => `=IF(ISNUMBER(B${n}),ROUND(MIN(B${n}/A${n},JXZP1_OVER),4),"")`;
/** Status text with Chinese literals and both < and >=. */
const status = (n: number) => `=IF(ISNUMBER(B${n}),IF(B${n}>=A${n},"达标",IF(B${n}<A${n}*0.8,"差距较大","未达标")),"未填")`;

export function samplePlan(): SheetPlan {
  const cells: (PlanCell | null)[][] = [
    // 1: title over A1:E1
    [c('绩效自评测试表', { style: 'title' }), null, null, null, null],
    // 2: text that must stay text, Chinese text, a number, a boolean
    [c('=1+1', { style: 'text' }), c('达标情况', { style: 'header' }), c(3), c(true), c('+86 020', { style: 'text' })],
    // 3: the named parameter
    [c('超额系数', { style: 'param' }), c(1.2, { style: 'paramInput', numFmt: '0.00' }), null, null, null],
    // 4-6: target, actual (input), completion, status, 是/否 input
    [c(100), c(130, { style: 'input', input: true, numFmt: '0.00' }), f(completion(4), { style: 'computed', numFmt: '0.00%' }), f(status(4), { style: 'parsed' }), c('是', { style: 'inputText', input: true })],
    [c(100), c(90, { style: 'input', input: true, numFmt: '0.00' }), f(completion(5), { style: 'computed', numFmt: '0.00%' }), f(status(5), { style: 'parsed' }), null],
    [c(100), c(null, { style: 'input', input: true, numFmt: '0.00' }), f(completion(6), { style: 'computed', numFmt: '0.00%' }), f(status(6), { style: 'parsed' }), null],
    // 7: totals
    [c('合计', { style: 'total' }), null, f('=SUM(C4:C6)', { style: 'total', numFmt: '0.00' }), f('=SUMIF(D4:D6,"达标",A4:A6)', { style: 'total' }), f('=IF(C5<1,"<100%",">=100%")')],
    // 8: text concatenation and a comparison that is true
    [f('="状态："&D4'), f('=IF(AND(C4>=1.2,C5<1),1,0)'), null, null, null],
  ];
  return {
    sheetName: SHEET,
    rowCount: cells.length,
    colCount: 5,
    cells,
    columnWidths: [12, 14, 12, 12, 10],
    rowHeights: { 1: 30 },
    merges: [range(1, 1, 1, 5)],
    names: [{ name: 'JXZP1_OVER', range: range(3, 2) }],
    validations: [
      {
        range: range(4, 2, 6, 2),
        rule: { type: 'decimal', min: 0, max: 1e9, promptTitle: '实际完成值', prompt: '请输入数字，单位：件', error: '请输入数字' },
      },
      {
        range: range(4, 5),
        rule: { type: 'list', items: ['是', '否'], promptTitle: '是否完成', prompt: '请选择 是 或 否', error: '只能选择 是 或 否' },
      },
    ],
    conditionalFormats: [
      {
        range: range(4, 3, 6, 3),
        rules: [
          { formula: '=AND(ISNUMBER(C4),C4<1)', style: { fill: 'FFC7CE', color: '9C0006' } },
          { formula: '=AND(ISNUMBER(C4),C4>=1)', style: { fill: 'C6EFCE', color: '006100' } },
        ],
      },
    ],
    freeze: { rows: 2, cols: 1 },
    print: { area: range(1, 1, 8, 5), titleRows: { from: 1, to: 2 }, landscape: true, fitToWidth: 1 },
    protect: { password: null },
  };
}

/** A second sheet reading the first through its quoted name and through the workbook-scoped name. */
export function summaryPlan(): SheetPlan {
  const cells: (PlanCell | null)[][] = [
    [f(`='${SHEET}'!C7*2`), f('=JXZP1_OVER*10')],
  ];
  return {
    sheetName: SUMMARY_SHEET,
    rowCount: 1,
    colCount: 2,
    cells,
    columnWidths: [10, 10],
    rowHeights: {},
    merges: [],
    names: [],
    validations: [],
    conditionalFormats: [],
    freeze: { rows: 0, cols: 0 },
    print: { area: range(1, 1, 1, 2), titleRows: { from: 1, to: 1 }, landscape: false, fitToWidth: 1 },
    protect: { password: null },
  };
}
