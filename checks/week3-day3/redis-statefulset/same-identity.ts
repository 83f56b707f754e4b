import { defineCheck, fail, joinText, KIND, literal, MissingStateError, pass, text, type Text } from '../../lib/index.ts';
import { claimFor, NAMES, redisPods, type PodIdentity } from './lib/redis.ts';

export default defineCheck({
  id: 'same-identity',
  title: text('redis-0: 새 UID, 같은 이름, 같은 PVC와 PV', 'redis-0 has a new UID, the same name, the same PVC and PV'),
  async run(ctx) {
    const before = (ctx.state.redisPods as Record<string, PodIdentity> | undefined)?.['redis-0'];
    if (!before) throw new MissingStateError('redisPods', 'statefulset');
    const expected = text(`redis-0: UID ≠ ${before.uid}, PVC ${before.pvc} → PV ${before.pv}`, `redis-0 with a new UID (not ${before.uid}), PVC ${before.pvc} on PV ${before.pv}`);
    const pod = (await redisPods(ctx)).find((p) => p.name === 'redis-0');
    const problems: Text[] = [];
    if (!pod || !pod.ready) problems.push(text('redis-0이 Ready가 아님', 'redis-0 is not Ready'));
    else if (pod.uid === before.uid) problems.push(text(`redis-0이 삭제되지 않음 (UID ${pod.uid})`, `redis-0 was not deleted (UID ${pod.uid})`));
    const volume = pod?.containers.flatMap((c) => c.volumeMounts ?? []).find((m) => m.mountPath === NAMES.mountPath)?.name;
    const claim = pod?.volumes.find((v) => v.name === volume)?.claimName;
    if (pod && claim !== claimFor('redis-0')) problems.push(literal(`redis-0 ${NAMES.mountPath} ← ${claim ?? '-'}`));
    const pvc = await ctx.kube.get(KIND.pvc, before.pvc, ctx.namespace);
    const pv = (pvc?.spec as { volumeName?: string } | undefined)?.volumeName;
    if (pv !== before.pv) problems.push(literal(`${before.pvc} → ${pv ?? '(missing)'}`));
    if (problems.length === 0) return pass(literal(`redis-0 ${pod!.uid}, ${claim} → ${pv}`));
    return fail(expected, joinText(problems), text(
      'kubectl delete pod redis-0 후 kubectl wait --for=condition=ready pod redis-0 으로 기다리세요. PVC는 지우지 마세요.',
      'Run kubectl delete pod redis-0, then kubectl wait --for=condition=ready pod redis-0. Do not delete the PVC.',
    ));
  },
});
