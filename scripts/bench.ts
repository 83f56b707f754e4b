// Benchmarks (not tests): prints one table. Start-up of the compiled CLI against bare node (bench-startup.ts), each
// lab's smoke against the cluster's own floor, grading a class of 10 Redis submissions (all correct, and half
// broken) at --parallel 1, 4 and 8, with the speed-ups and where each student's time went, and a class of 50 (correct,
// written another way, common mistakes, fakes, hostile) at --parallel 8: total time against the sum of the floors ÷
// 8, labs' overhead per student, the labs process's peak memory and its API requests per student.
//   node --import tsx scripts/bench.ts [--context labs-local] [--kubeconfig FILE] [--skip startup,smoke,grade,class50]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type SubmissionResult } from '../src/grade/result.ts';
import { loadLabs } from '../src/load/load-labs.ts';
import { type LabResult } from '../src/run/result.ts';
import { measureStartup, startupRows } from './bench-startup.ts';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { context: { type: 'string', default: 'labs-local' }, kubeconfig: { type: 'string', default: '/var/lib/labs-cluster/kubeconfig' }, skip: { type: 'string', default: '' } } });
const skip = new Set(values.skip!.split(',').filter(Boolean));
const cluster = ['--context', values.context!, '--kubeconfig', values.kubeconfig!];
const labs = (args: string[]) => spawnSync('node', [join(ROOT, 'bin', 'labs.js'), ...args], { encoding: 'utf8', env: { ...process.env, CI: '1', NO_COLOR: '1' } });
const rows: string[][] = [];
const row = (...cells: (string | number)[]) => rows.push(cells.map(String));
const s = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

if (!skip.has('startup')) {
  // scripts/bench-startup.ts: medians against `node -e 0`, with the bundled labs and with 50 generated ones.
  for (const [name, time, ratio, target] of startupRows(measureStartup())) row('start-up', name!, time!, `${ratio} of \`node -e 0\`${target ? `, ${target}` : ''}`);
}

if (!skip.has('smoke')) {
  for (const lab of loadLabs().map((l) => l.id)) {
    const json = join(mkdtempSync(join(tmpdir(), 'bench-')), 'smoke.json');
    const t0 = Date.now();
    const r = labs(['smoke', lab, '--json', json, ...cluster]);
    const wall = Date.now() - t0;
    if (r.status !== 0) throw new Error(`smoke ${lab} failed:\n${r.stdout}${r.stderr}`);
    const { results } = JSON.parse(readFileSync(json, 'utf8')) as { results: LabResult[] };
    const steps = results[0]!.steps;
    const total = steps.reduce((a, st) => a + (st.timings?.totalMs ?? 0), 0);
    const floor = steps.reduce((a, st) => a + (st.timings?.floorMs ?? 0), 0);
    row('smoke', lab, s(wall), `steps ${s(total)}, cluster floor ${s(floor)}, labs overhead ${s(total - floor)} (+${Math.round(((total - floor) / floor) * 100)}%, target ≤ 3%)`);
  }
}

/** A class of 10 Redis submissions: all the reference solution, or half of them broken in five ways. */
function makeClass(mixed: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-class-'));
  const broken = ['lee-not-headless', 'park-deployment', 'choi-emptydir', 'jung-parallel', 'han-malformed'];
  for (let i = 0; i < 10; i++) {
    const dir = join(root, `student-${String(i).padStart(2, '0')}`);
    if (mixed && i % 2 === 1) {
      cpSync(join(ROOT, 'test', 'fixtures', 'class-redis', broken[(i - 1) / 2]!), dir, { recursive: true });
      continue;
    }
    mkdirSync(dir);
    for (const f of ['redis-headless-service.yaml', 'redis-statefulset.yaml']) cpSync(join(ROOT, 'labs', 'week3-day3', 'redis-statefulset', f), join(dir, f));
  }
  return root;
}

