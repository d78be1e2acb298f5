// .zip archives of district files: made for 下发, opened for 回收. JSZip (already under ExcelJS); no Node APIs.
// Names are stored as UTF-8 (flagged, so Windows shows 中文 names); archives made by older Chinese Windows tools
// store GBK names without the flag, which are read as GBK.

import JSZip from 'jszip';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export async function zipFiles(files: NamedBytes[]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const f of files) zip.file(f.name, f.bytes, { binary: true });
  // .xlsx files are zips already: storing them costs a little size and saves the time of compressing twice.
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

function decodeName(bytes: string[] | Uint8Array | Buffer): string {
  const b = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes as string[], (c) => (typeof c === 'string' ? c.charCodeAt(0) : Number(c)));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    try {
      return new TextDecoder('gbk').decode(b);
    } catch {
      return new TextDecoder('latin1').decode(b);
    }
  }
}

export type ZipEntry = { name: string; bytes: Uint8Array } | { name: string; error: string };

export class ZipReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipReadError';
  }
}

/**
 * The files of an archive (folders flattened into the names, macOS and hidden entries left out). An entry larger
 * than maxEntryBytes is not inflated: it comes back with an error. Throws ZipReadError for bytes that are no zip.
 */
export async function unzipFiles(bytes: Uint8Array, maxEntryBytes: number): Promise<ZipEntry[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { decodeFileName: decodeName });
  } catch {
    throw new ZipReadError('压缩包已损坏或不是 .zip 文件');
  }
  const out: ZipEntry[] = [];
  const entries = Object.values(zip.files).filter((e) => !e.dir);
  for (const e of entries) {
    const base = e.name.split('/').pop() ?? e.name;
    if (e.name.startsWith('__MACOSX/') || base.startsWith('.') || base === '') continue;
    const size = (e as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    if (typeof size === 'number' && size > maxEntryBytes) {
      out.push({ name: e.name, error: `文件过大（${mb(size)}，上限 ${mb(maxEntryBytes)}）` });
      continue;
    }
    try {
      out.push({ name: e.name, bytes: await e.async('uint8array') });
    } catch {
      out.push({ name: e.name, error: '压缩包中的这个文件已损坏，无法解压' });
    }
  }
  return out;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
