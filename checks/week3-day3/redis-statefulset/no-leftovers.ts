import { ABSENT, defineCheck, fail, KIND, kubectl, mismatch, pass, PRESENT, text } from 'labs/check';
import { claimFor, NAMES, OBJ, ORDINALS } from './lib/redis.ts';

export default defineCheck({
  id: 'no-leftovers',
  title: text('redis 관련 리소스가 남아 있지 않음', 'No redis objects left'),
  async run(ctx) {
    const left: string[] = [];
    if (await ctx.kube.get(KIND.statefulSet, NAMES.statefulSet, ctx.namespace)) left.push(OBJ.statefulSet);
    if (await ctx.kube.get(KIND.service, NAMES.service, ctx.namespace)) left.push(OBJ.service);
    for (const p of await ctx.kube.list(KIND.pod, ctx.namespace, NAMES.selector)) left.push(`Pod/${p.metadata.name}`);
    for (const name of ORDINALS) if (await ctx.kube.get(KIND.pvc, claimFor(name), ctx.namespace)) left.push(`PersistentVolumeClaim/${claimFor(name)}`);
    if (left.length === 0) return pass(text('모두 삭제됨', 'all deleted'));
    const cmd = [kubectl(ctx.namespace, 'delete statefulset redis'), kubectl(ctx.namespace, 'delete service redis-headless'), kubectl(ctx.namespace, 'delete pvc -l app=redis')].join('; ');
    return fail(left.map((o) => mismatch(o, '', ABSENT, PRESENT)), text(`${cmd} 를 실행하세요.`, `Run ${cmd}`));
  },
});
