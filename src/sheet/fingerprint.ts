// The fingerprint of a form's locked cells: every cell the plan defines and does not mark `input` — its constant or
// its formula, blank where it should be blank — normalised so that Excel, WPS or LibreOffice saving the file does
// not change it, and hashed with SHA-256. Pure; the same on the plan (at 下发) and on the returned cells (at 汇总).

import { canonicalNumber } from '../domain/distribution';
import { sha256Hex } from '../domain/hash';
import { mapOutsideStrings } from './formulas';
import { addr, type CellValue, type PlanCell, type ReadCell, type ReadSheet, type SheetPlan } from './plan';

/** Text as compared: trimmed, line ends unified, Unicode NFC. */
export function normaliseText(s: string): string {
  return s.replace(/\r\n?/g, '\n').normalize('NFC').trim();
}

/**
 * Formula text as compared: no leading '=', outside string literals upper-cased and without spaces, without the
 * `_xlfn.` / `_xlws.` prefixes Excel adds, TRUE()/FALSE() (LibreOffice) read as TRUE/FALSE, quoted sheet names
 * unquoted, numeric literals at 12 significant digits. String literals are kept exactly.
 */
export function normaliseFormula(formula: string): string {
  // The same formula texts come back in every district's file (and every plan): remember them.
  const known = memo.get(formula);
  if (known !== undefined) return known;
  const out = normalise(formula);
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(formula, out);
  return out;
}

const memo = new Map<string, string>();
const MEMO_MAX = 50_000;

function normalise(formula: string): string {
  return mapOutsideStrings(formula.trim().replace(/^=/, ''), normaliseCode);
}

function normaliseCode(code: string): string {
  return code
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/_XL(?:FN|WS)\./g, '')
    .replace(/\b(TRUE|FALSE)\(\)/g, '$1')
    .replace(/'((?:[^']|'')+)'!/g, (_m, name: string) => `${name.replace(/''/g, "'")}!`)
    .replace(/(?<![A-Z0-9_.$:])(\d+\.\d*|\.\d+|\d+)(E[+-]?\d+)?(?![A-Z0-9_.(:$])/g, (m) => canonicalNumber(Number(m)));
}

/** A constant as compared: its type and its normalised text. '' for blank. */
export function valueContent(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return `n:${canonicalNumber(v)}`;
  if (typeof v === 'boolean') return `b:${v ? 'TRUE' : 'FALSE'}`;
  const t = normaliseText(v);
  return t === '' ? '' : `s:${t}`;
}

/** What a plan cell should hold, as compared. */
export function planContent(pc: PlanCell): string {
  if (pc.formula !== undefined) return `=${normaliseFormula(pc.formula)}`;
  return valueContent(pc.value);
}

/** What a read cell holds, as compared: its formula when it has one (never the cached result), else its value. */
export function readContent(c: ReadCell | undefined): string {
  if (!c) return '';
  if (c.f) return `=${normaliseFormula(c.f)}`;
  if (c.err) return `e:${c.err}`;
  return valueContent(c.v);
}

export interface LockedCell {
  row: number;
  col: number;
  /** normalised content ('' = should be blank) */
  content: string;
  cell: PlanCell;
}

/** The cells the fingerprint covers: defined by the plan and not input cells. In row, then column order. */
export function lockedCells(plan: SheetPlan): LockedCell[] {
  const out: LockedCell[] = [];
  plan.cells.forEach((row, r) =>
    row.forEach((pc, c) => {
      if (pc && !pc.input) out.push({ row: r + 1, col: c + 1, content: planContent(pc), cell: pc });
    }),
  );
  return out;
}

function digest(lines: string[]): Promise<string> {
  return sha256Hex(`jxzp-fingerprint/1\n${lines.join('\n')}`);
}

/** Fingerprint of the plan's locked cells (what the district receives). */
export function planFingerprint(plan: SheetPlan, locked: LockedCell[] = lockedCells(plan)): Promise<string> {
  return digest(locked.filter((l) => l.content !== '').map((l) => `${addr(l.row, l.col)}\t${l.content}`));
}

/**
 * Whether every locked cell of a sheet holds what the plan says (then the sheet's fingerprint is the plan's, and
 * nothing need be hashed: most returned files are untouched).
 */
export function matchesPlan(sheet: ReadSheet, locked: LockedCell[]): boolean {
  for (const l of locked) {
    const c = sheet.cells[l.row - 1]?.[l.col - 1];
    // A formula or constant exactly as this product wrote it needs no normalising (a file saved by another program
    // may differ in form: then the normalised contents are compared).
    if (c !== undefined) {
      if (c.f !== undefined) {
        if (c.f === l.cell.formula) continue;
      } else if (l.cell.formula === undefined && c.err === undefined && c.v !== null && c.v === l.cell.value) continue;
    }
    if (readContent(c) !== l.content) return false;
  }
  return true;
}

/** Fingerprint of the same cells as they stand in a sheet (what the district returns). */
export function sheetFingerprint(plan: SheetPlan, sheet: ReadSheet, locked: LockedCell[] = lockedCells(plan)): Promise<string> {
  const lines: string[] = [];
  for (const l of locked) {
    const content = readContent(sheet.cells[l.row - 1]?.[l.col - 1]);
    if (content !== '') lines.push(`${addr(l.row, l.col)}\t${content}`);
  }
  return digest(lines);
}
