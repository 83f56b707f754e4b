import { ABSENT, defineCheck, fail, KIND, kubectl, literal, mismatch, notReady, orAbsent, pass, PRESENT, text, troubleHint, type Mismatch } from 'labs/check';
import { NAMES, OBJ, redisSet } from './lib/redis.ts';

export default defineCheck({
  id: 'statefulset-ready',
  title: text('StatefulSet redis 3/3 Ready, serviceName redis-headless', 'StatefulSet redis is 3/3 ready with serviceName redis-headless'),
  async run(ctx) {
    const { sts, pods } = await redisSet(ctx);
    if (!sts) {
      const dep = await ctx.kube.get(KIND.deployment, NAMES.statefulSet, ctx.namespace);
      const hint = dep
        ? text('redis가 Deployment로 만들어졌습니다. StatefulSet이어야 순서 있는 이름, Pod마다의 PVC, 고정 DNS를 얻습니다: kind: StatefulSet', 'redis is a Deployment. Only a StatefulSet gives ordinal names, a PVC per pod and stable DNS: use kind: StatefulSet.')
        : text(`${kubectl(ctx.namespace, 'apply -f redis-statefulset.yaml')} 로 만드세요.`, `Create it: ${kubectl(ctx.namespace, 'apply -f redis-statefulset.yaml')}`);
      return fail([mismatch(OBJ.statefulSet, '', PRESENT, ABSENT), ...(dep ? [mismatch(`Deployment/${NAMES.statefulSet}`, '', ABSENT, PRESENT)] : [])], hint);
    }
    const spec = sts.spec as { serviceName?: string; replicas?: number };
    const ready = (sts.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
    const problems: Mismatch[] = [];
    if (spec.serviceName !== NAMES.service) problems.push(mismatch(OBJ.statefulSet, 'spec.serviceName', NAMES.service, orAbsent(spec.serviceName)));
    if ((spec.replicas ?? 1) !== NAMES.replicas) problems.push(mismatch(OBJ.statefulSet, 'spec.replicas', NAMES.replicas, spec.replicas ?? 1));
    if (ready !== NAMES.replicas) problems.push(mismatch(OBJ.statefulSet, 'status.readyReplicas', NAMES.replicas, ready), ...notReady(pods));
    if (problems.length === 0) return pass(literal(`${ready}/${spec.replicas} Ready`));
    const redo = `${kubectl(ctx.namespace, 'delete statefulset redis')}; ${kubectl(ctx.namespace, 'apply -f redis-statefulset.yaml')}`;
    const hint = spec.serviceName !== NAMES.service
      ? text(
          `serviceName은 Headless Service 이름(redis-headless)이어야 Pod별 DNS가 생깁니다. serviceName은 바꿀 수 없으니 파일을 고치고 StatefulSet을 지운 뒤 다시 만드세요 (PVC는 남습니다): ${redo}`,
          `serviceName must name the headless Service (redis-headless) for per-pod DNS. It cannot change: fix the file, delete the StatefulSet and create it again (the PVCs stay): ${redo}`,
        )
      : (spec.replicas ?? 1) !== NAMES.replicas
        ? text(`replicas: 3으로 하고 다시 적용하세요 (replicas는 바꿀 수 있습니다): ${kubectl(ctx.namespace, 'apply -f redis-statefulset.yaml')}`, `Set replicas: 3 and apply again (replicas may change): ${kubectl(ctx.namespace, 'apply -f redis-statefulset.yaml')}`)
        : troubleHint(pods, ctx.namespace);
    return fail(problems, hint, { evidence: await ctx.evidence(pods.filter((p) => !p.ready).map((p) => p.name)) });
  },
});
