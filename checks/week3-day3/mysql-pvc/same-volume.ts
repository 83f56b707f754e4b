import { defineCheck, fail, KIND, literal, MissingStateError, notFound, pass, text } from '../../lib/index.ts';
import { NAMES } from './lib/mysql.ts';

export default defineCheck({
  id: 'same-volume',
  title: text('mysql-pvc가 여전히 같은 PV에 Bound', 'mysql-pvc is still bound to the same PV'),
  async run(ctx) {
    const before = ctx.state.mysqlPv as string | undefined;
    if (!before) throw new MissingStateError('mysqlPv', 'deploy');
    const expected = text(`PVC mysql-pvc → PV ${before}`, `PVC mysql-pvc bound to PV ${before}`);
    const pvc = await ctx.kube.get(KIND.pvc, NAMES.pvc, ctx.namespace);
    if (!pvc) return fail(expected, notFound(`PVC ${NAMES.pvc}`, ctx.namespace), text('PVC를 지우면 데이터도 사라집니다. PVC는 그대로 두세요.', 'Deleting the PVC deletes the data; leave it in place.'));
    const pv = (pvc.spec as { volumeName?: string }).volumeName;
    if (pv === before) return pass(literal(`→ ${pv}`));
    return fail(expected, literal(`→ ${pv ?? '(unbound)'}`), text(
      'PVC를 다시 만들면 새 PV(빈 디스크)가 생깁니다. Pod만 지우고 PVC는 지우지 마세요.',
      'Recreating the PVC provisions a new, empty PV. Delete only the pod, never the PVC.',
    ));
  },
});
