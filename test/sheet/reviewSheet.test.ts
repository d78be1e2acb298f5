// The 审核意见 sheet: exact headers, one row per finding (错误 first), the reviewer's column the only one unlocked —
// as a plan, and as ExcelJS reads the written file back.
import ExcelJS from 'exceljs';
import type { Finding } from '../../src/domain/review';
import { planReviewSheet, REVIEW_COL, REVIEW_HEADERS, REVIEW_ROW, type ReviewSheetInput } from '../../src/sheet/reviewSheet';
import { readWorkbook } from '../../src/xlsx/readWorkbook';
import { writeWorkbook } from '../../src/xlsx/writeWorkbook';
import { freeSheetName } from '../../src/taskpane/state/newForm';

const FINDINGS: Finding[] = [
  {
    id: 'missing-deviation-reason',
    severity: '警告',
    sheet: '自评表',
    cell: 'H20',
    message: { zh: '「服务对象满意度」未得满分，偏差原因分析及改进措施为空', en: 'Score below weight and no reason given' },
    fix: { zh: '填写偏差原因分析及改进措施', en: 'Explain the deviation' },
  },
  {
    id: 'score-above-weight',
    severity: '错误',
    sheet: '自评表',
    cell: 'G12',
    message: { zh: '「指标2」得分 12 超过分值 10', en: 'Score 12 above weight 10' },
    fix: { zh: '得分不应超过 10', en: 'At most 10' },
  },
  {
    id: 'narrative-blank',
    severity: '提示',
    sheet: '另一表',
    cell: 'E8',
    message: { zh: '「实际完成情况」为空', en: '"实际完成情况" is blank' },
  },
  {
    id: 'total-not-sum',
    severity: '错误',
    sheet: '另一表',
    cell: 'G21',
    message: { zh: '总分为 99，各项得分合计 101', en: 'Total 99 differs from the sum 101' },
    fix: { zh: '应为 101', en: 'Should be 101' },
  },
];

const input = (findings: Finding[] = FINDINGS): ReviewSheetInput => ({
  sheetName: '审核意见',
  findings,
  fileName: '某区项目自评表.xlsx',
  date: '2024-05-31',
  scope: '整个工作簿',
  profileName: '全国通用（财预〔2020〕10号）',
});

const value = (plan: ReturnType<typeof planReviewSheet>, row: number, col: number) => plan.cells[row - 1]?.[col - 1]?.value;

