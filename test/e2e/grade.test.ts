import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SubmissionResult } from '../../src/grade/result.ts';
import { LABS_ROOT, PROJECT_ROOT } from '../../src/load/load-labs.ts';
import { KIND } from '../../src/model/kube.ts';
import { deleteNamespace, namespaceName } from '../../src/cluster/namespace.ts';
import { createGradingNamespace } from '../../src/grade/namespace.ts';
import { GRADING_LIMITS } from '../../src/grade/limits.ts';
import { waitOn } from '../../src/run/wait.ts';
import { foreignLines } from '../one-language.ts';
import { e2eKube, labsCli } from './cluster.ts';
import { nothingLeft, verdicts, type Verdict } from './results.ts';

const CLASS = join(PROJECT_ROOT, 'test', 'fixtures', 'class-redis');
const REDIS = join(LABS_ROOT, 'week3-day3', 'redis-statefulset');
const STS = ['statefulset-ready', 'ordinal-names', 'ordered-start', 'per-pod-pvcs', 'pod-dns', 'keys-written', 'same-identity', 'data-survived'];

/** The exact grade of each fixture student: the checks each one fails, and those blocked by another's failure. */
const EXPECTED: Record<string, Verdict> = {
  'ref-kim': { score: 9, fail: [], blocked: [] },
  'lee-not-headless': { score: 8, fail: ['service-headless'], blocked: [] },
  'park-deployment': { score: 1, fail: ['statefulset-ready'], blocked: STS.slice(1) },
  'choi-emptydir': { score: 6, fail: ['per-pod-pvcs', 'data-survived'], blocked: ['same-identity'] },
  'jung-parallel': { score: 8, fail: ['ordered-start'], blocked: [] },
  'mallory-hostile': { score: 9, fail: [], blocked: [] },
  'han-malformed': { score: 1, fail: ['statefulset-ready'], blocked: STS.slice(1) },
};

/** A student folder with the lab's reference files, plus extra files. */
function student(root: string, name: string, extra: Record<string, string> = {}, edit: (sts: string) => string = (x) => x): void {
  mkdirSync(join(root, name));
  cpSync(join(REDIS, 'redis-headless-service.yaml'), join(root, name, 'redis-headless-service.yaml'));
  writeFileSync(join(root, name, 'redis-statefulset.yaml'), edit(readFileSync(join(REDIS, 'redis-statefulset.yaml'), 'utf8')));
  for (const [f, body] of Object.entries(extra)) writeFileSync(join(root, name, f), body);
}

const FLOOD = `apiVersion: apps/v1
kind: Deployment
metadata: {name: flood}
spec:
  replicas: 500
  selector: {matchLabels: {app: flood}}
  template:
    metadata: {labels: {app: flood}}
    spec:
      containers: [{name: c, image: busybox, command: [sleep, "3600"]}]
`;

