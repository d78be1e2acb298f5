// 下发: one template form, many districts (下级单位), each with its own 年度指标值 / 分值 where the bureau says so.
// The district's form is the template with the district's name and overrides, its inputs blank. A stamp names the
// template, its version, the year and the district, and carries a fingerprint of the form's locked cells, so the
// returned workbook can be identified and checked (src/sheet/fingerprint.ts, src/sheet/collect.ts).

import { blankRow, emptyBudget, Form } from './form';
import { sha256Hex } from './hash';
import { round, rowKind } from './rules';
import { describeTarget, parseTarget, type Target } from './target';

const unitOf = (t: Target): string => (t.kind === 'number' ? t.unit : '');

/** A district's own 年度指标值 and/or 分值 for one 三级指标 of the template. */
export interface IndicatorOverride {
  /** index of the template row it applies to */
  index: number;
  /** the 三级指标 as the districts table named it (for messages) */
  level3: string;
  target?: string;
  weight?: number;
}

export interface District {
  /** 单位名称: becomes the form's 实施单位 and names the returned file */
  name: string;
  overrides: IndicatorOverride[];
  /** 本年财政拨款 figures the bureau fills in for the district (万元); the district may still change them */
  budget?: { initial: number | null; annual: number | null };
}

/** Longest 单位名称 accepted (it stands in file names, sheet cells and workbook names). */
export const DISTRICT_NAME_MAX = 60;

/** Names match when equal after removing white space (as src/sheet/inputs.ts matches 三级指标). */
export function nameKey(name: string): string {
  return name.replace(/[\s\u3000]+/gu, '');
}

/** The template row a 三级指标 (and, when needed, 二级指标) names. */
export function findTemplateRow(
  template: Form,
  level3: string,
  level2 = '',
): { index: number } | { unmatched: true } | { ambiguous: number[] } {
  const key = nameKey(level3);
  const candidates = template.rows.flatMap((r, i) => (key !== '' && nameKey(r.level3) === key ? [i] : []));
  if (candidates.length === 0) return { unmatched: true };
  if (candidates.length === 1) return { index: candidates[0] };
  if (level2.trim() !== '') {
    const same = candidates.filter((i) => nameKey(template.rows[i].level2) === nameKey(level2));
    if (same.length === 1) return { index: same[0] };
    if (same.length > 1) return { ambiguous: same };
  }
  return { ambiguous: candidates };
}

/**
 * The district's form: the template's indicators with the district's targets and weights, 实施单位 = the district,
 * and every input blank (实际完成值, 偏差原因, 定性得分率, 实际完成情况, the funds unless the bureau gave them).
 */
export function districtForm(template: Form, district: District): Form {
  const byIndex = new Map(district.overrides.map((o) => [o.index, o]));
  const rows = template.rows.map((r, i) => {
    const o = byIndex.get(i);
    return blankRow(r.level1, r.level2, r.level3, o?.target ?? r.target, o?.weight ?? r.weight);
  });
  const budget = emptyBudget(template.budget.weight);
  if (district.budget) {
    budget.parts[0] = { ...budget.parts[0], initial: district.budget.initial, annual: district.budget.annual };
  }
  return {
    meta: { ...template.meta, unit: district.name, goalResult: '' },
    budget,
    rows,
    params: { ...template.params },
  };
}

/** Σ分值 of a form including the budget row. */
export function totalWeight(form: Form): number {
  return round(form.rows.reduce((a, r) => a + r.weight, 0) + form.budget.weight, 6);
}

export interface DistrictProblem {
  district: string;
  message: string;
}

/**
 * What is wrong with a district's settings against the template: overrides that name no row, unreadable targets,
 * negative weights, and weights that no longer add up to the template's total (100 as a rule).
 */
