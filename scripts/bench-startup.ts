// Start-up benchmark (not a test): prints one table of median times and their ratio to `node -e 0`, against the
// target of 2× a bare start. It measures the compiled CLI laid out as an installed package (bin/, dist/, labs/,
// checks/*.yaml, package.json; no src/, so bin/labs.js never falls back to tsx while sources are being edited),
// once with the bundled labs and once with 50 more generated beside them (copies of a bundled lab under new ids,
// their checks beside their lab.yaml). `labs list` takes no folder, so the generated labs go into that copy's
// labs/; `labs validate <folder>` is measured on them too. Cold: an empty cache before every run; warm: the cache
// the previous run left. Uses hyperfine (installed with apt-get when missing and possible), else process.hrtime.
//   node --import tsx scripts/bench-startup.ts [--runs 20] [--no-build]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const SOURCE_LAB = join('week3-day3', 'mysql-pvc');
const TARGET = 2;

/** One measured command: its median and spread in milliseconds. */
export interface Timing {
  /** The command as the table shows it. */
  name: string;
  /** Median wall time of the runs. */
  medianMs: number;
  /** Fastest run. */
  minMs: number;
  /** Slowest run. */
  maxMs: number;
  /** Whether the 2× target applies (not to runs that validate, or to `validate`, which loads the validators). */
  target: boolean;
}

/** A copy of the package as `npm pack` ships it, with `extra` generated labs in its labs/gen/. */
function packageCopy(extra: number): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  for (const p of ['bin', 'dist', 'labs', 'schema', 'package.json']) cpSync(join(ROOT, p), join(root, p), { recursive: true });
  cpSync(join(ROOT, 'checks'), join(root, 'checks'), { recursive: true, filter: (src) => !/\.ts$/.test(src) });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  const lab = readFileSync(join(ROOT, 'labs', SOURCE_LAB, 'lab.yaml'), 'utf8');
  for (let i = 1; i <= extra; i++) {
    const id = `lab-${String(i).padStart(2, '0')}`;
    const dir = join(root, 'labs', 'gen', id);
    cpSync(join(ROOT, 'labs', SOURCE_LAB), dir, { recursive: true });
    writeFileSync(join(dir, 'lab.yaml'), lab.replace(/^id: .*$/m, `id: gen/${id}`).replace(/^(  en: "Lab 1: .*)"$/m, `$1 (copy ${i})"`));
    cpSync(join(ROOT, 'checks', SOURCE_LAB), join(dir, 'checks'), { recursive: true });
  }
  return root;
}

function hasHyperfine(): boolean {
  if (spawnSync('hyperfine', ['--version']).status === 0) return true;
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).status !== 0) return false;
  spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine'], { stdio: 'ignore' });
  return spawnSync('hyperfine', ['--version']).status === 0;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Median of `runs` runs of `argv` (after warm-up runs), `prepare` run before each; output discarded. */
function time(name: string, target: boolean, argv: string[], env: NodeJS.ProcessEnv, runs: number, prepare?: () => void, useHyperfine = false): Timing {
  if (useHyperfine && !prepare) {
    const out = join(mkdtempSync(join(tmpdir(), 'bench-')), 'hyperfine.json');
    execFileSync('hyperfine', ['-N', '--warmup', '3', '--runs', String(runs), '--export-json', out, argv.join(' ')], { stdio: 'ignore', env });
    const r = (JSON.parse(readFileSync(out, 'utf8')) as { results: { median: number; min: number; max: number }[] }).results[0]!;
    return { name, target, medianMs: r.median * 1000, minMs: r.min * 1000, maxMs: r.max * 1000 };
  }
  const times: number[] = [];
  for (let i = -3; i < runs; i++) {
    prepare?.();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(argv[0]!, argv.slice(1), { env, stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited with ${r.status}`);
    if (i >= 0) times.push(ms);
  }
  return { name, target, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
}

/** Measures start-up; the first timing is `node -e 0`, the one the others are compared with. */
export function measureStartup(runs = 20): Timing[] {
  const useHyperfine = hasHyperfine();
  const small = packageCopy(0);
  const big = packageCopy(50);
  const home = mkdtempSync(join(tmpdir(), 'bench-home-'));
  const env = { ...process.env, LABS_HOME: home, CI: '1', NO_COLOR: '1' };
  const cold = () => rmSync(join(home, 'cache'), { recursive: true, force: true });
  const labs = (root: string, ...args: string[]) => [process.execPath, join(root, 'bin', 'labs.js'), ...args];
  const labCount = (root: string) => readdirSync(join(root, 'labs'), { recursive: true }).filter((p) => String(p).endsWith('lab.yaml')).length;
  const shipped = labCount(small);
  const count = labCount(big);
  const gen = join(big, 'labs', 'gen');
  try {
    return [
      time('`node -e 0`', false, [process.execPath, '-e', '0'], env, runs, undefined, useHyperfine),
      time('`labs --help`', true, labs(small, '--help'), env, runs, undefined, useHyperfine),
      time(`\`labs list\` (${shipped} labs, cold cache)`, false, labs(small, 'list'), env, runs, cold),
      time(`\`labs list\` (${shipped} labs)`, true, labs(small, 'list'), env, runs, undefined, useHyperfine),
      time(`\`labs list\` (${count} labs, cold cache)`, false, labs(big, 'list'), env, Math.min(runs, 10), cold),
      time(`\`labs list\` (${count} labs)`, true, labs(big, 'list'), env, runs, undefined, useHyperfine),
      time(`\`labs validate\` (${shipped} labs)`, false, labs(small, 'validate'), env, runs, undefined, useHyperfine),
      time('`labs validate <50 generated>` (cold cache)', false, labs(big, 'validate', gen), env, Math.min(runs, 10), cold),
      time('`labs validate <50 generated>`', false, labs(big, 'validate', gen), env, runs, undefined, useHyperfine),
    ];
  } finally {
    for (const dir of [small, big, home]) rmSync(dir, { recursive: true, force: true });
  }
}

/** The timings as table rows: name, median (min–max), ratio to bare node, and the 2× target. */
export function startupRows(timings: Timing[]): string[][] {
  const bare = timings[0]!.medianMs;
  return timings.map((t, i) => [
    t.name,
    `${Math.round(t.medianMs)} ms (${Math.round(t.minMs)}–${Math.round(t.maxMs)})`,
    i === 0 ? '1.00×' : `${(t.medianMs / bare).toFixed(2)}×`,
    i === 0 ? `target ≤ ${TARGET}× = ${Math.round(bare * TARGET)} ms` : !t.target ? '' : t.medianMs <= bare * TARGET ? `within ${TARGET}×` : `over ${TARGET}×`,
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, 'no-build': { type: 'boolean', default: false } } });
  // Always the compiled CLI, never the sources through tsx.
  if (!values['no-build']) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const rows = [['command', 'median (min–max)', 'vs node -e 0', 'target'], ...startupRows(measureStartup(Number(values.runs)))];
  const width = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) process.stdout.write(`${r.map((c, i) => c.padEnd(width[i]!)).join('  ').trimEnd()}\n`);
  process.stdout.write(`${hasHyperfine() ? 'hyperfine' : 'process.hrtime'} medians; cold runs always process.hrtime (the cache is emptied before each); load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
}
