import { ABSENT, blocked, defineCheck, fail, KIND, literal, mismatch, orAbsent, pass, PRESENT, text } from 'labs/check';
import { NAMES, OBJ } from './lib/mysql.ts';

export default defineCheck({
  id: 'same-volume',
  title: text('mysql-pvc가 여전히 같은 PV에 Bound', 'mysql-pvc is still bound to the same PV'),
  async run(ctx) {
    const before = (ctx.recall('pvc-bound') as { pv?: string } | undefined)?.pv;
    if (!before) return blocked('pvc-bound', [mismatch(OBJ.pvc, 'spec.volumeName', PRESENT, ABSENT)], text('Deploy 단계에서 PVC가 Bound여야 비교할 수 있습니다.', 'The PVC must be Bound in the deploy step to compare with.'));
    const pvc = await ctx.kube.get(KIND.pvc, NAMES.pvc, ctx.namespace);
    if (!pvc) return fail([mismatch(OBJ.pvc, '', PRESENT, ABSENT)], text('PVC를 지우면 데이터도 사라집니다. PVC는 그대로 두세요.', 'Deleting the PVC deletes the data; leave it in place.'));
    const pv = (pvc.spec as { volumeName?: string }).volumeName;
    if (pv === before && !pvc.metadata.deletionTimestamp) return pass(literal(`→ ${pv}`));
    return fail([mismatch(OBJ.pvc, 'spec.volumeName', before, orAbsent(pv))], text(
      'PVC를 다시 만들면 새 PV(빈 디스크)가 생깁니다. Pod만 지우고 PVC는 지우지 마세요.',
      'Recreating the PVC provisions a new, empty PV. Delete only the pod, never the PVC.',
    ));
  },
});
