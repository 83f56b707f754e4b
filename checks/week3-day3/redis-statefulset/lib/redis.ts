import { ABSENT, type ApiObject, blocked, type CheckContext, type CheckOutcome, KIND, livePods, mismatch, type PodView, PRESENT, text, workloadPods } from 'labs/check';

// What the redis checks written as code share; those written as data (*.yaml) name the same objects.

/** Names the lab uses, as the seed's manifests write them. */
export const NAMES = {
  service: 'redis-headless',
  statefulSet: 'redis',
  selector: 'app=redis',
  template: 'redis-data',
  mountPath: '/data',
  replicas: 3,
} as const;
/** The objects the checks talk about. */
export const OBJ = { service: `Service/${NAMES.service}`, statefulSet: `StatefulSet/${NAMES.statefulSet}` } as const;

/** redis-0, redis-1, redis-2. */
export const ORDINALS = Array.from({ length: NAMES.replicas }, (_, i) => `${NAMES.statefulSet}-${i}`);

/** The PVC a StatefulSet makes for pod `pod` from template `redis-data`. */
export function claimFor(pod: string): string {
  return `${NAMES.template}-${pod}`;
}

/** The StatefulSet (when it exists) and its live pods (by its own selector). */
export async function redisSet(ctx: CheckContext): Promise<{ sts?: ApiObject; pods: PodView[] }> {
  const sts = await ctx.kube.get(KIND.statefulSet, NAMES.statefulSet, ctx.namespace);
  return { sts, pods: sts ? await workloadPods(ctx, sts) : await livePods(ctx, NAMES.selector) };
}

/** The verdict when there is no StatefulSet at all: that is statefulset-ready's failure, not this check's. */
export function noStatefulSet(): CheckOutcome {
  return blocked('statefulset-ready', [mismatch(OBJ.statefulSet, '', PRESENT, ABSENT)], text('먼저 StatefulSet redis를 만드세요.', 'Create the StatefulSet redis first.'));
}

/** What per-pod-pvcs remembered of one pod in step statefulset: its UID, and its volume when that was right. */
export interface PodIdentity {
  uid: string;
  pvc?: string;
  pv?: string;
}

/** The verdict when the StatefulSet made no pod at all (refused by a quota, a LimitRange…): statefulset-ready says why. */
export function noPods(): CheckOutcome {
  return blocked('statefulset-ready', [mismatch(`${OBJ.statefulSet} pods`, '', PRESENT, ABSENT)], text('StatefulSet이 Pod를 하나도 만들지 못했습니다. statefulset-ready가 이유를 보여 줍니다.', 'The StatefulSet made no pod at all; statefulset-ready shows why.'));
}
