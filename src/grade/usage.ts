import type { V1Container, V1JobSpec, V1ResourceRequirements } from '@kubernetes/client-node';
import { type KubeObject } from '../model/kube.ts';
import { GRADING_LIMITS } from './limits.ts';
import { claimSpecsOf, containersOf, mapping, podSpecOf } from './pod-specs.ts';

/** A key of the grading ResourceQuota. */
export type QuotaKey = keyof typeof GRADING_LIMITS.quota;
/** What objects ask of the grading quota, per key: counts, CPU in millicores, memory and storage in bytes. */
export type Usage = Partial<Record<QuotaKey, number>>;

const SUFFIX: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A Kubernetes quantity ("500m", "1.5Gi", "2e3", 4) as a number of base units; undefined when it is not one. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) && q >= 0 ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = /^\+?([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/.exec(q.trim());
  if (!m) return undefined;
  const v = Number(`${m[1]}${m[2] ?? ''}`) * SUFFIX[m[3] ?? '']!;
  return Number.isFinite(v) ? v : undefined;
}

/** A quantity in the unit of a quota key: millicores for CPU, else base units, rounded up as the API server does. */
export function amount(key: string, q: unknown): number {
  const v = parseQuantity(q) ?? 0;
  return Math.ceil(key.includes('cpu') ? v * 1000 : v);
}

/** Replicas, parallelism…: a non-negative integer, or the default. */
function count(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : dflt;
}

/** How many pods a workload runs at once (a DaemonSet one per node). */
export function podCount(o: KubeObject, nodes = 1): number {
  const spec = mapping(o.spec);
  switch (o.kind) {
    case 'Pod':
      return 1;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'ReplicationController':
      return count(spec?.replicas, 1);
    case 'DaemonSet':
      return nodes;
    case 'Job':
      return jobPods(spec as Partial<V1JobSpec> | undefined);
    case 'CronJob':
      return jobPods(mapping<V1JobSpec>(mapping(spec?.jobTemplate)?.spec));
    default:
      return 0;
  }
}

function jobPods(spec: Partial<V1JobSpec> | undefined): number {
  const parallelism = count(spec?.parallelism, 1);
  return spec?.completions === undefined || spec.completions === null ? parallelism : Math.min(parallelism, count(spec.completions, 1));
}

type Compute = { 'requests.cpu': number; 'requests.memory': number; 'limits.cpu': number; 'limits.memory': number };

/** One container's requests and limits once the API server (requests default to limits) and the LimitRange are done. */
function containerCompute(c: Partial<V1Container>, limits = GRADING_LIMITS): Compute {
  const r = mapping<V1ResourceRequirements>(c.resources);
  const req = mapping(r?.requests);
  const lim = mapping(r?.limits);
  const out = {} as Compute;
  for (const res of ['cpu', 'memory'] as const) {
    out[`requests.${res}`] = amount(res, req?.[res] ?? lim?.[res] ?? limits.container.defaultRequest[res]);
    out[`limits.${res}`] = amount(res, lim?.[res] ?? limits.container.default[res]);
  }
  return out;
}

/** A pod's effective requests and limits: app containers (and sidecars) summed, or the largest init container if larger. */
function podCompute(o: KubeObject, limits = GRADING_LIMITS): Compute {
  const pod = podSpecOf(o);
  const sum: Compute = { 'requests.cpu': 0, 'requests.memory': 0, 'limits.cpu': 0, 'limits.memory': 0 };
  if (!pod) return sum;
  const init = { ...sum };
  for (const { field, container } of containersOf(pod)) {
    if (field === 'ephemeralContainers') continue; // not counted by the quota
    const c = containerCompute(container, limits);
    const sidecar = field === 'initContainers' && container.restartPolicy === 'Always';
    for (const k of Object.keys(sum) as (keyof Compute)[]) {
      if (field === 'containers' || sidecar) sum[k] += c[k];
      else init[k] = Math.max(init[k], c[k]);
    }
  }
  for (const k of Object.keys(sum) as (keyof Compute)[]) sum[k] = Math.max(sum[k], init[k]);
  return sum;
}

const COUNTED: Record<string, QuotaKey[]> = {
  Service: ['services'],
  ConfigMap: ['configmaps'],
  Secret: ['secrets'],
  Deployment: ['count/deployments.apps', 'count/replicasets.apps'],
  StatefulSet: ['count/statefulsets.apps'],
  ReplicaSet: ['count/replicasets.apps'],
  Job: ['count/jobs.batch'],
  CronJob: ['count/cronjobs.batch', 'count/jobs.batch'],
  PodDisruptionBudget: ['count/poddisruptionbudgets.policy'],
};

/** What one object (and what its controllers create: ReplicaSets, pods, per-pod PVCs) asks of the grading quota. */
export function usageOf(o: KubeObject, options: { nodes?: number; limits?: typeof GRADING_LIMITS } = {}): Usage {
  const limits = options.limits ?? GRADING_LIMITS;
  const u: Usage = {};
  const add = (k: QuotaKey, n: number) => {
    if (n > 0) u[k] = (u[k] ?? 0) + n;
  };
  for (const k of COUNTED[o.kind] ?? []) add(k, 1);
  if (o.kind === 'Service') {
    const type = mapping(o.spec)?.type;
    if (type === 'NodePort' || type === 'LoadBalancer') add('services.nodeports', 1);
    if (type === 'LoadBalancer') add('services.loadbalancers', 1);
  }
  const pods = podCount(o, options.nodes);
  if (pods > 0) {
    add('pods', pods);
    for (const [k, v] of Object.entries(podCompute(o, limits))) add(k as QuotaKey, v * pods);
  }
  for (const claim of claimSpecsOf(o)) {
    const times = claim.perPod ? pods : 1;
    add('persistentvolumeclaims', times);
    add('requests.storage', times * amount('storage', mapping(mapping(claim.spec.resources)?.requests)?.storage));
  }
  return u;
}
