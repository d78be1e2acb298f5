// jxzp distribute: one stamped workbook per district, from a template form and a 单位名单, into a folder or a .zip.

import { randomBytes } from 'crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'fs/promises';
import { basename, dirname, extname, join } from 'path';
import type { District } from '../domain/distribution';
import type { Form } from '../domain/form';
import { readDistrictTable } from '../sheet/districtTable';
import { templateVersion, templateWarnings } from '../sheet/distributionFlow';
import { readForm } from '../sheet/readback';
import { distributeFiles } from '../xlsx/distribute';
import { readWorkbook } from '../xlsx/readWorkbook';
import { zipFiles } from '../xlsx/zip';
import { CliError, exists, readInput, resolvePath, UsageError, writeFileAtomic, type CliIO } from './io';
import { readTableFile } from './tables';

export const DISTRIBUTE_OPTIONS = {
  out: { type: 'string', short: 'o' },
  'template-version': { type: 'string' },
  sheet: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface DistributeValues {
  out?: string;
  'template-version'?: string;
  sheet?: string;
  force?: boolean;
}

/** The template form of a workbook, as distribute and collect both read it. */
export async function readTemplate(io: CliIO, shown: string, sheet: string | undefined): Promise<Form> {
  const wb = await readWorkbook(await readInput(io, shown), basename(shown));
  return readForm(wb, sheet).form;
}

/** The 单位名单 read against the template; every problem in one message. */
export async function readDistricts(io: CliIO, shown: string, template: Form): Promise<District[]> {
  const file = await readTableFile(io, shown);
  const read = readDistrictTable(file.rows, template);
  if (!read.ok) throw new CliError(read.error.includes('\n') ? `${file.where}有以下问题：\n${read.error}` : `${file.where}${read.error}`);
  return read.value;
}

function checkVersion(v: string | undefined): string {
  const t = templateVersion(v);
  if (t === null) throw new UsageError(`--template-version 应为简短的版本号，如 2 或 2025-03，不是「${v}」`, 'distribute');
  return t;
}

/** Writes the files into a folder: a new folder appears whole (written aside, then renamed); into an existing one file by file. */
async function writeFolder(dir: string, shown: string, files: { name: string; bytes: Uint8Array }[], force: boolean): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) throw new CliError(`「${shown}」是一个文件，不是文件夹：输出 .zip 请以 .zip 结尾`);
  if (info) {
    const present = new Set((await readdir(dir)).map((n) => n.toLowerCase()));
    const clash = files.filter((f) => present.has(f.name.toLowerCase()));
    if (clash.length > 0 && !force) {
      const list = clash.slice(0, 3).map((f) => `「${f.name}」`).join('、');
      throw new CliError(`文件夹「${shown}」中已有${list}${clash.length > 3 ? ` 等 ${clash.length} 个文件` : ''}，未覆盖任何文件。如要覆盖，请加 --force`);
    }
    for (const f of files) await writeFileAtomic(join(dir, f.name), Buffer.from(f.bytes), join(shown, f.name));
    return;
  }
  const tmp = join(dirname(dir), `.${basename(dir)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(tmp, { recursive: true });
    for (const f of files) await writeFile(join(tmp, f.name), f.bytes, { flag: 'wx' });
    await rename(tmp, dir);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT') throw new CliError(`无法写入「${shown}」：所在文件夹不存在`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new CliError(`无法写入「${shown}」：没有权限`);
    if (code === 'ENOSPC') throw new CliError(`无法写入「${shown}」：磁盘空间不足`);
    throw err;
  }
}

export async function runDistribute(values: DistributeValues, positionals: string[], io: CliIO): Promise<number> {
  if (positionals.length < 2) {
    throw new UsageError('请给出模板和单位名单两个文件，如：jxzp distribute 模板.xlsx 单位名单.csv -o 下发', 'distribute');
  }
  if (positionals.length > 2) throw new UsageError(`多余的参数「${positionals.slice(2).join(' ')}」`, 'distribute');
  if (values.out === undefined) throw new UsageError('请用 -o 指定输出的文件夹（如 -o 下发）或压缩包（如 -o 下发.zip）', 'distribute');
  const version = checkVersion(values['template-version']);
  const [templateFile, districtsFile] = positionals;
  const zip = extname(values.out).toLowerCase() === '.zip';
  const outPath = resolvePath(io, values.out);
  if (zip && !values.force && (await exists(outPath))) throw new CliError(`「${values.out}」已存在，未覆盖。如要覆盖，请加 --force`);

  const template = await readTemplate(io, templateFile, values.sheet);
  const districts = await readDistricts(io, districtsFile, template);
  const { templateId, files } = await distributeFiles(template, districts, { version });
  const named = files.map((f) => ({ name: f.fileName, bytes: f.bytes }));
  if (zip) await writeFileAtomic(outPath, Buffer.from(await zipFiles(named)), values.out);
  else await writeFolder(outPath, values.out, named, values.force === true);

  const own = districts.filter((d) => d.overrides.length > 0 || d.budget);
  io.stdout.write(
    `已为 ${files.length} 个单位生成「${template.meta.title}（${template.meta.year}年度）」，写入「${values.out}」` +
      `（模板编号 ${templateId}，第 ${version} 版${own.length ? `；其中 ${own.length} 个单位有单独设置的指标值、分值或资金` : ''}）：\n`,
  );
  for (const f of files) io.stdout.write(`  ${f.fileName}\n`);
  io.stdout.write('每个文件只能填写黄色单元格，其余受保护；文件中带有下发标记，回收后用 jxzp collect 汇总。\n');
  for (const w of templateWarnings(template)) io.stderr.write(`${w}\n`);
  return 0;
}
