// Tests only: let LibreOffice compute workbooks, so formula meaning is checked by a real spreadsheet engine.
// One soffice start per call (it takes seconds), with a throwaway profile that forces recalculation on load:
// by default LibreOffice keeps the cached results of an .xlsx, and a file from writeWorkbook has none.

import { spawnSync, type SpawnSyncReturns } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, dirname, extname, join, resolve } from 'path';
import { pathToFileURL } from 'url';

const TIMEOUT_MS = 120_000;

// Formula/Load recalc modes: 0 = always recalculate, 1 = never, 2 = ask.
const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

let binary: string | undefined;

/** soffice or libreoffice on PATH. */
export function sofficeBinary(): string {
  if (binary) return binary;
  for (const name of ['soffice', 'libreoffice']) {
    for (const dir of (process.env.PATH ?? '').split(':')) {
      if (dir && existsSync(join(dir, name))) {
        binary = join(dir, name);
        return binary;
      }
    }
  }
  throw new Error('LibreOffice not found: neither soffice nor libreoffice is on PATH (apt-get install libreoffice-calc-nogui)');
}

function freshProfile(): string {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  mkdirSync(join(profile, 'user'), { recursive: true });
  writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), REGISTRY);
  return profile;
}

function convert(files: string[], outDir: string, target: string, ext: string): string[] {
  if (files.length === 0) return [];
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  const inputs = files.map((f) => resolve(f));
  for (const f of inputs) {
    if (!existsSync(f)) throw new Error(`no such file: ${f}`);
    if (dirname(f) === out) throw new Error(`input and output directories must differ: ${f}`);
  }
  const outputs = inputs.map((f) => join(out, basename(f, extname(f)) + ext));
  if (new Set(outputs).size !== outputs.length) throw new Error(`two inputs share a base name: ${inputs.join(', ')}`);
  // A stale output from an earlier run must not pass for this run's result.
  for (const o of outputs) rmSync(o, { force: true });

  const profile = freshProfile();
  // spawnSync rather than execFileSync: stderr is wanted also when soffice exits 0.
  let result: SpawnSyncReturns<string>;
  try {
    result = spawnSync(
      sofficeBinary(),
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--convert-to',
        target,
        '--outdir',
        out,
        ...inputs,
      ],
      { timeout: TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const log = `stdout: ${result.stdout ?? ''}\nstderr: ${result.stderr ?? ''}`;
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `exit status ${result.status} (signal ${result.signal})`;
    throw new Error(`LibreOffice failed: ${why}\n${log}`);
  }
  // soffice exits 0 even when a conversion fails, so check every output.
  const missing = outputs.filter((o) => !existsSync(o) || statSync(o).size === 0);
  if (missing.length > 0) {
    throw new Error(`LibreOffice did not produce ${missing.join(', ')}\n${log}`);
  }
  return outputs;
}

/**
 * Opens each .xlsx in LibreOffice, recalculates every formula and saves a copy in outDir (same base name).
 * Returns the paths of the copies, in the order given.
 */
export function recalculate(xlsxPaths: string[], outDir: string): string[] {
  return convert(xlsxPaths, outDir, 'xlsx', '.xlsx');
}

/** Renders an .xlsx to PDF in outDir, to look at the printed form. */
export function toPdf(xlsxPath: string, outDir: string): string {
  return convert([xlsxPath], outDir, 'pdf', '.pdf')[0];
}
