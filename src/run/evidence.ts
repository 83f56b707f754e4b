import { view, type RawEvent, type RawPod } from '../k8s/raw.ts';
import { controllerOf } from '../k8s/workloads.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { type Evidence } from '../model/check.ts';
import { KIND, type ApiObject, type KubeClient } from '../model/kube.ts';

const trim = (s: string, n = 240) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const at = (e: RawEvent) => Date.parse(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '') || 0;

/** The latest Warning events about one object, newest last, as "Reason: message (×count)". */
function warningsOf(events: readonly RawEvent[], kind: string, name: string, n = 3): string[] {
  return events
    .filter((e) => e.type === 'Warning' && e.involvedObject?.kind === kind && e.involvedObject.name === name)
    .sort((a, b) => at(a) - at(b))
    .slice(-n)
    .map((e) => trim(`${e.reason}: ${(e.message ?? '').replace(/\s+/g, ' ').trim()}${(e.count ?? 1) > 1 ? ` (×${e.count})` : ''}`));
}

/**
 * What a TA would look at when a workload is not Ready: what its controllers said (a ReplicaSet or StatefulSet
 * that cannot create pods says why: the quota, the LimitRange, an admission denial, in the API server's words),
 * then, for pods that are not Ready, their latest Warning events (a failing probe's output, the scheduler's
 * reason) and the last lines of their container's log (of the previous instance after a crash).
 */
export async function collectEvidence(kube: KubeClient, cache: NamespaceCache, pods: string[], signal?: AbortSignal, workload?: ApiObject): Promise<Evidence[]> {
  const events = cache.events().map((e) => view<RawEvent>(e));
  const out: Evidence[] = [];
  if (workload?.metadata.uid) {
    const controllers = [workload, ...(workload.kind === 'Deployment' ? (await cache.list(KIND.replicaSet, cache.namespace)).filter((rs) => controllerOf(rs)?.uid === workload.metadata.uid) : [])];
    for (const c of controllers) {
      const said = warningsOf(events, c.kind, c.metadata.name!, 2);
      if (said.length) out.push({ pod: `${c.kind}/${c.metadata.name}`, events: said, log: [] });
    }
  }
  const all = await cache.list(KIND.pod, cache.namespace);
  for (const pod of pods.slice(0, 3)) {
    const warnings = warningsOf(events, 'Pod', pod);
    const obj = view<RawPod | undefined>(all.find((p) => p.metadata.name === pod));
    const first = obj?.status?.containerStatuses?.[0];
    const restarted = (first?.restartCount ?? 0) > 0 && !first?.state?.running;
    const log = await kube.logs(cache.namespace, pod, { tailLines: 5, previous: restarted, limitBytes: 4096, signal, timeoutMs: 5000 }).catch(() => '');
    const lines = log.split('\n').map((l) => trim(l.trimEnd(), 200)).filter(Boolean).slice(-5);
    if (warnings.length || lines.length) out.push({ pod, events: warnings, log: lines });
  }
  return out;
}
