// 审核 on real published tables and on seeded errors: every seeded error is found at its cell, a correct table has
// no 错误, and a form made by this product and filled correctly has no 错误 either.
import { CheckId, Finding, reviewTable } from '../../src/domain/review';
import { exampleForm } from '../../src/domain/standards';
import { findTables } from '../../src/sheet/findTables';
import { HAND_SCORE_COL, planForm, ROW } from '../../src/sheet/layout';
import { readForm } from '../../src/sheet/readback';
import { tableToForm } from '../../src/domain/convert';
import { scoreForm } from '../../src/domain/rules';
import * as fs from 'fs';
import * as path from 'path';
import { readWorkbook, readWorkbookFile } from '../../src/xlsx/readWorkbook';
import { writeWorkbook } from '../../src/xlsx/writeWorkbook';
import { sheetResult, tempDir } from '../support/engine';
import { chizhou, handWorkbook, HandTable, qushangwu, sichuan, tianchang } from '../support/handTables';
import { recalculate } from '../support/libreoffice';

async function review(tables: HandTable[]) {
  const wb = await readWorkbook(await handWorkbook([{ name: '自评表', tables }]), 'hand.xlsx');
  const found = findTables(wb);
  return { found, results: found.map((t) => reviewTable(t)) };
}

const errors = (fs: Finding[]) => fs.filter((f) => f.severity === '错误');
const at = (fs: Finding[], id: CheckId) => fs.filter((f) => f.id === id).map((f) => f.cell);

describe('finding tables', () => {
  test('the Ministry layout: budget block, merged 一级 labels carrying points, the 总分 row', async () => {
    const { found } = await review([tianchang()]);
    expect(found).toHaveLength(1);
    const t = found[0];
    expect(t.rows).toHaveLength(10);
    expect(t.rows.map((r) => r.level1)).toEqual([...Array(5).fill('产出指标'), ...Array(4).fill('效益指标'), '满意度指标']);
    expect(t.headings.map((h) => [h.level1, h.points])).toEqual([
      ['产出指标', 50],
      ['效益指标', 30],
      ['满意度指标', 10],
    ]);
    expect(t.budget?.total.annual?.num).toBe(880);
    expect(t.budget?.weight?.num).toBe(10);
    expect(t.total?.score?.num).toBe(100);
    expect(t.rows[0].level2).toBe('数量指标');
    expect(t.rows[1].level2).toBe('数量指标');
  });

  test('Hubei and Sichuan variants, several tables in one sheet and tables on several sheets', async () => {
    const wb = await readWorkbook(
      await handWorkbook([
        { name: '甲', tables: [qushangwu(), sichuan()] },
        { name: '乙', tables: [tianchang()] },
      ]),
    );
    const found = findTables(wb);
    expect(found.map((t) => [t.sheet, t.rows.length])).toEqual([
      ['甲', 8],
      ['甲', 4],
      ['乙', 10],
    ]);
    expect(found[0].budget?.weight?.num).toBe(20); // from the label 预算执行情况(20分)
    expect(found[0].budget?.total.executed?.num).toBe(285.84);
    expect(found[1].rows.map((r) => r.target.text)).toEqual(['=100%', '≤10次', '=100%', '≤5%']);
  });
});

