import { createdClusters, deleteKindCluster, KIND_CLUSTER } from '../../cluster/kind.ts';
import { runCommand } from '../../exec/run.ts';
import { MSG } from '../messages.ts';
import { say } from '../session.ts';

/** `labs down`: deletes the kind cluster labs created, and nothing else. */
export async function down(): Promise<void> {
  if (!createdClusters().includes(KIND_CLUSTER)) {
    say(MSG.noClusterToDelete);
    return;
  }
  await deleteKindCluster(runCommand, KIND_CLUSTER);
  say(MSG.clusterDeleted(KIND_CLUSTER));
}
