import { type NamespaceCache } from '../kube/cache.ts';
import { type Step } from '../model/lab.ts';
import { type ApiObject } from '../model/kube.ts';

type Obj = ApiObject & Record<string, any>;
const at = (t?: string) => (t ? Date.parse(t) : Number.NaN);

/**
 * The cluster's own time for a step, from the objects' timestamps: from the step's start to the last
 * Ready transition of a pod (or Bound PVC, or the disappearance of what was deleted) that happened after
 * it. Timestamps have one-second resolution, so this is a floor to within a second; undefined when the
 * step changed nothing the cluster timestamps.
 */
export function floorOf(_step: Step, cache: NamespaceCache, startedAt: number): number | undefined {
  const times: number[] = [];
  for (const o of cache.objects() as Obj[]) {
    if (o.kind === 'Pod') {
      const ready = (o.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready' && c.status === 'True');
      if (ready) times.push(at(ready.lastTransitionTime));
    }
    if (o.kind === 'PersistentVolumeClaim' && o.status?.phase === 'Bound') times.push(at(o.metadata.creationTimestamp as string));
  }
  // Within a second of the start counts: creation timestamps are truncated to whole seconds.
  const after = times.filter((t) => t >= startedAt - 1000);
  if (after.length === 0) return undefined;
  return Math.max(0, Math.max(...after) - startedAt);
}
