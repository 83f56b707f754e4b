import { defineCheck, fail, joinText, KIND, literal, pass, text, type Text } from '../../lib/index.ts';
import { claimFor, NAMES, ORDINALS, redisPods, type PodIdentity } from './lib/redis.ts';

export default defineCheck({
  id: 'per-pod-pvcs',
  title: text('Pod마다 자기 PVC(redis-data-redis-N)를 /data에 마운트, PV 3개', 'Each pod mounts its own Bound PVC redis-data-redis-N at /data, on three distinct PVs'),
  async run(ctx) {
    const expected = text('redis-data-redis-0..2 Bound, 각 Pod가 자기 PVC만 /data에 마운트, 서로 다른 PV 3개', 'redis-data-redis-0..2 Bound, each mounted at /data by its own pod only, three distinct PVs');
    const pods = await redisPods(ctx);
    const problems: Text[] = [];
    const remembered: Record<string, PodIdentity> = {};
    for (const name of ORDINALS) {
      const claim = claimFor(name);
      const pvc = await ctx.kube.get(KIND.pvc, claim, ctx.namespace);
      const phase = (pvc?.status as { phase?: string } | undefined)?.phase;
      const pv = (pvc?.spec as { volumeName?: string } | undefined)?.volumeName;
      if (!pvc) problems.push(text(`PVC ${claim} 없음`, `no PVC ${claim}`));
      else if (phase !== 'Bound' || !pv) problems.push(literal(`${claim} ${phase ?? 'Pending'}`));
      const pod = pods.find((p) => p.name === name);
      const mountVolume = pod?.containers.flatMap((c) => c.volumeMounts ?? []).find((m) => m.mountPath === NAMES.mountPath)?.name;
      const claimAtData = pod?.volumes.find((v) => v.name === mountVolume)?.claimName;
      if (!pod) problems.push(text(`Pod ${name} 없음`, `no pod ${name}`));
      else if (claimAtData !== claim) problems.push(literal(`${name}: ${NAMES.mountPath} ← ${claimAtData ? `PVC ${claimAtData}` : mountVolume ? `volume ${mountVolume} (not a PVC)` : 'nothing'}`));
      const sharers = pods.filter((p) => p.name !== name && p.volumes.some((v) => v.claimName === claim)).map((p) => p.name);
      if (sharers.length > 0) problems.push(literal(`${claim} also mounted by ${sharers.join(', ')}`));
      if (pod && pv) remembered[name] = { uid: pod.uid, pvc: claim, pv };
    }
    const pvs = new Set(Object.values(remembered).map((r) => r.pv));
    if (problems.length === 0 && pvs.size === ORDINALS.length) {
      return pass(literal(Object.entries(remembered).map(([p, r]) => `${p}→${r.pv}`).join(', ')), { redisPods: remembered });
    }
    if (problems.length === 0) problems.push(literal(`PVs: ${[...pvs].join(', ')}`));
    return fail(expected, joinText(problems), text(
      'volumeClaimTemplates(name: redis-data, storageClassName: hostpath)를 쓰고 /data에 redis-data를 마운트하세요. 하나의 PVC나 emptyDir를 공유하면 Pod마다의 스토리지가 아닙니다.',
      'Use volumeClaimTemplates (name: redis-data, storageClassName: hostpath) and mount redis-data at /data. A shared PVC or an emptyDir is not storage per pod.',
    ));
  },
});
