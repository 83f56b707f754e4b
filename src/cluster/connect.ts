import { KubeError } from '../errors.ts';
import { loadKubeConfig, Kube } from '../kube/client.ts';
import { type Runner } from '../exec/run.ts';
import { createKindCluster, KIND_CONTEXT, kindClusterExists } from './kind.ts';
import { ensureSeedStorageClass } from './storage-class.ts';

/** How to reach a cluster. */
export interface ConnectOptions {
  /** An existing kubeconfig context; when omitted, labs' own kind cluster. */
  context?: string;
  /** A kubeconfig file other than the default. */
  kubeconfig?: string;
  /** Create the kind cluster when it does not exist (start and smoke do; check does not). */
  create: boolean;
  run: Runner;
  /** Tells the user what was done to their environment. */
  say: (line: string) => void;
}

/** A connected cluster: the client and the context it uses. */
export interface Connection {
  kube: Kube;
  context: string;
}

/**
 * Connects to the chosen context, or to labs' kind cluster (creating it when allowed), and makes the
 * seed's StorageClass available. Always talks to an explicit context.
 */
export async function connect(o: ConnectOptions): Promise<Connection> {
  let context = o.context;
  if (!context) {
    if (!(await kindClusterExists(o.run))) {
      if (!o.create) {
        throw new KubeError('no cluster: labs has not created its kind cluster yet', 'Run `labs start <lab>` to create it, or pass --context <name> to use an existing cluster.');
      }
      o.say('Creating kind cluster "labs" (a minute or two the first time)…');
      context = await createKindCluster(o.run);
      o.say(`kind made "${context}" your kubectl current context, so the lab's kubectl commands reach it.`);
    } else {
      context = KIND_CONTEXT;
    }
  }
  const kube = new Kube(loadKubeConfig(context, o.kubeconfig));
  await kube.version();
  const sc = await ensureSeedStorageClass(kube);
  if (sc.created) o.say(`Created StorageClass "hostpath" (served by ${sc.provisioner}) so the seed's manifests work unchanged.`);
  if (sc.problem) o.say(`Warning: ${sc.problem}.`);
  return { kube, context };
}
