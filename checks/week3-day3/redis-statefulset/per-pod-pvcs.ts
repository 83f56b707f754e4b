// Code, not data: it pairs each pod with its own claim (redis-data-<pod>), checks no other pod shares it and that
// the three claims sit on three distinct PVs and ask for the student's size (their variant), and remembers each pod's
// volume for the identity checks.
import { type RawClaim, view, ABSENT, defineCheck, fail, KIND, kubectl, literal, mismatch, orAbsent, pass, PRESENT, sameQuantity, text, volumeAt, type Mismatch } from 'labs/check';
import { claimFor, NAMES, noPods, noStatefulSet, ORDINALS, redisSet, type PodIdentity } from './lib/redis.ts';

export default defineCheck({
  id: 'per-pod-pvcs',
  title: text('Pod마다 자기 PVC(redis-data-redis-N, {{var storage}})를 /data에 마운트, PV 3개', 'Each pod mounts its own Bound PVC redis-data-redis-N ({{var storage}}) at /data, on three distinct PVs'),
  async run(ctx) {
    const { sts, pods } = await redisSet(ctx);
    if (!sts) return noStatefulSet();
    if (pods.length === 0) return noPods();
    const problems: Mismatch[] = [];
    const remembered: Record<string, PodIdentity> = {};
    const pvOwners = new Map<string, string>();
    const size = ctx.variables?.storage ?? '500Mi';
    for (const name of ORDINALS) {
      const claim = claimFor(name);
      const pvc = await ctx.kube.get(KIND.pvc, claim, ctx.namespace);
      const phase = view<RawClaim | undefined>(pvc)?.status?.phase;
      const pv = view<RawClaim | undefined>(pvc)?.spec?.volumeName;
      if (!pvc) problems.push(mismatch(`PersistentVolumeClaim/${claim}`, '', PRESENT, ABSENT));
      else if (phase !== 'Bound' || !pv) problems.push(mismatch(`PersistentVolumeClaim/${claim}`, 'status.phase', 'Bound', phase ?? 'Pending'));
      const asked = view<RawClaim | undefined>(pvc)?.spec?.resources?.requests?.storage;
      if (pvc && !sameQuantity(asked, size)) problems.push(mismatch(`PersistentVolumeClaim/${claim}`, 'spec.resources.requests.storage', size, orAbsent(asked)));
      const pod = pods.find((p) => p.name === name);
      const at = pod ? volumeAt(pod, NAMES.mountPath) : undefined;
      if (!pod) problems.push(mismatch(`Pod/${name}`, '', PRESENT, ABSENT));
      else if (at?.claim !== claim) {
        problems.push(mismatch(`Pod/${name}`, `volumeMounts[${NAMES.mountPath}]`, `persistentVolumeClaim ${claim}`, at?.claim ? `persistentVolumeClaim ${at.claim}` : at?.emptyDir ? 'emptyDir' : orAbsent(at?.volume)));
      }
      const sharers = pods.filter((p) => p.name !== name && p.volumes.some((v) => v.claimName === claim)).map((p) => p.name);
      if (sharers.length > 0) problems.push(mismatch(`PersistentVolumeClaim/${claim}`, 'mountedBy', [name], [name, ...sharers]));
      if (pv && pvOwners.has(pv)) problems.push(mismatch(`PersistentVolumeClaim/${claim}`, 'spec.volumeName', `≠ ${pv} (${pvOwners.get(pv)})`, pv));
      if (pv) pvOwners.set(pv, claim);
      // Remember every pod, and the volume of each that is right, even when another is not: later checks
      // need only what they judge (data-survived the pod's UID, same-identity its PVC and PV too).
      if (pod) remembered[name] = { uid: pod.uid, ...(pv && phase === 'Bound' && at?.claim === claim && sharers.length === 0 ? { pvc: claim, pv } : {}) };
    }
    if (problems.length === 0) return pass(literal(Object.entries(remembered).map(([p, r]) => `${p}→${r.pv}`).join(', ')), remembered);
    const redo = `${kubectl(ctx.namespace, 'delete statefulset redis')}; ${kubectl(ctx.namespace, 'apply -f redis-statefulset.yaml')}`;
    return fail(problems, text(
      `volumeClaimTemplates(name: redis-data, storageClassName: hostpath, storage: ${size})를 쓰고 /data에 redis-data를 마운트하세요. 하나의 PVC나 emptyDir를 공유하면 Pod마다의 스토리지가 아닙니다. volumeClaimTemplates는 바꿀 수 없으니 파일을 고친 뒤 StatefulSet을 다시 만드세요: ${redo}`,
      `Use volumeClaimTemplates (name: redis-data, storageClassName: hostpath, storage: ${size}) and mount redis-data at /data. A shared PVC or an emptyDir is not storage per pod. volumeClaimTemplates cannot change: fix the file and create the StatefulSet again: ${redo}`,
    ), { remember: remembered });
  },
});
