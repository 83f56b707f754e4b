import { ABSENT, defineCheck, fail, KIND, kubectl, mismatch, orAbsent, parseQuantity, pass, PRESENT, literal, text, type Mismatch } from 'labs/check';
import { NAMES, OBJ } from './lib/mysql.ts';

interface PvcSpec {
  accessModes?: string[];
  storageClassName?: string;
  resources?: { requests?: { storage?: string } };
}

export default defineCheck({
  id: 'pvc-spec',
  title: text('PVC mysql-pvc: 1Gi, ReadWriteOnce, StorageClass hostpath', 'PVC mysql-pvc asks for 1Gi, ReadWriteOnce, StorageClass hostpath'),
  async run(ctx) {
    const pvc = await ctx.kube.get(KIND.pvc, NAMES.pvc, ctx.namespace);
    if (!pvc) {
      return fail([mismatch(OBJ.pvc, '', PRESENT, ABSENT)], text(
        `${kubectl(ctx.namespace, 'apply -f mysql-pvc.yaml')} 후 ${kubectl(ctx.namespace, 'get pvc')}로 확인하세요. 이름이 mysql-pvc인지도 보세요.`,
        `Run ${kubectl(ctx.namespace, 'apply -f mysql-pvc.yaml')}, then ${kubectl(ctx.namespace, 'get pvc')}. Check the name is mysql-pvc.`,
      ));
    }
    const spec = pvc.spec as PvcSpec;
    const problems: Mismatch[] = [];
    const storage = spec.resources?.requests?.storage;
    if (parseQuantity(storage) !== parseQuantity('1Gi')) problems.push(mismatch(OBJ.pvc, 'spec.resources.requests.storage', '1Gi', orAbsent(storage)));
    const modes = spec.accessModes ?? [];
    if (modes.length !== 1 || modes[0] !== 'ReadWriteOnce') problems.push(mismatch(OBJ.pvc, 'spec.accessModes', ['ReadWriteOnce'], modes));
    if (spec.storageClassName !== 'hostpath') problems.push(mismatch(OBJ.pvc, 'spec.storageClassName', 'hostpath', orAbsent(spec.storageClassName)));
    if (problems.length === 0) return pass(literal('1Gi, ReadWriteOnce, hostpath'));
    const redo = [kubectl(ctx.namespace, 'delete deployment mysql --ignore-not-found'), kubectl(ctx.namespace, 'delete pvc mysql-pvc'), kubectl(ctx.namespace, 'apply -f mysql-pvc.yaml')].join('; ');
    return fail(problems, text(
      `PVC의 spec은 만든 뒤 바꿀 수 없습니다 (다시 apply하면 "spec is immutable" 오류). mysql-pvc.yaml을 고치고, PVC를 쓰는 Deployment와 PVC를 지운 뒤 다시 만드세요: ${redo}`,
      `A PVC's spec cannot change after creation (applying again fails with "spec is immutable"). Fix mysql-pvc.yaml, delete the Deployment using it and the PVC, and create it again: ${redo}`,
    ));
  },
});
