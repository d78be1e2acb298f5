// 结果: the rows that need attention, each with the cell to go to.

import type { FormResult } from '../../domain/rules';
import { BUDGET_COL } from '../../sheet/layout';
import type { FoundForm } from '../../sheet/readback';

export type FlagKind = 'below' | 'over' | 'missingReason' | 'cannotCompute' | 'noBudget' | 'clamped';

export interface Flag {
  kind: FlagKind;
  /** index of the indicator row; -1 for the budget block */
  index: number;
  level3: string;
  /** what the domain said (a reason, or what was assumed) */
  note: string;
  sheet: string;
  row: number;
  col: number;
}

/** The flagged rows, in sheet order; a row short of its target and without a reason is flagged twice. */
export function flagsOf(found: FoundForm, result: FormResult): Flag[] {
  const out: Flag[] = [];
  const c = found.columns;
  const at = (kind: FlagKind, i: number, col: number, note = ''): Flag => ({
    kind,
    index: i,
    level3: found.form.rows[i].level3,
    note,
    sheet: found.sheet,
    row: found.rowNumbers[i],
    col: col || c.level3 || 1,
  });
  result.rows.forEach((r, i) => {
    if (r.status === '未达标') out.push(at('below', i, c.actual));
    if (r.status === '超额·需说明') out.push(at('over', i, c.actual));
    if (r.status === '无法计算') out.push(at('cannotCompute', i, r.target.kind === 'invalid' ? c.target : c.actual, r.note));
    if (r.missingReason) out.push(at('missingReason', i, c.reason));
    if (r.overrideClamped) out.push(at('clamped', i, c.override));
  });
  if (result.budget.rate === null && found.partRows.length > 0) {
    out.push({ kind: 'noBudget', index: -1, level3: '', note: '', sheet: found.sheet, row: found.partRows[0], col: BUDGET_COL.annual });
  }
  return out;
}

export function unfilledCount(result: FormResult): number {
  return result.rows.filter((r) => r.status === '未填').length;
}

/** 0.9612 → "96.12%"; points with two decimals. */
export function percentText(x: number | null): string {
  return x === null ? '—' : `${(Math.round(x * 10000) / 100).toFixed(2)}%`;
}
export function pointsText(x: number | null): string {
  return x === null ? '—' : (Math.round(x * 100) / 100).toFixed(2);
}
