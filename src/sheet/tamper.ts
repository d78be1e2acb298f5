// 篡改核对: the locked cells of a returned form against the plan it was made from. Rows are aligned first (a row
// deleted or inserted in Excel moves everything below it, and Excel rewrites the formulas' references), so a
// deleted row is reported as one deleted row plus the block that moved, not as every cell below it; then every
// locked cell of every aligned row is compared, formulas after translating their row references the way Excel does.

import { mapOutsideStrings } from './formulas';
import { addr, colName, type ReadCell, type ReadSheet, type SheetPlan } from './plan';
import { lockedCells, normaliseFormula, planContent, readContent, type LockedCell } from './fingerprint';
import { canonicalNumber } from '../domain/distribution';

export type TamperKind =
  | 'row-deleted'
  | 'row-inserted'
  | 'rows-shifted'
  | 'changed'
  | 'formula-replaced'
  | 'formula-changed'
  | 'formula-added'
  | 'cleared'
  | 'filled';

export interface TamperChange {
  kind: TamperKind;
  /** where it is in the returned sheet ("J14"; a row range for rows; the original rows for a deleted one) */
  address: string;
  /** what the template has there, as displayed ("2.5", "=ROUND(…)", "第15–60行") */
  expected: string;
  /** what the returned file has there */
  found: string;
  /** one sentence for people, in Chinese */
  message: string;
}

export interface TamperReport {
  /** structural changes first, then cells, in sheet order; at most `limit` of them */
  changes: TamperChange[];
  /** how many changes there are in all (changes.length plus the ones left out) */
  total: number;
  deletedRows: number[];
  insertedRows: number[];
}

export interface TamperOptions {
  /** what a cell of the plan is, for messages: "「调解案件补贴发放率」的分值" ('' when nothing useful) */
  describe?: (planRow: number, col: number) => string;
  /** most changes listed (default 50) */
  limit?: number;
}

export const DEFAULT_TAMPER_LIMIT = 50;
/** Rows inserted into a form beyond this many are not looked at one by one. */
const MAX_EXTRA_ROWS = 500;

type RowRole = 'single' | 'start' | 'end';

/**
 * Formula text with its row references moved: `map` gives the new row of a referenced row (or null when the row
 * is gone). A single reference to a deleted row becomes #REF!, as in Excel; a range shrinks to its surviving rows.
 * References to other sheets are left alone.
 */
export function translateRows(formula: string, map: (row: number, role: RowRole) => number | null): string {
  const ref = String.raw`(\$?)([A-Za-z]{1,3})(\$?)(\d+)`;
  const re = new RegExp(String.raw`(?<![A-Za-z0-9_.$!'])${ref}(?::${ref})?(?![A-Za-z0-9_(.!])`, 'g');
  return mapOutsideStrings(formula, (code) =>
    code.replace(re, (m, d1: string, c1: string, d2: string, r1: string, e1?: string, c2?: string, e2?: string, r2?: string) => {
      if (r2 === undefined) {
        const r = map(Number(r1), 'single');
        return r === null ? '#REF!' : `${d1}${c1}${d2}${r}`;
      }
      const a = map(Number(r1), 'start');
      const b = map(Number(r2), 'end');
      if (a === null || b === null || a > b) return '#REF!';
      return `${d1}${c1}${d2}${a}:${e1}${c2}${e2}${b}`;
    }),
  );
}

function shown(c: ReadCell | undefined): string {
  if (!c) return '';
  if (c.f) return c.f;
  if (c.err) return c.err;
  if (c.v === null) return '';
  return typeof c.v === 'number' ? canonicalNumber(c.v) : String(c.v);
}

function planShown(l: LockedCell, formula?: string): string {
  if (formula !== undefined) return formula;
  const v = l.cell.value;
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? canonicalNumber(v) : String(v);
}

