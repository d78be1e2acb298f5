// One production build (webpack --mode production) shared by the tests that need it (bundle budget, end to end):
// keyed by the sources it is made from, built by whichever test asks first, waited for by the others.
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const INPUTS = ['src', 'assets', 'manifest.xml', 'webpack.config.js', 'package-lock.json', 'scripts'];
export const ADDIN_URL = 'https://jxzp.example.gov.cn/';

function walk(p: string, out: string[]): void {
  const st = fs.statSync(p);
  if (st.isDirectory()) for (const f of fs.readdirSync(p).sort()) walk(path.join(p, f), out);
  else out.push(`${path.relative(ROOT, p)}:${st.size}:${st.mtimeMs}`);
}

function sourceKey(): string {
  const files: string[] = [];
  for (const i of INPUTS) if (fs.existsSync(path.join(ROOT, i))) walk(path.join(ROOT, i), files);
  return createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The build's output folder; throws with webpack's log when the build fails. */
export function productionBuild(): string {
  const dir = path.join(os.tmpdir(), `jxzp-dist-${sourceKey()}`);
  const done = path.join(dir, '.done');
  const failed = path.join(dir, '.failed');
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 9 * 60 * 1000;
  while (!fs.existsSync(done)) {
    if (fs.existsSync(failed)) throw new Error(`webpack failed:\n${fs.readFileSync(failed, 'utf8')}`);
    try {
      fs.mkdirSync(lock);
    } catch {
      // Someone else is building; a lock older than the build can take is stale.
      if (Date.now() - fs.statSync(lock).mtimeMs > 10 * 60 * 1000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for the production build');
      sleep(1000);
      continue;
    }
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      const r = spawnSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', '--output-path', dir, '--no-color'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ADDIN_URL, NODE_ENV: 'production' },
        timeout: 8 * 60 * 1000,
        maxBuffer: 64 * 1024 * 1024,
      });
      fs.mkdirSync(dir, { recursive: true });
      if (r.status !== 0) {
        fs.writeFileSync(failed, `${r.stdout}\n${r.stderr}`.slice(-8000));
        throw new Error(`webpack failed (${r.status ?? r.signal}):\n${`${r.stdout}\n${r.stderr}`.slice(-8000)}`);
      }
      fs.writeFileSync(done, '');
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}
