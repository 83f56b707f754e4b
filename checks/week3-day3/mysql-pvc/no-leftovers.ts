import { ABSENT, defineCheck, fail, KIND, kubectl, mismatch, pass, PRESENT, text } from 'labs/check';
import { NAMES, OBJ } from './lib/mysql.ts';

export default defineCheck({
  id: 'no-leftovers',
  title: text('mysql Pod와 mysql-pvc가 남아 있지 않음', 'No mysql pod and no mysql-pvc left'),
  async run(ctx) {
    const left: string[] = [];
    if (await ctx.kube.get(KIND.deployment, NAMES.deployment, ctx.namespace)) left.push(OBJ.deployment);
    for (const p of await ctx.kube.list(KIND.pod, ctx.namespace, NAMES.selector)) left.push(`Pod/${p.metadata.name}`);
    if (await ctx.kube.get(KIND.pvc, NAMES.pvc, ctx.namespace)) left.push(OBJ.pvc);
    if (left.length === 0) return pass(text('모두 삭제됨', 'all deleted'));
    const cmd = `${kubectl(ctx.namespace, 'delete -f mysql-deployment.yaml')}; ${kubectl(ctx.namespace, 'delete -f mysql-pvc.yaml')}`;
    return fail(left.map((o) => mismatch(o, '', ABSENT, PRESENT)), text(`${cmd} 를 실행하세요.`, `Run ${cmd}`));
  },
});
