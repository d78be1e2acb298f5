// CellEdits → as few rectangular `formulas` writes as the edits allow (a column of 500 actuals is one write).
// Only queues; the caller syncs.

import type { CellEdit } from '../sheet/inputs';
import { rangeAddr, type RangeRef } from '../sheet/plan';
import { rectangles } from './addresses';
import { valueInput, type CellInput } from './cellInput';

export interface EditBlock {
  range: RangeRef;
  inputs: CellInput[][];
}

/** Rectangles covering exactly the edited cells; of two edits to one cell the later wins. */
export function editBlocks(edits: readonly CellEdit[]): EditBlock[] {
  const last = new Map<string, CellEdit>();
  for (const e of edits) {
    if (!Number.isInteger(e.row) || !Number.isInteger(e.col) || e.row < 1 || e.col < 1) {
      throw new Error(`not a cell: row ${e.row}, column ${e.col}`);
    }
    last.set(`${e.row}:${e.col}`, e);
  }
  return rectangles(last.values()).map((range) => {
    const inputs: CellInput[][] = [];
    for (let r = range.row; r <= range.rowEnd; r++) {
      const row: CellInput[] = [];
      for (let c = range.col; c <= range.colEnd; c++) row.push(valueInput(last.get(`${r}:${c}`)?.value));
      inputs.push(row);
    }
    return { range, inputs };
  });
}

export function queueEdits(sheet: Excel.Worksheet, blocks: readonly EditBlock[]): void {
  for (const b of blocks) sheet.getRange(rangeAddr(b.range)).formulas = b.inputs;
}
