// jxzp collect: the returned district files (files, folders, .zip archives) → one 汇总 workbook and a report per file.
// Exit status: 0 when the batch was processed, even if some files were not used (the report says why); 2 when the
// template, the 单位名单, a path or the output cannot be used — and then nothing is written.

import { readdir, stat } from 'fs/promises';
import { basename, extname, join, relative } from 'path';
import type { CollectResult, FileReport } from '../sheet/collect';
import { sizeLimitOf } from '../sheet/collect';
import { consolidationOf, tamperText } from '../sheet/consolidate';
import { collectCounts, timestamp } from '../sheet/distributionFlow';
import { readConsolidationMark } from '../sheet/stampSheet';
import { collectFiles, type ReturnedFile } from '../xlsx/collectFiles';
import { writeConsolidation } from '../xlsx/consolidationWorkbook';
import { readWorkbook } from '../xlsx/readWorkbook';
import { readDistricts, readTemplate } from './distributeCommand';
import { CliError, exists, fmtFixed, readInput, resolvePath, UsageError, writeFileAtomic, type CliIO } from './io';

export const COLLECT_OPTIONS = {
  out: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
  sheet: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface CollectValues {
  out?: string;
  json?: boolean;
  sheet?: string;
  force?: boolean;
}

const TAKEN = /\.(xlsx|xlsm|xls|et|zip)$/i;
/** Tamper lines shown per file on the terminal (all of them are in the 核查明细 sheet). */
const SHOWN_CHANGES = 10;

interface Gathered {
  files: ReturnedFile[];
  /** files in the folders that are not workbooks or archives, and why they were passed over */
  ignored: { file: string; reason: string }[];
}

/**
 * The files to collect: files as given (whatever their extension: a CSV renamed .xlsx gets its reason), folders
 * searched through (workbooks and .zip only; Office lock files, hidden files and our own inputs and output left out).
 * A file too large to be a form is not read: it is passed on empty, and collect says it is too large.
 */
async function gather(io: CliIO, paths: string[], own: Set<string>): Promise<Gathered> {
  const out: Gathered = { files: [], ignored: [] };
  const take = async (full: string, shown: string): Promise<void> => {
    const size = (await stat(full)).size;
    if (size > sizeLimitOf(full)) out.files.push({ name: shown, size });
    else out.files.push({ name: shown, bytes: new Uint8Array(await readInput(io, full)) });
  };
  const walk = async (dir: string, shown: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    for (const e of entries) {
      const full = join(dir, e.name);
      const name = join(shown, e.name);
      if (e.name.startsWith('.') || e.name === '__MACOSX') continue;
      if (e.isDirectory()) await walk(full, name);
      else if (!e.isFile()) continue;
      else if (own.has(full)) continue;
      else if (e.name.startsWith('~$')) out.ignored.push({ file: name, reason: 'Excel / WPS 打开文件时留下的临时文件' });
      else if (!TAKEN.test(e.name)) out.ignored.push({ file: name, reason: '不是 Excel 工作簿或 .zip 压缩包' });
      else await take(full, name);
    }
  };
  for (const p of paths) {
    const full = resolvePath(io, p);
    const info = await stat(full).catch(() => null);
    if (!info) throw new CliError(`找不到「${p}」`);
    if (info.isDirectory()) await walk(full, p);
    else await take(full, p);
  }
  return out;
}

/** An existing output is replaced when it is a 汇总 this program wrote; anything else needs --force. */
async function checkCollectOutput(io: CliIO, shown: string, force: boolean): Promise<string> {
  if (extname(shown).toLowerCase() !== '.xlsx') throw new UsageError(`输出文件「${shown}」应以 .xlsx 结尾`, 'collect');
  const path = resolvePath(io, shown);
  if (force || !(await exists(path))) return path;
  let ours = false;
  try {
    ours = readConsolidationMark(await readWorkbook(await readInput(io, shown), basename(shown))) !== null;
  } catch {
    ours = false;
  }
  if (!ours) throw new CliError(`「${shown}」已存在，且不是绩效自评助手生成的汇总表，未覆盖。如要覆盖，请加 --force`);
  return path;
}

export async function runCollect(values: CollectValues, positionals: string[], io: CliIO): Promise<number> {
  if (positionals.length < 3) {
    throw new UsageError('请给出模板、单位名单和收回的报表（文件、文件夹或 .zip），如：jxzp collect 模板.xlsx 单位名单.csv 回收/ -o 汇总.xlsx', 'collect');
  }
  if (values.out === undefined) throw new UsageError('请用 -o 指定汇总表文件，如 -o 汇总.xlsx', 'collect');
  const [templateFile, districtsFile, ...returned] = positionals;
  const outPath = await checkCollectOutput(io, values.out, values.force === true);
  const template = await readTemplate(io, templateFile, values.sheet);
  const districts = await readDistricts(io, districtsFile, template);
  const own = new Set([resolvePath(io, templateFile), resolvePath(io, districtsFile), outPath]);
  const gathered = await gather(io, returned, own);

  // Every file is read and assessed before anything is written.
  const result = await collectFiles(template, districts, gathered.files);
  const { plans, mark } = consolidationOf(result, timestamp());
  const data = await writeConsolidation(plans, mark);
  await writeFileAtomic(outPath, Buffer.from(data), values.out);

  if (values.json) io.stdout.write(`${JSON.stringify(collectJson(result, values.out, gathered.ignored), null, 2)}\n`);
  else io.stdout.write(collectText(result, values.out, gathered.ignored, io));
  return 0;
}

function fileJson(f: FileReport) {
  return {
    file: f.file,
    outcome: f.outcome,
    reason: f.reason,
    district: f.district,
    notes: f.notes,
    stamp: f.stamp,
    tamper: f.tamper && {
      status: f.tamper.status,
      total: f.tamper.report?.total ?? 0,
      changes: f.tamper.report?.changes ?? [],
      deletedRows: f.tamper.report?.deletedRows ?? [],
      insertedRows: f.tamper.report?.insertedRows ?? [],
    },
    targetChanges: f.targetChanges,
    review: f.review,
    total: f.score?.result.total ?? null,
    grade: f.score?.result.grade ?? null,
    missed: f.score?.missed ?? null,
    missingReason: f.score?.missingReason ?? null,
    blank: f.score?.blank ?? null,
  };
}

export function collectJson(result: CollectResult, output: string, ignored: { file: string; reason: string }[]) {
  return {
    output,
    templateId: result.templateId,
    title: result.title,
    year: result.year,
    summary: collectCounts(result),
    districts: result.districts.map((d) => ({
      district: d.district.name,
      state: d.state,
      file: d.file?.file ?? null,
      files: d.files,
      total: d.file?.score?.result.total ?? null,
      grade: d.file?.score?.result.grade ?? null,
      rank: d.rank,
      executionRate: d.file?.score?.result.budget.rate ?? null,
      annualBudget: d.file?.score?.result.budget.annual ?? null,
      missed: d.file?.score?.missed ?? null,
      missingReason: d.file?.score?.missingReason ?? null,
      blank: d.file?.score?.blank ?? null,
      tamper: tamperText(d.file) || null,
      targetChanges: d.file?.targetChanges.length ?? null,
      reviewErrors: d.file?.review?.errors ?? null,
      reviewWarnings: d.file?.review?.warnings ?? null,
    })),
    files: result.files.map(fileJson),
    ignored,
  };
}

function collectText(result: CollectResult, output: string, ignored: { file: string; reason: string }[], io: CliIO): string {
  const c = collectCounts(result);
  const out: string[] = [];
  out.push(
    `已汇总到「${output}」：${result.title}（${result.year}年度），单位 ${c.districts} 个：已报送 ${c.reported}，未报送 ${c.missing}` +
      `${c.duplicated ? `，重复报送 ${c.duplicated}` : ''}${c.notUsed ? `，报表未采用 ${c.notUsed}` : ''}。`,
  );
  out.push(`收到文件 ${c.files} 个：采用 ${c.filesUsed}，未采用 ${c.filesRejected}，跳过 ${c.filesSkipped}。`);
  out.push('');
  const rankOf = new Map(result.districts.map((d) => [d.file, d.rank]));
  for (const f of result.files) {
    if (f.outcome === '已采用') {
      const s = f.score!.result;
      const rank = rankOf.get(f);
      const review = f.review ? `审核：错误 ${f.review.errors}、警告 ${f.review.warnings}` : '';
      const tamper = tamperText(f);
      out.push(`[采用]   ${f.file} → ${f.district}：总分 ${fmtFixed(s.total)}（${s.grade}）${rank ? `，第 ${rank} 名` : ''}；${tamper}${review ? `；${review}` : ''}`);
      const changes = f.tamper?.report?.changes ?? [];
      for (const ch of changes.slice(0, SHOWN_CHANGES)) out.push(`           ${ch.message}`);
      const more = (f.tamper?.report?.total ?? 0) - Math.min(changes.length, SHOWN_CHANGES);
      if (more > 0) out.push(`           ……另有 ${more} 处，见汇总表「核查明细」`);
      for (const t of f.targetChanges.slice(0, SHOWN_CHANGES)) out.push(`           第${t.sheetRow}行「${t.level3}」的目标被改动：下发为「${t.expected}」，表中按「${t.found}」计算`);
      for (const n of f.notes.filter((x) => !/指标性质、目标数值或度量单位被改动/.test(x))) out.push(`           注意：${n}`);
    } else {
      out.push(`[${f.outcome === '未采用' ? '未采用' : '跳过'}] ${f.file}${f.district ? `（${f.district}）` : ''}：${f.reason}`);
    }
  }
  const missing = result.districts.filter((d) => d.state === '未报送').map((d) => d.district.name);
  if (missing.length) out.push('', `未报送的单位（${missing.length}）：${missing.join('、')}`);
  const dup = result.districts.filter((d) => d.state === '重复报送');
  for (const d of dup) out.push(`重复报送：${d.district.name}（${d.files.map((f) => `「${f}」`).join('、')}），均未采用`);
  if (ignored.length) {
    out.push('', `已忽略 ${ignored.length} 个文件：`);
    for (const g of ignored.slice(0, 20)) out.push(`  ${relative(io.cwd, resolvePath(io, g.file)) || g.file}：${g.reason}`);
    if (ignored.length > 20) out.push(`  ……共 ${ignored.length} 个`);
  }
  return `${out.join('\n')}\n`;
}
