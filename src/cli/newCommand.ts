// jxzp new: a form workbook from a standard template, the built-in example, or an indicator table.

import type { Form, FormMeta, StandardId } from '../domain/form';
import { PROFILES, profileById } from '../domain/rules';
import { blankForm, exampleForm } from '../domain/standards';
import { parseActual, parseTarget } from '../domain/target';
import { indicatorRows, parseRate, readIndicatorTable, type IndicatorTable } from '../sheet/importTable';
import { nameKey } from '../sheet/inputs';
import { defaultSheetName, planForm } from '../sheet/layout';
import { writeWorkbook } from '../xlsx/writeWorkbook';
import { checkOutput, CliError, fmtNumber, UsageError, writeFileAtomic, type CliIO } from './io';
import { readTableFile } from './tables';

export const NEW_OPTIONS = {
  standard: { type: 'string' },
  example: { type: 'boolean' },
  from: { type: 'string' },
  project: { type: 'string' },
  unit: { type: 'string' },
  department: { type: 'string' },
  year: { type: 'string' },
  profile: { type: 'string' },
  'budget-initial': { type: 'string' },
  'budget-annual': { type: 'string' },
  'budget-executed': { type: 'string' },
  sheet: { type: 'string' },
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface NewValues {
  standard?: string;
  example?: boolean;
  from?: string;
  project?: string;
  unit?: string;
  department?: string;
  year?: string;
  profile?: string;
  'budget-initial'?: string;
  'budget-annual'?: string;
  'budget-executed'?: string;
  sheet?: string;
  out?: string;
  force?: boolean;
}

function parseStandard(v: string | undefined): StandardId | undefined {
  if (v === undefined) return undefined;
  if (v === 'project' || v === 'department') return v;
  throw new UsageError(`--standard 只能是 project（项目支出）或 department（部门整体支出），不是「${v}」`, 'new');
}

function parseMoney(option: string, v: string | undefined): number | null {
  if (v === undefined) return null;
  const s = v.replace(/[\s,，]/g, '').replace(/万元$/u, '');
  if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(s)) throw new UsageError(`--${option} 应为金额（万元），如 3096.04，不是「${v}」`, 'new');
  return Number(s);
}

