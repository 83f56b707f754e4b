import { type CheckContext, KIND, livePods, type PodView, selectorOf } from '../../../lib/index.ts';

/** Names the lab uses, as the seed's manifests write them. */
export const NAMES = {
  service: 'redis-headless',
  statefulSet: 'redis',
  selector: 'app=redis',
  template: 'redis-data',
  mountPath: '/data',
  replicas: 3,
} as const;

/** redis-0, redis-1, redis-2. */
export const ORDINALS = Array.from({ length: NAMES.replicas }, (_, i) => `${NAMES.statefulSet}-${i}`);

/** The PVC a StatefulSet makes for pod `pod` from template `redis-data`. */
export function claimFor(pod: string): string {
  return `${NAMES.template}-${pod}`;
}

/** The StatefulSet's live pods (by its own selector when it exists). */
export async function redisPods(ctx: CheckContext): Promise<PodView[]> {
  const sts = await ctx.kube.get(KIND.statefulSet, NAMES.statefulSet, ctx.namespace);
  return livePods(ctx, sts ? selectorOf(sts) || NAMES.selector : NAMES.selector);
}

/** What one pod remembered after step statefulset. */
export interface PodIdentity {
  uid: string;
  pvc: string;
  pv: string;
}

/** redis-cli in a named pod of the set, or why it cannot run there (the pod is missing or not Ready). */
export async function redisCli(ctx: CheckContext, pod: string, args: string[]): Promise<{ ok: true; value: string } | { ok: false; why: string }> {
  const p = (await redisPods(ctx)).find((x) => x.name === pod);
  if (!p) return { ok: false, why: `no pod ${pod}` };
  if (!p.ready) return { ok: false, why: `${pod} is not Ready` };
  const r = await ctx.kube.exec(ctx.namespace, pod, ['redis-cli', ...args]);
  if (r.exitCode !== 0) return { ok: false, why: `exit ${r.exitCode}: ${r.stderr.trim().slice(0, 200)}` };
  return { ok: true, value: r.stdout.trim() };
}
