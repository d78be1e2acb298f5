// CSV bytes → rows of text. UTF-8 only (with or without the BOM Excel writes for 「CSV UTF-8」); a file in GBK
// or another code page is refused with a message that says how to save it, rather than read as mojibake.

import { parse } from 'papaparse';

export type CsvResult = { ok: true; rows: string[][] } | { ok: false; error: string };

const SAVE_AS_UTF8 = '请在 Excel 或 WPS 中「另存为」，文件类型选「CSV UTF-8（逗号分隔）」后再试';

export function decodeCsv(bytes: Uint8Array, fileName = '所选文件'): CsvResult {
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(start));
  if (text.includes('\uFFFD')) {
    return { ok: false, error: `「${fileName}」不是 UTF-8 编码的文本（可能是 GBK/ANSI 编码或不是 CSV 文件）：${SAVE_AS_UTF8}` };
  }
  return parseCsvText(text, fileName);
}

export function parseCsvText(text: string, fileName = '所选文件'): CsvResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, error: `「${fileName}」是空的` };
  // delimiter '' = guess among , \t | ; (a sheet saved as 「文本文件（制表符分隔）」 works too)
  const result = parse<string[]>(body, { delimiter: '', skipEmptyLines: false });
  const quote = result.errors.find((e) => e.type === 'Quotes');
  if (quote) {
    const line = quote.row === undefined ? '' : `第${quote.row + 1}行附近`;
    return { ok: false, error: `「${fileName}」${line}的引号不成对，无法读取：请检查该处的双引号` };
  }
  const rows = result.data.map((r) => (Array.isArray(r) ? r.map((c) => (c ?? '').toString()) : []));
  // A final newline leaves one empty record behind.
  while (rows.length > 0 && rows[rows.length - 1].every((c) => c.trim() === '')) rows.pop();
  return { ok: true, rows };
}
