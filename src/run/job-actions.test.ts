import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workloadPods } from '../check/pods.ts';
import { notReadyFields } from '../k8s/readiness.ts';
import { NamespaceCache } from '../kube/cache.ts';
import { FakeKube } from '../kube/fake.ts';
import { PROJECT_ROOT } from '../load/load-labs.ts';
import { type CheckContext } from '../model/check.ts';
import { type ApiObject } from '../model/kube.ts';
import { type Action } from '../model/lab.ts';
import { type Probes } from './probes.ts';
import { Milestones } from './timings.ts';
import { relevantKinds } from './namespace-state.ts';
import { settledness } from './settled.ts';
import { describeAction, jobFromCronJob, performAction, type ActionContext } from './actions.ts';

// Objects the offline cluster returned (scripts/capture-job-fixtures.ts): a CronJob, the Job `kubectl create job
// --from=cronjob/…` makes of it, that Job run to completion with its pod, and a Job before and after `kubectl patch`.
const dir = join(PROJECT_ROOT, 'test', 'fixtures', 'jobs');
const created = JSON.parse(readFileSync(join(dir, 'create-job.json'), 'utf8')) as { namespace: string; cronJob: ApiObject; kubectlJob: ApiObject; objects: ApiObject[] };
const resumed = JSON.parse(readFileSync(join(dir, 'resumed.json'), 'utf8')) as { suspended: ApiObject; resumed: ApiObject };
const NS = created.namespace;
const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS }, status: { phase: 'Active' } };

const caches: NamespaceCache[] = [];
afterEach(() => caches.splice(0).forEach((c) => c.close()));

async function context(objects: ApiObject[]): Promise<{ kube: FakeKube; ctx: ActionContext; applied: { object: ApiObject; fieldManager: string }[] }> {
  const kube = new FakeKube([namespace, ...objects]);
  const applied: { object: ApiObject; fieldManager: string }[] = [];
  const apply = kube.apply.bind(kube);
  kube.apply = async (object, ns, o) => (applied.push({ object: structuredClone(object), fieldManager: o.fieldManager }), apply(object, ns, o));
  const cache = await new NamespaceCache(kube, NS).start();
  caches.push(cache);
  return { kube, applied, ctx: { kube, cache, probes: {} as Probes, namespace: NS, labDir: PROJECT_ROOT, timeoutSeconds: 10, fieldManager: 'labs' } };
}

describe('createJob: kubectl create job <name> --from=cronjob/<cronJob>', () => {
  it('makes the Job kubectl makes: the jobTemplate, annotated manual, owned by the CronJob', () => {
    // What Go's encoding adds to kubectl's object without meaning: empty timestamps and status; the namespace is the
    // request's (create(job, namespace)).
    const meaningful = (v: unknown): unknown => (Array.isArray(v) ? v.map(meaningful) : typeof v === 'object' && v !== null
      ? Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== null && !(k === 'status' && JSON.stringify(x) === '{}') && k !== 'namespace').map(([k, x]) => [k, meaningful(x)]))
      : v);
    expect(jobFromCronJob(created.cronJob, 'daily-backup-manual')).toEqual(meaningful(created.kubectlJob));
  });

  it('creates it in the namespace, once: a Job of that name the CronJob already owns is the one asked for', async () => {
    const { kube, ctx } = await context([created.cronJob]);
    const action: Action = { createJob: { name: 'daily-backup-manual', fromCronJob: 'daily-backup' } };
    await performAction(action, ctx);
    await performAction(action, ctx);
    const jobs = kube.objects.filter((o) => o.kind === 'Job');
    expect(jobs.map((j) => [j.metadata.name, (j.metadata.ownerReferences as { uid: string }[])[0]!.uid])).toEqual([['daily-backup-manual', created.cronJob.metadata.uid]]);
    expect(describeAction(action, NS)).toBe(`kubectl -n ${NS} create job daily-backup-manual --from=cronjob/daily-backup`);
  });

  it('fails as kubectl does when another Job has the name, and when there is no such CronJob', async () => {
    const { ctx } = await context([created.cronJob, { ...created.kubectlJob, metadata: { name: 'daily-backup-manual', namespace: NS } }]);
    await expect(performAction({ createJob: { name: 'daily-backup-manual', fromCronJob: 'daily-backup' } }, ctx)).rejects.toMatchObject({ text: { en: expect.stringMatching(/already exists/) } });
    await expect(performAction({ createJob: { name: 'x', fromCronJob: 'nightly' } }, ctx)).rejects.toMatchObject({ text: { en: expect.stringMatching(/cronjob\/nightly not found in namespace/), ko: expect.stringMatching(/cronjob\/nightly이\(가\) 없습니다/) } });
  }, 15_000);
});

