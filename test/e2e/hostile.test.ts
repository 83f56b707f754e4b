import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/load/load-labs.ts';
import { KIND } from '../../src/model/kube.ts';
import { waitOn } from '../../src/run/wait.ts';
import { e2eKube, labsCli } from './cluster.ts';
import { crashApiServer } from './faults.ts';
import { nothingLeft, verdicts } from './results.ts';
import { type SubmissionResult } from '../../src/grade/result.ts';

const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures');
const NINE = { score: 9, fail: [], blocked: [] };
const tally = { hostile: 0, faults: 0, survived: 0, changed: 0, lost: 0, lingering: 0 };

afterAll(() => {
  process.stdout.write(`hostile inputs ${tally.hostile}, faults survived ${tally.survived}/${tally.faults}, verdicts changed by others ${tally.changed}, results lost ${tally.lost}, lingering pods ${tally.lingering}\n`);
});

/** Pods of grading namespaces still there a minute after a run ended (nothing of a student's may outlive it). */
async function lingeringPods(): Promise<number> {
  const kube = e2eKube();
  const count = async () => {
    const ns = (await kube.list(KIND.namespace)).filter((n) => n.metadata.labels?.['labs.dev/purpose'] === 'grade').map((n) => n.metadata.name!);
    return (await Promise.all(ns.map((n) => kube.list(KIND.pod, n)))).flat().length;
  };
  return waitOn(undefined, 'grading pods gone', 60, async () => {
    const n = await count();
    return n === 0 ? { done: true, value: 0 } : { done: false, why: `${n} pods` };
  }).catch(count);
}

