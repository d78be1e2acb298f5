// The production build, run once: the add-in's first load (every script taskpane.html loads) stays within 350 KB
// gzipped and carries no ExcelJS, which only browser mode loads, as an async chunk. The manifest the build emits
// with ADDIN_URL set points at that address and still validates.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { ADDIN_URL, productionBuild } from '../support/prodBuild';

const SCHEMA = path.resolve(__dirname, '..', '..', '..', 'shared', 'schemas', 'manifest', 'OfficeAppManifestV1_1.xsd');
const BUDGET_BYTES = 350 * 1024;
// Strings only ExcelJS has (error messages of its worksheet and column code; they survive minification).
const EXCELJS_MARKERS = ['Worksheet name already exists', 'Out of bounds. Excel supports columns from'];

let out = '';
let buildError: unknown = null;

beforeAll(() => {
  try {
    out = productionBuild();
  } catch (e) {
    buildError = e;
  }
}, 9 * 60 * 1000);

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/** The scripts an HTML page loads (src attributes, quoted or not, as the minifier leaves them). */
function scriptsOf(htmlFile: string): string[] {
  const html = fs.readFileSync(htmlFile, 'utf8');
  return Array.from(html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/g), (m) => m[1]);
}

describe('production build (npm run build)', () => {
  test('builds', () => {
    if (buildError) throw buildError;
    expect(fs.existsSync(path.join(out, 'taskpane.html'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true);
  });

  test('initial JavaScript of the task pane ≤ 350 KB gzipped, without ExcelJS', () => {
    const initial = scriptsOf(path.join(out, 'taskpane.html'));
    expect(initial.length).toBeGreaterThan(0);
    let total = 0;
    const rows: string[] = [];
    for (const src of initial) {
      expect(src).not.toMatch(/^(https?:)?\/\//); // nothing from the network but Office.js, which the code injects
      const file = path.join(out, src);
      const size = gzipSize(file);
      total += size;
      rows.push(`  ${src}: ${(fs.statSync(file).size / 1024).toFixed(1)} KB, ${(size / 1024).toFixed(1)} KB gzipped`);
      const text = fs.readFileSync(file, 'utf8');
      for (const marker of EXCELJS_MARKERS) expect({ src, marker, found: text.includes(marker) }).toEqual({ src, marker, found: false });
    }
    const lazy = fs
      .readdirSync(out)
      .filter((f) => f.endsWith('.js') && !initial.includes(f))
      .map((f) => `  ${f}: ${(gzipSize(path.join(out, f)) / 1024).toFixed(1)} KB gzipped (loaded on demand)`);
    process.stdout.write(
      `\nbundle budget: initial JavaScript ${(total / 1024).toFixed(1)} KB gzipped of ${BUDGET_BYTES / 1024} KB\n` +
        `${rows.join('\n')}\n${lazy.join('\n')}\n`,
    );
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  test('ExcelJS is there, in a chunk loaded on demand (so the check above can see it)', () => {
    const initial = new Set(scriptsOf(path.join(out, 'taskpane.html')));
    const withExcelJs = fs
      .readdirSync(out)
      .filter((f) => f.endsWith('.js'))
      .filter((f) => fs.readFileSync(path.join(out, f), 'utf8').includes(EXCELJS_MARKERS[0]));
    expect(withExcelJs.length).toBeGreaterThan(0);
    for (const f of withExcelJs) expect(initial.has(f)).toBe(false);
  });

  test('Office.js comes from Microsoft CDN, injected by the code, not from the page', () => {
    const html = fs.readFileSync(path.join(out, 'taskpane.html'), 'utf8');
    expect(html).not.toMatch(/appsforoffice/);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    const initial = scriptsOf(path.join(out, 'taskpane.html')).map((s) => fs.readFileSync(path.join(out, s), 'utf8'));
    expect(initial.some((js) => js.includes('https://appsforoffice.microsoft.com/lib/1/hosted/office.js'))).toBe(true);
  });

  test('the emitted manifest points at ADDIN_URL and validates; the icons are copied', () => {
    const manifest = fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
    expect(manifest).not.toMatch(/localhost/);
    expect(manifest).toContain(`${ADDIN_URL}taskpane.html`);
    const lint = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, path.join(out, 'manifest.xml')], { encoding: 'utf8' });
    expect(lint.error).toBeUndefined();
    expect(`${lint.stdout}${lint.stderr}`).toContain('validates');
    for (const size of [16, 32, 64, 80, 128]) expect(fs.existsSync(path.join(out, 'assets', `icon-${size}.png`))).toBe(true);
    expect(fs.existsSync(path.join(out, 'assets', 'support.html'))).toBe(true);
  });
});
