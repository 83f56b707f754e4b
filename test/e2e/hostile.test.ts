import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
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

const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures');
const NINE = { score: 9, fail: [], blocked: [] };
const tally = { hostile: 0, faults: 0, survived: 0, changed: 0, lost: 0 };

afterAll(() => {
  process.stdout.write(`hostile inputs ${tally.hostile}, faults survived ${tally.survived}/${tally.faults}, verdicts changed by others ${tally.changed}, results lost ${tally.lost}\n`);
});

describe('a class run that nothing can bend or stop', () => {
  it('grades correct students beside a network-scanning neighbour, an alias bomb, a document flood, a hung redis and a hostile submission, exactly', async () => {
    const out = mkdtempSync(join(tmpdir(), 'grades-'));
    const r = await labsCli(['grade', 'week3-day3/redis-statefulset', join(FIXTURES, 'class-hostile'), '--out', out, '--parallel', '4', '--lang', 'en']);
    const all = String(r.all);
    expect(all).toMatch(/graded 7 of 7/);
    expect(r.exitCode).toBe(0);
    // The output is clean: no listener leak, no stack trace, no warning of node's own.
    expect(all).not.toMatch(/MaxListenersExceeded|Warning:|at .*\(.*:\d+:\d+\)|unexpected error/);
    const got = verdicts(out);
    tally.hostile += ['scanner', 'bomb', 'flood', 'hung', 'mallory'].length;
    const correct = ['ref-ahn', 'ref-baek', 'bomb', 'flood', 'mallory'];
    tally.changed += correct.filter((s) => !isDeepStrictEqual(got[s], NINE)).length;
    tally.lost += 7 - Object.keys(got).length;
    expect(Object.fromEntries(correct.map((s) => [s, got[s]]))).toEqual(Object.fromEntries(correct.map((s) => [s, NINE])));
    // The hung "redis" never answers: its student loses points, and the run still ends, graded.
    expect(got.hung!.score).toBeLessThan(9);
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