describe('a class run that nothing can bend or stop', () => {
  it('grades correct students beside hostile ones (a network scanner, an alias bomb, a document flood, a hung redis, a hostile submission, deep JSON, an adopter of probe pods, a lingering pod, a fork bomb, a disk filler, duplicate objects, a probe to another host), exactly', async () => {
    const out = mkdtempSync(join(tmpdir(), 'grades-'));
    const r = await labsCli(['grade', 'week3-day3/redis-statefulset', join(FIXTURES, 'class-hostile'), '--out', out, '--parallel', '4', '--lang', 'en']);
    const all = String(r.all);
    expect(all).toMatch(/graded 14 of 14/);
    expect(r.exitCode).toBe(0);
    // The output is clean: no listener leak, no stack trace, no warning of node's own, no unreadable error.
    expect(all).not.toMatch(/MaxListenersExceeded|Warning:|at .*\(.*:\d+:\d+\)|unexpected error|\[object Object\]/);
    const got = verdicts(out);
    const hostile = ['scanner', 'bomb', 'flood', 'hung', 'mallory', 'deep-json', 'adopter', 'lingerer', 'forkbomb', 'diskhog', 'dupes', 'hostprobe'];
    tally.hostile += hostile.length;
    // Their own lab work is correct: what they add is refused, bounded or measured, and costs them nothing more.
    const correct = ['ref-ahn', 'ref-baek', 'bomb', 'flood', 'mallory', 'deep-json', 'adopter', 'lingerer', 'forkbomb', 'dupes', 'hostprobe'];
    tally.changed += ['ref-ahn', 'ref-baek'].filter((s) => !isDeepStrictEqual(got[s], NINE)).length;
    tally.lost += 14 - Object.keys(got).length;
    expect(Object.fromEntries(correct.map((s) => [s, got[s]]))).toEqual(Object.fromEntries(correct.map((s) => [s, NINE])));
    // The hung "redis" never answers: its student loses points, and the run still ends, graded.
    expect(got.hung!.score).toBeLessThan(9);
    const { results } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { results: SubmissionResult[] };
    const of = (s: string) => results.find((x) => x.student === s)!;
    expect(of('deep-json').fileIssues.map((i) => `${i.file}:${i.line} ${i.message.en}`)).toEqual([expect.stringMatching(/^deep-json\/config\.json:1 JSON: nested too deeply to be read/)]);
    expect(of('adopter').policy.map((p) => p.reason.en).join('\n')).toMatch(/takes in the grader's probe pods/);
    expect(of('lingerer').policy.map((p) => p.reason.en).join('\n')).toMatch(/terminationGracePeriodSeconds: 2147483647s; at most 30s[\s\S]*preStop/);
    expect(of('hostprobe').policy.map((p) => p.reason.en).join('\n')).toMatch(/readinessProbe\.httpGet\.host/);
    expect(of('dupes').policy.map((p) => `${p.file}:${p.line} ${p.reason.en}`)).toEqual(['dupes/old/redis-statefulset.yaml:2 the same object is also in dupes/redis-statefulset.yaml:2: the copy nearest the top of the folder, dupes/redis-statefulset.yaml:2, is applied (where kubectl apply -f <dir> reads)']);
    // A 64Mi claim filled with 200Mi: the run measured it, and the student broke the rule.
    expect(of('diskhog')).toMatchObject({ status: 'graded', score: 0 });
    expect(of('diskhog').violations?.map((v) => v.en)).toEqual([expect.stringMatching(/^PVC scratch holds 2\d\dMi, more than the 64Mi it asked for/)]);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/Broke a rule \(score 0\): PVC scratch holds/);
    tally.lingering += await lingeringPods();
    expect(tally.lingering).toBe(0);
    await nothingLeft(e2eKube());
  });

  it('survives an unwritable --out, the API server crashing, a grading namespace deleted from outside, and Ctrl-C, then grades exactly on the rerun', async () => {
    const kube = e2eKube();
    const root = mkdtempSync(join(tmpdir(), 'class-'));
    for (const s of ['ref-kim', 'lee-not-headless', 'choi-emptydir']) cpSync(join(FIXTURES, 'class-redis', s), join(root, s), { recursive: true });
    cpSync(join(FIXTURES, 'class-redis', 'ref-kim'), join(root, 'ref-lim'), { recursive: true });
    const expected = { 'ref-kim': NINE, 'ref-lim': NINE, 'lee-not-headless': { score: 8, fail: ['service-headless'], blocked: [] }, 'choi-emptydir': { score: 6, fail: ['per-pod-pvcs', 'data-survived'], blocked: ['same-identity'] } };
    const args = ['grade', 'week3-day3/redis-statefulset', root, '--parallel', '2', '--lang', 'en'];

    // An --out that cannot be written: refused before anything is graded.
    tally.faults++;
    const blocker = join(mkdtempSync(join(tmpdir(), 'out-')), 'a-file');
    writeFileSync(blocker, '');
    const refused = await labsCli([...args, '--out', join(blocker, 'grades')]);
    expect(refused.exitCode).toBe(2);
    expect(String(refused.all)).toMatch(/cannot write to the results folder/);
    if (refused.exitCode === 2) tally.survived++;

    const out = mkdtempSync(join(tmpdir(), 'grades-'));
    const graded = () => (existsSync(join(out, 'students')) ? readdirSync(join(out, 'students')).filter((f) => f.endsWith('.json')).length : 0);
    const gradingNamespaces = async () => (await kube.list(KIND.namespace)).filter((n) => n.metadata.labels?.['labs.dev/purpose'] === 'grade' && !n.metadata.deletionTimestamp);

    // First run: a grading namespace is deleted from outside, then the API server crashes and comes back.
    const stale = new Set((await gradingNamespaces()).map((n) => n.metadata.name));
    const first = labsCli([...args, '--out', out]);
    const victim = await waitOn(undefined, 'a student being graded', 180, async () => {
      const ns = (await gradingNamespaces()).find((n) => !stale.has(n.metadata.name));
      return ns ? { done: true, value: ns.metadata.name! } : { done: false, why: 'none yet' };
    });
    tally.faults += 2;
    await kube.delete(KIND.namespace, victim);
    await waitOn(undefined, 'another student being graded', 180, async () => ((await gradingNamespaces()).some((n) => n.metadata.name !== victim && !stale.has(n.metadata.name)) ? { done: true, value: undefined } : { done: false, why: 'none yet' }));
    await crashApiServer();
    const r1 = await first;
    if (process.env.LABS_E2E_DEBUG) process.stdout.write(`first run (exit ${r1.exitCode}):\n${r1.all}\n`);
    expect(String(r1.all)).not.toMatch(/unexpected error|MaxListenersExceeded/);

    // Second run, interrupted with Ctrl-C while a student is graded: exit 130, nothing finished is lost.
    tally.faults++;
    const before = graded();
    const old = new Set((await gradingNamespaces()).map((n) => n.metadata.name));
    const second = labsCli([...args, '--out', out]);
    await waitOn(undefined, 'the rerun grading', 180, async () => ((await gradingNamespaces()).some((n) => !old.has(n.metadata.name)) ? { done: true, value: undefined } : { done: false, why: 'not yet' }));
    second.kill('SIGINT');
    const r2 = await second;
    expect(r2.exitCode).toBe(130);
    expect(graded()).toBeGreaterThanOrEqual(before);

    // The last run finishes the class: the gradebook is that of an undisturbed run.
    const third = await labsCli([...args, '--out', out]);
    expect(third.all).toMatch(/graded 4 of 4/);
    const got = verdicts(out);
    tally.lost += 4 - Object.keys(got).length;
    expect(got).toEqual(expected);
    if (isDeepStrictEqual(got, expected)) tally.survived += 3;
    await nothingLeft(e2eKube());
  });
});
