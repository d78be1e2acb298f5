// 回收: what came back from the districts, file by file — identified by its stamp, checked for tampering against
// the form regenerated from the template and the district's settings, reviewed (审核), and scored from the values
// it holds. Pure: the adapter (src/xlsx/collectFiles.ts) opens the files and hands over their cells.

import {
  districtForm,
  nameKey,
  STAMP_FORMAT,
  stampCheck,
  templateId as templateIdOf,
  type District,
  type Stamp,
} from '../domain/distribution';
import type { Form } from '../domain/form';
import { reviewTable, type Finding } from '../domain/review';
import { scoreForm, type FormResult, type RowStatus } from '../domain/rules';
import { describeTarget, parseTarget } from '../domain/target';
import { findTables } from './findTables';
import { lockedCells, matchesPlan, planFingerprint, sheetFingerprint, type LockedCell } from './fingerprint';
import { BUDGET_COL, COL, defaultSheetName, formGeometry, HEADERS, PARAM_LABELS, planForm, ROW } from './layout';
import type { ReadSheet, ReadWorkbook, SheetPlan } from './plan';
import { FormNotFoundError, readForm, type FoundForm } from './readback';
import { completeStamp, readConsolidationMark, readStampSheet, type SealedStamp } from './stampSheet';
import { tamperDiff, type TamperReport } from './tamper';

/** Largest workbook accepted: a form of a few hundred rows is well under 1 MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** An archive may hold many districts' files, not a workbook's worth. */
export const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;

/**
 * The size beyond which a returned file is not even read (it is reported as too large): an archive's limit for a
 * .zip, a workbook's for anything else.
 */
export function sizeLimitOf(fileName: string, maxFileBytes = MAX_FILE_BYTES): number {
  return /\.zip$/i.test(fileName) ? MAX_ARCHIVE_BYTES : maxFileBytes;
}

export interface ExpectedDistrict {
  district: District;
  form: Form;
  plan: SheetPlan;
  locked: LockedCell[];
  /** fingerprint of the form as it would be distributed now (hashed only when a file needs it) */
  fingerprint(): Promise<string>;
}

/** What the returns are checked against: the template, its id and year, and each district's form (made lazily). */
export interface Expectation {
  template: Form;
  templateId: string;
  year: string;
  title: string;
  districts: District[];
  /** the district's expected form and plan; undefined for a name not in the list */
  expected(name: string): Promise<ExpectedDistrict | undefined>;
}

export async function prepareExpectation(template: Form, districts: District[]): Promise<Expectation> {
  const id = await templateIdOf(template);
  const byName = new Map(districts.map((d) => [d.name, d]));
  const cache = new Map<string, Promise<ExpectedDistrict>>();
  // The locked cells depend on the district's targets and weights only (its name and funds are input cells), so
  // districts without settings of their own share one plan and one fingerprint.
  const plans = new Map<string, Promise<Pick<ExpectedDistrict, 'plan' | 'locked' | 'fingerprint'>>>();
  const planFor = (form: Form, d: District) => {
    const key = JSON.stringify(d.overrides.map((o) => [o.index, o.target ?? null, o.weight ?? null]).sort());
    let p = plans.get(key);
    if (!p) {
      p = (async () => {
        const plan = planForm(form, { sheetName: defaultSheetName(form) });
        const locked = lockedCells(plan);
        let fp: Promise<string> | null = null;
        return { plan, locked, fingerprint: () => (fp ??= planFingerprint(plan, locked)) };
      })();
      plans.set(key, p);
    }
    return p;
  };
  return {
    template,
    templateId: id,
    year: template.meta.year,
    title: template.meta.title,
    districts,
    expected(name: string) {
      const d = byName.get(name);
      if (!d) return Promise.resolve(undefined);
      let p = cache.get(name);
      if (!p) {
        p = (async () => {
          const form = districtForm(template, d);
          return { district: d, form, ...(await planFor(form, d)) };
        })();
        cache.set(name, p);
      }
      return p;
    },
  };
}

export type FileOutcome = '已采用' | '未采用' | '已跳过';

export interface TargetChange {
  /** row of the returned sheet */
  sheetRow: number;
  level3: string;
  /** the 年度指标值 as distributed, and as the returned sheet reads it (its 指标性质 / 目标数值 / 度量单位 cells) */
  expected: string;
  found: string;
}

export interface ReviewSummary {
  errors: number;
  warnings: number;
  hints: number;
  findings: Finding[];
}

/** One indicator of a returned form, lined up with the template row it belongs to. */
export interface RowFigure {
  /** index of the template row */
  index: number;
  sheetRow: number;
  target: string;
  actual: string;
  weight: number;
  completion: number | null;
  score: number | null;
  status: RowStatus;
  missingReason: boolean;
}

