import { ABSENT, blocked, defineCheck, fail, KIND, kubectl, literal, mismatch, pass, PRESENT, text } from 'labs/check';
import { NAMES, OBJ } from './lib/mysql.ts';

export default defineCheck({
  id: 'pvc-bound',
  title: text('mysql-pvc가 PV에 Bound', 'mysql-pvc is Bound to a PV'),
  async run(ctx) {
    const pvc = await ctx.kube.get(KIND.pvc, NAMES.pvc, ctx.namespace);
    if (!pvc) return blocked('pvc-spec', [mismatch(OBJ.pvc, '', PRESENT, ABSENT)], text('mysql-pvc.yaml을 적용하세요.', 'Apply mysql-pvc.yaml.'));
    const phase = (pvc.status as { phase?: string } | undefined)?.phase ?? 'Pending';
    const pv = (pvc.spec as { volumeName?: string }).volumeName;
    if (phase === 'Bound' && pv) return pass(literal(`Bound → ${pv}`), { pv });
    return fail([mismatch(OBJ.pvc, 'status.phase', 'Bound', phase)], text(
      `${kubectl(ctx.namespace, `describe pvc ${NAMES.pvc}`)}의 Events를 보세요. 이 PVC를 쓰는 Pod가 없으면 WaitForFirstConsumer 클래스는 바인딩하지 않습니다.`,
      `Read the Events of ${kubectl(ctx.namespace, `describe pvc ${NAMES.pvc}`)}. A WaitForFirstConsumer class binds only once a pod uses the PVC.`,
    ));
  },
});
