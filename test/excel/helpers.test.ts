// The pure parts of src/excel: addresses, what goes into `formulas`, how cells read back.

import {
  MAX_AREA_LIST_CHARS,
  MAX_AREAS_PER_LIST,
  areaLists,
  lineAreas,
  parseAreaList,
  parseNameFormula,
  rectangles,
} from '../../src/excel/addresses';
import { needsQuotePrefix, planCellInput, textInput, valueInput } from '../../src/excel/cellInput';
import { validationSettings } from '../../src/excel/applyPlan';
import { MERGE_BAND_CELLS, mergeBands, readCell, readNames, readWindow, toReadSheet } from '../../src/excel/readSheet';
import { editBlocks } from '../../src/excel/writeCells';
import { rangeAddr, type RangeRef } from '../../src/sheet/plan';

const cellsOf = (r: RangeRef): { row: number; col: number }[] => {
  const out = [];
  for (let row = r.row; row <= r.rowEnd; row++) for (let col = r.col; col <= r.colEnd; col++) out.push({ row, col });
  return out;
};
const key = (c: { row: number; col: number }): string => `${c.row}:${c.col}`;

describe('rectangles', () => {
  test('a column of cells is one rectangle, a block is one rectangle', () => {
    const column = Array.from({ length: 500 }, (_, i) => ({ row: 10 + i, col: 8 }));
    expect(rectangles(column)).toEqual([{ row: 10, col: 8, rowEnd: 509, colEnd: 8 }]);
    const block = cellsOf({ row: 3, col: 2, rowEnd: 7, colEnd: 5 });
    expect(rectangles(block.reverse())).toEqual([{ row: 3, col: 2, rowEnd: 7, colEnd: 5 }]);
  });

  test('covers exactly the given cells, whatever their shape', () => {
    // a deterministic scatter: an L shape, gaps, duplicates
    const cells = [
      ...cellsOf({ row: 1, col: 1, rowEnd: 4, colEnd: 1 }),
      ...cellsOf({ row: 4, col: 1, rowEnd: 4, colEnd: 6 }),
      { row: 9, col: 3 },
      { row: 9, col: 3 },
      { row: 10, col: 3 },
      { row: 12, col: 3 },
      ...cellsOf({ row: 20, col: 2, rowEnd: 25, colEnd: 3 }).filter((c) => !(c.row === 22 && c.col === 3)),
    ];
    const rects = rectangles(cells);
    const covered = rects.flatMap(cellsOf).map(key);
    expect(new Set(covered)).toEqual(new Set(cells.map(key)));
    expect(covered.length).toBe(new Set(covered).size); // no cell twice
    expect(rects.length).toBeLessThanOrEqual(8);
  });
});

describe('address lists', () => {
  test('are split within the character and area limits, and keep every area once', () => {
    const areas = Array.from({ length: 900 }, (_, i) => rangeAddr({ row: i * 2 + 1, col: 1, rowEnd: i * 2 + 1, colEnd: 15 }));
    const lists = areaLists(areas);
    expect(lists.length).toBeGreaterThan(1);
    for (const l of lists) {
      expect(l.length).toBeLessThanOrEqual(MAX_AREA_LIST_CHARS);
      expect(l.split(',').length).toBeLessThanOrEqual(MAX_AREAS_PER_LIST);
    }
    expect(lists.join(',').split(',')).toEqual(areas);
  });

  test('whole rows and columns join consecutive indexes', () => {
    expect(lineAreas([10, 11, 12, 15, 3], 'rows')).toEqual(['3:3', '10:12', '15:15']);
    expect(lineAreas([1, 2, 4, 27], 'columns')).toEqual(['A:B', 'D:D', 'AA:AA']);
  });

  test('addresses Excel hands back are parsed, quoted sheet names with commas and quotes included', () => {
    expect(parseAreaList("'自评, 表''1'!A1:O1, '自评, 表''1'!B2:F2")).toEqual([
      { row: 1, col: 1, rowEnd: 1, colEnd: 15 },
      { row: 2, col: 2, rowEnd: 2, colEnd: 6 },
    ]);
    expect(parseAreaList('Sheet1!A1:B4, Sheet1!D1:D4')).toEqual([
      { row: 1, col: 1, rowEnd: 4, colEnd: 2 },
      { row: 1, col: 4, rowEnd: 4, colEnd: 4 },
    ]);
    expect(parseNameFormula("='O''Brien 表'!$D$20")).toEqual({ sheet: "O'Brien 表", range: { row: 20, col: 4, rowEnd: 20, colEnd: 4 } });
    expect(parseNameFormula('=汇总!$A$9:$O$43')).toEqual({ sheet: '汇总', range: { row: 9, col: 1, rowEnd: 43, colEnd: 15 } });
    expect(parseNameFormula('=#REF!$A$1')).toBeNull();
    expect(parseNameFormula('=0.5')).toBeNull();
    expect(parseNameFormula('=Sheet1!$A$1,Sheet1!$B$2')).toBeNull();
  });
});

