import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SubmissionResult } from '../../src/grade/result.ts';
import { PROJECT_ROOT } from '../../src/load/load-labs.ts';
import { KIND } from '../../src/model/kube.ts';
import { deleteNamespace, namespaceName } from '../../src/cluster/namespace.ts';
import { createGradingNamespace } from '../../src/grade/namespace.ts';
import { GRADING_LIMITS } from '../../src/grade/limits.ts';
import { waitFor } from '../../src/run/wait.ts';
import { e2eKube, labsCli } from './cluster.ts';

const CLASS = join(PROJECT_ROOT, 'test', 'fixtures', 'class-redis');

/** The exact grade of each fixture student, and the checks each one loses. */
const EXPECTED: Record<string, { score: number; lost: string[] }> = {
  'ref-kim': { score: 9, lost: [] },
  'lee-not-headless': { score: 8, lost: ['service-headless'] },
  'park-deployment': { score: 1, lost: ['statefulset-ready', 'ordinal-names', 'ordered-start', 'per-pod-pvcs', 'pod-dns', 'keys-written', 'same-identity', 'data-survived'] },
  'choi-emptydir': { score: 6, lost: ['per-pod-pvcs', 'same-identity', 'data-survived'] },
  'jung-parallel': { score: 8, lost: ['ordered-start'] },
  'mallory-hostile': { score: 9, lost: [] },
  'han-malformed': { score: 1, lost: ['statefulset-ready', 'ordinal-names', 'ordered-start', 'per-pod-pvcs', 'pod-dns', 'keys-written', 'same-identity', 'data-survived'] },
};

describe('labs grade on the offline cluster', () => {
  it('grades a class with the exact score for each student, and the hostile one leaves no trace', async () => {
    const kube = e2eKube();
    const out = mkdtempSync(join(tmpdir(), 'grades-'));
    const r = await labsCli(['grade', 'week3-day3/redis-statefulset', CLASS, '--out', out, '--parallel', '3', '--check-timeout', '20', '--lang', 'en']);
    expect(r.all).toMatch(/graded 7 of 7/);
    expect(r.exitCode).toBe(0);

    const { results } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { results: SubmissionResult[] };
    const got = Object.fromEntries(results.map((s) => [s.student, { score: s.score, lost: s.checks.filter((c) => c.status !== 'pass').map((c) => c.id) }]));
    expect(got).toEqual(EXPECTED);

    const mallory = results.find((s) => s.student === 'mallory-hostile')!;
    expect(mallory.policy.map((p) => p.object)).toEqual(expect.arrayContaining([
      'ClusterRoleBinding/labs-e2e-mallory-admin', 'Namespace/labs-e2e-mallory-ns', 'PersistentVolume/labs-e2e-mallory-pv',
      'ConfigMap/labs-e2e-mallory-cm', 'Pod/root-shell', 'StorageClass/labs-e2e-mallory-sc',
    ]));
    expect(mallory.policy.find((p) => p.object === 'Pod/root-shell')).toMatchObject({ file: 'mallory-hostile/extras.yaml', line: 39 });
    const han = results.find((s) => s.student === 'han-malformed')!;
    expect(han.fileIssues[0]).toMatchObject({ file: 'han-malformed/redis-statefulset.yaml', line: 7 });

    // Nothing outside the submissions' namespaces, and the namespaces themselves are gone.
    expect(await kube.get({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' }, 'labs-e2e-mallory-admin')).toBeUndefined();
    expect(await kube.get(KIND.namespace, 'labs-e2e-mallory-ns')).toBeUndefined();
    expect(await kube.get(KIND.pv, 'labs-e2e-mallory-pv')).toBeUndefined();
    expect(await kube.get(KIND.storageClass, 'labs-e2e-mallory-sc')).toBeUndefined();
    expect(await kube.get({ apiVersion: 'v1', kind: 'ConfigMap' }, 'labs-e2e-mallory-cm', 'kube-system')).toBeUndefined();
    const left = (await kube.list(KIND.namespace)).filter((n) => n.metadata.labels?.['labs.dev/purpose'] === 'grade');
    expect(left.map((n) => n.metadata.name)).toEqual([]);
    const orphanPvs = (await kube.list(KIND.pv)).filter((pv) => String((pv.spec as { claimRef?: { namespace?: string } }).claimRef?.namespace ?? '').startsWith('labs-redis-statefulset-'));
    expect(orphanPvs).toEqual([]);

    const csv = readFileSync(join(out, 'gradebook.csv'), 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(8);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/Refused ClusterRoleBinding\/labs-e2e-mallory-admin \(mallory-hostile\/extras\.yaml:2\)/);
  });

  it('skips students already graded when run again', async () => {
    const out = mkdtempSync(join(tmpdir(), 'grades-'));
    const sub = mkdtempSync(join(tmpdir(), 'class-'));
    const { cpSync } = await import('node:fs');
    cpSync(join(CLASS, 'lee-not-headless'), join(sub, 'lee-not-headless'), { recursive: true });
    const first = await labsCli(['grade', 'week3-day3/redis-statefulset', sub, '--out', out, '--check-timeout', '20']);
    expect(first.all).toMatch(/lee-not-headless: 8\/9/);
    const again = await labsCli(['grade', 'week3-day3/redis-statefulset', sub, '--out', out]);
    expect(again.all).toMatch(/lee-not-headless: already graded \(8\/9\); --regrade to grade again/);
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
      const failure = await waitFor('the ReplicaSet to hit the quota', 120, async () => {
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
    } finally {
      await deleteNamespace(kube, ns, 180);
    }
  });
});
