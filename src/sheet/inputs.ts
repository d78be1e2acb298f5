// A table of actual values + a form found in a workbook → the input cells to write, and what happened to every
// row. Pure: the cells are written by an adapter (src/xlsx/applyInputs.ts; later the Office.js one).

import type { IndicatorRow } from '../domain/form';
import { parseActual, parseTarget } from '../domain/target';
import { rowKind } from '../domain/rules';
import { FIELD_NAMES, parseRate, type ActualsTable, type TableRow } from './importTable';
import { actualCellValue } from './layout';
import type { CellValue } from './plan';
import type { FoundForm } from './readback';

/** One cell to set: 1-based sheet row and column. */
export interface CellEdit {
  row: number;
  col: number;
  value: CellValue;
}

export interface FillReport {
  /** form rows that received at least one value */
  filled: { tableRow: number; formIndex: number; level3: string }[];
  /** table rows whose 三级指标 names no row of the form */
  unmatched: { tableRow: number; level3: string }[];
  /** table rows whose name stands on several form rows and whose 二级指标 does not tell them apart */
  ambiguous: { tableRow: number; level3: string; sheetRows: number[] }[];
  /** table rows naming a form row an earlier table row already filled (the earlier one is kept) */
  duplicates: { tableRow: number; firstTableRow: number; level3: string }[];
  /** values that could not be read; actuals are still written as typed, so the sheet shows 无法计算 */
  unreadable: { tableRow: number; column: string; text: string; reason: string; level3: string }[];
  /** values read with an assumption (e.g. 「95」 read as 95%) */
  notes: { tableRow: number; column: string; text: string; note: string; level3: string }[];
  /** values not written, and why (不适用 rows, 定性得分率 on a quantitative row) */
  skipped: { tableRow: number; column: string; text: string; reason: string; level3: string }[];
  /** form rows without an actual after the fill (不适用 rows aside) */
  blank: { formIndex: number; sheetRow: number; level3: string }[];
}

/** Names match when equal after removing white space (including the ideographic space). */
export function nameKey(name: string): string {
  return name.replace(/[\s\u3000]+/gu, '');
}

function columnLabel(table: ActualsTable, field: 'actual' | 'override'): string {
  return table.header.written[field] ?? FIELD_NAMES[field][0];
}

/** The form row a table row names, or why there is none. */
function matchRow(
  rows: IndicatorRow[],
  byName: Map<string, number[]>,
  t: TableRow,
  hasLevel2: boolean,
): { index: number } | { unmatched: true } | { ambiguous: number[] } {
  const candidates = byName.get(nameKey(t.level3)) ?? [];
  if (candidates.length === 0) return { unmatched: true };
  if (candidates.length === 1) return { index: candidates[0] };
  if (hasLevel2 && t.level2) {
    const same = candidates.filter((i) => nameKey(rows[i].level2) === nameKey(t.level2));
    if (same.length === 1) return { index: same[0] };
    if (same.length > 1) return { ambiguous: same };
  }
  return { ambiguous: candidates };
}

export function planFill(found: FoundForm, table: ActualsTable): { edits: CellEdit[]; report: FillReport } {
  const rows = found.form.rows;
  const cols = found.columns;
  const byName = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const k = nameKey(r.level3);
    if (k === '') return;
    byName.set(k, [...(byName.get(k) ?? []), i]);
  });
  const hasLevel2 = table.header.columns.level2 !== undefined;
  const report: FillReport = { filled: [], unmatched: [], ambiguous: [], duplicates: [], unreadable: [], notes: [], skipped: [], blank: [] };
  const edits: CellEdit[] = [];
  const firstTableRow = new Map<number, number>();
  const hasActual = rows.map((r) => r.actual.trim() !== '');
  const actualLabel = columnLabel(table, 'actual');
  const overrideLabel = columnLabel(table, 'override');

  for (const t of table.rows) {
    // A row with no values says nothing: it neither fills nor claims its form row.
    if (nameKey(t.level3) === '' || (t.actual === '' && t.reason === '' && t.overrideText === '')) continue;
    const m = matchRow(rows, byName, t, hasLevel2);
    if ('unmatched' in m) {
      report.unmatched.push({ tableRow: t.rowNumber, level3: t.level3 });
      continue;
    }
    if ('ambiguous' in m) {
      report.ambiguous.push({ tableRow: t.rowNumber, level3: t.level3, sheetRows: m.ambiguous.map((i) => found.rowNumbers[i]) });
      continue;
    }
    const i = m.index;
    const earlier = firstTableRow.get(i);
    if (earlier !== undefined) {
      report.duplicates.push({ tableRow: t.rowNumber, firstTableRow: earlier, level3: t.level3 });
      continue;
    }
    firstTableRow.set(i, t.rowNumber);
    const row = rows[i];
    const sheetRow = found.rowNumbers[i];
    const target = parseTarget(row.target, row.level3);
    const kind = rowKind(target);
    const level3 = row.level3;
    let wrote = false;

    if (t.actual !== '' && cols.actual > 0) {
      if (kind === '不适用') {
        report.skipped.push({ tableRow: t.rowNumber, column: actualLabel, text: t.actual, reason: '本指标不适用（年度指标值为 /），未填写', level3 });
      } else {
        const actual = parseActual(t.actual, target);
        edits.push({ row: sheetRow, col: cols.actual, value: actualCellValue(actual, t.actual) });
        hasActual[i] = true;
        wrote = true;
        if (actual.kind === 'invalid') {
          report.unreadable.push({ tableRow: t.rowNumber, column: actualLabel, text: t.actual, reason: actual.reason, level3 });
        } else if (actual.kind === 'number' && actual.note) {
          report.notes.push({ tableRow: t.rowNumber, column: actualLabel, text: t.actual, note: actual.note, level3 });
        }
      }
    }
    if (t.reason !== '' && cols.reason > 0) {
      edits.push({ row: sheetRow, col: cols.reason, value: t.reason });
      wrote = true;
    }
    if (t.overrideText !== '' && cols.override > 0) {
      const rate = parseRate(t.overrideText);
      if (kind !== '定性') {
        report.skipped.push({ tableRow: t.rowNumber, column: overrideLabel, text: t.overrideText, reason: '本指标不是定性指标，定性得分率不适用，未填写', level3 });
      } else if (!rate.ok) {
        report.unreadable.push({ tableRow: t.rowNumber, column: overrideLabel, text: t.overrideText, reason: `${rate.reason}，未填写`, level3 });
      } else {
        edits.push({ row: sheetRow, col: cols.override, value: rate.value });
        wrote = true;
      }
    }
    if (wrote) report.filled.push({ tableRow: t.rowNumber, formIndex: i, level3 });
  }

  rows.forEach((r, i) => {
    if (!hasActual[i] && rowKind(parseTarget(r.target, r.level3)) !== '不适用') {
      report.blank.push({ formIndex: i, sheetRow: found.rowNumbers[i], level3: r.level3 });
    }
  });
  return { edits, report };
}
