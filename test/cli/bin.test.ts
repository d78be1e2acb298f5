// The compiled command runs as a program: node <compiled main.js> --help, and a real error exit code.
// Compiles with tsconfig.cli.json first unless the build is newer than every source file it is made from.
import { spawnSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin.jxzp);
// Where tsc puts src/cli/main.ts today: tsconfig.cli.json compiles with rootDir "." into build/.
const TSC_OUTPUT = join(ROOT, 'build', 'src', 'cli', 'main.js');
let COMPILED = BIN;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  const sources = Math.max(
    ...['cli', 'domain', 'sheet', 'xlsx'].map((d) => newestSource(join(ROOT, 'src', d))),
    statSync(join(ROOT, 'tsconfig.cli.json')).mtimeMs,
  );
  const fresh = (p: string): boolean => existsSync(p) && statSync(p).mtimeMs >= sources;
  COMPILED = fresh(BIN) ? BIN : TSC_OUTPUT;
  if (fresh(COMPILED)) return;
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.cli.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) throw new Error(`tsc -p tsconfig.cli.json failed:\n${tsc.stdout}${tsc.stderr}`);
  COMPILED = existsSync(BIN) ? BIN : TSC_OUTPUT;
}, 120_000);

function node(args: string[]) {
  return spawnSync(process.execPath, [COMPILED, ...args], { cwd: ROOT, encoding: 'utf8' });
}

test('node <compiled main.js> --help prints the usage in Chinese and exits 0', () => {
  const r = node(['--help']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^绩效自评助手（jxzp）/);
  expect(r.stdout).toContain('jxzp new');
});

test('a usage error exits 2 with one line on stderr', () => {
  const r = node(['score']);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe('错误：请给出要评分的自评表文件，如：jxzp score 自评表.xlsx（用法见 jxzp score --help）\n');
});

test('the compiled entry starts with the node shebang', () => {
  expect(readFileSync(COMPILED, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
});

// package.json "bin" must name the file tsc produces, or `npm i -g` installs a jxzp that cannot start.
test('package.json bin.jxzp is the file tsc -p tsconfig.cli.json produces', () => {
  expect(existsSync(BIN) ? BIN : `missing: ${BIN} (tsc wrote ${TSC_OUTPUT})`).toBe(BIN);
});