describe('cell input', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+86 020', "'+86 020"],
    ['-增加', "'-增加"],
    ['@SUM(A1)', "'@SUM(A1)"],
    [' =A1', "' =A1"],
    ["'引号", "''引号"],
    ['100%', "'100%"],
    ['1:18', "'1:18"],
    ['2022年1月5日', "'2022年1月5日"],
    ['TRUE', "'TRUE"],
    ['#N/A', "'#N/A"],
    ['完成', '完成'],
    ['部分达成年度指标并具有一定效果', '部分达成年度指标并具有一定效果'],
    ['', ''],
  ])('text %j is written as %j', (text, written) => {
    expect(textInput(text)).toBe(written);
    expect(needsQuotePrefix(text)).toBe(written !== text);
  });

  test('numbers and booleans go as themselves, nothing as empty, formulas as formulas', () => {
    expect(valueInput(0.96)).toBe(0.96);
    expect(valueInput(true)).toBe(true);
    expect(valueInput(null)).toBe('');
    expect(planCellInput({ formula: '=SUM(A1:A3)' })).toBe('=SUM(A1:A3)');
    expect(planCellInput({ value: '=SUM(A1:A3)' })).toBe("'=SUM(A1:A3)");
    expect(planCellInput(null)).toBe('');
    expect(() => planCellInput({ formula: 'SUM(A1)' })).toThrow("must start with '='");
    expect(() => valueInput(Number.NaN)).toThrow('finite');
  });
});