export interface ReturnScore {
  form: Form;
  result: FormResult;
  /** per template row; null where the returned form has no such row (deleted) */
  rows: (RowFigure | null)[];
  missed: number;
  missingReason: number;
  blank: number;
}

export interface FileReport {
  /** the file's name as given (archive/entry for a file inside a .zip) */
  file: string;
  size: number;
  /** SHA-256 of the bytes, to recognise the same file sent twice (computed only when another file has the same size) */
  sha256: string | null;
  outcome: FileOutcome;
  /** why the file was not used or was skipped ('' when used) */
  reason: string;
  /** what the clerk should know even though the file was used */
  notes: string[];
  district: string | null;
  stamp: SealedStamp | null;
  /** '未改动' / '已改动'; null when not checked (file not identified) */
  tamper: { status: '未改动' | '已改动'; report: TamperReport | null; stampSettingsChanged: boolean } | null;
  targetChanges: TargetChange[];
  review: ReviewSummary | null;
  score: ReturnScore | null;
}

export function rejected(file: string, size: number, sha256: string | null, reason: string, outcome: FileOutcome = '未采用'): FileReport {
  return { file, size, sha256, outcome, reason, notes: [], district: null, stamp: null, tamper: null, targetChanges: [], review: null, score: null };
}

/** What a cell of the district's form is, for tamper messages: 「调解案件补贴发放率」的分值. */
export function describeFormCell(form: Form, row: number, col: number): string {
  const g = formGeometry(form);
  if (row >= g.first && row <= g.last) {
    const r = form.rows[row - g.first];
    const key = (Object.keys(COL) as (keyof typeof COL)[]).find((k) => COL[k] === col);
    return r && key ? `「${r.level3 || `第${row - g.first + 1}项指标`}」的${HEADERS[key]}` : '';
  }
  if (row >= ROW.fundTotal && row < ROW.fundFirstPart + form.budget.parts.length) {
    const label = row === ROW.fundTotal ? '年度资金总额' : form.budget.parts[row - ROW.fundFirstPart].label.replace(/^其中：/, '');
    const heads: Record<number, string> = {
      [BUDGET_COL.initial]: '年初预算数',
      [BUDGET_COL.annual]: '全年预算数',
      [BUDGET_COL.executed]: '全年执行数',
      [BUDGET_COL.weight]: '分值',
      [BUDGET_COL.rate]: '执行率',
      [BUDGET_COL.score]: '得分',
    };
    return heads[col] ? `${label}的${heads[col]}` : label;
  }
  if (row === g.totalRow) return '总分行';
  if (row >= g.summaryFirst && row <= g.summaryRescaled) return '分项得分';
  if (row >= g.paramFirst && row <= g.rowCount) {
    const labels = Object.values(PARAM_LABELS);
    const label = labels[row - g.paramFirst];
    return label ? `评分参数「${label}」` : '评分参数';
  }
  if (row === ROW.title) return '表名';
  if (row === ROW.header) return '表头';
  return '';
}

/** The template row each returned row stands for: same position when the rows line up, else by name. */
function lineUp(template: Form, found: FoundForm): (number | null)[] {
  const rows = found.form.rows;
  const same = (i: number, j: number): boolean =>
    nameKey(template.rows[i].level3) === nameKey(rows[j].level3) && nameKey(template.rows[i].level2) === nameKey(rows[j].level2);
  if (rows.length === template.rows.length && rows.every((_, j) => same(j, j))) return template.rows.map((_, i) => i);
  const used = new Set<number>();
  return template.rows.map((_, i) => {
    const j = rows.findIndex((_, k) => !used.has(k) && same(i, k));
    if (j < 0) return null;
    used.add(j);
    return j;
  });
}

function scoreReturn(template: Form, expected: Form, found: FoundForm): { score: ReturnScore; targetChanges: TargetChange[] } {
  const result = scoreForm(found.form);
  const map = lineUp(template, found);
  const targetChanges: TargetChange[] = [];
  const rows = map.map((j, i) => {
    if (j === null) return null;
    const r = found.form.rows[j];
    const s = result.rows[j];
    const want = expected.rows[i];
    const changed = want.target !== r.target && describeTarget(parseTarget(want.target, want.level3)) !== describeTarget(s.target);
    if (changed) targetChanges.push({ sheetRow: found.rowNumbers[j], level3: r.level3, expected: want.target, found: r.target });
    const figure: RowFigure = {
      index: i,
      sheetRow: found.rowNumbers[j],
      target: r.target,
      actual: r.actual,
      weight: r.weight,
      completion: s.completion,
      score: s.score,
      status: s.status,
      missingReason: s.missingReason,
    };
    return figure;
  });
  const count = (p: (s: FormResult['rows'][number]) => boolean): number => result.rows.filter(p).length;
  return {
    score: {
      form: found.form,
      result,
      rows,
      missed: count((s) => s.status === '未达标'),
      missingReason: count((s) => s.missingReason),
      blank: count((s) => s.status === '未填'),
    },
    targetChanges,
  };
}

