// The 单位名单: one row per district, or several rows giving a district its own 年度指标值 / 分值; every problem
// named by row and column, all at once.

import { blankRow } from '../../src/domain/form';
import { blankForm } from '../../src/domain/standards';
import { districtForm } from '../../src/domain/distribution';
import { readDistrictTable } from '../../src/sheet/districtTable';
import { parseCsvText } from '../../src/sheet/csv';
import { bureauTemplate } from './fixtures';

const template = bureauTemplate();

function read(csv: string, t = template) {
  const rows = parseCsvText(csv);
  if (!rows.ok) throw new Error(rows.error);
  return readDistrictTable(rows.rows, t);
}

test('districts in order, overrides on continuation rows, funds, aliases of the headers', () => {
  const r = read(
    [
      '区县,三级指标,年度指标值,分值,全年预算数（万元）,年初预算数',
      '越秀区,,,,"1,200.5",1000',
      '海珠区,培训人次,≥1500人次,8.5,,',
      ',案件办结率,≥90%,6.5,,',
      '',
      '荔湾区,调解成功率,95%以上,,800万元,',
    ].join('\n'),
  );
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.value.map((d) => d.name)).toEqual(['越秀区', '海珠区', '荔湾区']);
  expect(r.value[0]).toEqual({ name: '越秀区', overrides: [], budget: { initial: 1000, annual: 1200.5 } });
  const i = template.rows.findIndex((x) => x.level3 === '培训人次');
  const j = template.rows.findIndex((x) => x.level3 === '案件办结率');
  expect(r.value[1].overrides).toEqual([
    { index: i, level3: '培训人次', target: '≥1500人次', weight: 8.5 },
    { index: j, level3: '案件办结率', target: '≥90%', weight: 6.5 },
  ]);
  expect(r.value[1].budget).toBeUndefined();
  const f = districtForm(template, r.value[1]);
  expect(f.meta.unit).toBe('海珠区');
  expect(f.rows[i]).toMatchObject({ target: '≥1500人次', weight: 8.5, actual: '' });
  expect(r.value[2]).toMatchObject({ overrides: [{ target: '95%以上' }], budget: { initial: null, annual: 800 } });
});

test('every problem, by row and column, in one message', () => {
  const r = read(
    [
      '单位名称,三级指标,年度指标值,分值',
      '越秀区,不存在的指标,95%,',
      '海珠区,培训人次,,八',
      '荔湾区,案件办结率,,',
      ',,≥90%,',
      '天河区,项目成本,≥1000人,',
      '白云区,培训人次,≥1300人次,',
      ',培训人次,≥1400人次,',
      '黄埔区,培训人次,,9',
    ].join('\n'),
  );
  expect(r).toEqual({
    ok: false,
    error: [
      '第2行「三级指标」列：「不存在的指标」不是模板中的三级指标',
      '第3行「分值」列：「八」不是数字',
      '第4行：指标「案件办结率」的「年度指标值」和「分值」都为空',
      '第5行：有「年度指标值」但没有「三级指标」，不知道是哪项指标',
      '第8行「年度指标值」列：「白云区」的「培训人次」已在第7行设置过',
      '单位「天河区」：「项目成本」的年度指标值「≥1000人」（≥1000人）与模板的「≤200万元」（≤200万元）类型或单位不同',
      '单位「黄埔区」：分值合计为 101.5（含预算执行率 10 分），模板为 100：调整分值时请保持合计不变',
    ].join('\n'),
  });
});

test('a table without 单位名称, an empty one, a header only', () => {
  expect(read('名称,三级指标\n越秀区,x')).toEqual({ ok: false, error: '缺少「单位名称」列（也可写作「单位」「区县」「下级单位」）。第一行的内容：名称、三级指标' });
  expect(readDistrictTable([], template)).toEqual({ ok: false, error: '单位名单是空的' });
  expect(read('单位名称\n')).toEqual({ ok: false, error: '表头（第1行）下面没有任何单位' });
});

test('two indicators of one name are told apart by 二级指标', () => {
  const t = blankForm('project', { year: '2024' }, [
    blankRow('产出指标', '数量指标', '完成率', '≥90%', 45),
    blankRow('产出指标', '质量指标', '完成率', '≥95%', 45),
  ]);
  expect(read('单位名称,三级指标,年度指标值\n甲,完成率,≥80%', t)).toEqual({
    ok: false,
    error: '第2行「三级指标」列：模板中有多项「完成率」（二级指标分别为「数量指标」、「质量指标」），请加「二级指标」列区分',
  });
  const r = read('单位名称,二级指标,三级指标,年度指标值\n甲,质量指标,完成率,≥80%', t);
  expect(r.ok && r.value[0].overrides).toEqual([{ index: 1, level3: '完成率', target: '≥80%' }]);
});