if (!skip.has('grade')) {
  for (const mixed of [false, true]) {
    const root = makeClass(mixed);
    const times: Record<number, number> = {};
    for (const parallel of [1, 4, 8]) {
      const out = mkdtempSync(join(tmpdir(), 'bench-grades-'));
      const t0 = Date.now();
      const r = labs(['grade', 'week3-day3/redis-statefulset', root, '--out', out, '--parallel', String(parallel), '--lang', 'en', ...cluster]);
      times[parallel] = Date.now() - t0;
      if (!/graded 10 of 10/.test(r.stdout)) throw new Error(`grade failed:\n${r.stdout}${r.stderr}`);
      const students = readdirSync(join(out, 'students')).map((f) => JSON.parse(readFileSync(join(out, 'students', f), 'utf8')) as SubmissionResult);
      const phase = (k: 'setup' | 'apply' | 'actions' | 'checks' | 'cleanup') => students.reduce((a, x) => a + (x.phases?.[k] ?? 0), 0) / students.length;
      const ratio = parallel > 1 ? `, ${(times[1]! / times[parallel]!).toFixed(2)}× over --parallel 1` : '';
      row('grade', `10 ${mixed ? 'mixed (5 broken)' : 'correct'}, --parallel ${parallel}`, s(times[parallel]!), `per student: setup ${s(phase('setup'))}, apply ${s(phase('apply'))}, actions ${s(phase('actions'))}, checks ${s(phase('checks'))}, cleanup ${s(phase('cleanup'))}${ratio}`);
      rmSync(out, { recursive: true, force: true });
    }
    rmSync(root, { recursive: true, force: true });
  }
}

/** A class of 50 Redis submissions, the kinds a real class hands in. */
function makeClass50(): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-class50-'));
  const F = join(ROOT, 'test', 'fixtures');
  const kinds: [string, number][] = [
    [join(ROOT, 'labs', 'week3-day3', 'redis-statefulset'), 26], [join(F, 'class-redis-semantic', 'named-port'), 4],
    ...['lee-not-headless', 'park-deployment', 'choi-emptydir', 'jung-parallel', 'han-malformed'].map((k): [string, number] => [join(F, 'class-redis', k), 2]),
    ...['fixed-answer', 'emptydir-init', 'limit-refused'].map((k): [string, number] => [join(F, 'class-redis-semantic', k), 1]),
    ...['flood', 'bomb', 'scanner', 'mallory', 'deep-json', 'adopter', 'dupes'].map((k): [string, number] => [join(F, 'class-hostile', k), 1]),
  ];
  let i = 0;
  for (const [from, n] of kinds) {
    for (let j = 0; j < n; j++) {
      const dir = join(root, `s${String(i++).padStart(2, '0')}`);
      cpSync(from, dir, { recursive: true, filter: (p) => !p.endsWith('lab.yaml') });
    }
  }
  return root;
}

if (!skip.has('class50')) {
  const root = makeClass50();
  const out = mkdtempSync(join(tmpdir(), 'bench-grades-'));
  const stats = join(out, 'stats.json');
  const t0 = Date.now();
  const r = spawnSync('node', [join(ROOT, 'bin', 'labs.js'), 'grade', 'week3-day3/redis-statefulset', root, '--out', out, '--parallel', '8', '--lang', 'en', ...cluster], { encoding: 'utf8', env: { ...process.env, CI: '1', NO_COLOR: '1', LABS_STATS: stats } });
  const wall = Date.now() - t0;
  if (!/graded 50 of 50/.test(r.stdout)) throw new Error(`grade of 50 failed:\n${r.stdout.slice(-3000)}${r.stderr}`);
  const students = readdirSync(join(out, 'students')).map((f) => JSON.parse(readFileSync(join(out, 'students', f), 'utf8')) as SubmissionResult);
  const floors = students.reduce((a, x) => a + (x.floorMs ?? 0), 0);
  const busy = students.reduce((a, x) => a + x.durationMs, 0);
  const { apiRequests, maxRssKiB } = JSON.parse(readFileSync(stats, 'utf8')) as { apiRequests: number; maxRssKiB: number };
  row('grade', '50 mixed (30 correct, 10 mistakes, 3 fakes, 7 hostile), --parallel 8', s(wall), `sum of floors ÷ 8 ${s(floors / 8)} (${(wall / (floors / 8)).toFixed(2)}×); labs per student ${s((busy - floors) / students.length)} beyond its floor; peak memory ${Math.round(maxRssKiB / 1024)} MiB; ${Math.round(apiRequests / students.length)} API requests per student`);
  rmSync(out, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
}

const width = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]!.length))) ?? [];
for (const r of rows) process.stdout.write(`${r.map((c, i) => c.padEnd(width[i]!)).join('  ').trimEnd()}\n`);
process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores)\n`);
