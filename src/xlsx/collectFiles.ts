// 回收 from bytes: many returned files (and .zip archives of them) → a CollectResult. Every file is opened, read
// and assessed on its own, and whatever is wrong with one (not a workbook, corrupt, too large, the same bytes twice)
// becomes that file's reason; the batch goes on. No Node APIs: the browser mode uses this too.

import type { District } from '../domain/distribution';
import type { Form } from '../domain/form';
import { sha256Hex } from '../domain/hash';
import {
  assessWorkbook,
  MAX_ARCHIVE_BYTES,
  MAX_FILE_BYTES,
  prepareExpectation,
  rejected,
  settleBatch,
  sizeLimitOf,
  type CollectResult,
  type FileReport,
} from '../sheet/collect';
import { readStampNames } from './stamp';
import { loadWorkbook, toReadWorkbook, WorkbookReadError } from './workbookCells';
import { mb, unzipFiles, ZipReadError, type NamedBytes } from './zip';

export interface CollectOptions {
  /** largest workbook accepted (default 20 MB) */
  maxBytes?: number;
  /** called after each file */
  onProgress?: (done: number, total: number, file: string) => void;
}

const WORKBOOK_EXT = /\.(xlsx|xlsm|xls|et|ett|xltx)$/i;
const ZIP_EXT = /\.zip$/i;
export { MAX_ARCHIVE_BYTES };

/** A returned file; without bytes when it was too large to read (it is reported as too large). */
export type ReturnedFile = NamedBytes | { name: string; size: number };

type Candidate = NamedBytes | FileReport;

function tooLarge(name: string, size: number, maxBytes: number): FileReport {
  return rejected(name, size, null, `文件过大（${mb(size)}，上限 ${mb(maxBytes)}）：自评表通常不到 1 MB，请检查是否插入了图片或附件`);
}

/** .zip archives opened into their files; what cannot be a returned workbook is set aside with its reason. */
async function expand(files: ReturnedFile[], maxBytes: number): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const f of files) {
    if (!('bytes' in f)) {
      out.push(tooLarge(f.name, f.size, sizeLimitOf(f.name, maxBytes)));
      continue;
    }
    if (!ZIP_EXT.test(f.name)) {
      out.push(f);
      continue;
    }
    if (f.bytes.length > MAX_ARCHIVE_BYTES) {
      out.push(rejected(f.name, f.bytes.length, null, `压缩包过大（${mb(f.bytes.length)}），请解压后选择其中的文件`));
      continue;
    }
    try {
      for (const e of await unzipFiles(f.bytes, maxBytes)) {
        const name = `${f.name}/${e.name}`;
        if ('error' in e) out.push(rejected(name, 0, null, e.error));
        else if (ZIP_EXT.test(e.name)) out.push(rejected(name, e.bytes.length, null, '压缩包中的压缩包未展开：请先解压', '已跳过'));
        else if (!WORKBOOK_EXT.test(e.name)) out.push(rejected(name, e.bytes.length, null, '不是 Excel 工作簿（.xlsx），已跳过', '已跳过'));
        else out.push({ name, bytes: e.bytes });
      }
    } catch (err) {
      if (!(err instanceof ZipReadError)) throw err;
      out.push(rejected(f.name, f.bytes.length, null, err.message));
    }
  }
  return out;
}

function readReason(err: unknown): string {
  if (err instanceof WorkbookReadError) return err.message.replace(/^无法读取「[^」]*」：/, '');
  return '文件已损坏，无法读取';
}

/**
 * Every returned file identified, checked, reviewed and scored against the template and the districts' settings.
 * Nothing is written anywhere: the caller writes the 汇总 from the result once it has it all.
 */
export async function collectFiles(
  template: Form,
  districts: District[],
  files: ReturnedFile[],
  options: CollectOptions = {},
): Promise<CollectResult> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const exp = await prepareExpectation(template, districts);
  const candidates = await expand(files, maxBytes);
  const reports: FileReport[] = [];
  // Files of different sizes cannot be the same file: only files whose size another file has are hashed.
  const sizes = new Map<number, number>();
  for (const c of candidates) if (!('outcome' in c)) sizes.set(c.bytes.length, (sizes.get(c.bytes.length) ?? 0) + 1);
  const byHash = new Map<string, string>();
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    const hash = 'outcome' in c || sizes.get(c.bytes.length) === 1 ? null : await sha256Hex(c.bytes);
    reports.push('outcome' in c ? c : await assessOne(exp, c, maxBytes, hash, byHash));
    options.onProgress?.(i + 1, candidates.length, reports[i].file);
  }
  return settleBatch(exp, reports);
}

async function assessOne(
  exp: Awaited<ReturnType<typeof prepareExpectation>>,
  f: NamedBytes,
  maxBytes: number,
  sha256: string | null,
  byHash: Map<string, string>,
): Promise<FileReport> {
  const size = f.bytes.length;
  if (size > maxBytes) return tooLarge(f.name, size, maxBytes);
  if (sha256 !== null) {
    const first = byHash.get(sha256);
    if (first !== undefined) return rejected(f.name, size, sha256, `与「${first}」内容完全相同（同一文件重复提交），已跳过`, '已跳过');
    byHash.set(sha256, f.name);
  }
  let workbook;
  try {
    workbook = toReadWorkbook(await loadWorkbook(f.bytes, f.name));
  } catch (err) {
    return rejected(f.name, size, sha256, readReason(err));
  }
  try {
    return await assessWorkbook(exp, { name: f.name, size, sha256, workbook, namesStamp: () => readStampNames(f.bytes) });
  } catch (err) {
    // A fault of this program on one odd file: said plainly for that file, and the batch goes on.
    return rejected(f.name, size, sha256, `处理此文件时程序出错（请把此文件反馈给开发者）：${(err as Error)?.message ?? String(err)}`);
  }
}
