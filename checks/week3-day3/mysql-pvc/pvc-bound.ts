import { defineCheck, fail, KIND, literal, notFound, pass, text } from '../../lib/index.ts';
import { NAMES } from './lib/mysql.ts';

export default defineCheck({
  id: 'pvc-bound',
  title: text('mysql-pvc가 PV에 Bound', 'mysql-pvc is Bound to a PV'),
  async run(ctx) {
    const expected = text('PVC mysql-pvc: Bound', 'PVC mysql-pvc: Bound');
    const pvc = await ctx.kube.get(KIND.pvc, NAMES.pvc, ctx.namespace);
    if (!pvc) return fail(expected, notFound(`PVC ${NAMES.pvc}`, ctx.namespace), text('mysql-pvc.yaml을 적용하세요.', 'Apply mysql-pvc.yaml.'));
    const phase = (pvc.status as { phase?: string } | undefined)?.phase ?? 'Pending';
    const pv = (pvc.spec as { volumeName?: string }).volumeName;
    if (phase === 'Bound' && pv) return pass(literal(`Bound → ${pv}`), { mysqlPv: pv });
    return fail(expected, literal(phase), text(
      `kubectl describe pvc ${NAMES.pvc} -n ${ctx.namespace}의 Events를 보세요. 이 PVC를 쓰는 Pod가 없으면 WaitForFirstConsumer 클래스는 바인딩하지 않습니다.`,
      `Read the Events of kubectl describe pvc ${NAMES.pvc} -n ${ctx.namespace}. A WaitForFirstConsumer class binds only once a pod uses the PVC.`,
    ));
  },
});
