// The fingerprint of a form's locked cells, and the cell-by-cell tamper diff: what is normalised away (a program
// re-saving the file) and what is found (a changed 分值, a formula overwritten, a row deleted or inserted).

import ExcelJS from 'exceljs';
import { districtForm } from '../../src/domain/distribution';
import { lockedCells, normaliseFormula, planFingerprint, sheetFingerprint } from '../../src/sheet/fingerprint';
import { COL, formGeometry, planForm } from '../../src/sheet/layout';
import type { ReadSheet, SheetPlan } from '../../src/sheet/plan';
import { tamperDiff, translateRows } from '../../src/sheet/tamper';
import { describeFormCell } from '../../src/sheet/collect';
import { readWorkbook } from '../../src/xlsx/readWorkbook';
import { distributeFiles } from '../../src/xlsx/distribute';
import { bureauDistricts, bureauTemplate, deleteRowLikeExcel, insertRowLikeExcel, loadExcel, saveExcel } from './fixtures';

describe('normaliseFormula: what re-saving may change is not a change', () => {
  test.each([
    ['=IF(A1>0,TRUE,FALSE)', '=IF(A1>0,TRUE(),FALSE())'],
    ['=ROUND(J10*MIN(1,K10),2)', '= round( j10 * min(1, k10), 2 )'],
    ['=IFERROR(A1,0)', '=_xlfn.IFERROR(A1,0)'],
    ['=SUM(Sheet1!A1:A3)', "=SUM('Sheet1'!A1:A3)"],
    ['=A1*0.5', '=A1*.50'],
    ['=A1*1000', '=A1*1E3'],
    ['=K10>=JXZP1_OVER', '=k10>=jxzp1_over'],
  ])('%s ≡ %s', (a, b) => {
    expect(normaliseFormula(a)).toBe(normaliseFormula(b));
  });

  test.each([
    ['=IF(E10="≥",1,0)', '=IF(E10="≤",1,0)'],
    ['=IF(E10="a b",1,0)', '=IF(E10="ab",1,0)'],
    ['=IF(E10="x",1,0)', '=IF(E10="X",1,0)'],
    ['=A10', '=A11'],
    ['=ROUND(J10,2)', '=ROUND(J10,3)'],
  ])('%s ≢ %s (text in quotes, references and numbers are kept)', (a, b) => {
    expect(normaliseFormula(a)).not.toBe(normaliseFormula(b));
  });
});

describe('translateRows: references moved as Excel moves them', () => {
  const deleted14 = (r: number, role: 'single' | 'start' | 'end'): number | null => {
    if (r < 14) return r;
    if (r > 14) return r - 1;
    return role === 'single' ? null : role === 'start' ? 14 : 13;
  };
  test.each([
    ['=SUM(L10:L43)', '=SUM(L10:L42)'],
    ['=IF(K15="","",ROUND(J15*MIN(1,K15),2))', '=IF(K14="","",ROUND(J14*MIN(1,K14),2))'],
    ['=A14+B13', '=#REF!+B13'],
    ['=SUM($J$14:$J$20)', '=SUM($J$14:$J$19)'],
    ['=IF(E15="A15",1,0)', '=IF(E14="A15",1,0)'],
    ['=JXZP1_OVER*K15', '=JXZP1_OVER*K14'],
    ['=LOG10(K15)', '=LOG10(K14)'],
  ])('%s → %s', (from, to) => {
    expect(translateRows(from, deleted14)).toBe(to);
  });
});