function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function tamperDiff(plan: SheetPlan, sheet: ReadSheet, options: TamperOptions = {}): TamperReport {
  const limit = options.limit ?? DEFAULT_TAMPER_LIMIT;
  const describe = options.describe ?? (() => '');
  const locked = lockedCells(plan);
  const byRow = new Map<number, LockedCell[]>();
  for (const l of locked) byRow.set(l.row, [...(byRow.get(l.row) ?? []), l]);
  const lastCol = colName(plan.colCount);
  const foundCell = (row: number, col: number): ReadCell | undefined => sheet.cells[row - 1]?.[col - 1];
  const contentCache = new Map<number, string[]>();
  const foundContent = (row: number, col: number): string => {
    let r = contentCache.get(row);
    if (!r) {
      const cells = sheet.cells[row - 1] ?? [];
      r = Array.from({ length: Math.max(plan.colCount, cells.length) }, (_, c) => readContent(cells[c]));
      contentCache.set(row, r);
    }
    return r[col - 1] ?? '';
  };

  const planRows = plan.rowCount;
  // Rows far below the form are not the form's (and a sheet of a million rows must not make the alignment huge).
  const foundRows = Math.min(Math.max(sheet.cells.length, planRows), planRows + MAX_EXTRA_ROWS);
  // The constants that identify a plan row (formulas change when rows move, so they do not count).
  const anchorRows: LockedCell[][] = [];
  for (let p = 1; p <= planRows; p++) anchorRows[p] = (byRow.get(p) ?? []).filter((l) => l.cell.formula === undefined && l.content !== '');
  const rowHasContent = (f: number): boolean => {
    const row = sheet.cells[f - 1] ?? [];
    for (let c = 1; c <= Math.max(plan.colCount, row.length); c++) if (foundContent(f, c) !== '') return true;
    return false;
  };

  // 1. Align rows: the most identifying constants kept in order (a weighted longest common subsequence).
  const P = planRows;
  const F = foundRows;
  const sim = (p: number, f: number): number => {
    const a = anchorRows[p];
    if (a.length === 0) return 0;
    let same = 0;
    for (const l of a) if (foundContent(f, l.col) === l.content) same++;
    return same >= Math.max(1, Math.ceil(a.length / 2)) ? same : 0;
  };
  const width = F + 1;
  const dp = new Float64Array((P + 1) * (F + 1));
  const simCache = new Float64Array((P + 1) * (F + 1));
  for (let p = 1; p <= P; p++) {
    for (let f = 1; f <= F; f++) {
      const s = sim(p, f);
      simCache[p * width + f] = s;
      const diag = s > 0 ? dp[(p - 1) * width + (f - 1)] + s : -1;
      dp[p * width + f] = Math.max(dp[(p - 1) * width + f], dp[p * width + (f - 1)], diag);
    }
  }
  const pairs: [number, number][] = [];
  for (let p = P, f = F; p > 0 && f > 0; ) {
    const s = simCache[p * width + f];
    if (s > 0 && dp[p * width + f] === dp[(p - 1) * width + (f - 1)] + s) {
      pairs.push([p, f]);
      p--;
      f--;
    } else if (dp[(p - 1) * width + f] >= dp[p * width + (f - 1)]) p--;
    else f--;
  }
  pairs.reverse();

  // 2. Within each gap between aligned rows, pair the rest in order (a row whose identifying cells all changed is
  //    still the same row); what is left over was deleted (plan side) or inserted (file side).
  const rowMap = new Map<number, number>();
  const deleted: number[] = [];
  const inserted: number[] = [];
  const bounds: [number, number][] = [[0, 0], ...pairs, [P + 1, F + 1]];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [p0, f0] = bounds[k];
    const [p1, f1] = bounds[k + 1];
    if (k > 0) rowMap.set(p0, f0);
    const ps = range(p0 + 1, p1 - 1);
    const last = k + 2 === bounds.length;
    // Below the last aligned row only rows with something in them can be the form's: the rest is free space.
    let fs = range(f0 + 1, f1 - 1);
    if (last) fs = fs.filter((f) => f <= Math.min(sheet.cells.length, foundRows) && rowHasContent(f));
    const n = Math.min(ps.length, fs.length);
    for (let i = 0; i < n; i++) rowMap.set(ps[i], fs[i]);
    deleted.push(...ps.slice(n));
    if (!last) inserted.push(...fs.slice(n));
  }

  // Where a referenced row went, as Excel moves references when rows are deleted or inserted.
  const surviving = [...rowMap.keys()].sort((a, b) => a - b);
  const lastShift = surviving.length ? rowMap.get(surviving[surviving.length - 1])! - surviving[surviving.length - 1] : 0;
  const moveRow = (row: number, role: RowRole): number | null => {
    if (row > P) return row + lastShift;
    const m = rowMap.get(row);
    if (m !== undefined) return m;
    if (role === 'single') return null;
    if (role === 'start') {
      const next = surviving.find((r) => r > row);
      return next === undefined ? null : rowMap.get(next)!;
    }
    let prev: number | undefined;
    for (const r of surviving) if (r < row) prev = r;
    return prev === undefined ? null : rowMap.get(prev)!;
  };
  const moved = deleted.length > 0 || inserted.length > 0 || pairs.some(([p, f]) => p !== f);

  const structural: TamperChange[] = [];
  for (const p of deleted) {
    const preview = (byRow.get(p) ?? []).map((l) => planShown(l)).filter((s) => s !== '' && !s.startsWith('=')).slice(0, 3);
    structural.push({
      kind: 'row-deleted',
      address: `A${p}:${lastCol}${p}`,
      expected: preview.join(' | '),
      found: '',
      message: `原第${p}行被删除${preview.length ? `（原内容：${clip(preview.join('，'))}）` : ''}`,
    });
  }
  for (const f of inserted) {
    const row = sheet.cells[f - 1] ?? [];
    const preview = row.map((c) => shown(c)).filter((s) => s !== '').slice(0, 3);
    structural.push({
      kind: 'row-inserted',
      address: `A${f}:${lastCol}${f}`,
      expected: '',
      found: preview.join(' | '),
      message: `插入了第${f}行${preview.length ? `（内容：${clip(preview.join('，'))}）` : '（空行）'}`,
    });
  }
  // Blocks of rows that moved together.
  const mapped = [...rowMap.entries()].sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < mapped.length; ) {
    const off = mapped[i][1] - mapped[i][0];
    let j = i;
    while (j + 1 < mapped.length && mapped[j + 1][0] === mapped[j][0] + 1 && mapped[j + 1][1] - mapped[j + 1][0] === off) j++;
    if (off !== 0) {
      const [p1, f1] = mapped[i];
      const [p2, f2] = mapped[j];
      const span = (a: number, b: number): string => (a === b ? `第${a}行` : `第${a}–${b}行`);
      structural.push({
        kind: 'rows-shifted',
        address: `A${f1}:${lastCol}${f2}`,
        expected: span(p1, p2),
        found: span(f1, f2),
        message: `原${span(p1, p2)}${off < 0 ? '上' : '下'}移 ${Math.abs(off)} 行，现为${span(f1, f2)}`,
      });
    }
    i = j + 1;
  }

  // 3. Every locked cell of every aligned row.
  const cells: TamperChange[] = [];
  for (const [p, f] of mapped) {
    for (const l of byRow.get(p) ?? []) {
      const formula = l.cell.formula !== undefined ? (moved ? translateRows(l.cell.formula, moveRow) : l.cell.formula) : undefined;
      const expected = formula !== undefined ? `=${normaliseFormula(formula)}` : l.content;
      const fc = foundCell(f, l.col);
      const got = readContent(fc);
      if (got === expected) continue;
      const at = addr(f, l.col);
      const what = describe(p, l.col);
      const where = what ? `${at}（${what}）` : at;
      const exp = planShown(l, formula);
      const fnd = shown(fc);
      let kind: TamperKind;
      let message: string;
      if (formula !== undefined && got === '') {
        kind = 'cleared';
        message = `${where}：公式被删除（原公式 ${clip(exp)}）`;
      } else if (formula !== undefined && !fc?.f) {
        kind = 'formula-replaced';
        message = `${where}：公式被改为固定值「${clip(fnd)}」（原公式 ${clip(exp)}）`;
      } else if (formula !== undefined) {
        kind = 'formula-changed';
        message = `${where}：公式被改动（应为 ${clip(exp)}，现为 ${clip(fnd)}）`;
      } else if (fc?.f) {
        kind = 'formula-added';
        message = `${where}：应为「${clip(exp)}」，现为公式 ${clip(fnd)}`;
      } else if (got === '') {
        kind = 'cleared';
        message = `${where}：内容被清除（应为「${clip(exp)}」）`;
      } else if (expected === '') {
        kind = 'filled';
        message = `${where}：应为空，现为「${clip(fnd)}」`;
      } else {
        kind = 'changed';
        message = `${where}：应为「${clip(exp)}」，现为「${clip(fnd)}」`;
      }
      cells.push({ kind, address: at, expected: exp, found: fnd, message });
    }
  }
  const all = [...structural, ...cells];
  return { changes: all.slice(0, limit), total: all.length, deletedRows: deleted, insertedRows: inserted };
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}
