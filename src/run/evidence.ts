import { type NamespaceCache } from '../kube/cache.ts';
import { type Evidence } from '../model/check.ts';
import { type ApiObject, type KubeClient } from '../model/kube.ts';

const trim = (s: string, n = 240) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * What a TA would look at for pods that are not Ready: their latest Warning events (a failing probe's own
 * output is in them) and the last lines of their container's log (of the previous instance after a crash).
 */
export async function collectEvidence(kube: KubeClient, cache: NamespaceCache, pods: string[], signal?: AbortSignal): Promise<Evidence[]> {
  const events = cache.events() as (ApiObject & { type?: string; reason?: string; message?: string; count?: number; involvedObject?: { kind?: string; name?: string }; lastTimestamp?: string; eventTime?: string })[];
  const out: Evidence[] = [];
  for (const pod of pods.slice(0, 3)) {
    const warnings = events
      .filter((e) => e.type === 'Warning' && e.involvedObject?.kind === 'Pod' && e.involvedObject.name === pod)
      .sort((a, b) => Date.parse(a.lastTimestamp ?? a.eventTime ?? '') - Date.parse(b.lastTimestamp ?? b.eventTime ?? ''))
      .slice(-3)
      .map((e) => trim(`${e.reason}: ${(e.message ?? '').replace(/\s+/g, ' ').trim()}${(e.count ?? 1) > 1 ? ` (×${e.count})` : ''}`));
    const obj = (await cache.list({ apiVersion: 'v1', kind: 'Pod' }, cache.namespace)).find((p) => p.metadata.name === pod) as (ApiObject & { status?: { containerStatuses?: { restartCount?: number; state?: { running?: unknown } }[] } }) | undefined;
    const restarted = (obj?.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0 && !obj?.status?.containerStatuses?.[0]?.state?.running;
    const log = await kube.logs(cache.namespace, pod, { tailLines: 5, previous: restarted, limitBytes: 4096, signal, timeoutMs: 5000 }).catch(() => '');
    const lines = log.split('\n').map((l) => trim(l.trimEnd(), 200)).filter(Boolean).slice(-5);
    if (warnings.length || lines.length) out.push({ pod, events: warnings, log: lines });
  }
  return out;
}
