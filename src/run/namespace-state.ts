import { type NamespaceCache } from '../kube/cache.ts';
import { KIND } from '../model/kube.ts';
import { type Settledness, settledness } from './settled.ts';

/**
 * The kinds whose settling decides a verdict on what was read: a workload's state moves with its pods, and
 * a pod's with its claims.
 */
export function relevantKinds(read: ReadonlySet<string>): Set<string> {
  const kinds = new Set(read);
  if (['Deployment', 'StatefulSet', 'ReplicaSet'].some((k) => kinds.has(k))) ['Deployment', 'StatefulSet', 'ReplicaSet', 'Pod'].forEach((k) => kinds.add(k));
  // A Job's state moves with its pods; a CronJob's with the Jobs it makes.
  if (['Job', 'CronJob'].some((k) => kinds.has(k))) ['Job', 'Pod'].forEach((k) => kinds.add(k));
  // A pod's state moves with its claims, and what its Service answers (DNS) with its EndpointSlices.
  if (kinds.has('Pod')) ['PersistentVolumeClaim', 'EndpointSlice'].forEach((k) => kinds.add(k));
  // A claim waits for its first pod, and is kept while a pod uses it; it binds a volume, and a volume moves with its claims.
  if (kinds.has('PersistentVolumeClaim') || kinds.has('PersistentVolume')) ['Pod', 'PersistentVolumeClaim', 'PersistentVolume'].forEach((k) => kinds.add(k));
  // A pod whose controller is gone is deleted next: the controllers' kinds must be seen to know they are gone.
  if (kinds.has('Pod')) ['ReplicaSet', 'StatefulSet', 'Job'].forEach((k) => kinds.add(k));
  kinds.delete('Event');
  return kinds;
}

/** The settled rule applied to a namespace's watches now: to the kinds named, or to everything. */
export async function settlednessOf(cache: NamespaceCache, kinds?: ReadonlySet<string>, now = Date.now(), quietMs?: number): Promise<Settledness> {
  return settledness({
    objects: kinds ? cache.objects().filter((o) => kinds.has(o.kind)) : cache.objects(),
    events: cache.events(),
    storageClasses: await cache.list(KIND.storageClass),
    lastChangeAt: cache.lastChangeOf(kinds),
    now,
    quietMs,
  });
}
