import { blankRow } from '../../src/domain/form';
import { blankForm, exampleForm } from '../../src/domain/standards';
import * as fx from '../../src/sheet/formulas';
import { COL, formGeometry, HEADERS, planForm, ROW } from '../../src/sheet/layout';
import { addr, PlanCell, SheetPlan } from '../../src/sheet/plan';

const WPS_SAFE = new Set(['IF', 'AND', 'OR', 'MIN', 'MAX', 'ROUND', 'SUM', 'SUMIF', 'COUNTIF', 'IFERROR', 'ISNUMBER', 'INDEX', 'MATCH', 'COUNT']);

function cell(plan: SheetPlan, ref: string): PlanCell | null {
  const m = /^([A-Z]+)(\d+)$/.exec(ref) as RegExpExecArray;
  const col = m[1].split('').reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0);
  return plan.cells[Number(m[2]) - 1][col - 1];
}

function allFormulas(plan: SheetPlan): string[] {
  const out: string[] = [];
  plan.cells.forEach((row) => row.forEach((c) => c?.formula && out.push(c.formula)));
  plan.conditionalFormats.forEach((cf) => cf.rules.forEach((r) => out.push(r.formula)));
  return out;
}

function sample() {
  const f = blankForm('project', { projectName: '社区矫正经费', year: '2024' }, [
    { ...blankRow('产出指标', '数量指标', '培训人数', '≥1000人', 25), actual: '1200人' },
    { ...blankRow('产出指标', '数量指标', '=HYPERLINK("http://x")', '≥95%', 25), reason: '=1+1' },
    blankRow('效益指标', '社会效益指标', '服务质量', '高', 20),
    blankRow('效益指标', '社会效益指标', '预决算信息公开', '是', 10),
    blankRow('满意度指标', '服务对象满意度指标', '司法社工与社区矫正对象比例', '1:20', 10),
  ]);
  return { form: f, plan: planForm(f) };
}

