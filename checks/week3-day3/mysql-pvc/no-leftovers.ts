import { defineCheck, fail, KIND, literal, pass, text } from '../../lib/index.ts';
import { NAMES } from './lib/mysql.ts';

export default defineCheck({
  id: 'no-leftovers',
  title: text('mysql Pod와 mysql-pvc가 남아 있지 않음', 'No mysql pod and no mysql-pvc left'),
  async run(ctx) {
    const left: string[] = [];
    if (await ctx.kube.get(KIND.deployment, NAMES.deployment, ctx.namespace)) left.push(`deployment/${NAMES.deployment}`);
    for (const p of await ctx.kube.list(KIND.pod, ctx.namespace, NAMES.selector)) left.push(`pod/${p.metadata.name}`);
    if (await ctx.kube.get(KIND.pvc, NAMES.pvc, ctx.namespace)) left.push(`pvc/${NAMES.pvc}`);
    if (left.length === 0) return pass(text('모두 삭제됨', 'all deleted'));
    return fail(text('mysql 관련 리소스 없음', 'no mysql objects left'), literal(left.join(', ')), text(
      `kubectl delete -f mysql-deployment.yaml -f mysql-pvc.yaml -n ${ctx.namespace}`,
      `Run kubectl delete -f mysql-deployment.yaml -f mysql-pvc.yaml -n ${ctx.namespace}`,
    ));
  },
});
