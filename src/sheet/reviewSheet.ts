// 审核意见: the findings of a review as a worksheet of their own — one row per finding, with a column for the
// reviewer's note. A plain SheetPlan; the reviewed sheets are never touched (the plan only adds a sheet).

import { CHECKS, type Finding, type Severity } from '../domain/review';
import { statusIs } from './formulas';
import { colName, type CellValue, type ConditionalRule, type PlanCell, type RangeRef, type SheetPlan, type StyleName } from './plan';

export const REVIEW_SHEET_BASE = '审核意见';

export const REVIEW_HEADERS = ['序号', '严重程度', '检查项', '工作表', '单元格', '问题说明', '修改建议', '审核人意见'] as const;

/** Columns, 1-based, in the order of REVIEW_HEADERS. */
export const REVIEW_COL = {
  index: 1,
  severity: 2,
  check: 3,
  sheet: 4,
  cell: 5,
  message: 6,
  fix: 7,
  note: 8,
} as const;

const WIDTHS = [6, 9, 22, 14, 8, 50, 24, 40];

/** Fixed rows above the findings. */
export const REVIEW_ROW = { title: 1, source: 2, summary: 3, header: 4, first: 5 } as const;

const SEVERITY_ORDER: Severity[] = ['错误', '警告', '提示'];

const SEVERITY_STYLE: Record<Severity, { fill: string; color: string }> = {
  错误: { fill: 'FFC7CE', color: '9C0006' },
  警告: { fill: 'FFEB9C', color: '9C5700' },
  提示: { fill: 'DDEBF7', color: '1F4E78' },
};

export interface ReviewSheetInput {
  sheetName: string;
  /** in the order the pane shows them; the sheet lists 错误 first, then 警告, then 提示, each in that order */
  findings: Finding[];
  /** the reviewed file's name, when the host knows it */
  fileName: string;
  /** the day of the review, e.g. 2024-05-31 */
  date: string;
  /** what was reviewed, in words: 整个工作簿 / 工作表「…」 */
  scope: string;
  /** the rule profile's name */
  profileName: string;
}

