import { defineCheck, fail, joinText, KIND, literal, notFound, parseQuantity, pass, text, type Text } from '../../lib/index.ts';
import { NAMES } from './lib/mysql.ts';

interface PvcSpec {
  accessModes?: string[];
  storageClassName?: string;
  resources?: { requests?: { storage?: string } };
}

export default defineCheck({
  id: 'pvc-spec',
  title: text('PVC mysql-pvc: 1Gi, ReadWriteOnce, StorageClass hostpath', 'PVC mysql-pvc asks for 1Gi, ReadWriteOnce, StorageClass hostpath'),
  async run(ctx) {
    const expected = text('PVC mysql-pvc: 요청 1Gi, accessModes [ReadWriteOnce], storageClassName hostpath', 'PVC mysql-pvc: requests 1Gi, accessModes [ReadWriteOnce], storageClassName hostpath');
    const pvc = await ctx.kube.get(KIND.pvc, NAMES.pvc, ctx.namespace);
    if (!pvc) {
      return fail(expected, notFound(`PVC ${NAMES.pvc}`, ctx.namespace), text(
        `kubectl apply -f mysql-pvc.yaml -n ${ctx.namespace} 후 kubectl get pvc -n ${ctx.namespace}로 확인하세요. 이름이 mysql-pvc인지도 보세요.`,
        `Run kubectl apply -f mysql-pvc.yaml -n ${ctx.namespace}, then kubectl get pvc -n ${ctx.namespace}. Check the name is mysql-pvc.`,
      ));
    }
    const spec = pvc.spec as PvcSpec;
    const problems: Text[] = [];
    const storage = spec.resources?.requests?.storage;
    if (parseQuantity(storage) !== parseQuantity('1Gi')) problems.push(literal(`resources.requests.storage: ${storage ?? '-'}`));
    const modes = spec.accessModes ?? [];
    if (modes.length !== 1 || modes[0] !== 'ReadWriteOnce') problems.push(literal(`accessModes: [${modes.join(', ')}]`));
    if (spec.storageClassName !== 'hostpath') problems.push(literal(`storageClassName: ${spec.storageClassName ?? '(none: the default class)'}`));
    if (problems.length === 0) return pass(literal(`1Gi, ReadWriteOnce, hostpath`));
    return fail(expected, joinText(problems), text(
      'PVC의 spec은 만든 뒤 바꿀 수 없습니다. kubectl delete pvc mysql-pvc 후 고친 mysql-pvc.yaml을 다시 적용하세요.',
      "A PVC's spec cannot change after creation: kubectl delete pvc mysql-pvc, fix mysql-pvc.yaml, and apply it again.",
    ));
  },
});