describe('planReviewSheet', () => {
  const plan = planReviewSheet(input());
  const body = Array.from({ length: FINDINGS.length }, (_, i) => REVIEW_ROW.first + i);

  test('exact headers, in order', () => {
    expect([...REVIEW_HEADERS]).toEqual(['序号', '严重程度', '检查项', '工作表', '单元格', '问题说明', '修改建议', '审核人意见']);
    expect(plan.cells[REVIEW_ROW.header - 1].map((c) => c?.value)).toEqual([...REVIEW_HEADERS]);
    expect(plan.cells[REVIEW_ROW.header - 1].every((c) => c?.style === 'header')).toBe(true);
    expect(plan.colCount).toBe(8);
    expect(plan.sheetName).toBe('审核意见');
  });

  test('one row per finding: 错误 first, then 警告, then 提示, each with its check, cell, message and fix', () => {
    const rows = body.map((r) => plan.cells[r - 1].slice(0, 7).map((c) => c?.value));
    expect(rows).toEqual([
      [1, '错误', '得分超过分值', '自评表', 'G12', '「指标2」得分 12 超过分值 10', '得分不应超过 10'],
      [2, '错误', '总分不等于各项得分之和', '另一表', 'G21', '总分为 99，各项得分合计 101', '应为 101'],
      [3, '警告', '未达标但缺少偏差原因分析', '自评表', 'H20', FINDINGS[0].message.zh, '填写偏差原因分析及改进措施'],
      [4, '提示', '文字说明栏为空', '另一表', 'E8', '「实际完成情况」为空', ''],
    ]);
    // Nothing below the findings but the signature line.
    expect(value(plan, REVIEW_ROW.first + FINDINGS.length, REVIEW_COL.index)).toBeUndefined();
    expect(plan.rowCount).toBe(REVIEW_ROW.first + FINDINGS.length + 1);
    expect(value(plan, plan.rowCount, REVIEW_COL.check)).toBe('审核人（签字）：');
  });

  test('the 审核人意见 column is the only input: unlocked, wide, wrapped; the sheet is protected', () => {
    for (const r of body) {
      const note = plan.cells[r - 1][REVIEW_COL.note - 1];
      expect(note).toMatchObject({ input: true, style: 'inputText', value: '' });
      for (let c = 1; c < REVIEW_COL.note; c++) expect(plan.cells[r - 1][c - 1]?.input).toBeFalsy();
    }
    const inputs = plan.cells.flatMap((row, r) => row.map((c, col) => (c?.input ? `${r + 1}:${col + 1}` : null))).filter(Boolean);
    expect(inputs).toEqual(body.map((r) => `${r}:${REVIEW_COL.note}`));
    expect(plan.columnWidths[REVIEW_COL.note - 1]).toBeGreaterThanOrEqual(30);
    expect(plan.protect).toEqual({ password: null });
  });

  test('title with the file and date, frozen header, A4 landscape fitted to one page wide, severity coloured', () => {
    expect(value(plan, REVIEW_ROW.title, 1)).toBe('预算绩效自评表审核意见');
    const source = String(value(plan, REVIEW_ROW.source, 1));
    expect(source).toContain('某区项目自评表.xlsx');
    expect(source).toContain('2024-05-31');
    expect(source).toContain('整个工作簿');
    expect(String(value(plan, REVIEW_ROW.summary, 1))).toContain('错误 2 条，警告 1 条，提示 1 条');
    expect(plan.merges).toEqual(
      expect.arrayContaining([
        { row: REVIEW_ROW.title, col: 1, rowEnd: REVIEW_ROW.title, colEnd: 8 },
        { row: REVIEW_ROW.source, col: 1, rowEnd: REVIEW_ROW.source, colEnd: 8 },
      ]),
    );
    expect(plan.freeze).toEqual({ rows: REVIEW_ROW.header, cols: 0 });
    expect(plan.print).toEqual({
      area: { row: 1, col: 1, rowEnd: plan.rowCount, colEnd: 8 },
      titleRows: { from: REVIEW_ROW.header, to: REVIEW_ROW.header },
      landscape: true,
      fitToWidth: 1,
    });
    // Borders: every cell of the table has a bordered style.
    for (const r of [REVIEW_ROW.header, ...body]) for (const c of plan.cells[r - 1]) expect(['header', 'text', 'computed', 'inputText']).toContain(c?.style);
    expect(plan.conditionalFormats).toEqual([
      {
        range: { row: REVIEW_ROW.first, col: REVIEW_COL.severity, rowEnd: REVIEW_ROW.first + 3, colEnd: REVIEW_COL.severity },
        rules: [
          { formula: `=$B${REVIEW_ROW.first}="错误"`, style: expect.objectContaining({ fill: 'FFC7CE' }) },
          { formula: `=$B${REVIEW_ROW.first}="警告"`, style: expect.objectContaining({ fill: 'FFEB9C' }) },
          { formula: `=$B${REVIEW_ROW.first}="提示"`, style: expect.objectContaining({ fill: 'DDEBF7' }) },
        ],
      },
    ]);
    expect(plan.names).toEqual([]);
  });

  test('no findings: one line saying so, still with the reviewer’s column', () => {
    const empty = planReviewSheet(input([]));
    expect(value(empty, REVIEW_ROW.first, 1)).toBe('未发现问题');
    expect(empty.cells[REVIEW_ROW.first - 1][REVIEW_COL.note - 1]).toMatchObject({ input: true });
    expect(String(value(empty, REVIEW_ROW.summary, 1))).toBe('审核未发现问题。');
    expect(empty.conditionalFormats).toEqual([]);
  });

  test('the name: 审核意见, else 审核意见（2）…', () => {
    expect(freeSheetName('审核意见', ['自评表'])).toBe('审核意见');
    expect(freeSheetName('审核意见', ['自评表', '审核意见'])).toBe('审核意见（2）');
    expect(freeSheetName('审核意见', ['审核意见', '审核意见（2）'])).toBe('审核意见（3）');
  });

  test('written to .xlsx: the reviewer’s column unlocked, the rest locked, the sheet protected, the text intact', async () => {
    const bytes = await writeWorkbook([plan]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = book.getWorksheet('审核意见')!;
    expect(ws.getCell(`H${REVIEW_ROW.first}`).protection?.locked).toBe(false);
    expect(ws.getCell(`H${REVIEW_ROW.first + 3}`).protection?.locked).toBe(false);
    for (const a of [`A${REVIEW_ROW.first}`, `F${REVIEW_ROW.first}`, `H${REVIEW_ROW.header}`, 'A1']) {
      expect(ws.getCell(a).protection?.locked).not.toBe(false);
    }
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.getCell(`H${REVIEW_ROW.first}`).alignment?.wrapText).toBe(true);
    const back = await readWorkbook(bytes);
    const cells = back.sheets[0].cells;
    expect(cells[REVIEW_ROW.header - 1].map((c) => c?.v)).toEqual([...REVIEW_HEADERS]);
    expect(cells[REVIEW_ROW.first - 1][REVIEW_COL.cell - 1]?.v).toBe('G12');
  });
});
