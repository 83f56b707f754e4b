import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SubmissionResult } from '../../src/grade/result.ts';
import { PROJECT_ROOT } from '../../src/load/load-labs.ts';
import { renderEvidence, renderMismatch } from '../../src/report/mismatch.ts';
import { foreignLines } from '../one-language.ts';
import { writeReadmeExample } from '../unit/readme-example.ts';
import { e2eKube, labsCli } from './cluster.ts';
import { nothingLeft, verdicts, type Verdict } from './results.ts';

const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures');
const full = (score: number): Verdict => ({ score, fail: [], blocked: [] });
const STS = ['ordinal-names', 'ordered-start', 'per-pod-pvcs', 'pod-dns', 'keys-written', 'same-identity', 'data-survived'];

/**
 * Kubernetes decides what is correct: work written another valid way scores full, fakes that repeat the seed's
 * constants lose exactly the data checks, a missing readiness probe costs only `probes`, and a refusal by the
 * grading namespace's LimitRange is reported in the cluster's own words, with the rule and the numbers.
 */
const MYSQL: Record<string, Verdict> = {
  'ref-seed': full(10),
  // envFrom (Secret and ConfigMap), a JSON file in a folder, 1024Mi for 1Gi, a mount path with a trailing slash.
  'envfrom-secret': full(10),
  // secretKeyRef and configMapKeyRef; a duplicate MYSQL_ROOT_PASSWORD where the last entry wins.
  'key-refs': full(10),
  // value: "Pa$$w0rd-$(MYSQL_DATABASE)": the container's password is Pa$w0rd-testdb.
  'dollar-escapes': full(10),
  // A matchExpressions selector; requests of 500m and 1Gi without limits; files in any order and folders.
  'selector-requests': full(10),
  // Ready at once, while MySQL initialises: the start-up budget keeps "can't connect" from being a verdict.
  'no-probes': { score: 9, fail: ['probes'], blocked: [] },
  // The PVC is mounted, but the data lives on an emptyDir and an init script re-creates Alice and Bob.
  'datadir-fake': { score: 9, fail: ['rows-present'], blocked: [] },
};

const REDIS: Record<string, Verdict> = {
  'ref-seed': full(9),
  // targetPort: redis (a named port), a matchExpressions selector, 1Gi requested per pod, one List.
  'named-port': full(9),
  // A server that answers every command with "value1".
  'fixed-answer': { score: 7, fail: ['keys-written', 'data-survived'], blocked: [] },
  // Real Redis whose data is not on the PVC, with key1 = value1 set at every start.
  'emptydir-init': { score: 8, fail: ['data-survived'], blocked: [] },
  // A limit of 8Gi: the grading LimitRange (max 4Gi per container) refuses every pod.
  'limit-refused': { score: 1, fail: ['statefulset-ready'], blocked: STS },
};

async function grade(lab: string, klass: string): Promise<{ out: string; results: SubmissionResult[]; all: string }> {
  const out = mkdtempSync(join(tmpdir(), 'grades-'));
  const r = await labsCli(['grade', lab, join(FIXTURES, klass), '--out', out, '--parallel', '4', '--lang', 'en']);
  expect(r.exitCode, String(r.all)).toBe(0);
  expect(foreignLines(String(r.all), 'en')).toEqual([]);
  const { results } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { results: SubmissionResult[] };
  return { out, results, all: String(r.all) };
}

describe('a lab written as data, from README', () => {
  it("README's worked example passes its smoke test on the cluster", async () => {
    const r = await labsCli(['smoke', writeReadmeExample(), '--lang', 'en']);
    expect(r.exitCode, String(r.all)).toBe(0);
    expect(String(r.all)).toMatch(/smoke: 1 lab\(s\), 3 checks passed, 0 failed/);
  });
});

describe('what a grade means: Kubernetes decides, not the reference files', () => {
  it('MySQL: correct work written six other ways scores full; a datadir fake and a Deployment without probes lose exactly their checks', async () => {
    const { out, results } = await grade('week3-day3/mysql-pvc', 'class-mysql-semantic');
    expect(verdicts(out)).toEqual(MYSQL);
    // The rows were drawn for each student's run and kept in the result: no two students wrote the same rows.
    const seeds = results.map((s) => s.values?.seed);
    expect(new Set(seeds).size).toBe(results.length);
    const fake = results.find((s) => s.student === 'datadir-fake')!;
    const rows = fake.checks.find((c) => c.id === 'rows-present')!;
    // The rows the grader drew are gone with the emptyDir; the init script's Alice and Bob are not asked for.
    expect(rows.mismatches?.map((m) => renderMismatch(m, 'en'))).toEqual([expect.stringMatching(new RegExp(`testdb\\.users: want ${fake.values!.values.id1} ${fake.values!.values.name1}, ${fake.values!.values.id2} ${fake.values!.values.name2}, got \\(nil\\)$`))]);
    await nothingLeft(e2eKube());
  });

  it('Redis: a named target port and requests without limits score full; fakes lose exactly the data checks; a LimitRange refusal names the rule and the numbers', async () => {
    const { out, results } = await grade('week3-day3/redis-statefulset', 'class-redis-semantic');
    expect(verdicts(out)).toEqual(REDIS);
    const refused = results.find((s) => s.student === 'limit-refused')!;
    expect(refused.warnings?.map((w) => w.message.en)).toEqual(["the cluster will refuse this object (or its pods) (LimitRange labs-grading): maximum memory usage per Container is 4Gi, but limit is 8Gi"]);
    const ready = refused.checks.find((c) => c.id === 'statefulset-ready')!;
    const said = [...(ready.mismatches ?? []).map((m) => renderMismatch(m, 'en')), ...renderEvidence(ready.evidence ?? [], 'en')].join('\n');
    // The controller's own words: the StatefulSet could not create its pods, and why.
    expect(said).toMatch(/StatefulSet\/redis events: FailedCreate ".*maximum memory usage per Container is 4Gi, but limit is 8Gi/);
    expect(said).toMatch(/StatefulSet\/redis status\.readyReplicas: want 3, got 0/);
    const ko = renderEvidence(ready.evidence ?? [], 'ko').join('\n');
    expect(ko).toMatch(/StatefulSet\/redis 이벤트: FailedCreate "/);
    await nothingLeft(e2eKube());
  });
});
