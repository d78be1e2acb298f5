#!/usr/bin/env node
// Draws the add-in's icons (assets/icon-16.png … icon-128.png): a form sheet with a green header band, grid lines
// and a round badge with a check mark — "a form, checked" — in Excel's greens. No image library: shapes are coverage functions
// sampled on a sub-pixel grid, and the PNG is encoded here (zlib from Node, CRC-32 computed by hand).
//
//   node scripts/make-icons.js            writes assets/icon-*.png
//   node scripts/make-icons.js --check    exits 1 when the files on disk differ from what this script draws

'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 64, 80, 128];
const ASSETS = path.join(__dirname, '..', 'assets');

// Office's Excel greens and neutrals.
const COLOURS = {
  sheetBorder: [0x10, 0x5e, 0x37, 255],
  sheet: [255, 255, 255, 255],
  header: [0x21, 0xa3, 0x66, 255],
  grid: [0x9f, 0xc9, 0xb0, 255],
  text: [0xb8, 0xbf, 0xbb, 255],
  badge: [0x10, 0x7c, 0x41, 255],
  check: [255, 255, 255, 255],
};

// ---------- geometry ----------

function roundRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function rect(x0, y0, x1, y1) {
  return (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1;
}

function circle(cx, cy, r) {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A stroked polyline with round joins and caps. */
function polyline(points, width) {
  const h = width / 2;
  return (x, y) => {
    for (let i = 0; i + 1 < points.length; i++) {
      const [ax, ay] = points[i];
      const [bx, by] = points[i + 1];
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      const px = ax + t * dx - x;
      const py = ay + t * dy - y;
      if (px * px + py * py <= h * h) return true;
    }
    return false;
  };
}

function union(...shapes) {
  return (x, y) => shapes.some((s) => s(x, y));
}

function minus(a, b) {
  return (x, y) => a(x, y) && !b(x, y);
}

// ---------- the drawing ----------

// The 16 px check mark inside the 8×8 badge whose top-left pixel is (8, 8).
const CHECK_16 = [
  '........',
  '......#.',
  '.....##.',
  '....##..',
  '.#.##...',
  '.####...',
  '..##....',
  '........',
];

function pixelSet(rows, left, top) {
  return (x, y) => {
    const row = rows[Math.floor(y) - top];
    return row !== undefined && row[Math.floor(x) - left] === '#';
  };
}

/**
 * Layers bottom to top, in pixel coordinates for an icon of `size` px. Positions are multiples of size/16 so edges
 * land on pixel boundaries at every size (all sizes are multiples of 16); line widths are chosen per size so grid
 * lines stay one pixel at 16 px and stay fine at 128 px.
 */
function layers(size) {
  const u = size / 16;
  const line = Math.max(1, Math.round(size / 32)); // grid line width
  const border = Math.max(1, Math.round(size / 40));
  const radius = Math.max(1, u * 0.9);

  // The sheet: x 1..14, y 1..15 (units).
  const sx0 = 1 * u;
  const sy0 = 1 * u;
  const sx1 = 14 * u;
  const sy1 = 15 * u;
  const outer = roundRect(sx0, sy0, sx1, sy1, radius);
  const inner = roundRect(sx0 + border, sy0 + border, sx1 - border, sy1 - border, Math.max(0, radius - border));
  const headerBottom = 4.5 * u;
  const header = (x, y) => inner(x, y) && y < Math.round(headerBottom);

  // Grid: a label column and value columns, three body rows.
  const colA = Math.round(5 * u);
  const colB = Math.round(9.5 * u);
  const rows = [Math.round(7.5 * u), Math.round(10.5 * u), Math.round(13 * u)];
  const gridLines = [];
  gridLines.push(rect(colA, headerBottom, colA + line, sy1));
  if (size >= 32) gridLines.push(rect(colB, headerBottom, colB + line, sy1));
  for (const r of rows) gridLines.push(rect(sx0, r, sx1, r + line));
  // Header column separators in white, so the header reads as cells too (not at 16 px: too busy).
  const headerLines = size >= 32 ? [rect(colA, sy0, colA + line, headerBottom), rect(colB, sy0, colB + line, headerBottom)] : [];

  // "Text" in the label column from 32 px up: short grey bars.
  const textBars = [];
  if (size >= 32) {
    const barH = Math.max(1, Math.round(u * 0.8));
    const left = sx0 + border + Math.round(u * 0.7);
    const bodyRows = [Math.round(headerBottom), ...rows];
    for (let i = 0; i + 1 < bodyRows.length; i++) {
      const mid = Math.round((bodyRows[i] + line + bodyRows[i + 1]) / 2 - barH / 2);
      const right = colA - Math.round(u * (i % 2 === 0 ? 0.7 : 1.4));
      textBars.push(rect(left, mid, right, mid + barH));
    }
  }

  // The badge: a green disc with a white check mark, set in a transparent gap cut out of the sheet.
  const bcx = 12 * u;
  const bcy = 12 * u;
  const br = 4 * u;
  const gap = Math.max(1, Math.round(size / 32));
  const cutout = circle(bcx, bcy, br + gap);
  // At 16 px an anti-aliased stroke blurs into the disc; the check is placed pixel by pixel instead.
  const check = size === 16 ? pixelSet(CHECK_16, 8, 8) : polyline(
    [
      [bcx - 2.3 * u, bcy + 0.1 * u],
      [bcx - 0.7 * u, bcy + 1.7 * u],
      [bcx + 2.3 * u, bcy - 1.6 * u],
    ],
    Math.max(1.6, 1.35 * u),
  );

  // The sheet stops short of the badge, leaving a transparent gap, so the badge reads on light and dark ribbons.
  const sheetLayers = [
    [outer, COLOURS.sheetBorder],
    [inner, COLOURS.sheet],
    [(x, y) => inner(x, y) && union(...gridLines)(x, y), COLOURS.grid],
    [union(...textBars), COLOURS.text],
    [header, COLOURS.header],
    [(x, y) => header(x, y) && union(...headerLines)(x, y), [255, 255, 255, 110]],
  ].map(([shape, colour]) => [minus(shape, cutout), colour]);

  return [
    ...sheetLayers,
    [minus(circle(bcx, bcy, br), check), COLOURS.badge],
    [(x, y) => circle(bcx, bcy, br)(x, y) && check(x, y), COLOURS.check],
  ];
}

/** Straight (not premultiplied) RGBA pixels: each layer's sub-pixel coverage composited "over" the ones below. */
function draw(size) {
  const SS = 8; // sub-samples per axis
  const pixels = new Float64Array(size * size * 4); // straight RGBA in 0..1
  for (const [shape, [r, g, b, a]] of layers(size)) {
    for (let py = 0; py < size; py++) {
      for (let px = 0; px < size; px++) {
        let hits = 0;
        for (let sy = 0; sy < SS; sy++) {
          for (let sx = 0; sx < SS; sx++) {
            if (shape(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS)) hits++;
          }
        }
        if (hits === 0) continue;
        const alpha = (hits / (SS * SS)) * (a / 255);
        const i = (py * size + px) * 4;
        const da = pixels[i + 3];
        const oa = alpha + da * (1 - alpha);
        for (let c = 0; c < 3; c++) {
          const src = [r, g, b][c] / 255;
          pixels[i + c] = oa === 0 ? 0 : (src * alpha + pixels[i + c] * da * (1 - alpha)) / oa;
        }
        pixels[i + 3] = oa;
      }
    }
  }
  const out = Buffer.alloc(size * size * 4);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(Math.max(0, Math.min(1, pixels[i])) * 255);
  return out;
}

// ---------- PNG ----------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffers) {
  let c = 0xffffffff;
  for (const buf of buffers) for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const name = Buffer.from(type, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32([name, data]));
  return Buffer.concat([len, name, data, crc]);
}

function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function iconPng(size) {
  return encodePng(size, size, draw(size));
}

function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  fs.mkdirSync(ASSETS, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(ASSETS, `icon-${size}.png`);
    const png = iconPng(size);
    if (check) {
      if (!fs.existsSync(file) || !fs.readFileSync(file).equals(png)) {
        process.stdout.write(`stale: ${path.relative(process.cwd(), file)}\n`);
        stale++;
      }
    } else {
      fs.writeFileSync(file, png);
      process.stdout.write(`wrote ${path.relative(process.cwd(), file)} (${png.length} bytes)\n`);
    }
  }
  if (stale > 0) process.exit(1);
}

module.exports = { draw, iconPng, encodePng, crc32, SIZES };

if (require.main === module) main();