describe('labs grade on the offline cluster', () => {
  it('grades a class with the exact verdicts for each student, blocked checks apart, and the hostile one leaves no trace', async () => {
    const kube = e2eKube();
    const out = mkdtempSync(join(tmpdir(), 'grades-'));
    const r = await labsCli(['grade', 'week3-day3/redis-statefulset', CLASS, '--out', out, '--parallel', '3', '--check-timeout', '20', '--lang', 'en']);
    expect(r.all).toMatch(/graded 7 of 7/);
    expect(r.exitCode).toBe(0);
    expect(foreignLines(String(r.all), 'en')).toEqual([]);
    expect(verdicts(out)).toEqual(EXPECTED);

    const { results } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { results: SubmissionResult[] };
    const mallory = results.find((s) => s.student === 'mallory-hostile')!;
    expect(mallory.policy.map((p) => p.object)).toEqual(expect.arrayContaining([
      'ClusterRoleBinding/labs-e2e-mallory-admin', 'Namespace/labs-e2e-mallory-ns', 'PersistentVolume/labs-e2e-mallory-pv',
      'ConfigMap/labs-e2e-mallory-cm', 'Pod/root-shell', 'StorageClass/labs-e2e-mallory-sc',
    ]));
    expect(mallory.policy.find((p) => p.object === 'Pod/root-shell')).toMatchObject({ file: 'mallory-hostile/extras.yaml', line: 39 });
    const han = results.find((s) => s.student === 'han-malformed')!;
    expect(han.fileIssues[0]).toMatchObject({ file: 'han-malformed/redis-statefulset.yaml', line: 7 });
    // Every phase of every student is timed, so a benchmark can say where the time goes.
    for (const s of results) expect(Object.keys(s.phases ?? {}).sort()).toEqual(['actions', 'apply', 'checks', 'cleanup', 'measure', 'setup']);

    // Nothing outside the submissions' namespaces, and the namespaces themselves are gone.
    expect(await kube.get({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' }, 'labs-e2e-mallory-admin')).toBeUndefined();
    expect(await kube.get(KIND.namespace, 'labs-e2e-mallory-ns')).toBeUndefined();
    expect(await kube.get(KIND.pv, 'labs-e2e-mallory-pv')).toBeUndefined();
    expect(await kube.get(KIND.storageClass, 'labs-e2e-mallory-sc')).toBeUndefined();
    expect(await kube.get({ apiVersion: 'v1', kind: 'ConfigMap' }, 'labs-e2e-mallory-cm', 'kube-system')).toBeUndefined();
    // Every grading namespace was deleted before labs exited; the cluster finishes removing them and their volumes.
    const left = (await kube.list(KIND.namespace)).filter((n) => n.metadata.labels?.['labs.dev/purpose'] === 'grade');
    expect(left.filter((n) => !n.metadata.deletionTimestamp).map((n) => n.metadata.name)).toEqual([]);
    await nothingLeft(kube);

    const csv = readFileSync(join(out, 'gradebook.csv'), 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(8);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/Refused ClusterRoleBinding\/labs-e2e-mallory-admin \(mallory-hostile\/extras\.yaml:2\)/);
    // A Deployment where the StatefulSet should be: both said, and the hint is the lesson's.
    expect(md).toMatch(/### park-deployment — 1 \/ 9\n\n- ✖ statefulset-ready \(statefulset\): redis is a Deployment\. .*\n {2}- Deployment\/redis: want \(none\), got \(present\)\n {2}- StatefulSet\/redis: want \(present\), got \(none\)[\s\S]*- ⊘ ordinal-names \(statefulset\): blocked by statefulset-ready/);
    expect(md).toMatch(/\*\*ordered-start\*\* `field` — `StatefulSet\/redis spec\.podManagementPolicy` \(1\)/);
  });

  it('gives the same files the same score whatever their names, and reads them as kubectl does', async () => {
    const root = mkdtempSync(join(tmpdir(), 'class-'));
    // A 500-replica flood named to sort first, and the same named to sort last: the lab's own objects come first.
    student(root, 'flood-first', { '000-flood.yaml': FLOOD });
    student(root, 'flood-last', { 'zzz-flood.yaml': FLOOD });
    // defaultMode: 0755 is octal for kubectl (493), as in countless tutorials.
    student(root, 'octal-mode', { 'config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {hello.sh: "echo hi"}\n' }, (y) =>
      y.replace('        volumeMounts:\n', '        volumeMounts:\n        - name: extra\n          mountPath: /extra\n').replace('  volumeClaimTemplates:', '      volumes:\n      - name: extra\n        configMap:\n          name: extra\n          defaultMode: 0755\n  volumeClaimTemplates:'));
    const out = mkdtempSync(join(tmpdir(), 'grades-'));
    const r = await labsCli(['grade', 'week3-day3/redis-statefulset', root, '--out', out, '--parallel', '3', '--lang', 'en']);
    expect(r.all).toMatch(/graded 3 of 3/);
    expect(verdicts(out)).toEqual({
      'flood-first': EXPECTED['ref-kim'], 'flood-last': EXPECTED['ref-kim'], 'octal-mode': EXPECTED['ref-kim'],
    });
    const { results } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { results: SubmissionResult[] };
    for (const name of ['flood-first', 'flood-last']) {
      const s = results.find((x) => x.student === name)!;
      expect(s.policy.map((p) => `${p.object}: ${p.reason.en}`)).toEqual([expect.stringMatching(/^Deployment\/flood: exceeds the grading quota \(ResourceQuota labs-grading: pods 10/)]);
    }
    expect(results.find((x) => x.student === 'octal-mode')!.applyErrors).toEqual([]);
  });

  it('skips students already graded when run again', async () => {
    const out = mkdtempSync(join(tmpdir(), 'grades-'));
    const sub = mkdtempSync(join(tmpdir(), 'class-'));
    cpSync(join(CLASS, 'lee-not-headless'), join(sub, 'lee-not-headless'), { recursive: true });
    const first = await labsCli(['grade', 'week3-day3/redis-statefulset', sub, '--out', out, '--check-timeout', '20', '--lang', 'en']);
    expect(first.all).toMatch(/lee-not-headless: 8\/9/);
    const again = await labsCli(['grade', 'week3-day3/redis-statefulset', sub, '--out', out]);
    expect(again.all).toMatch(/lee-not-headless: 이미 채점됨 \(8\/9\); 다시 하려면 --regrade/);
    expect(foreignLines(String(again.all), 'ko')).toEqual([]);
    expect(again.exitCode).toBe(0);
  });

  it('caps a submission asking for 500 replicas, and refuses a privileged pod at admission too', async () => {
    const kube = e2eKube();
    const ns = namespaceName('labs-e2e', 'quota');
    await createGradingNamespace(kube, ns, 'flood', 'week3-day3/redis-statefulset');
    try {
      await kube.apply({
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'flood' },
        spec: { replicas: 500, selector: { matchLabels: { app: 'flood' } }, template: { metadata: { labels: { app: 'flood' } }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } } },
      }, ns, { fieldManager: 'student-flood' });
      // The ReplicaSet keeps trying; the quota (pods, and CPU limits from the LimitRange defaults) stops it.
      const failure = await waitOn(undefined, 'the ReplicaSet to hit the quota', 120, async () => {
        const rs = (await kube.list(KIND.replicaSet, ns))[0];
        const c = ((rs?.status as { conditions?: { type: string; message?: string }[] } | undefined)?.conditions ?? []).find((x) => x.type === 'ReplicaFailure');
        return c ? { done: true, value: c.message ?? '' } : { done: false, why: 'no ReplicaFailure yet' };
      });
      expect(failure).toMatch(/exceeded quota: labs-grading/);
      const pods = (await kube.list(KIND.pod, ns)).length;
      expect(pods).toBeGreaterThan(0);
      expect(pods).toBeLessThanOrEqual(Number(GRADING_LIMITS.quota.pods));
      // Baseline Pod Security is enforced by the API server itself, behind the grader's own policy.
      await expect(kube.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'priv' }, spec: { containers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true } }] } }, ns, { fieldManager: 'student-flood' }))
        .rejects.toThrow(/violates PodSecurity "baseline:latest": privileged/);
      // The student's identity can do nothing outside its namespace, even if the policy had let something through.
      const student = kube.as(`system:serviceaccount:${ns}:labs-student`);
      await expect(student.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, 'default', { fieldManager: 'student-flood' })).rejects.toMatchObject({ status: 403 });
      await expect(student.apply({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'x' }, rules: [] }, ns, { fieldManager: 'student-flood' })).rejects.toMatchObject({ status: 403 });
      await expect(student.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, ns, { fieldManager: 'student-flood' })).resolves.toMatchObject({ kind: 'ConfigMap' });
    } finally {
      await deleteNamespace(kube, ns, 180);
    }
  });
});