describe('resumeJob: kubectl patch job <name> --type=merge -p \'{"spec":{"suspend":false}}\'', () => {
  it('sets only spec.suspend, under kubectl patch\'s field manager', async () => {
    const { ctx, applied } = await context([resumed.suspended]);
    const action: Action = { resumeJob: { name: 'postgres-restore' } };
    await performAction(action, ctx);
    expect(applied).toEqual([{ object: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'postgres-restore' }, spec: { suspend: false } }, fieldManager: 'kubectl-patch' }]);
    expect(describeAction(action, 'default')).toBe('kubectl patch job postgres-restore --type=merge -p \'{"spec":{"suspend":false}}\'');
  });

  it('leaves a Job that is not suspended as it is', async () => {
    const { ctx, applied } = await context([resumed.resumed]);
    await performAction({ resumeJob: { name: 'postgres-restore' } }, ctx);
    expect(applied).toEqual([]);
    expect((resumed.resumed.spec as { suspend?: boolean }).suspend).toBe(false);
  });
});

const job = created.objects.find((o) => o.kind === 'Job')!;

describe('waiting on Jobs', () => {
  it('is done when complete (kubectl wait --for=condition=complete), and a condition of any case is waited for', async () => {
    const { ctx } = await context(created.objects);
    await performAction({ wait: { target: 'job/daily-backup-manual' } }, ctx);
    await performAction({ wait: { target: 'job/daily-backup-manual', condition: 'Complete' } }, ctx);
    expect(describeAction({ wait: { target: 'job/daily-backup-manual' } }, 'default')).toBe('kubectl wait --for=condition=complete job/daily-backup-manual');
    expect(describeAction({ wait: { target: 'job/failing-job', condition: 'failed' } }, 'default')).toBe('kubectl wait --for=condition=failed job/failing-job');
    expect(describeAction({ wait: { target: 'statefulset/postgres' } }, 'default')).toBe('kubectl rollout status statefulset/postgres');
  });

  it('ends as soon as the finished Job has settled without the condition', async () => {
    const { ctx } = await context(created.objects);
    const t0 = Date.now();
    await expect(performAction({ wait: { target: 'job/daily-backup-manual', condition: 'failed' } }, ctx)).rejects.toMatchObject({ text: { en: expect.stringMatching(/job\/daily-backup-manual failed: the namespace settled without it \(condition failed: none\)/) } });
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('is ready as kubectl counts a Job: complete, with no observedGeneration to wait for', () => {
    expect(notReadyFields(job)).toEqual([]);
    const running = { ...job, status: { active: 1 } };
    expect(notReadyFields(running)).toEqual([{ path: 'status.conditions.Complete', want: 'True', got: 'False' }]);
  });
});

describe('a CronJob\'s pods', () => {
  it('are those of the Jobs it owns, however they were made', async () => {
    const kube = new FakeKube(created.objects);
    const ctx = { namespace: NS, kube } as unknown as CheckContext;
    const pods = await workloadPods(ctx, created.cronJob);
    expect(pods.map((p) => p.name)).toEqual([expect.stringMatching(/^daily-backup-manual-/)]);
    expect(pods[0]!.phase).toBe('Succeeded');
    expect(await workloadPods(ctx, job)).toEqual(pods);
  });
});

describe('the cluster\'s floor of a step with Jobs', () => {
  it('counts a Job finishing, as a pod becoming Ready counts', async () => {
    const running = { ...job, status: { active: 1, startTime: (job.status as { startTime: string }).startTime } };
    const { kube, ctx } = await context([running]);
    const milestones = new Milestones(ctx.cache);
    const t0 = Date.now();
    expect(milestones.floor(t0)).toBeUndefined();
    await ctx.cache.observed(await kube.apply(job, NS, { fieldManager: 'test' }));
    expect(milestones.floor(t0)).toBeGreaterThanOrEqual(0);
    milestones.close();
  });
});

describe('settling around Jobs', () => {
  const quiet = { events: [], storageClasses: [], lastChangeAt: 0, now: 10_000_000_000_000 };

  it('a pod whose Job is gone is on its way out (the garbage collector deletes it next)', () => {
    expect(settledness({ ...quiet, objects: created.objects }).settled).toBe(true);
    const orphans = settledness({ ...quiet, objects: created.objects.filter((o) => o.kind !== 'Job') });
    expect(orphans.settled).toBe(false);
    expect(orphans.waiting.map((t) => t.en)).toEqual([expect.stringMatching(/^Pod\/daily-backup-manual-\S+: Job\/daily-backup-manual is gone, the pod goes next$/)]);
  });

  it('whatever a check read, the kinds whose settling decides it take in the controllers of its pods', () => {
    for (const read of [['PersistentVolumeClaim'], ['Pod'], ['CronJob'], ['Job']]) {
      expect([...relevantKinds(new Set(read))], read.join()).toEqual(expect.arrayContaining(['Pod', 'Job', 'StatefulSet', 'ReplicaSet']));
    }
    expect([...relevantKinds(new Set(['Secret']))]).toEqual(['Secret']);
  });
});