describe('reading cells', () => {
  test('text that looks like a formula is text; formulas, errors and blanks are told apart', () => {
    expect(readCell('=1+1', '=1+1', 'String')).toEqual({ v: '=1+1' });
    expect(readCell(2, '=1+1', 'Double')).toEqual({ v: 2, f: '=1+1' });
    expect(readCell('=x', '="=x"', 'String')).toEqual({ v: '=x', f: '="=x"' });
    expect(readCell('#DIV/0!', '=1/0', 'Error')).toEqual({ v: null, err: '#DIV/0!', f: '=1/0' });
    expect(readCell('#N/A', '#N/A', 'String')).toEqual({ v: '#N/A' });
    expect(readCell('', '=IF(A1,"","")', 'Empty')).toEqual({ v: null, f: '=IF(A1,"","")' });
    expect(readCell('', '', 'Empty')).toBeUndefined();
    expect(readCell(false, false, 'Boolean')).toEqual({ v: false });
  });

  test('a block read at an offset lands at its rows and columns; merges are parsed once', () => {
    const sheet = toReadSheet(
      'S',
      {
        window: { rowIndex: 2, columnIndex: 1, rowCount: 2, columnCount: 2 },
        values: [['a', ''], ['', 5]],
        formulas: [['a', ''], ['', 5]],
        valueTypes: [['String', 'Empty'], ['Empty', 'Double']],
      },
      ['S!B3:C3', 'S!B3:C3, S!D9', 'S!E1:E2'],
    );
    expect(sheet.cells).toEqual([[], [], [undefined, { v: 'a' }], [undefined, undefined, { v: 5 }]]);
    expect(sheet.merges).toEqual([
      { row: 3, col: 2, rowEnd: 3, colEnd: 3 },
      { row: 1, col: 5, rowEnd: 2, colEnd: 5 },
    ]);
  });

  test('only range names are kept', () => {
    expect(
      readNames([
        { name: 'JXZP1_TOTAL', type: 'Range', formula: "='表 1'!$L$44" },
        { name: 'RATE', type: 'Double', formula: '=0.5' },
        { name: 'GONE', type: 'Error', formula: '=#REF!' },
      ]),
    ).toEqual([{ name: 'JXZP1_TOTAL', sheet: '表 1', range: { row: 44, col: 12, rowEnd: 44, colEnd: 12 } }]);
  });

  test('merged areas are asked for in bands that cannot hold 512 merges, covering every row once', () => {
    const w = { rowIndex: 0, columnIndex: 0, rowCount: 561, columnCount: 15 };
    const bands = mergeBands(w);
    for (const b of bands) expect(b.rowCount * b.columnCount).toBeLessThanOrEqual(MERGE_BAND_CELLS);
    expect(bands.reduce((n, b) => n + b.rowCount, 0)).toBe(561);
    expect(bands[bands.length - 1].rowIndex + bands[bands.length - 1].rowCount).toBe(561);
    expect(mergeBands({ rowIndex: 0, columnIndex: 0, rowCount: 1_000_000, columnCount: 20 }).length).toBeLessThanOrEqual(200);
  });

  test('a huge sheet is read only in part', () => {
    const w = readWindow({ rowIndex: 0, columnIndex: 0, rowCount: 1_000_000, columnCount: 400 });
    expect(w.columnCount * w.rowCount).toBeLessThanOrEqual(60_000);
    expect(readWindow({ rowIndex: 3, columnIndex: 2, rowCount: 561, columnCount: 15 })).toEqual({ rowIndex: 3, columnIndex: 2, rowCount: 561, columnCount: 15 });
  });
});

describe('edit blocks', () => {
  test('edits become the fewest rectangles that cover exactly them; the later of two edits wins', () => {
    const edits = [
      ...Array.from({ length: 30 }, (_, i) => ({ row: 10 + i, col: 8, value: i })),
      { row: 12, col: 14, value: '=1+1' },
      { row: 11, col: 8, value: 'later' },
    ];
    const blocks = editBlocks(edits);
    expect(blocks.map((b) => rangeAddr(b.range))).toEqual(['H10:H39', 'N12']);
    expect(blocks[0].inputs[1]).toEqual(['later']);
    expect(blocks[1].inputs).toEqual([["'=1+1"]]);
    expect(() => editBlocks([{ row: 0, col: 1, value: 1 }])).toThrow('not a cell');
  });
});

describe('validation settings', () => {
  test('decimal bounds become operators; lists become comma lists', () => {
    const base = { promptTitle: 't', prompt: 'p', error: 'e' };
    expect(validationSettings({ type: 'decimal', min: 0, max: 1, ...base }).rule).toEqual({ decimal: { operator: 'Between', formula1: 0, formula2: 1 } });
    expect(validationSettings({ type: 'decimal', min: 0, ...base }).rule).toEqual({ decimal: { operator: 'GreaterThanOrEqualTo', formula1: 0 } });
    expect(validationSettings({ type: 'list', items: ['是', '否'], ...base })).toEqual({
      rule: { list: { inCellDropDown: true, source: '是,否' } },
      prompt: { showPrompt: true, title: 't', message: 'p' },
      errorAlert: { showAlert: true, style: 'Stop', title: 't', message: 'e' },
    });
    expect(() => validationSettings({ type: 'list', items: ['a,b'], ...base })).toThrow('comma');
  });
});