describe('planForm', () => {
  const { form, plan } = sample();
  const g = formGeometry(form);

  test('the table header carries the exact column names of domain.md §1, in their order', () => {
    const header = plan.cells[ROW.header - 1].map((c) => c?.value);
    const required = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
    const positions = required.map((h) => header.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(header[COL.kind - 1]).toBe(HEADERS.kind);
  });

  test('the parsed direction, number and unit sit next to the original text', () => {
    const r = g.first;
    expect(cell(plan, `D${r}`)?.value).toBe('≥1000人');
    expect(cell(plan, `E${r}`)?.value).toBe('≥');
    expect(cell(plan, `F${r}`)?.value).toBe(1000);
    expect(cell(plan, `G${r}`)?.value).toBe('人');
    expect(cell(plan, `F${r}`)?.numFmt).toBe('#,##0"人"');
    expect(cell(plan, `H${r}`)?.value).toBe(1200);
    expect(cell(plan, `F${r + 1}`)?.numFmt).toBe('0.00%');
    expect(cell(plan, `E${r + 2}`)?.value).toBe('定性');
    expect(cell(plan, `E${r + 4}`)?.value).toBe('比例');
    expect(cell(plan, `F${r + 4}`)?.numFmt).toBe('"1:"0');
  });

  test('completion, score and status are formulas, with these exact texts', () => {
    const r = g.first;
    const refs: fx.RowRefs = {
      text: `D${r}`,
      kind: `E${r}`,
      target: `F${r}`,
      actual: `H${r}`,
      override: `I${r}`,
      weight: `J${r}`,
      completion: `K${r}`,
      score: `L${r}`,
      status: `M${r}`,
      reason: `N${r}`,
    };
    expect(cell(plan, `K${r}`)?.formula).toBe(fx.completionFormula(refs, fx.paramNames('JXZP1')));
    expect(cell(plan, `L${r}`)?.formula).toBe('=IF(K10="","",ROUND(J10*MIN(1,K10),2))');
    expect(cell(plan, `M${r}`)?.formula).toBe(
      '=IF(E10="不适用","不适用",IF(E10="无法识别",IF(D10="","未填","无法计算"),IF(H10="","未填",IF(K10="","无法计算",' +
        'IF(IF(OR(E10="≥",E10="=",E10="比例"),K10>=JXZP1_OVER,FALSE),"超额·需说明",IF(L10>=ROUND(J10,2),"达标","未达标"))))))',
    );
    expect(cell(plan, `K${r}`)?.formula).toContain('IF(AND(ISNUMBER(H10),ISNUMBER(F10)),IF(H10<0,"",IF(E10="比例",IF(H10<=0,"",ROUND(F10/H10,4))');
    expect(cell(plan, `K${r}`)?.formula).toContain('ROUND(IF(JXZP1_REVERSE=2,MAX(0,1-(H10-F10)/F10),F10/H10),4)');
    expect(cell(plan, `L${g.totalRow}`)?.formula).toBe(
      `=IF(JXZP1_CAP=1,IF(ISNUMBER(K4),MIN(H${g.summaryRescaled},IF(K4<0.5,59,IF(K4<0.6,69,IF(K4<0.7,79,IF(K4<0.8,89,100)))))` +
        `,H${g.summaryRescaled}),H${g.summaryRescaled})`,
    );
    expect(cell(plan, `M${g.totalRow}`)?.formula).toBe(`=IF(L${g.totalRow}>=90,"优",IF(L${g.totalRow}>=80,"良",IF(L${g.totalRow}>=60,"中","差")))`);
    expect(cell(plan, 'F4')?.formula).toBe('=IF(COUNT(F5:F7)=0,"",SUM(F5:F7))');
    expect(cell(plan, 'K4')?.formula).toBe('=IF(ISNUMBER(F4),IF(F4>0,ROUND(IF(ISNUMBER(H4),H4,0)/F4,4),""),"")');
  });

  test('subtotals per 一级 read their own block of rows', () => {
    expect(cell(plan, `D${g.summaryFirst}`)?.formula).toBe('=SUM(J10:J11)');
    expect(cell(plan, `F${g.summaryFirst + 1}`)?.formula).toBe('=SUMIF(M12:M13,"<>不适用",J12:J13)');
    expect(cell(plan, `H${g.summaryFirst + 2}`)?.formula).toBe('=SUM(L14:L14)');
    expect(cell(plan, `A${g.summaryFirst}`)?.value).toBe('产出指标');
    expect(cell(plan, `H${g.summarySum}`)?.formula).toBe('=SUM($L$10:$L$14,L4)');
  });

  test('only WPS-safe functions, and balanced parentheses', () => {
    for (const f of [...allFormulas(plan), ...allFormulas(planForm(exampleForm()))]) {
      const names = [...f.replace(/"[^"]*"/g, '').matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1]);
      for (const n of names) expect({ f, n, safe: WPS_SAFE.has(n) }).toEqual({ f, n, safe: true });
      const bare = f.replace(/"[^"]*"/g, '');
      expect((bare.match(/\(/g) ?? []).length).toBe((bare.match(/\)/g) ?? []).length);
    }
  });

  test('user text never becomes a formula', () => {
    const r = g.first + 1;
    expect(cell(plan, `C${r}`)).toMatchObject({ value: '=HYPERLINK("http://x")' });
    expect(cell(plan, `C${r}`)?.formula).toBeUndefined();
    expect(cell(plan, `N${r}`)).toMatchObject({ value: '=1+1' });
    expect(cell(plan, `N${r}`)?.formula).toBeUndefined();
  });

  test('inputs are unlocked, everything computed stays locked', () => {
    const unlocked: string[] = [];
    plan.cells.forEach((row, r) => row.forEach((c, ci) => c?.input && unlocked.push(addr(r + 1, ci + 1))));
    for (let i = 0; i < form.rows.length; i++) {
      expect(unlocked).toContain(`H${g.first + i}`);
      expect(unlocked).toContain(`N${g.first + i}`);
    }
    expect(unlocked).toContain(`I${g.first + 2}`); // qualitative row: 得分率
    expect(unlocked).not.toContain(`I${g.first}`);
    expect(unlocked).toEqual(expect.arrayContaining(['D5', 'F5', 'H5', 'D7', 'F7', 'H7', 'B2', 'I2', 'N2', 'B8', 'I8']));
    plan.cells.forEach((row) => row.forEach((c) => c?.formula && expect(c.input).toBeFalsy()));
    expect(unlocked.some((a) => a.startsWith('J') || a.startsWith('L') || a.startsWith('K'))).toBe(false);
    // the reading of each target is correctable by hand (where no add-in runs)
    expect(unlocked).toEqual(expect.arrayContaining([`E${g.first}`, `F${g.first}`, `G${g.first}`]));
    expect(plan.protect).toEqual({ password: null });
  });

  test('validation: numbers with target and unit in the message, drop-downs for 定性 and 是/否', () => {
    const at = (ref: string) => plan.validations.find((v) => addr(v.range.row, v.range.col) === ref)?.rule;
    expect(at(`H${g.first}`)).toMatchObject({ type: 'decimal', min: 0 });
    expect(at(`H${g.first}`)?.prompt).toContain('≥1000人');
    expect(at(`H${g.first}`)?.prompt).toContain('人');
    expect(at(`H${g.first + 2}`)).toMatchObject({ type: 'list', items: ['达成年度指标', '部分达成年度指标并具有一定效果', '未达成年度指标且效果较差'] });
    expect(at(`H${g.first + 3}`)).toMatchObject({ type: 'list', items: ['是', '否'] });
    expect(at(`H${g.first + 4}`)).toMatchObject({ type: 'decimal', min: 1 });
    expect(at(`I${g.first + 2}`)).toMatchObject({ type: 'decimal', min: 0, max: 1 });
  });

  test('conditional formats: one rule per condition, never two on one cell', () => {
    const rows = plan.conditionalFormats.find((c) => c.range.col === 1);
    expect(rows?.rules.map((r) => r.formula)).toEqual(['=$M10="未达标"', '=$M10="超额·需说明"', '=$M10="无法计算"']);
    const reason = plan.conditionalFormats.find((c) => c.range.col === COL.reason);
    expect(reason?.rules.map((r) => r.formula)).toEqual(['=IF(OR($M10="未达标",$M10="超额·需说明"),$N10="",FALSE)']);
    expect(rows?.range.colEnd).toBeLessThan(COL.reason);
  });

  test('merged 一级 and 二级 labels, frozen header, print setup and names', () => {
    expect(plan.merges).toContainEqual({ row: 10, col: 1, rowEnd: 11, colEnd: 1 });
    expect(plan.merges).toContainEqual({ row: 10, col: 2, rowEnd: 11, colEnd: 2 });
    expect(plan.merges).toContainEqual({ row: 12, col: 2, rowEnd: 13, colEnd: 2 });
    expect(plan.freeze).toEqual({ rows: ROW.header, cols: 0 });
    expect(plan.print).toMatchObject({ landscape: true, fitToWidth: 1, titleRows: { from: ROW.header, to: ROW.header } });
    const names = Object.fromEntries(plan.names.map((n) => [n.name, n.range]));
    expect(names.JXZP1_TABLE).toEqual({ row: ROW.header, col: 1, rowEnd: g.last, colEnd: 15 });
    expect(names.JXZP1_TOTAL).toEqual({ row: g.totalRow, col: COL.score, rowEnd: g.totalRow, colEnd: COL.score });
    expect(names.JXZP1_OVER.row).toBeGreaterThan(g.signatureRow);
    expect(cell(plan, `D${names.JXZP1_OVER.row}`)?.value).toBe(1.2);
    expect(cell(plan, 'A1')?.value).toBe('项目支出绩效自评表（2024年度）');
  });
});
