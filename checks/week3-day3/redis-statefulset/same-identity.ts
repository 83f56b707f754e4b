// Code, not data: the new redis-0 is compared with what per-pod-pvcs remembered of the old one (UID, claim, PV),
// across the pod, its mount and its claim.
import { type RawClaim, view, ABSENT, blocked, defineCheck, fail, KIND, kubectl, literal, mismatch, not, notReady, orAbsent, pass, PRESENT, text, volumeAt, type Mismatch } from 'labs/check';
import { claimFor, NAMES, redisSet, type PodIdentity } from './lib/redis.ts';

export default defineCheck({
  id: 'same-identity',
  title: text('redis-0: 새 UID, 같은 이름, 같은 PVC와 PV', 'redis-0 has a new UID, the same name, the same PVC and PV'),
  async run(ctx) {
    const before = (ctx.recall('per-pod-pvcs') as Record<string, PodIdentity> | undefined)?.['redis-0'];
    // Only redis-0's own volume as it was then is needed, not the whole set.
    if (!before?.pvc || !before.pv) return blocked('per-pod-pvcs', [mismatch('Pod/redis-0', `volumeMounts[${NAMES.mountPath}]`, PRESENT, ABSENT)], text('statefulset 단계에서 redis-0이 자기 PVC를 마운트하고 있어야 비교할 수 있습니다.', 'redis-0 must have mounted its own PVC in step statefulset to compare with.'));
    const { pods } = await redisSet(ctx);
    const problems: Mismatch[] = [];
    // The remembered redis-0 must be gone: a pod that was never deleted keeps its UID.
    const old = (await ctx.kube.list(KIND.pod, ctx.namespace)).find((p) => p.metadata.uid === before.uid);
    if (old) problems.push(mismatch('Pod/redis-0', 'metadata.uid', not(before.uid), before.uid));
    const pod = pods.find((p) => p.name === 'redis-0' && p.uid !== before.uid);
    if (!pod) problems.push(mismatch('Pod/redis-0', '', PRESENT, ABSENT));
    else if (!pod.ready) problems.push(...notReady([pod]));
    const claim = pod ? volumeAt(pod, NAMES.mountPath).claim : undefined;
    if (pod && claim !== claimFor('redis-0')) problems.push(mismatch('Pod/redis-0', `volumeMounts[${NAMES.mountPath}]`, `persistentVolumeClaim ${claimFor('redis-0')}`, orAbsent(claim)));
    const pvc = await ctx.kube.get(KIND.pvc, before.pvc, ctx.namespace);
    const pv = view<RawClaim | undefined>(pvc)?.spec?.volumeName;
    if (pv !== before.pv) problems.push(mismatch(`PersistentVolumeClaim/${before.pvc}`, pvc ? 'spec.volumeName' : '', pvc ? before.pv : PRESENT, pvc ? orAbsent(pv) : ABSENT));
    if (problems.length === 0) return pass(literal(`redis-0 ${pod!.uid}, ${claim} → ${pv}`));
    return fail(problems, text(
      `${kubectl(ctx.namespace, 'delete pod redis-0')} 후 ${kubectl(ctx.namespace, 'wait --for=condition=ready pod redis-0')} 으로 기다리세요. PVC는 지우지 마세요.`,
      `Run ${kubectl(ctx.namespace, 'delete pod redis-0')}, then ${kubectl(ctx.namespace, 'wait --for=condition=ready pod redis-0')}. Do not delete the PVC.`,
    ));
  },
});
