import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../errors.ts';
import { LABS_ROOT } from '../load/load-labs.ts';
import { parseManifests, type ManifestObject } from '../load/manifests.ts';
import { limitItems } from '../k8s/admission.ts';
import { objectUsage } from '../k8s/quota.ts';
import { applyOrder, quotaPreflight } from './quota.ts';
import { gradingLimitRange } from './limits.ts';

const usageOf = (o: Parameters<typeof objectUsage>[0]) => objectUsage(o, limitItems(gradingLimitRange())).usage;
/** CPU, memory and counts: scratch disk (ephemeral-storage) has a test of its own. */
const computeAndCounts = (u: Record<string, number>) => Object.fromEntries(Object.entries(u).filter(([k]) => !k.includes('ephemeral-storage')));

const REDIS = join(LABS_ROOT, 'week3-day3', 'redis-statefulset');
const reference = ['redis-headless-service.yaml', 'redis-statefulset.yaml'].flatMap((f) => parseManifests(readFileSync(join(REDIS, f), 'utf8'), f).objects);
const labObjects = reference.map((m) => m.object);

const objects = (file: string, yaml: string) => {
  const r = parseManifests(yaml, file);
  expect(r.issues).toEqual([]);
  return r.objects;
};
/** Small explicit resources, so that only the pod count matters unless a test says otherwise. */
const SMALL = '        resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 100m, memory: 64Mi}}\n';
const deployment = (name: string, replicas: number, resources = SMALL) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers:\n      - name: c\n        image: busybox:1.36\n${resources}`;
const names = (ms: readonly ManifestObject[]) => ms.map((m) => `${m.object.kind}/${m.object.metadata.name}`);

describe('quota preflight', () => {
  it('refuses a 500-replica extra Deployment, not the lab\'s StatefulSet, whatever the file is called', () => {
    for (const file of ['00-flood.yaml', 'zz-flood.yaml']) {
      const flood = objects(`alice/${file}`, `# flood\n${deployment('flood', 500)}`);
      const r = quotaPreflight([...flood, ...reference], labObjects);
      expect(names(r.allowed)).toEqual(['Service/redis-headless', 'StatefulSet/redis']);
      expect(r.refused).toHaveLength(1);
      expect(r.refused[0]).toMatchObject({ file: `alice/${file}`, line: 2, object: 'Deployment/flood' });
      expect(r.refused[0]!.reason.en).toMatch(/^exceeds the grading quota \(ResourceQuota labs-grading: pods 10,/);
      expect(r.refused[0]!.reason.ko).toMatch(/채점 할당량을 넘습니다 \(ResourceQuota labs-grading: pods 10/);
      expect(r.warnings).toEqual([]);
    }
  });

  it('refuses the largest extras first, until the rest fits', () => {
    const extras = objects('bob/x.yaml', [deployment('small', 2), deployment('big', 4), deployment('tiny', 1)].join('---\n'));
    const r = quotaPreflight([...reference, ...extras], labObjects);
    // 3 redis pods + 2 + 4 + 1, and one being replaced = 11 > 10: refusing "big" (4) is enough.
    expect(r.refused.map((x) => x.object)).toEqual(['Deployment/big']);
    expect(names(r.allowed)).toEqual(['Service/redis-headless', 'StatefulSet/redis', 'Deployment/small', 'Deployment/tiny']);
  });

  it('refuses for CPU as for pods, naming that quota', () => {
    const hog = objects('c/hog.yaml', deployment('hog', 2, '        resources: {requests: {cpu: 1500m}, limits: {cpu: "2"}}\n'));
    const r = quotaPreflight([...reference, ...hog], labObjects);
    // 3 × 50m + 2 × 1500m, and room to replace one hog pod: 4650m.
    expect(r.refused.map((x) => x.reason.en)).toEqual([expect.stringMatching(/ResourceQuota labs-grading: requests\.cpu 4; with this object: requests\.cpu 4650m\)/)]);
  });

  it('never refuses the lab\'s own objects: when they alone exceed the quota, it says so with the numbers', () => {
    const big = objects('d/redis.yaml', readFileSync(join(REDIS, 'redis-statefulset.yaml'), 'utf8').replace('replicas: 3', 'replicas: 12'));
    const r = quotaPreflight(big, labObjects);
    expect(r.refused).toEqual([]);
    expect(names(r.allowed)).toEqual(['StatefulSet/redis']);
    expect(r.warnings.map((w) => formatIssue(w, 'en'))).toContain("d/redis.yaml:2: the submission asks for more than the grading quota allows (ResourceQuota labs-grading: pods 10; with the grader's probe pods and one pod being replaced: 13): the cluster will refuse the pods beyond it");
  });

  it('admits requests without limits, as a stock cluster does: 1Gi per Redis pod fits, with room to replace one', () => {
    const asked = objects('f/redis.yaml', readFileSync(join(REDIS, 'redis-statefulset.yaml'), 'utf8').replace('        ports:\n', '        resources: {requests: {cpu: 500m, memory: 1Gi}}\n        ports:\n'));
    const r = quotaPreflight(asked, labObjects, { reserved: { pods: 2, 'requests.cpu': 20, 'requests.memory': 64 * 2 ** 20, configmaps: 1 } });
    expect(r).toMatchObject({ refused: [], warnings: [] });
    expect(r.total).toMatchObject({ pods: 6, 'requests.cpu': 2020, 'requests.memory': 4 * 2 ** 30 + 64 * 2 ** 20 });
  });

  it('predicts what the LimitRange refuses, in the API server\'s words: an extra is refused, the lab\'s own object is applied and said', () => {
    const huge = '        resources: {limits: {memory: 8Gi}}\n';
    const r = quotaPreflight([...objects('g/redis.yaml', readFileSync(join(REDIS, 'redis-statefulset.yaml'), 'utf8').replace('        ports:\n', `${huge}        ports:\n`)), ...objects('g/x.yaml', deployment('extra', 1, huge))], labObjects);
    expect(r.refused.map((x) => `${x.object}: ${x.reason.en}`)).toEqual(["Deployment/extra: refused by the grading namespace's LimitRange labs-grading: maximum memory usage per Container is 4Gi, but limit is 8Gi"]);
    expect(r.warnings.map((w) => formatIssue(w, 'en'))).toEqual(['g/redis.yaml:2: the cluster will refuse this object (or its pods) (LimitRange labs-grading): maximum memory usage per Container is 4Gi, but limit is 8Gi']);
    const low = quotaPreflight(objects('h/x.yaml', deployment('low', 1, '        resources: {requests: {memory: 1Gi}, limits: {memory: 512Mi}}\n')), labObjects);
    expect(low.refused.map((x) => x.reason.en)).toEqual([expect.stringContaining('spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi')]);
  });

  it('counts what the grader reserved (its probe pods)', () => {
    const extra = objects('e/x.yaml', deployment('helper', 2));
    expect(quotaPreflight([...reference, ...extra], labObjects, { reserved: { pods: 4, configmaps: 1 } }).refused.map((x) => x.object)).toEqual([]);
    expect(quotaPreflight([...reference, ...extra], labObjects, { reserved: { pods: 5, configmaps: 1 } }).refused.map((x) => x.object)).toEqual(['Deployment/helper']);
  });
});