export function checkDistrict(template: Form, district: District): DistrictProblem[] {
  const out: DistrictProblem[] = [];
  const add = (message: string): number => out.push({ district: district.name, message });
  const name = district.name.trim();
  if (name === '') add('单位名称为空');
  if (name.length > DISTRICT_NAME_MAX) add(`单位名称「${name.slice(0, 20)}…」超过 ${DISTRICT_NAME_MAX} 个字`);
  for (const o of district.overrides) {
    const row = template.rows[o.index];
    if (!row) {
      add(`指标「${o.level3}」不在模板中`);
      continue;
    }
    if (o.target !== undefined) {
      const t = parseTarget(o.target, row.level3);
      const was = parseTarget(row.target, row.level3);
      if (t.kind === 'invalid') add(`「${row.level3}」的年度指标值「${o.target}」无法识别：${t.reason}`);
      else if (was.kind !== 'invalid' && (rowKind(t) !== rowKind(was) || unitOf(t) !== unitOf(was))) {
        // Figures of one indicator are added up or averaged across districts: they must be of one kind and unit.
        add(`「${row.level3}」的年度指标值「${o.target}」（${describeTarget(t)}）与模板的「${row.target}」（${describeTarget(was)}）类型或单位不同`);
      }
    }
    if (o.weight !== undefined && (!Number.isFinite(o.weight) || o.weight < 0)) add(`「${row.level3}」的分值「${o.weight}」不是有效的分值`);
  }
  const expected = totalWeight(template);
  const got = totalWeight(districtForm(template, district));
  if (Math.abs(got - expected) > 1e-6) {
    add(`分值合计为 ${got}（含预算执行率 ${template.budget.weight} 分），模板为 ${expected}：调整分值时请保持合计不变`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Template identity

/** Numbers as the fingerprint writes them: 12 significant digits, no float noise, no negative zero. */
export function canonicalNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Number(x.toPrecision(12));
  return String(r === 0 ? 0 : r);
}

/** What makes a template the same template: layout, indicators, targets, weights, rules (not the unit, not inputs). */
export function templateStructure(template: Form): string {
  const m = template.meta;
  const p = template.params;
  const lines = [
    'jxzp-template/1',
    `title\t${m.title}`,
    `standard\t${m.standard}`,
    `project\t${m.projectName.trim()}`,
    `department\t${m.department.trim()}`,
    `profile\t${m.profileId}`,
    `params\t${p.reverse}\t${[p.achievedMin, p.partialMin, p.achievedRate, p.partialRate, p.failedRate, p.overThreshold].map(canonicalNumber).join('\t')}\t${p.naRescale}\t${p.capByExecution}`,
    `budget\t${canonicalNumber(template.budget.weight)}`,
    ...template.rows.map((r) => `row\t${r.level1.trim()}\t${r.level2.trim()}\t${r.level3.trim()}\t${r.target.trim()}\t${canonicalNumber(r.weight)}`),
  ];
  return lines.join('\n');
}

/** A stable id of the template's structure: 16 hex digits of its SHA-256. The year is kept apart (Stamp.year). */
export async function templateId(template: Form): Promise<string> {
  return (await sha256Hex(templateStructure(template))).slice(0, 16);
}

// ---------------------------------------------------------------------------------------------------------------
// Stamp

export const STAMP_FORMAT = '1';

export interface Stamp {
  /** version of the stamp's own layout */
  format: string;
  templateId: string;
  /** the bureau's version of the template (第 N 版), informational: the id decides */
  version: string;
  year: string;
  district: string;
  /** the worksheet holding the form */
  sheet: string;
  /** SHA-256 (hex) of the form's locked cells and formulas, normalised (src/sheet/fingerprint.ts) */
  fingerprint: string;
  /** date the file was made, YYYY-MM-DD (informational) */
  issued: string;
}

/** A check over the stamp's fields, so a stamp edited by hand (another district's name typed in) is noticed. */
export async function stampCheck(s: Stamp): Promise<string> {
  const text = ['jxzp-stamp', s.format, s.templateId, s.version, s.year, s.district, s.sheet, s.fingerprint].join('\u0001');
  return (await sha256Hex(text)).slice(0, 16);
}

// ---------------------------------------------------------------------------------------------------------------
// File names

/** A file name from text: characters Windows refuses become '_', no trailing dots or spaces. */
export function safeFileName(s: string): string {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/[. ]+$/u, '').trim();
  return t === '' ? '_' : t;
}

/**
 * The name of each district's file, in the districts' order: 「甲区-项目支出绩效自评表（2024年度）.xlsx」. Two names that
 * would be the same file on Windows (case, characters replaced) get (2), (3) … so no file overwrites another.
 */
export function districtFileNames(template: Form, districts: District[]): string[] {
  const seen = new Map<string, number>();
  return districts.map((d) => {
    const base = safeFileName(`${d.name}-${template.meta.title}（${template.meta.year}年度）`);
    const key = base.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? `${base}.xlsx` : `${base}(${n}).xlsx`;
  });
}
