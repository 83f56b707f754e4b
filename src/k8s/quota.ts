import type { V1JobSpec } from '@kubernetes/client-node';
import { admitPod, claimErrors, podTotals, type LimitItem } from './admission.ts';
import { kindInfo } from './kinds.ts';
import { claimSpecsOf, mapping, podSpecOf, type AnyObject } from './pod-specs.ts';
import { formatAmount, milli, whole } from './quantity.ts';

// What objects take of a ResourceQuota, as the API server's quota evaluators count it: object counts, and for
// every pod a workload runs its requests and limits once admitted (pkg/quota/v1/evaluator/core).

/** Amounts by quota key ("pods", "requests.cpu", "count/deployments.apps"…): counts, millicores, bytes. */
export type Usage = Record<string, number>;

/** What one object asks of a quota, and what the API server would refuse of it or of the pods it makes. */
export interface ObjectUsage {
  usage: Usage;
  /** The API server's reasons, in its words, e.g. "maximum memory usage per Container is 4Gi, but limit is 8Gi". */
  refusals: string[];
  /** What one of its pods takes (a replacement pod takes it again while the old one terminates; claims are kept). */
  perPod: Usage;
}

/** A quota amount in the unit the quota counts it in: millicores for CPU, whole units for the rest. */
export function amount(key: string, q: unknown): number {
  return key.includes('cpu') ? milli(q) : whole(q);
}

/** A quota amount as Kubernetes writes it: "500m", "2", "3Gi", "8". */
export function formatUsage(key: string, n: number): string {
  return formatAmount(key, n);
}

const count = (v: unknown, dflt: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : dflt);

/** How many pods a workload runs at once (a DaemonSet one per node). */
export function podCount(o: AnyObject, nodes = 1): number {
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

/**
 * What one object, and what its controllers make of it (ReplicaSets, pods, per-pod claims), takes of a quota in a
 * namespace with these LimitRange items; and what the API server would refuse.
 */
export function objectUsage(o: AnyObject, limits: readonly LimitItem[], nodes = 1): ObjectUsage {
  const usage: Usage = {};
  const perPod: Usage = {};
  const refusals: string[] = [];
  const add = (to: Usage, k: string, n: number) => {
    if (n > 0) to[k] = (to[k] ?? 0) + n;
  };
  for (const k of kindInfo(o.kind)?.counts ?? []) add(usage, k, 1);
  if (o.kind === 'Service') {
    const type = mapping(o.spec)?.type;
    if (type === 'NodePort' || type === 'LoadBalancer') add(usage, 'services.nodeports', 1);
    if (type === 'LoadBalancer') add(usage, 'services.loadbalancers', 1);
  }
  const pods = podCount(o, nodes);
  const spec = podSpecOf(o);
  const admitted = pods > 0 && spec ? admitPod(spec, limits) : undefined;
  refusals.push(...(admitted?.errors ?? []));
  // Pods the API server refuses are never made: they take nothing.
  if (admitted && admitted.errors.length === 0) {
    add(perPod, 'pods', 1);
    for (const which of ['requests', 'limits'] as const) {
      for (const [res, n] of Object.entries(podTotals(admitted, which))) {
        const key = `${which}.${res}`;
        add(perPod, key, amount(key, `${n}n`));
      }
    }
    for (const [k, v] of Object.entries(perPod)) add(usage, k, v * pods);
  }
  for (const claim of claimSpecsOf(o)) {
    const times = claim.perPod ? pods : 1;
    const storage = mapping(mapping(claim.spec.resources)?.requests)?.storage;
    refusals.push(...claimErrors(storage, limits));
    add(usage, 'persistentvolumeclaims', times);
    add(usage, 'requests.storage', times * amount('storage', storage));
  }
  return { usage, refusals: [...new Set(refusals)], perPod };
}

/** The API server's words when a quota refuses a request: "exceeded quota: q, requested: …, used: …, limited: …". */
export function quotaRefusal(quota: string, keys: readonly string[], requested: Usage, used: Usage, hard: Usage): string {
  const list = (u: Usage) => keys.map((k) => `${k}=${formatUsage(k, u[k] ?? 0)}`).join(',');
  return `exceeded quota: ${quota}, requested: ${list(requested)}, used: ${list(used)}, limited: ${list(hard)}`;
}
