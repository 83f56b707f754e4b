import { type NamespaceCache } from '../kube/cache.ts';
import { KIND } from '../model/kube.ts';
import { type Settledness, settledness } from './settled.ts';

/** The settled rule applied to a namespace's watches, now. */
export async function settlednessOf(cache: NamespaceCache, now = Date.now()): Promise<Settledness> {
  return settledness({
    objects: cache.objects(),
    events: cache.events(),
    storageClasses: await cache.list(KIND.storageClass),
    lastChangeAt: cache.lastChangeAt,
    now,
  });
}