describe('usage of one object', () => {
  const podSpec = (containers: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${containers.replace(/^/gm, '  ')}`;
  it.each([
    ['a Deployment with no resources: the LimitRange defaults', deployment('d', 3, ''), { pods: 3, 'requests.cpu': 150, 'requests.memory': 3 * 64 * 2 ** 20, 'limits.cpu': 6000, 'limits.memory': 3 * 4 * 2 ** 30, 'count/deployments.apps': 1, 'count/replicasets.apps': 1 }],
    ['requests without limits: the default limit is the max', deployment('d', 1, '        resources: {requests: {cpu: 500m, memory: 1Gi}}\n'), { pods: 1, 'requests.cpu': 500, 'requests.memory': 2 ** 30, 'limits.cpu': 2000, 'limits.memory': 4 * 2 ** 30, 'count/deployments.apps': 1, 'count/replicasets.apps': 1 }],
    ['requests default to limits', podSpec('containers:\n- {name: c, resources: {limits: {cpu: 500m, memory: 1Gi}}}'), { pods: 1, 'requests.cpu': 500, 'requests.memory': 2 ** 30, 'limits.cpu': 500, 'limits.memory': 2 ** 30 }],
    ['the largest init container, when larger than the sum', podSpec('initContainers:\n- {name: i, resources: {requests: {cpu: "1"}, limits: {cpu: "2"}}}\ncontainers:\n- {name: a, resources: {requests: {cpu: 100m}}}\n- {name: b, resources: {requests: {cpu: 100m}}}'), { pods: 1, 'requests.cpu': 1000, 'requests.memory': 128 * 2 ** 20, 'limits.cpu': 4000, 'limits.memory': 8 * 2 ** 30 }],
    ['a sidecar adds to the sum', podSpec('initContainers:\n- {name: s, restartPolicy: Always, resources: {requests: {cpu: 100m}}}\ncontainers:\n- {name: a, resources: {requests: {cpu: 100m}}}'), { pods: 1, 'requests.cpu': 200, 'requests.memory': 128 * 2 ** 20, 'limits.cpu': 4000, 'limits.memory': 8 * 2 ** 30 }],
    ['a StatefulSet with a claim per pod', readFileSync(join(REDIS, 'redis-statefulset.yaml'), 'utf8'), { pods: 3, persistentvolumeclaims: 3, 'requests.storage': 1500 * 2 ** 20, 'count/statefulsets.apps': 1, 'requests.cpu': 150, 'requests.memory': 192 * 2 ** 20, 'limits.cpu': 6000, 'limits.memory': 12 * 2 ** 30 }],
    ['a PVC', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec: {resources: {requests: {storage: 1Gi}}}', { persistentvolumeclaims: 1, 'requests.storage': 2 ** 30 }],
    ['a Job of 5 completions, 2 at a time', 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {parallelism: 2, completions: 5, template: {spec: {containers: [{name: c}]}}}', { pods: 2, 'count/jobs.batch': 1, 'requests.cpu': 100, 'requests.memory': 128 * 2 ** 20, 'limits.cpu': 4000, 'limits.memory': 8 * 2 ** 30 }],
    ['a CronJob', 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: j}\nspec: {schedule: "* * * * *", jobTemplate: {spec: {template: {spec: {containers: [{name: c}]}}}}}', { pods: 1, 'count/cronjobs.batch': 1, 'count/jobs.batch': 1, 'requests.cpu': 50, 'requests.memory': 64 * 2 ** 20, 'limits.cpu': 2000, 'limits.memory': 4 * 2 ** 30 }],
    ['a Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}', { services: 1 }],
    ['a PodDisruptionBudget', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}', { 'count/poddisruptionbudgets.policy': 1 }],
    ['replicas of the wrong type', deployment('d', 0, '').replace('replicas: 0', 'replicas: "many"'), { pods: 1, 'requests.cpu': 50, 'requests.memory': 64 * 2 ** 20, 'limits.cpu': 2000, 'limits.memory': 4 * 2 ** 30, 'count/deployments.apps': 1, 'count/replicasets.apps': 1 }],
  ])('%s', (_name, yaml, usage) => {
    expect(computeAndCounts(usageOf(objects('u.yaml', yaml)[0]!.object))).toEqual(usage);
  });

  it('counts scratch disk: 64Mi requested and 2Gi of limit per container that sets none', () => {
    expect(usageOf(objects('u.yaml', deployment('d', 3, ''))[0]!.object)).toMatchObject({ 'requests.ephemeral-storage': 3 * 64 * 2 ** 20, 'limits.ephemeral-storage': 3 * 2 * 2 ** 30 });
  });

});

describe('apply order', () => {
  it('puts what others use before the workloads, by kind and name, never by file', () => {
    const a = objects('z-first.yaml', `${deployment('extra', 1)}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: pw}\n`);
    const order = applyOrder([...a, ...reference].reverse());
    expect(names(order)).toEqual(['Secret/pw', 'ConfigMap/cfg', 'Service/redis-headless', 'Deployment/extra', 'StatefulSet/redis']);
    expect(applyOrder([...a, ...reference])).toEqual(order);
  });
});
