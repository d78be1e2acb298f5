// planFill: which input cells a table of actual values sets, and what it says about every row it could not use.
import { blankRow, emptyBudget, type Form } from '../../src/domain/form';
import { PROFILES } from '../../src/domain/rules';
import { newMeta } from '../../src/domain/standards';
import { readActualsTable, type TableCell } from '../../src/sheet/importTable';
import { planFill } from '../../src/sheet/inputs';
import { COL, planForm, ROW } from '../../src/sheet/layout';
import { readForm, type FoundForm } from '../../src/sheet/readback';
import { readWorkbook } from '../../src/xlsx/readWorkbook';
import { writeWorkbook } from '../../src/xlsx/writeWorkbook';

const form: Form = {
  meta: newMeta('project', { year: '2024' }),
  budget: emptyBudget(10),
  rows: [
    blankRow('产出指标', '数量指标', '培训场次', '≥10场', 20),
    blankRow('产出指标', '质量指标', '培训合格率', '≥95%', 20),
    blankRow('产出指标', '成本指标', '项目成本', '≤50万元', 10),
    blankRow('效益指标', '社会效益指标', '服务质量', '好', 20),
    blankRow('效益指标', '社会效益指标', '不适用的指标', '/', 10),
    { ...blankRow('满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', 10), actual: '95%' },
  ],
  params: { ...PROFILES[0].params },
};
const first = ROW.firstIndicator;

let found: FoundForm;
beforeAll(async () => {
  found = readForm(await readWorkbook(await writeWorkbook([planForm(form)])));
});

function fill(rows: TableCell[][]) {
  const t = readActualsTable(rows);
  if (!t.ok) throw new Error(t.error);
  return planFill(found, t.value);
}

test('values become what the sheet expects: numbers in the target’s unit, the drop-down label, text as typed', () => {
  const { edits, report } = fill([
    ['三级指标', '实际完成值', '偏差原因分析及改进措施', '定性得分率'],
    ['培训场次', '12', '', ''],
    ['培训合格率', '93.5%', '部分学员缺考', ''],
    ['项目成本', '480000元', '', ''],
    ['服务质量', '部分完成', '', '70%'],
  ]);
  expect(edits).toEqual([
    { row: first, col: COL.actual, value: 12 },
    { row: first + 1, col: COL.actual, value: 0.935 },
    { row: first + 1, col: COL.reason, value: '部分学员缺考' },
    { row: first + 2, col: COL.actual, value: 48 },
    { row: first + 3, col: COL.actual, value: '部分达成年度指标并具有一定效果' },
    { row: first + 3, col: COL.override, value: 0.7 },
  ]);
  expect(report.filled.map((f) => f.level3)).toEqual(['培训场次', '培训合格率', '项目成本', '服务质量']);
  expect(report.notes).toEqual([
    { tableRow: 4, column: '实际完成值', text: '480000元', note: '480000元 换算为 48万元', level3: '项目成本' },
  ]);
  // 不适用 is not an input; 群众满意度 already had a value
  expect(report.blank).toEqual([]);
});

test('what is not written, and why', () => {
  const { edits, report } = fill([
    ['三级指标', '实际完成值', '定性得分率'],
    ['培训场次', '', ''], // blank: the form is left as it is
    ['不适用的指标', '100%', ''],
    ['培训合格率', '≥90%以上', '80%'],
    ['服务质量', '达成', '好'],
    ['培训场次', '9', ''],
    ['培训场次', '10', ''],
  ]);
  expect(report.skipped).toEqual([
    { tableRow: 3, column: '实际完成值', text: '100%', reason: '本指标不适用（年度指标值为 /），未填写', level3: '不适用的指标' },
    { tableRow: 4, column: '定性得分率', text: '80%', reason: '本指标不是定性指标，定性得分率不适用，未填写', level3: '培训合格率' },
  ]);
  expect(report.unreadable).toEqual([
    { tableRow: 5, column: '定性得分率', text: '好', reason: '「好」不是得分率：请写成 85% 或 0.85，未填写', level3: '服务质量' },
  ]);
  // the blank row 2 says nothing; row 6 fills 培训场次 and row 7 names it again
  expect(report.duplicates).toEqual([{ tableRow: 7, firstTableRow: 6, level3: '培训场次' }]);
  expect(edits).toEqual([
    { row: first + 1, col: COL.actual, value: 0.9 },
    { row: first + 3, col: COL.actual, value: '达成年度指标' },
    { row: first, col: COL.actual, value: 9 },
  ]);
  expect(report.notes[0]).toMatchObject({ tableRow: 4, note: '已忽略「≥」；已忽略「以上」' });
  expect(report.blank.map((b) => [b.sheetRow, b.level3])).toEqual([[first + 2, '项目成本']]);
});

test('names match after removing spaces, and only then', () => {
  const { report } = fill([['三级指标', '实际完成值'], [' 培训 场次 ', '11'], ['培训场次（个）', '11']]);
  expect(report.filled.map((f) => f.tableRow)).toEqual([2]);
  expect(report.unmatched).toEqual([{ tableRow: 3, level3: '培训场次（个）' }]);
});