/** Excel's rules for a worksheet name, and the quote that would break references (writeWorkbook refuses it). */
function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31) throw new UsageError(`工作表名「${name}」应为 1–31 个字符`, 'new');
  if (/[*?:/\\[\]']/.test(name)) throw new UsageError(`工作表名「${name}」不能含有 * ? : / \\ [ ] ' 这些字符`, 'new');
}

function headerOptions(values: NewValues): Partial<FormMeta> {
  const meta: Partial<FormMeta> = {};
  if (values.project !== undefined) meta.projectName = values.project.trim();
  if (values.unit !== undefined) meta.unit = values.unit.trim();
  if (values.department !== undefined) meta.department = values.department.trim();
  if (values.year !== undefined) {
    const y = values.year.trim();
    if (!/^\d{4}$/.test(y)) throw new UsageError(`--year 应为四位年份，如 2024，不是「${values.year}」`, 'new');
    meta.year = y;
  }
  if (values.profile !== undefined) {
    if (!PROFILES.some((p) => p.id === values.profile)) {
      const list = PROFILES.map((p) => `${p.id}（${p.name}）`).join('、');
      throw new UsageError(`没有「${values.profile}」这个评分口径，可选：${list}`, 'new');
    }
    meta.profileId = values.profile;
  }
  return meta;
}

/** Drops empty fields, so a blank 项目名称 in a table does not erase anything. */
function nonEmpty(meta: Partial<FormMeta>): Partial<FormMeta> {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Partial<FormMeta>;
}

/** Things to tell the user about an imported table, as 警告：/提示： lines; the form is made regardless. */
function tableWarnings(table: IndicatorTable, where: string): string[] {
  const out: string[] = [];
  const notes: string[] = [];
  const seen = new Map<string, number[]>();
  for (const r of table.rows) {
    const name = r.level3 || '（无名称）';
    const target = parseTarget(r.target, r.level3);
    if (target.kind === 'invalid') {
      out.push(
        r.target.trim() === ''
          ? `第${r.rowNumber}行「${name}」：${target.reason}，请在表中补填`
          : `第${r.rowNumber}行「${name}」：${target.reason}（表中该行将显示“无法计算”）`,
      );
    } else if (r.actual !== '') {
      const a = parseActual(r.actual, target);
      if (a.kind === 'invalid') out.push(`第${r.rowNumber}行「${name}」「${table.header.written.actual}」列：${a.reason}（表中该行将显示“无法计算”）`);
      else if (a.kind === 'number' && a.note) notes.push(`第${r.rowNumber}行「${name}」「${table.header.written.actual}」列「${r.actual}」：${a.note}`);
    }
    const rate = parseRate(r.overrideText);
    if (!rate.ok) out.push(`第${r.rowNumber}行「${name}」「${table.header.written.override}」列：${rate.reason}，已忽略`);
    const k = `${nameKey(r.level2)}\u0000${nameKey(r.level3)}`;
    if (r.level3) seen.set(k, [...(seen.get(k) ?? []), r.rowNumber]);
  }
  for (const [k, rowsOf] of seen) {
    if (rowsOf.length > 1) {
      out.push(`三级指标「${k.split('\u0000')[1]}」在同一二级指标下出现 ${rowsOf.length} 次（第${rowsOf.join('、')}行）：填写实际值时无法区分，建议改名`);
    }
  }
  return [...out.map((w) => `警告：${where}${w}`), ...notes.map((n) => `提示：${where}${n}`)];
}

export async function runNew(values: NewValues, io: CliIO): Promise<number> {
  const standard = parseStandard(values.standard);
  if (values.example && (values.from !== undefined || standard !== undefined)) {
    throw new UsageError('--example 不能与 --standard 或 --from 同时使用', 'new');
  }
  if (values.out === undefined) throw new UsageError('请用 -o 指定要生成的文件，如 -o 自评表.xlsx', 'new');
  const meta = headerOptions(values);
  const budget = {
    initial: parseMoney('budget-initial', values['budget-initial']),
    annual: parseMoney('budget-annual', values['budget-annual']),
    executed: parseMoney('budget-executed', values['budget-executed']),
  };
  if (values.sheet !== undefined) checkSheetName(values.sheet);
  const outPath = await checkOutput(io, values.out, values.force === true, 'new');

  let form: Form;
  let warnings: string[] = [];
  if (values.example) {
    form = exampleForm();
    form.meta = { ...form.meta, ...meta };
    if (meta.profileId) form.params = { ...profileById(meta.profileId).params };
  } else if (values.from !== undefined) {
    const file = await readTableFile(io, values.from);
    const table = readIndicatorTable(file.rows);
    if (!table.ok) throw new CliError(`${file.where}${table.error}`);
    form = blankForm(standard ?? 'project', { ...nonEmpty(table.value.meta), ...meta }, indicatorRows(table.value));
    warnings = tableWarnings(table.value, file.where);
  } else {
    form = blankForm(standard ?? 'project', meta);
  }
  const part = form.budget.parts[0];
  if (budget.initial !== null) part.initial = budget.initial;
  if (budget.annual !== null) part.annual = budget.annual;
  if (budget.executed !== null) part.executed = budget.executed;

  const sheetName = values.sheet ?? defaultSheetName(form);
  checkSheetName(sheetName);
  const data = await writeWorkbook([planForm(form, { sheetName })]);
  await writeFileAtomic(outPath, data, values.out);

  const indicatorWeight = form.rows.reduce((a, r) => a + r.weight, 0);
  const total = indicatorWeight + form.budget.weight;
  io.stdout.write(
    `已生成「${values.out}」：${form.meta.title}（${form.meta.year}年度），工作表「${sheetName}」，` +
      `${form.rows.length} 项指标，总分值 ${fmtNumber(total)}（指标 ${fmtNumber(indicatorWeight)} + 预算执行率 ${fmtNumber(form.budget.weight)}）。\n`,
  );
  if (Math.abs(total - 100) > 1e-9) warnings.unshift(`警告：分值合计为 ${fmtNumber(total)}，通常应为 100，请核对各指标分值`);
  for (const w of warnings) io.stderr.write(`${w}\n`);
  return 0;
}
