// The districts table (单位名单) as the bureau keeps it — CSV or a sheet — → District[], or what is wrong with it,
// naming row and column. One row per district, or several: a row may also name a 三级指标 of the template and give
// that district's own 年度指标值 and/or 分值. A blank 单位名称 under a filled one continues it (merged cells).

import { checkDistrict, findTemplateRow, type District, type IndicatorOverride } from '../domain/distribution';
import type { Form } from '../domain/form';
import { parseTarget } from '../domain/target';
import { cellText, parseWeight, type ImportResult, type TableCell } from './importTable';

type DistrictField = 'district' | 'level2' | 'level3' | 'target' | 'weight' | 'initial' | 'annual';

export const DISTRICT_FIELD_NAMES: Record<DistrictField, readonly string[]> = {
  district: ['单位名称', '单位', '下级单位', '区县', '区县名称', '地区', '实施单位'],
  level2: ['二级指标'],
  level3: ['三级指标'],
  target: ['年度指标值', '指标值', '年度目标值', '目标值'],
  weight: ['分值', '权重'],
  initial: ['年初预算数'],
  annual: ['全年预算数'],
};

function key(label: string): string {
  let s = '';
  for (const ch of label) {
    const c = ch.codePointAt(0) ?? 0;
    s += c >= 0xff01 && c <= 0xff5e ? String.fromCodePoint(c - 0xfee0) : ch;
  }
  s = s.replace(/[\s\u3000*]+/g, '');
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/\([^()]*\)$/, '');
  }
  return s;
}

const FIELD_OF = new Map<string, DistrictField>();
for (const [f, names] of Object.entries(DISTRICT_FIELD_NAMES) as [DistrictField, readonly string[]][]) {
  for (const n of names) FIELD_OF.set(key(n), f);
}

const MAX_ERRORS = 20;

function money(text: string): number | null | 'bad' {
  const s = text.replace(/[\s,，]/g, '').replace(/万元$/u, '');
  if (s === '') return null;
  return /^(?:\d+(?:\.\d+)?|\.\d+)$/.test(s) ? Number(s) : 'bad';
}

/**
 * Reads the 单位名单 against the template. All problems are reported together (up to 20), one per line:
 * 第5行「三级指标」列：「xxx」不是模板中的三级指标.
 */