export interface LoadedFile {
  name: string;
  size: number;
  sha256: string | null;
  workbook: ReadWorkbook;
  /** the stamp as the workbook's names carry it (read only when needed: it means opening the file again) */
  namesStamp: () => Promise<Partial<SealedStamp> | null>;
}

async function verified(s: Partial<SealedStamp> | null): Promise<{ stamp: SealedStamp | null; problem: string | null }> {
  if (!s) return { stamp: null, problem: null };
  const c = completeStamp(s);
  if (!c) {
    return { stamp: null, problem: s.format && s.format !== STAMP_FORMAT ? `下发标记的格式版本「${s.format}」本程序不认识，请升级绩效自评助手` : '下发标记不完整' };
  }
  const { check, ...fields } = c;
  if ((await stampCheck(fields as Stamp)) !== check) return { stamp: null, problem: '下发标记被改动过（校验码不符），无法确认报表属于哪个单位' };
  return { stamp: c, problem: null };
}

/** One returned workbook: identified, checked, reviewed and scored — or the reason it cannot be used. */
export async function assessWorkbook(exp: Expectation, file: LoadedFile): Promise<FileReport> {
  const { name, size, sha256, workbook: wb } = file;
  const notes: string[] = [];
  if (readConsolidationMark(wb)) return rejected(name, size, sha256, '这是绩效自评助手生成的汇总表，不是单位报表，已跳过', '已跳过');

  // 1. The stamp: the hidden sheet, else the workbook names.
  let { stamp, problem } = await verified(readStampSheet(wb));
  if (!stamp) {
    const fromNames = await verified(await file.namesStamp());
    if (fromNames.stamp) {
      stamp = fromNames.stamp;
      notes.push(problem ? `下发标记工作表有问题（${problem}），已按工作簿名称中的标记识别` : '下发标记工作表已被删除，已按工作簿名称中的标记识别');
      problem = null;
    } else problem = problem ?? fromNames.problem;
  }
  if (!stamp) {
    if (problem) return rejected(name, size, sha256, problem);
    let hint = '';
    try {
      const f = readForm(wb);
      hint = f.form.meta.unit ? `（表中实施单位为「${f.form.meta.unit}」）` : '';
      hint += '：如确为本次下发的报表，请让该单位在下发的文件上填写后重新报送';
    } catch (e) {
      if (!(e instanceof FormNotFoundError)) throw e;
      hint = '，其中也没有绩效自评表';
    }
    return rejected(name, size, sha256, `没有下发标记，不是本次下发的报表${hint}`);
  }
  const base = { ...rejected(name, size, sha256, ''), stamp, district: stamp.district };

  // 2. Whose and which: year, template, district.
  if (stamp.year !== exp.year) {
    return { ...base, outcome: '未采用', reason: `是 ${stamp.year} 年度的报表，本次汇总的是 ${exp.year} 年度` };
  }
  if (stamp.templateId !== exp.templateId) {
    return {
      ...base,
      outcome: '未采用',
      reason: `属于另一份模板（模板编号 ${stamp.templateId}，第 ${stamp.version} 版），本次汇总的「${exp.title}」模板编号为 ${exp.templateId}`,
    };
  }
  const expected = await exp.expected(stamp.district);
  if (!expected) return { ...base, outcome: '未采用', reason: `单位「${stamp.district}」不在单位名单中` };

  // 3. The form's sheet.
  let sheet: ReadSheet | undefined = wb.sheets.find((s) => s.name === stamp!.sheet);
  let found: FoundForm;
  try {
    if (sheet) found = readForm(wb, sheet.name);
    else {
      found = readForm(wb);
      sheet = wb.sheets.find((s) => s.name === found.sheet);
      notes.push(`自评表工作表「${stamp.sheet}」已改名为「${found.sheet}」`);
    }
  } catch (e) {
    if (!(e instanceof FormNotFoundError)) throw e;
    return { ...base, outcome: '未采用', reason: `找不到自评表（工作表「${stamp.sheet}」已被删除或清空）` };
  }
  if (!sheet) return { ...base, outcome: '未采用', reason: `找不到自评表工作表「${stamp.sheet}」` };

  // 4. Tampering. Most files are untouched: their locked cells are the plan's, compared cell by cell without hashing
  //    (the same content has the same fingerprint, so the stamp's is the plan's). Otherwise the fingerprints tell
  //    whether the file is as distributed (the settings changed since) or was changed, and then the diff says where.
  let tamper: FileReport['tamper'];
  let settingsChanged = false;
  const untouched = matchesPlan(sheet, expected.locked);
  const fp = untouched ? null : await sheetFingerprint(expected.plan, sheet, expected.locked);
  if (!untouched) settingsChanged = stamp.fingerprint !== (await expected.fingerprint());
  if (settingsChanged) notes.push('下发之后模板或该单位的指标设置（年度指标值、分值）有变动：按当前设置逐格核对');
  if (untouched || fp === stamp.fingerprint) {
    tamper = { status: '未改动', report: null, stampSettingsChanged: settingsChanged };
  } else {
    const report = tamperDiff(expected.plan, sheet, { describe: (r, c) => describeFormCell(expected.form, r, c) });
    tamper = { status: report.total > 0 ? '已改动' : '未改动', report, stampSettingsChanged: settingsChanged };
  }

  // 5. Review and score, from the values in the file.
  const table = findTables(wb).find((t) => t.sheet === sheet!.name);
  let review: ReviewSummary | null = null;
  if (table) {
    const findings = reviewTable(table, found.form.params).findings;
    const n = (s: Finding['severity']): number => findings.filter((f) => f.severity === s).length;
    review = { errors: n('错误'), warnings: n('警告'), hints: n('提示'), findings };
  }
  const { score, targetChanges } = scoreReturn(exp.template, expected.form, found);
  if (found.form.meta.unit.trim() !== stamp.district) {
    notes.push(`表中实施单位填为「${found.form.meta.unit.trim()}」，按下发标记计为「${stamp.district}」`);
  }
  if (targetChanges.length > 0) {
    notes.push(`有 ${targetChanges.length} 项指标的指标性质、目标数值或度量单位被改动，得分按改动后的目标计算`);
  }
  return { ...base, outcome: '已采用', reason: '', notes, tamper, targetChanges, review, score };
}

