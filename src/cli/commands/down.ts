import { createdClusters, deleteKindCluster, KIND_CLUSTER } from '../../cluster/kind.ts';
import { runCommand } from '../../exec/run.ts';
import { text } from '../../model/text.ts';
import { say } from '../session.ts';

/** `labs down`: deletes the kind cluster labs created, and nothing else. */
export async function down(): Promise<void> {
  if (!createdClusters().includes(KIND_CLUSTER)) {
    say(text('labs가 만든 클러스터가 없습니다 (이미 지웠을 수 있습니다). 직접 만든 클러스터는 건드리지 않습니다.', 'labs has not created a cluster (or already deleted it); nothing to delete. Clusters you made yourself are never touched.'));
    return;
  }
  await deleteKindCluster(runCommand, KIND_CLUSTER);
  say(text(`kind 클러스터 "${KIND_CLUSTER}"와 kubeconfig 컨텍스트 kind-${KIND_CLUSTER}를 지웠습니다.`, `deleted kind cluster "${KIND_CLUSTER}" and its kubeconfig context kind-${KIND_CLUSTER}.`));
}
