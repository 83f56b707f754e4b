import { defineCheck, fail, KIND, literal, pass, text } from '../../lib/index.ts';
import { claimFor, NAMES, ORDINALS } from './lib/redis.ts';

export default defineCheck({
  id: 'no-leftovers',
  title: text('redis 관련 리소스가 남아 있지 않음', 'No redis objects left'),
  async run(ctx) {
    const left: string[] = [];
    if (await ctx.kube.get(KIND.statefulSet, NAMES.statefulSet, ctx.namespace)) left.push(`statefulset/${NAMES.statefulSet}`);
    if (await ctx.kube.get(KIND.service, NAMES.service, ctx.namespace)) left.push(`service/${NAMES.service}`);
    for (const p of await ctx.kube.list(KIND.pod, ctx.namespace, NAMES.selector)) left.push(`pod/${p.metadata.name}`);
    for (const name of ORDINALS) if (await ctx.kube.get(KIND.pvc, claimFor(name), ctx.namespace)) left.push(`pvc/${claimFor(name)}`);
    if (left.length === 0) return pass(text('모두 삭제됨', 'all deleted'));
    return fail(text('redis 관련 리소스 없음', 'no redis objects left'), literal(left.join(', ')), text(
      `kubectl delete statefulset redis; kubectl delete service redis-headless; kubectl delete pvc -l app=redis (-n ${ctx.namespace})`,
      `Run kubectl delete statefulset redis; kubectl delete service redis-headless; kubectl delete pvc -l app=redis (-n ${ctx.namespace})`,
    ));
  },
});