// ---------------------------------------------------------------------------------------------------------------
// The batch

export type DistrictState = '已报送' | '未报送' | '重复报送' | '未采用';

export interface DistrictReturn {
  district: District;
  state: DistrictState;
  /** the file used for this district (state 已报送) */
  file: FileReport | null;
  /** every file that claims this district */
  files: string[];
  /** 1 = best total; equal totals share a rank; null when not ranked */
  rank: number | null;
}

export interface CollectResult {
  templateId: string;
  year: string;
  title: string;
  template: Form;
  files: FileReport[];
  districts: DistrictReturn[];
}

/**
 * The batch after every file was assessed: files claiming the same district are all set aside (the clerk decides
 * which one counts), each district gets its file or its state, and the used ones are ranked by total.
 */
export function settleBatch(exp: Expectation, files: FileReport[]): CollectResult {
  const claims = new Map<string, FileReport[]>();
  for (const f of files) {
    if (f.outcome === '已采用' && f.district) claims.set(f.district, [...(claims.get(f.district) ?? []), f]);
  }
  const settled = files.map((f) => {
    const same = f.district ? (claims.get(f.district) ?? []) : [];
    if (f.outcome !== '已采用' || same.length < 2) return f;
    const others = same.filter((o) => o !== f).map((o) => `「${o.file}」`).join('、');
    return { ...f, outcome: '未采用' as const, reason: `与${others}同为「${f.district}」的报表：请确认保留哪一份，删去其余后重新汇总` };
  });
  const districts: DistrictReturn[] = exp.districts.map((d) => {
    const mine = settled.filter((f) => f.district === d.name && f.stamp);
    const used = mine.find((f) => f.outcome === '已采用') ?? null;
    const duplicate = (claims.get(d.name)?.length ?? 0) > 1;
    const state: DistrictState = used ? '已报送' : duplicate ? '重复报送' : mine.length > 0 ? '未采用' : '未报送';
    return { district: d, state, file: used, files: mine.map((f) => f.file), rank: null };
  });
  const totals = districts.filter((d) => d.file?.score).map((d) => d.file!.score!.result.total);
  for (const d of districts) {
    const t = d.file?.score?.result.total;
    if (t !== undefined) d.rank = 1 + totals.filter((x) => x > t).length;
  }
  return { templateId: exp.templateId, year: exp.year, title: exp.title, template: exp.template, files: settled, districts };
}
