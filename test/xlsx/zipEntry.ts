// Reads one part of an .xlsx (a zip) as text, for asserting on XML that ExcelJS does not read back
// (calcPr) or normalises away (the `$` of defined names and print ranges).

import { inflateRawSync } from 'zlib';

export function zipEntry(zip: Buffer, path: string): string {
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(p + 10);
    const compressedSize = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (name === path) {
      const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      const raw = zip.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return raw.toString('utf8');
      if (method === 8) return inflateRawSync(raw).toString('utf8');
      throw new Error(`unsupported zip method ${method} for ${path}`);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`no ${path} in zip`);
}
