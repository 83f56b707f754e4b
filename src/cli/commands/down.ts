import { createdClusters, deleteKindCluster, KIND_CLUSTER } from '../../cluster/kind.ts';
import { runCommand } from '../../exec/run.ts';
import { say } from '../session.ts';

/** `labs down`: deletes the kind cluster labs created, and nothing else. */
export async function down(): Promise<void> {
  if (!createdClusters().includes(KIND_CLUSTER)) {
    say(`labs has not created a cluster (or already deleted it); nothing to delete. Clusters you made yourself are never touched.`);
    return;
  }
  await deleteKindCluster(runCommand, KIND_CLUSTER);
  say(`deleted kind cluster "${KIND_CLUSTER}" and its kubeconfig context kind-${KIND_CLUSTER}.`);
}