describe('fingerprint and tamper diff of a district form', () => {
  const template = bureauTemplate();
  const district = bureauDistricts(template, 2)[1]; // with overrides
  const form = districtForm(template, district);
  const plan: SheetPlan = planForm(form, { sheetName: '项目支出绩效自评2024' });
  const g = formGeometry(form);
  let bytes: Uint8Array;
  let sheetName: string;

  beforeAll(async () => {
    const out = await distributeFiles(template, [district], { issued: '2025-01-10' });
    bytes = out.files[0].bytes;
    sheetName = out.files[0].stamp.sheet;
    expect(sheetName).toBe(plan.sheetName);
  });

  async function sheetAfter(edit: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void): Promise<ReadSheet> {
    const wb = await loadExcel(bytes);
    edit(wb, wb.getWorksheet(sheetName)!);
    const rb = await readWorkbook(await saveExcel(wb));
    return rb.sheets.find((s) => s.name === sheetName)!;
  }
  const diff = (s: ReadSheet) => tamperDiff(plan, s, { describe: (r, c) => describeFormCell(form, r, c) });

  test('the locked cells are the plan cells not marked input: labels, targets, weights, formulas, parameters', () => {
    const locked = lockedCells(plan);
    const at = (r: number, c: number) => locked.find((l) => l.row === r && l.col === c);
    expect(at(g.first, COL.weight)?.content).toBe(`n:${form.rows[0].weight}`);
    expect(at(g.first, COL.score)?.content).toMatch(/^=IF\(/);
    expect(at(g.first, COL.actual)).toBeUndefined(); // input
    expect(at(g.first, COL.reason)).toBeUndefined(); // input
    expect(at(g.paramFirst + 3, 4)?.content).toBe('n:1'); // 反向指标计分
  });

  test('the written file has the plan’s fingerprint, and an untouched re-save keeps it', async () => {
    const fp = await planFingerprint(plan);
    const rb = await readWorkbook(bytes);
    expect(await sheetFingerprint(plan, rb.sheets.find((s) => s.name === sheetName)!)).toBe(fp);
    const resaved = await sheetAfter(() => undefined);
    expect(await sheetFingerprint(plan, resaved)).toBe(fp);
    expect(diff(resaved)).toEqual({ changes: [], total: 0, deletedRows: [], insertedRows: [] });
  });

  test('formulas stored as Excel stores repeated ones (shared formulas) read back the same', async () => {
    const s = await sheetAfter((_wb, ws) => {
      for (const col of [COL.completion, COL.score, COL.status, COL.hint]) {
        const master = ws.getCell(g.first, col).address;
        for (let r = g.first + 1; r <= g.last; r++) {
          ws.getCell(r, col).value = { sharedFormula: master, result: undefined } as unknown as ExcelJS.CellValue;
        }
      }
    });
    expect(await sheetFingerprint(plan, s)).toBe(await planFingerprint(plan));
  });

  test('inputs may change: the fingerprint does not move', async () => {
    const s = await sheetAfter((_wb, ws) => {
      ws.getCell(g.first, COL.actual).value = 0.5;
      ws.getCell(g.first, COL.reason).value = '经费晚到';
      ws.getCell(5, 4).value = 123.45; // 本年财政拨款 年初预算数
    });
    expect(await sheetFingerprint(plan, s)).toBe(await planFingerprint(plan));
  });

  test('a changed 分值 and a formula overwritten by a number are found at their cells', async () => {
    const r = g.first + 2;
    const s = await sheetAfter((_wb, ws) => {
      ws.getCell(r, COL.weight).value = 20;
      ws.getCell(r + 1, COL.score).value = 7.5;
    });
    expect(await sheetFingerprint(plan, s)).not.toBe(await planFingerprint(plan));
    const d = diff(s);
    expect(d.total).toBe(2);
    expect(d.changes[0]).toMatchObject({ kind: 'changed', address: `J${r}`, expected: String(form.rows[2].weight), found: '20' });
    expect(d.changes[0].message).toBe(`J${r}（「${form.rows[2].level3}」的分值）：应为「${form.rows[2].weight}」，现为「20」`);
    expect(d.changes[1]).toMatchObject({ kind: 'formula-replaced', address: `L${r + 1}`, found: '7.5' });
    expect(d.changes[1].expected).toMatch(/^=IF\(K\d+="","",ROUND\(J\d+\*MIN\(1,K\d+\),2\)\)$/);
  });

  test('a target text, a label and a rule parameter edited, a note typed into a locked blank cell', async () => {
    const s = await sheetAfter((_wb, ws) => {
      ws.getCell(g.first, COL.target).value = '≥50%';
      ws.getCell(g.first + 1, COL.level3).value = '改过的名称';
      ws.getCell(g.paramFirst + 9, 4).value = 1.5; // 超额完成阈值
      ws.getCell(g.first, COL.override).value = '随便写写'; // the 定性得分率 cell of a quantitative row: locked and blank
    });
    const d = diff(s);
    const kinds = d.changes.map((c) => [c.kind, c.address]);
    expect(kinds).toEqual([
      ['changed', `D${g.first}`],
      ['filled', `I${g.first}`],
      ['changed', `C${g.first + 1}`],
      ['changed', `D${g.paramFirst + 9}`],
    ]);
    expect(d.changes[3].message).toContain('评分参数「超额完成阈值（实际/目标）」');
  });

  test('a row deleted as Excel deletes it: one deleted row, the block that moved up, nothing else', async () => {
    const r = g.first + 4;
    const s = await sheetAfter((wb, ws) => {
      ws.unprotect();
      deleteRowLikeExcel(ws, r);
    });
    const d = diff(s);
    expect(d.deletedRows).toEqual([r]);
    expect(d.insertedRows).toEqual([]);
    expect(d.changes[0]).toMatchObject({ kind: 'row-deleted', address: `A${r}:O${r}` });
    expect(d.changes[0].message).toContain(form.rows[4].level3);
    expect(d.changes[1]).toMatchObject({ kind: 'rows-shifted', expected: `第${r + 1}–${plan.rowCount}行`, found: `第${r}–${plan.rowCount - 1}行` });
    expect(d.changes[1].message).toBe(`原第${r + 1}–${plan.rowCount}行上移 1 行，现为第${r}–${plan.rowCount - 1}行`);
    expect(d.total).toBe(2);
  });

  test('a row deleted by a tool that does not rewrite formulas: the formulas that now point wrong are listed, capped', async () => {
    const r = g.first + 4;
    const s = await sheetAfter((_wb, ws) => ws.spliceRows(r, 1));
    const d = tamperDiff(plan, s, { limit: 10 });
    expect(d.deletedRows).toEqual([r]);
    expect(d.changes).toHaveLength(10);
    expect(d.total).toBeGreaterThan(20);
    expect(d.changes[0].kind).toBe('row-deleted');
    // Below it every formula now points one row off; ExcelJS also copies the merged 一级 / 二级 labels into the cells
    // their merges covered.
    const cells = d.changes.slice(2);
    expect(cells.every((c) => c.kind === 'formula-changed' || (c.kind === 'filled' && /^[AB]\d+$/.test(c.address)))).toBe(true);
    expect(cells.find((c) => c.kind === 'formula-changed')?.address).toBe(`K${r}`);
  });

  test('a row inserted in the table is reported with what was typed into it', async () => {
    const r = g.first + 3;
    const s = await sheetAfter((wb, ws) => {
      ws.unprotect();
      insertRowLikeExcel(ws, r, ['', '', '自己加的指标', '≥1']);
    });
    const d = diff(s);
    expect(d.insertedRows).toEqual([r]);
    expect(d.changes[0]).toMatchObject({ kind: 'row-inserted', address: `A${r}:O${r}` });
    expect(d.changes[0].message).toContain('自己加的指标');
    expect(d.changes[1]).toMatchObject({ kind: 'rows-shifted' });
  });
});
