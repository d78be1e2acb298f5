// What every command shares: the io object, errors meant for people, reading and writing files safely.

import { randomBytes } from 'crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'path';

export interface Output {
  write(text: string): unknown;
}

export interface CliIO {
  stdout: Output;
  stderr: Output;
  /** directory relative paths are resolved against */
  cwd: string;
}

/** A problem with what the user asked for or gave us: one Chinese sentence, exit code 2, no stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export class UsageError extends CliError {
  /** the command whose usage to point at */
  readonly command: string | null;
  constructor(message: string, command: string | null = null) {
    super(message, 2);
    this.name = 'UsageError';
    this.command = command;
  }
}

export function resolvePath(io: CliIO, p: string): string {
  return isAbsolute(p) ? p : resolve(io.cwd, p);
}

function fsMessage(err: unknown, shown: string, reading: boolean): string | null {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return reading ? `找不到文件「${shown}」` : `无法写入「${shown}」：所在文件夹不存在`;
    case 'EISDIR':
      return `「${shown}」是文件夹，不是文件`;
    case 'ENOTDIR':
      return `路径「${shown}」中有一部分不是文件夹`;
    case 'EACCES':
    case 'EPERM':
    case 'EBUSY':
      return reading
        ? `没有权限读取「${shown}」`
        : `无法写入「${shown}」：没有权限，或文件正在 Excel / WPS 中打开（请关闭后再试）`;
    case 'EROFS':
      return `无法写入「${shown}」：磁盘是只读的`;
    case 'ENOSPC':
      return `无法写入「${shown}」：磁盘空间不足`;
    default:
      return null;
  }
}

/** Reads a whole file; a missing or unreadable file is a CliError naming the path as the user wrote it. */
export async function readInput(io: CliIO, shown: string): Promise<Buffer> {
  try {
    return await readFile(resolvePath(io, shown));
  } catch (err) {
    const msg = fsMessage(err, shown, true);
    if (msg) throw new CliError(msg);
    throw err;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Refuses an output path that is not .xlsx, or that exists when overwriting was not asked for. */
export async function checkOutput(io: CliIO, shown: string, force: boolean, command: string): Promise<string> {
  if (extname(shown).toLowerCase() !== '.xlsx') {
    throw new UsageError(`输出文件「${shown}」应以 .xlsx 结尾`, command);
  }
  const path = resolvePath(io, shown);
  if (!force && (await exists(path))) {
    throw new CliError(`「${shown}」已存在，未覆盖。如要覆盖，请加 --force`);
  }
  return path;
}

/**
 * Writes through a temporary file in the same folder and renames it into place, so a failure at any point
 * leaves either the old file or none — never half a workbook. Creates the folder when it does not exist.
 */
export async function writeFileAtomic(path: string, data: Buffer, shown: string): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    const msg = fsMessage(err, shown, false);
    if (msg) throw new CliError(msg);
    throw err;
  }
}

/** Numbers for people: at most `digits` decimals, no trailing zeros, no float noise. */
export function fmtNumber(x: number, digits = 2): string {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return String(r === 0 ? 0 : r);
}

export function fmtFixed(x: number, digits = 2): string {
  return (Math.round(x * 10 ** digits) / 10 ** digits).toFixed(digits);
}

export function fmtPercent(x: number): string {
  return `${fmtFixed(x * 100, 2)}%`;
}

const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 万元 amounts as forms print them: 3,096.04 */
export function fmtMoney(x: number): string {
  return MONEY.format(x);
}
