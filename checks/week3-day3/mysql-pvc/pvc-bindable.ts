// Code, not data: whether Pending is right depends on another object, the claim's StorageClass (its binding mode),
// and the verdict teaches which of the two modes the cluster has.
import { blocked, defineCheck, fail, KIND, kubectl, mismatch, oneOf, pass, PRESENT, ABSENT, text, view, type RawClaim } from 'labs/check';

const PVC = 'mysql-pvc';
const OBJ = `PersistentVolumeClaim/${PVC}`;

export default defineCheck({
  id: 'pvc-bindable',
  title: text('PVC가 Bound이거나 첫 Pod를 기다리는 중', 'PVC is Bound, or Pending only until its first consumer'),
  async run(ctx) {
    const found = await ctx.kube.get(KIND.pvc, PVC, ctx.namespace);
    if (!found) return blocked('pvc-spec', [mismatch(OBJ, '', PRESENT, ABSENT)], text('먼저 mysql-pvc.yaml을 적용하세요.', 'Apply mysql-pvc.yaml first.'));
    const pvc = view<RawClaim>(found);
    const phase = pvc.status?.phase ?? 'Pending';
    const volume = pvc.spec?.volumeName;
    if (phase === 'Bound') {
      return pass(text(
        `Bound: PV ${volume}에 연결됨 (StorageClass가 Immediate 모드라 PVC를 만들자마자 PV가 프로비저닝되었습니다)`,
        `Bound to PV ${volume} (the StorageClass binds Immediately: a PV was provisioned as soon as the PVC existed)`,
      ));
    }
    const className = pvc.spec?.storageClassName;
    const sc = className ? await ctx.kube.get(KIND.storageClass, className) : undefined;
    if (className && !sc) {
      return fail([mismatch(`StorageClass/${className}`, '', PRESENT, ABSENT)], text(
        `${kubectl(ctx.namespace, 'get storageclass')}로 있는 클래스를 보세요. labs start가 만든 클러스터에는 hostpath가 있습니다.`,
        `See the classes that exist with ${kubectl(ctx.namespace, 'get storageclass')}; a cluster made by labs has hostpath.`,
      ));
    }
    const mode = view<{ volumeBindingMode?: string }>(sc).volumeBindingMode;
    if (phase === 'Pending' && mode === 'WaitForFirstConsumer') {
      return pass(text(
        `Pending: StorageClass ${className}은(는) WaitForFirstConsumer 모드라 이 PVC를 쓰는 Pod가 스케줄될 때 PV를 만듭니다. Immediate 모드는 PVC를 만들자마자 바인딩합니다. 다음 단계에서 Bound가 됩니다.`,
        `Pending: StorageClass ${className} binds WaitForFirstConsumer, so the PV is made when a pod using this PVC is scheduled. Immediate classes bind as soon as the PVC exists. It will be Bound after the next step.`,
      ));
    }
    return fail([mismatch(OBJ, 'status.phase', oneOf('Bound', 'Pending (WaitForFirstConsumer)'), `${phase} (${className ?? '-'}, ${mode ?? '-'})`)], text(
      `${kubectl(ctx.namespace, `describe pvc ${PVC}`)}의 Events에서 프로비저닝이 왜 안 되는지 보세요.`,
      `Read the Events of ${kubectl(ctx.namespace, `describe pvc ${PVC}`)} to see why it is not provisioned.`,
    ));
  },
});