describe('reviewing', () => {
  test('a correct published table gives no 错误', async () => {
    const { results } = await review([tianchang()]);
    expect(errors(results[0].findings)).toEqual([]);
  });

  test('the 池州 table: 年度资金总额 0/0/0 above a filled 本年财政拨款', async () => {
    const { found, results } = await review([chizhou()]);
    const totalRow = found[0].budget!.total;
    expect(at(results[0].findings, 'budget-total-not-sum')).toEqual([totalRow.initial!.ref, totalRow.annual!.ref, totalRow.executed!.ref]);
    expect(at(results[0].findings, 'budget-score-wrong')).toEqual([found[0].budget!.score!.ref]);
    expect(at(results[0].findings, 'execution-rate-wrong')).toEqual([found[0].budget!.rate!.ref]);
  });

  test('seeded errors are each found at their cell', async () => {
    const t = tianchang();
    t.rows[0] = { ...t.rows[0], level3: '项目成本', target: '≤30万元', actual: '完成' }; // text where a number belongs
    t.rows[1] = { ...t.rows[1], actual: 1, score: 12 }; // above weight
    t.rows[4] = { ...t.rows[4], level3: '指标2: ……', target: '……' }; // template placeholder
    t.rows[5] = { ...t.rows[5], level3: t.rows[6].level3, level2: t.rows[6].level2 }; // duplicate (same 二级)
    t.rows[9] = { ...t.rows[9], actual: '95%', score: 9 }; // 100%+ complete yet 90% scored
    t.total = 99; // not the sum
    const { found, results } = await review([t]);
    const rows = found[0].rows;
    const f = results[0].findings;
    expect(at(f, 'actual-not-number')).toEqual([rows[0].actual!.ref]);
    expect(at(f, 'score-above-weight')).toEqual([rows[1].score!.ref]);
    expect(at(f, 'template-placeholder')).toEqual([rows[4].level3.ref]);
    expect(at(f, 'duplicate-indicator')).toEqual([rows[6].level3.ref]);
    expect(at(f, 'score-differs-from-rule')).toEqual([rows[9].score!.ref]);
    expect(at(f, 'missing-deviation-reason')).toEqual([rows[9].reason!.ref]);
    expect(at(f, 'total-not-sum')).toEqual([found[0].total!.score!.ref]);
    const differs = f.find((x) => x.id === 'score-differs-from-rule')!;
    expect(differs.message.zh).toContain('应得 10');
    expect(differs.fix?.zh).toBe('改为 10');
    expect(f.every((x) => x.sheet === '自评表' && x.message.en.length > 0)).toBe(true);
  });

  test('a heading "产出指标(70分)" above weights that add up to 50', async () => {
    const t = tianchang();
    t.rows = t.rows.map((r) => (r.level1 === '产出指标(50分)' ? { ...r, level1: '产出指标(70分)' } : r));
    const { found, results } = await review([t]);
    expect(at(results[0].findings, 'heading-points-mismatch')).toEqual([found[0].headings[0].ref]);
    expect(results[0].findings.find((x) => x.id === 'heading-points-mismatch')?.message.zh).toContain('标注 70 分');
  });

  test('every indicator complete, every score 90% of its weight', async () => {
    const t = chizhou();
    t.budget = { ...t.budget!, total: [202.64, 132.912, 132.912], rate: 1, score: 10 };
    t.rows = t.rows.map((r) => ({ ...r, score: typeof r.weight === 'number' ? r.weight * 0.9 : r.score, reason: '' }));
    const { found, results } = await review([t]);
    const quantitative = found[0].rows.filter((r) => /[=≤≥]/.test(r.target.text));
    expect(at(results[0].findings, 'score-differs-from-rule')).toEqual(quantitative.map((r) => r.score!.ref));
    // qualitative rows at 90% sit inside the 达成 band (80–100%): the evaluator's judgement, not an error
    expect(at(results[0].findings, 'qualitative-score-outside-band')).toEqual([]);
  });

  test('units, over-achievement, qualitative band, weights', async () => {
    const t = chizhou();
    t.budget = { ...t.budget!, total: [202.64, 132.912, 132.912], rate: 1, score: 10 };
    t.rows[0] = { ...t.rows[0], target: '≥8个', actual: 12 }; // 150%: over-achievement, no explanation
    t.rows[5] = { ...t.rows[5], actual: '1329000元' }; // converted, fine
    t.rows[1] = { ...t.rows[1], actual: '42次' }; // 个 vs 次
    t.rows[2] = { ...t.rows[2], score: 4 }; // 达成 scored 50%
    const { found, results } = await review([t]);
    const rows = found[0].rows;
    const f = results[0].findings;
    expect(at(f, 'over-achievement-unexplained')).toEqual([rows[0].reason!.ref]);
    expect(at(f, 'unit-mismatch')).toEqual([rows[1].actual!.ref]);
    expect(at(f, 'qualitative-score-outside-band')).toEqual([rows[2].score!.ref]);
    expect(at(f, 'weights-not-100')).toHaveLength(1); // the published excerpt is truncated: 74 + 10 points
  });

  test('a form made by this product and filled correctly gives no 错误', async () => {
    const form = exampleForm();
    form.rows.forEach((r) => (r.actual = r.target.includes(':') ? r.target : r.target.replace(/以上|或以上|不超过|以下/g, '')));
    // Recalculated by LibreOffice, so the sheet's own scores and totals are there to be checked.
    const dir = tempDir('jxzp-review-');
    fs.mkdirSync(path.join(dir, 'in'));
    const file = path.join(dir, 'in', 'ours.xlsx');
    fs.writeFileSync(file, await writeWorkbook([planForm(form)]));
    const [saved] = recalculate([file], path.join(dir, 'out'));
    const tables = findTables(await readWorkbookFile(saved));
    expect(tables).toHaveLength(1);
    expect(tables[0].ours).toBe(true);
    expect(tables[0].rows).toHaveLength(form.rows.length);
    expect(tables[0].total?.score?.num).toBeGreaterThan(90);
    expect(errors(reviewTable(tables[0]).findings)).toEqual([]);
  });
});

describe('转换: a hand-made table becomes a live form', () => {
  test('rows, targets, weights, actuals and reasons carried over; hand scores kept beside the computed ones', async () => {
    const t = tianchang();
    t.rows[9] = { ...t.rows[9], actual: '85%', score: 10, reason: '' }; // hand score too high for 85% of 90%
    const { found } = await review([t]);
    const form = tableToForm(found[0]);
    expect(form.meta.projectName).toBe('水旱灾害防御经费');
    expect(form.meta.year).toBe('2022');
    expect(form.meta.goal).toBe('保障全市安全度汛');
    expect(form.meta.goalResult).toBe('全市安全度汛，工程良性运行');
    expect(form.rows).toHaveLength(10);
    expect(form.rows[9]).toMatchObject({ level1: '满意度指标', target: '90%', actual: '85%', weight: 10, handScore: 10 });
    expect(form.budget.parts[0]).toMatchObject({ annual: 880, executed: 880 });
    const oracle = scoreForm(form);
    expect(oracle.rows[9].score).toBe(9.44);

    const dir = tempDir('jxzp-convert-');
    fs.mkdirSync(path.join(dir, 'in'));
    const file = path.join(dir, 'in', 'converted.xlsx');
    fs.writeFileSync(file, await writeWorkbook([planForm(form)]));
    const [saved] = recalculate([file], path.join(dir, 'out'));
    const wb = await readWorkbookFile(saved);
    const back = readForm(wb);
    expect(back.form.rows.map((r) => r.handScore)).toEqual(form.rows.map((r) => r.handScore));
    const sheet = sheetResult(wb, form, back.sheet);
    expect(sheet.rows[9]).toMatchObject({ score: 9.44, status: '未达标' });
    expect(sheet.total).toBeCloseTo(oracle.total, 9);
    const header = wb.sheets[0].cells[ROW.header - 1].map((c) => c?.v);
    expect(header[HAND_SCORE_COL - 1]).toBe('原表得分');
  });
});
