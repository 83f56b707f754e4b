import { ABSENT, type ApiObject, defineCheck, fail, KIND, kubectl, mismatch, pass, PRESENT, text, type Mismatch } from 'labs/check';
import { claimFor, NAMES, OBJ, ORDINALS } from './lib/redis.ts';

export default defineCheck({
  id: 'pvcs-kept',
  title: text('StatefulSet을 지워도 PVC는 남음', 'The PVCs outlive the StatefulSet'),
  async run(ctx) {
    const problems: Mismatch[] = [];
    if (await ctx.kube.get(KIND.statefulSet, NAMES.statefulSet, ctx.namespace)) problems.push(mismatch(OBJ.statefulSet, '', ABSENT, PRESENT));
    let lost = false;
    for (const name of ORDINALS) {
      const pvc = await ctx.kube.get(KIND.pvc, claimFor(name), ctx.namespace);
      const obj = `PersistentVolumeClaim/${claimFor(name)}`;
      if (!pvc) problems.push(mismatch(obj, '', PRESENT, ABSENT));
      // whenDeleted: Delete makes the StatefulSet own its PVCs; the garbage collector deletes them moments later.
      else if (pvc.metadata.deletionTimestamp) problems.push(mismatch(obj, 'metadata.deletionTimestamp', ABSENT, String(pvc.metadata.deletionTimestamp)));
      else if (ownedByStatefulSet(pvc)) problems.push(mismatch(obj, 'metadata.ownerReferences', ABSENT, OBJ.statefulSet));
      else continue;
      lost = true;
    }
    if (problems.length === 0) {
      return pass(text(
        'PVC 3개가 남아 있습니다. StatefulSet을 지워도 데이터 보호를 위해 PVC는 자동 삭제되지 않습니다(persistentVolumeClaimRetentionPolicy 기본값 Retain). 같은 StatefulSet을 다시 만들면 같은 데이터를 다시 씁니다.',
        'The three PVCs remain: deleting a StatefulSet keeps its PVCs to protect the data (persistentVolumeClaimRetentionPolicy defaults to Retain). Recreate the StatefulSet and it reuses the same data.',
      ));
    }
    const hint = lost
      ? text(
          'StatefulSet의 PVC는 일부러 남겨 둡니다: 실수로 StatefulSet을 지워도 데이터가 살아남도록요. persistentVolumeClaimRetentionPolicy.whenDeleted: Delete를 쓰지 말고, PVC는 다음 단계에서 직접 지우세요.',
          "A StatefulSet's PVCs are kept on purpose, so deleting the StatefulSet by mistake loses no data. Do not set persistentVolumeClaimRetentionPolicy.whenDeleted: Delete; delete the PVCs yourself in the next step.",
        )
      : text(`${kubectl(ctx.namespace, 'delete statefulset redis')} 로 StatefulSet을 지우세요.`, `Delete the StatefulSet: ${kubectl(ctx.namespace, 'delete statefulset redis')}`);
    return fail(problems, hint);
  },
});

function ownedByStatefulSet(pvc: ApiObject): boolean {
  const refs = (pvc.metadata.ownerReferences ?? []) as { kind?: string; name?: string }[];
  return refs.some((r) => r.kind === 'StatefulSet' && r.name === NAMES.statefulSet);
}
