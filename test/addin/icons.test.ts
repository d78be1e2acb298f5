// The icons in assets/ are the ones scripts/make-icons.js draws, at every size the manifest and the Office
// guidelines ask for, as real PNG files.

import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { crc32, draw, SIZES } from '../../scripts/make-icons';

const ASSETS = path.resolve(__dirname, '..', '..', 'assets');
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  rgba: Buffer;
}

/** Reads the 8-bit RGBA, non-interlaced PNGs the script writes, checking every chunk's CRC. */
function readPng(file: string): Png {
  const data = fs.readFileSync(file);
  if (!data.subarray(0, 8).equals(SIGNATURE)) throw new Error(`${file}: not a PNG`);
  let offset = 8;
  let header: Buffer | null = null;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.subarray(offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    const crc = data.readUInt32BE(offset + 8 + length);
    if (crc32([type, body]) !== crc) throw new Error(`${file}: bad CRC in ${type.toString('ascii')}`);
    const name = type.toString('ascii');
    if (name === 'IHDR') header = body;
    if (name === 'IDAT') idat.push(body);
    if (name === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!header || !ended) throw new Error(`${file}: missing IHDR or IEND`);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    if (raw[y * (stride + 1)] !== 0) throw new Error(`${file}: unexpected filter on row ${y}`);
    raw.copy(rgba, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
  }
  return { width, height, bitDepth: header[8], colourType: header[9], rgba };
}

describe('assets/icon-*.png', () => {
  test('the sizes an add-in needs', () => {
    expect([...SIZES]).toEqual([16, 32, 64, 80, 128]);
  });

  test.each([16, 32, 64, 80, 128])('icon-%i.png is a %i px RGBA PNG, as the script draws it', (size) => {
    const png = readPng(path.join(ASSETS, `icon-${size}.png`));
    expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([size, size, 8, 6]);
    // Compared pixel by pixel, not byte by byte: another zlib may compress the same image differently.
    expect(png.rgba.equals(draw(size))).toBe(true);
  });

  test.each([16, 32, 64, 80, 128])('icon-%i.png has a transparent margin and an opaque body', (size) => {
    const { rgba } = readPng(path.join(ASSETS, `icon-${size}.png`));
    const alpha = (x: number, y: number): number => rgba[(y * size + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(Math.floor(size / 4), Math.floor(size / 2))).toBe(255);
    let opaque = 0;
    for (let i = 3; i < rgba.length; i += 4) if (rgba[i] === 255) opaque++;
    expect(opaque / (size * size)).toBeGreaterThan(0.6);
  });
});
