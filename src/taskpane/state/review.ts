// 审核: everything the 审核 tab decides, as plain functions — which tables to review and under which rules, how
// the findings are grouped, where each points to, and the sheets the tab may add (审核意见, a converted form).
// Nothing here writes to a reviewed sheet: the tab only reads, selects, and inserts new sheets.

import { tableToForm } from '../../domain/convert';
import { reviewTable, type Finding, type ReviewResult, type ReviewTable, type RowVerdict, type Severity } from '../../domain/review';
import { profileById } from '../../domain/rules';
import { findTables } from '../../sheet/findTables';
import { defaultSheetName, planForm } from '../../sheet/layout';
import { parseAddr, type ReadWorkbook, type SheetPlan } from '../../sheet/plan';
import { planReviewSheet, REVIEW_SHEET_BASE, severityCounts } from '../../sheet/reviewSheet';
import { freePrefix, freeSheetName } from './newForm';

export type ReviewScope = 'sheet' | 'workbook';

export const SEVERITIES: Severity[] = ['错误', '警告', '提示'];

export interface TableReview {
  /** stable within a run: sheet and anchor */
  key: string;
  table: ReviewTable;
  result: ReviewResult;
}

export interface ReviewRun {
  scope: ReviewScope;
  /** the sheet reviewed when scope is 'sheet' */
  sheet: string;
  profileId: string;
  /** names of the sheets the run looked at (for telling when their cells changed) */
  sheets: string[];
  /** the reviewed sheets' cells as they were, to tell a stale run */
  signature: string;
  tables: TableReview[];
}

export function tableKey(t: ReviewTable): string {
  return `${t.sheet}!${t.anchor}`;
}

/** The reviewed sheets' content in one string: equal strings, same cells. */
export function sheetsSignature(wb: ReadWorkbook, sheets: string[]): string {
  return JSON.stringify(
    sheets.map((name) => {
      const s = wb.sheets.find((x) => x.name === name);
      return s ? [name, s.cells, s.merges] : [name, null];
    }),
  );
}

/** Finds the tables in scope and reviews each under the profile's parameters. */
export function runReview(wb: ReadWorkbook, scope: ReviewScope, sheet: string, profileId: string): ReviewRun {
  const sheets = scope === 'sheet' ? wb.sheets.filter((s) => s.name === sheet).map((s) => s.name) : wb.sheets.map((s) => s.name);
  const scoped: ReadWorkbook = { sheets: wb.sheets.filter((s) => sheets.includes(s.name)), names: wb.names };
  const params = profileById(profileId).params;
  const tables = findTables(scoped).map((table) => ({ key: tableKey(table), table, result: reviewTable(table, params) }));
  return { scope, sheet, profileId, sheets, signature: sheetsSignature(wb, sheets), tables };
}

/** The reviewed sheets changed since the run (someone edited them): its findings may be out of date. */
export function isStale(run: ReviewRun, wb: ReadWorkbook): boolean {
  return sheetsSignature(wb, run.sheets) !== run.signature;
}

export function allFindings(run: ReviewRun): Finding[] {
  return run.tables.flatMap((t) => t.result.findings);
}

export const countBySeverity: (findings: Finding[]) => Record<Severity, number> = severityCounts;

/** The findings of each severity, 错误 first; severities without findings are left out. */
export function groupBySeverity(findings: Finding[]): { severity: Severity; findings: Finding[] }[] {
  return SEVERITIES.map((severity) => ({ severity, findings: findings.filter((f) => f.severity === severity) })).filter(
    (g) => g.findings.length > 0,
  );
}

/** Rows whose score in the table differs from the score the rules give (both known). */
export function differingRows(rows: RowVerdict[]): RowVerdict[] {
  return rows.filter((r) => r.has !== null && r.should !== null && Math.abs(r.has - r.should) > 0.005);
}

/** The cell a finding is about, for 定位. */
export function findingTarget(f: Finding): { sheet: string; row: number; col: number } | null {
  const at = parseAddr(f.cell);
  return at ? { sheet: f.sheet, row: at.row, col: at.col } : null;
}

/** Today as 2024-05-31 (local time). */
export function todayText(now: Date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The 审核意见 sheet for a run: named 审核意见, or 审核意见（2）… when that name is taken. */
export function reviewSheetPlan(wb: ReadWorkbook, run: ReviewRun, source: { fileName: string; date: string }): SheetPlan {
  const sheetName = freeSheetName(REVIEW_SHEET_BASE, wb.sheets.map((s) => s.name));
  return planReviewSheet({
    sheetName,
    findings: allFindings(run),
    fileName: source.fileName,
    date: source.date,
    scope: run.scope === 'workbook' ? '整个工作簿' : `工作表「${run.sheet}」`,
    profileName: profileById(run.profileId).name,
  });
}

/** 转换: a hand-made table as a live form on a new sheet, its hand-typed scores in the 原表得分 column. */
export function convertPlan(wb: ReadWorkbook, table: ReviewTable, profileId: string): { plan: SheetPlan; rows: number } {
  const form = tableToForm(table, profileId);
  const sheetName = freeSheetName(defaultSheetName(form), wb.sheets.map((s) => s.name));
  return { plan: planForm(form, { sheetName, prefix: freePrefix(wb) }), rows: form.rows.length };
}