export function readDistrictTable(rows: TableCell[][], template: Form): ImportResult<District[]> {
  // The header: the first row (of the first 30) naming 单位名称 or one of its aliases.
  let headerRow = 0;
  const cols: Partial<Record<DistrictField, number>> = {};
  const written: Partial<Record<DistrictField, string>> = {};
  for (let r = 1; r <= Math.min(rows.length, 30) && headerRow === 0; r++) {
    const labels = (rows[r - 1] ?? []).map(cellText);
    if (!labels.some((l) => FIELD_OF.get(key(l)) === 'district')) continue;
    headerRow = r;
    labels.forEach((l, c) => {
      const f = FIELD_OF.get(key(l));
      if (f && cols[f] === undefined) {
        cols[f] = c;
        written[f] = l;
      }
    });
  }
  if (headerRow === 0) {
    const first = rows.find((r) => r.some((c) => cellText(c) !== ''));
    if (!first) return { ok: false, error: '单位名单是空的' };
    const found = first.map(cellText).filter((t) => t !== '');
    return { ok: false, error: `缺少「单位名称」列（也可写作「单位」「区县」「下级单位」）。第一行的内容：${found.join('、')}` };
  }
  const label = (f: DistrictField): string => written[f] ?? DISTRICT_FIELD_NAMES[f][0];
  const get = (row: TableCell[], f: DistrictField): string => (cols[f] === undefined ? '' : cellText(row[cols[f] as number]));

  const errors: string[] = [];
  const err = (r: number, msg: string): void => {
    errors.push(`第${r}行${msg}`);
  };
  const order: string[] = [];
  const byName = new Map<string, District>();
  const setAt = new Map<string, number>(); // district|index|field → row
  const budgetAt = new Map<string, number>();
  let last = '';
  for (let r = headerRow + 1; r <= rows.length; r++) {
    const row = rows[r - 1] ?? [];
    const values = {
      district: get(row, 'district'),
      level2: get(row, 'level2'),
      level3: get(row, 'level3'),
      target: get(row, 'target'),
      weight: get(row, 'weight'),
      initial: get(row, 'initial'),
      annual: get(row, 'annual'),
    };
    if (Object.values(values).every((v) => v === '')) continue;
    // A blank 单位名称 under a filled one continues it (merged cells arrive blank below their first row).
    const name = values.district || last;
    if (!name) {
      err(r, `「${label('district')}」列：为空`);
      continue;
    }
    last = name;
    let d = byName.get(name);
    if (!d) {
      d = { name, overrides: [] };
      byName.set(name, d);
      order.push(name);
    }
    // 本年财政拨款 the bureau gives the district.
    for (const f of ['initial', 'annual'] as const) {
      if (values[f] === '') continue;
      const v = money(values[f]);
      if (v === 'bad') {
        err(r, `「${label(f)}」列：「${values[f]}」不是金额（万元）`);
        continue;
      }
      const k = `${name}|${f}`;
      const prev = d.budget?.[f] ?? null;
      if (budgetAt.has(k) && prev !== v) {
        err(r, `「${label(f)}」列：「${name}」已在第${budgetAt.get(k)}行填为 ${prev}`);
        continue;
      }
      budgetAt.set(k, r);
      d.budget = { initial: d.budget?.initial ?? null, annual: d.budget?.annual ?? null, [f]: v };
    }
    if (!values.level3) {
      if (values.target || values.weight) err(r, `：有「${values.target ? label('target') : label('weight')}」但没有「${label('level3')}」，不知道是哪项指标`);
      continue;
    }
    if (cols.target === undefined && cols.weight === undefined) {
      err(r, `：有「${label('level3')}」，但表中没有「年度指标值」或「分值」列`);
      continue;
    }
    if (!values.target && !values.weight) {
      err(r, `：指标「${values.level3}」的「${label('target')}」和「${label('weight')}」都为空`);
      continue;
    }
    const m = findTemplateRow(template, values.level3, values.level2);
    if ('unmatched' in m) {
      err(r, `「${label('level3')}」列：「${values.level3}」不是模板中的三级指标`);
      continue;
    }
    if ('ambiguous' in m) {
      const where = m.ambiguous.map((i) => `「${template.rows[i].level2}」`).join('、');
      err(r, `「${label('level3')}」列：模板中有多项「${values.level3}」（二级指标分别为${where}），请加「二级指标」列区分`);
      continue;
    }
    const o: IndicatorOverride = d.overrides.find((x) => x.index === m.index) ?? { index: m.index, level3: values.level3 };
    if (!d.overrides.includes(o)) d.overrides.push(o);
    if (values.target) {
      const k = `${name}|${m.index}|target`;
      const t = parseTarget(values.target, template.rows[m.index].level3);
      if (setAt.has(k)) err(r, `「${label('target')}」列：「${name}」的「${values.level3}」已在第${setAt.get(k)}行设置过`);
      else if (t.kind === 'invalid') err(r, `「${label('target')}」列：「${values.target}」无法识别：${t.reason}`);
      else {
        o.target = values.target;
        setAt.set(k, r);
      }
    }
    if (values.weight) {
      const k = `${name}|${m.index}|weight`;
      const w = parseWeight(values.weight);
      if (setAt.has(k)) err(r, `「${label('weight')}」列：「${name}」的「${values.level3}」已在第${setAt.get(k)}行设置过`);
      else if (w === null) err(r, `「${label('weight')}」列：「${values.weight}」不是数字`);
      else {
        o.weight = w;
        setAt.set(k, r);
      }
    }
  }
  const districts = order.map((n) => byName.get(n) as District);
  if (districts.length === 0 && errors.length === 0) errors.push(`表头（第${headerRow}行）下面没有任何单位`);
  for (const d of districts) for (const p of checkDistrict(template, d)) errors.push(`单位「${p.district}」：${p.message}`);
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_ERRORS);
    if (errors.length > MAX_ERRORS) shown.push(`……另有 ${errors.length - MAX_ERRORS} 处问题`);
    return { ok: false, error: shown.join('\n') };
  }
  return { ok: true, value: districts };
}
