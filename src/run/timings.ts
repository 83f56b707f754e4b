import { podView } from '../check/pods.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { type Change } from '../kube/informer.ts';
import { type ApiObject } from '../model/kube.ts';
import { PROBE_LABEL } from '../model/kube.ts';
import { view, type RawClaim, type RawVolume } from '../k8s/raw.ts';

/** Kinds whose disappearance is the end of a deletion the cluster carries out. */
const DELETABLE = new Set(['Pod', 'PersistentVolumeClaim', 'PersistentVolume', 'StatefulSet', 'Deployment', 'ReplicaSet', 'Service', 'Job', 'CronJob']);

/** Whether a Job has finished, one way or the other (its Complete or Failed condition). */
const finished = (o: ApiObject) => ((o.status as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');

/**
 * When the cluster finished things, as the watches saw it (to the millisecond, unlike the objects' own
 * timestamps): a pod becoming Ready, a claim becoming Bound, a Job finishing, an object gone. A step's floor is the last of
 * these within it: the time the cluster itself needed, whatever labs did around it.
 */
export class Milestones {
  private readonly times: number[] = [];
  private readonly ready = new Map<string, boolean>();
  private readonly phases = new Map<string, string | undefined>();
  private readonly stop: () => void;

  constructor(cache: NamespaceCache) {
    for (const o of cache.objects()) this.note(o);
    this.stop = cache.subscribe((c) => this.seen(c));
  }

  /** Stops listening. */
  close(): void {
    this.stop();
  }

  /** The cluster's own time for the part of a run from `from` to `to` (ms): undefined when it finished nothing. */
  floor(from: number, to = Date.now()): number | undefined {
    const inside = this.times.filter((t) => t >= from && t <= to);
    return inside.length ? Math.max(...inside) - from : undefined;
  }

  private note(o: ApiObject): boolean {
    const uid = String(o.metadata.uid);
    // A volume's every new phase (Available, Bound, Released) is the volume controller's work.
    if (o.kind === 'PersistentVolume') {
      const phase = view<RawVolume>(o).status?.phase;
      const changed = this.phases.has(uid) && this.phases.get(uid) !== phase;
      this.phases.set(uid, phase);
      return changed;
    }
    const before = this.ready.get(uid) ?? false;
    const now = o.kind === 'Pod' ? podView(o).ready : o.kind === 'PersistentVolumeClaim' ? view<RawClaim>(o).status?.phase === 'Bound' : o.kind === 'Job' ? finished(o) : false;
    this.ready.set(uid, now);
    return now && !before;
  }

  private seen(c: Change): void {
    // The grader's own pods (probes, one-shot volume pods) are labs' doing, not the cluster's work for the lab.
    if (c.initial || c.object.metadata.labels?.[PROBE_LABEL.key] !== undefined) return;
    if (c.type === 'DELETED') {
      this.ready.delete(String(c.object.metadata.uid));
      if (DELETABLE.has(c.object.kind)) this.times.push(c.at);
      return;
    }
    if (this.note(c.object)) this.times.push(c.at);
  }
}
