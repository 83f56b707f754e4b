import { InterruptedError } from '../errors.ts';
import { admitPod } from '../k8s/admission.ts';
import { podTotals } from '../k8s/admission.ts';
import { podSpecOf } from '../k8s/pod-specs.ts';
import { milli, whole } from '../k8s/quantity.ts';
import { view, type RawNode } from '../k8s/raw.ts';
import { KIND, type ApiObject, type KubeReader } from '../model/kube.ts';

/** CPU (millicores) and memory (bytes) that pods request. */
export interface Requests {
  cpu: number;
  memory: number;
}

/** What the pods of one object request (spec as written; no LimitRange: these are pods already admitted). */
function requested(pod: ApiObject): Requests {
  const spec = podSpecOf(pod);
  if (!spec) return { cpu: 0, memory: 0 };
  const t = podTotals(admitPod(spec, []), 'requests');
  return { cpu: milli(`${t.cpu ?? 0n}n`), memory: whole(`${t.memory ?? 0n}n`) };
}

/**
 * What the cluster's schedulable nodes can still give pods: their allocatable CPU and memory, less what the pods
 * already on the cluster request (the control plane, other users, namespaces still being deleted).
 */
export async function freeCapacity(kube: KubeReader, signal?: AbortSignal): Promise<Requests | undefined> {
  try {
    const nodes = (await kube.list(KIND.node, undefined, undefined, { signal })).map((n) => view<RawNode>(n));
    const usable = nodes.filter((n) => !n.spec?.unschedulable && (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'));
    const total = usable.reduce((a, n) => ({ cpu: a.cpu + milli(n.status?.allocatable?.cpu), memory: a.memory + whole(n.status?.allocatable?.memory) }), { cpu: 0, memory: 0 });
    const pods = (await kube.list(KIND.pod, undefined, undefined, { signal })).filter((p) => {
      const phase = (p.status as { phase?: string } | undefined)?.phase;
      return phase !== 'Succeeded' && phase !== 'Failed';
    });
    const taken = pods.map(requested).reduce((a, r) => ({ cpu: a.cpu + r.cpu, memory: a.memory + r.memory }), { cpu: 0, memory: 0 });
    return { cpu: Math.max(0, total.cpu - taken.cpu), memory: Math.max(0, total.memory - taken.memory) };
  } catch {
    // Nodes or pods cannot be listed with these credentials: the scheduler alone decides, as before.
    return undefined;
  }
}

/**
 * Students graded at once never ask for more than the nodes can give: a student waits for room before its
 * namespace is made, so a neighbour's requests can never leave its pods Pending. A student who asks for more than
 * the whole budget is graded alone (and its pods meet the scheduler's own verdict).
 */
export class CapacityGate {
  private used: Requests = { cpu: 0, memory: 0 };
  private active = 0;
  private readonly wakers = new Set<() => void>();

  constructor(private readonly budget: Requests | undefined) {}

  /** How many students hold room now. */
  get holders(): number {
    return this.active;
  }

  /** Waits until `need` fits beside those already graded (or nobody is), takes it, and returns its release. */
  async acquire(need: Requests, signal?: AbortSignal): Promise<() => void> {
    const fits = () => !this.budget || this.active === 0 || (this.used.cpu + need.cpu <= this.budget.cpu && this.used.memory + need.memory <= this.budget.memory);
    while (!fits()) {
      if (signal?.aborted) throw new InterruptedError();
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.wakers.delete(wake);
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        this.wakers.add(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
    this.active++;
    this.used = { cpu: this.used.cpu + need.cpu, memory: this.used.memory + need.memory };
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.used = { cpu: this.used.cpu - need.cpu, memory: this.used.memory - need.memory };
      for (const w of [...this.wakers]) w();
    };
  }
}
