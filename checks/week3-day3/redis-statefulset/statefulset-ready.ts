import { defineCheck, describePods, fail, KIND, literal, notFound, pass, text, troubleHint } from '../../lib/index.ts';
import { NAMES, redisPods } from './lib/redis.ts';

export default defineCheck({
  id: 'statefulset-ready',
  title: text('StatefulSet redis 3/3 Ready, serviceName redis-headless', 'StatefulSet redis is 3/3 ready with serviceName redis-headless'),
  async run(ctx) {
    const expected = text('StatefulSet redis: 3/3 Ready, serviceName redis-headless', 'StatefulSet redis: 3/3 ready, serviceName redis-headless');
    const sts = await ctx.kube.get(KIND.statefulSet, NAMES.statefulSet, ctx.namespace);
    if (!sts) {
      const dep = await ctx.kube.get(KIND.deployment, NAMES.statefulSet, ctx.namespace);
      const hint = dep
        ? text('redis가 Deployment로 만들어졌습니다. StatefulSet이어야 순서 있는 이름, Pod마다의 PVC, 고정 DNS를 얻습니다: kind: StatefulSet', 'redis is a Deployment. Only a StatefulSet gives ordinal names, a PVC per pod and stable DNS: use kind: StatefulSet.')
        : text(`kubectl apply -f redis-statefulset.yaml -n ${ctx.namespace}`, `Run kubectl apply -f redis-statefulset.yaml -n ${ctx.namespace}`);
      return fail(expected, notFound(`StatefulSet ${NAMES.statefulSet}`, ctx.namespace), hint);
    }
    const spec = sts.spec as { serviceName?: string; replicas?: number };
    const ready = (sts.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
    if (spec.serviceName !== NAMES.service) {
      return fail(expected, literal(`serviceName ${spec.serviceName ?? '-'}`), text(
        'serviceName은 Headless Service 이름(redis-headless)이어야 Pod별 DNS가 생깁니다. serviceName은 바꿀 수 없으니 StatefulSet을 지우고 다시 만드세요.',
        'serviceName must name the headless Service (redis-headless) for per-pod DNS. It cannot change: delete and recreate the StatefulSet.',
      ));
    }
    if (spec.replicas === NAMES.replicas && ready === NAMES.replicas) return pass(literal(`${ready}/${spec.replicas} Ready`));
    const pods = await redisPods(ctx);
    return fail(expected, text(`${ready}/${spec.replicas ?? 1} Ready; Pod: ${describePods(pods).ko}`, `${ready}/${spec.replicas ?? 1} ready; pods: ${describePods(pods).en}`),
      spec.replicas !== NAMES.replicas ? text('replicas: 3으로 하세요.', 'Set replicas: 3.') : troubleHint(pods, ctx.namespace));
  },
});