/** Display width of a text in Excel character units: CJK and full-width characters count two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u.test(ch) ? 2 : 1.1;
  return w;
}

/** Lines a wrapped text takes in a column of that width (hard line breaks count). */
function linesIn(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

export function severityCounts(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { 错误: 0, 警告: 0, 提示: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Findings ordered by severity (错误, 警告, 提示), keeping their order within each. */
export function orderBySeverity(findings: Finding[]): Finding[] {
  return SEVERITY_ORDER.flatMap((s) => findings.filter((f) => f.severity === s));
}

export function planReviewSheet(input: ReviewSheetInput): SheetPlan {
  const colCount = REVIEW_HEADERS.length;
  const ordered = orderBySeverity(input.findings);
  const bodyRows = Math.max(1, ordered.length);
  const first = REVIEW_ROW.first;
  const last = first + bodyRows - 1;
  const signatureRow = last + 2;
  const rowCount = signatureRow;
  const cells: (PlanCell | null)[][] = Array.from({ length: rowCount }, () => Array<PlanCell | null>(colCount).fill(null));
  const merges: RangeRef[] = [];
  const rowHeights: Record<number, number> = {};
  const R = (row: number, col: number, rowEnd = row, colEnd = col): RangeRef => ({ row, col, rowEnd, colEnd });
  const set = (row: number, col: number, value: CellValue, style: StyleName, input = false): void => {
    cells[row - 1][col - 1] = { value, style, input: input || undefined };
  };
  const merge = (row: number, col: number, rowEnd: number, colEnd: number): void => {
    const style = cells[row - 1][col - 1]?.style ?? 'text';
    for (let r = row; r <= rowEnd; r++)
      for (let c = col; c <= colEnd; c++) if (r !== row || c !== col) cells[r - 1][c - 1] = { style };
    merges.push(R(row, col, rowEnd, colEnd));
  };

  // Title, what was reviewed, how many findings.
  set(REVIEW_ROW.title, 1, '预算绩效自评表审核意见', 'title');
  merge(REVIEW_ROW.title, 1, REVIEW_ROW.title, colCount);
  rowHeights[REVIEW_ROW.title] = 30;
  const source = [
    `文件：${input.fileName || '（当前工作簿）'}`,
    `审核范围：${input.scope}`,
    `规则口径：${input.profileName}`,
    `审核日期：${input.date}`,
  ].join('　　');
  set(REVIEW_ROW.source, 1, source, 'subtitle');
  merge(REVIEW_ROW.source, 1, REVIEW_ROW.source, colCount);
  const n = severityCounts(ordered);
  const summary =
    ordered.length === 0
      ? '审核未发现问题。'
      : `共 ${ordered.length} 条：错误 ${n.错误} 条，警告 ${n.警告} 条，提示 ${n.提示} 条。表中单元格未作任何修改，请在“审核人意见”列填写意见。`;
  set(REVIEW_ROW.summary, 1, summary, 'subtitle');
  merge(REVIEW_ROW.summary, 1, REVIEW_ROW.summary, colCount);

  REVIEW_HEADERS.forEach((h, i) => set(REVIEW_ROW.header, i + 1, h, 'header'));
  rowHeights[REVIEW_ROW.header] = 22;

  if (ordered.length === 0) {
    set(first, 1, '未发现问题', 'text');
    merge(first, 1, first, REVIEW_COL.fix);
    set(first, REVIEW_COL.note, '', 'inputText', true);
  }
  ordered.forEach((f, i) => {
    const row = first + i;
    const check = CHECKS[f.id]?.zh ?? f.id;
    const fix = f.fix?.zh ?? '';
    set(row, REVIEW_COL.index, i + 1, 'computed');
    set(row, REVIEW_COL.severity, f.severity, 'text');
    set(row, REVIEW_COL.check, check, 'text');
    set(row, REVIEW_COL.sheet, f.sheet, 'text');
    set(row, REVIEW_COL.cell, f.cell, 'text');
    set(row, REVIEW_COL.message, f.message.zh, 'text');
    set(row, REVIEW_COL.fix, fix, 'text');
    set(row, REVIEW_COL.note, '', 'inputText', true);
    const lines = Math.max(
      linesIn(check, WIDTHS[REVIEW_COL.check - 1]),
      linesIn(f.sheet, WIDTHS[REVIEW_COL.sheet - 1]),
      linesIn(f.message.zh, WIDTHS[REVIEW_COL.message - 1]),
      linesIn(fix, WIDTHS[REVIEW_COL.fix - 1]),
      2, // room for a short note
    );
    rowHeights[row] = Math.min(409, lines * 15 + 6);
  });

  set(signatureRow, REVIEW_COL.check, '审核人（签字）：', 'signature');
  set(signatureRow, REVIEW_COL.message, '审核日期：　　　　年　　月　　日', 'signature');
  rowHeights[signatureRow] = 24;

  // Severity colours on the 严重程度 column: one rule per value, mutually exclusive.
  const conditionalFormats: SheetPlan['conditionalFormats'] = [];
  if (ordered.length > 0) {
    const topLeft = `$${colName(REVIEW_COL.severity)}${first}`;
    const rules: ConditionalRule[] = SEVERITY_ORDER.map((s) => ({
      formula: statusIs(topLeft, s),
      style: { fill: SEVERITY_STYLE[s].fill, color: SEVERITY_STYLE[s].color, bold: s === '错误' || undefined },
    }));
    conditionalFormats.push({ range: R(first, REVIEW_COL.severity, last, REVIEW_COL.severity), rules });
  }

  return {
    sheetName: input.sheetName,
    rowCount,
    colCount,
    cells,
    columnWidths: WIDTHS.slice(),
    rowHeights,
    merges,
    names: [],
    validations: [],
    conditionalFormats,
    freeze: { rows: REVIEW_ROW.header, cols: 0 },
    print: {
      area: R(1, 1, signatureRow, colCount),
      titleRows: { from: REVIEW_ROW.header, to: REVIEW_ROW.header },
      landscape: true,
      fitToWidth: 1,
    },
    protect: { password: null },
  };
}
