import { KubeConfig } from '@kubernetes/client-node';
import { KubeError } from '../errors.ts';
import { loadKubeConfig, Kube } from '../kube/client.ts';
import { type Runner } from '../exec/run.ts';
import { type Text } from '../model/text.ts';
import { createKindCluster, KIND_CONTEXT, kindClusterExists } from './kind.ts';
import { ensureSeedStorageClass } from './storage-class.ts';
import { checkArchive } from './image-archive.ts';
import { imagesTarget, loadImageArchive } from './image-load.ts';
import { MSG } from './messages.ts';

/** How to reach a cluster. */
export interface ConnectOptions {
  /** An existing kubeconfig context; when omitted, labs' own kind cluster. */
  context?: string;
  /** A kubeconfig file other than the default. */
  kubeconfig?: string;
  /** Create the kind cluster when it does not exist (start, smoke and grade do; check does not). */
  create: boolean;
  run: Runner;
  /** Tells the user what was done to their environment. */
  say: (line: Text) => void;
  signal?: AbortSignal;
}

/** A connected cluster: the client and the context it uses. */
export interface Connection {
  kube: Kube;
  context: string;
}

/** The contexts of the user's kubeconfig, for a hint ("none" when there is no kubeconfig). */
export function knownContexts(file?: string): string[] {
  try {
    const kc = new KubeConfig();
    if (file) kc.loadFromFile(file);
    else kc.loadFromDefault();
    return kc.getContexts().map((c) => c.name);
  } catch {
    return [];
  }
}

/** What to do without kind or Docker: `labs doctor`, or one of the kubeconfig's own contexts. */
function withoutKind(what: Text, kubeconfig?: string): KubeError {
  const contexts = knownContexts(kubeconfig).filter((c) => c !== KIND_CONTEXT);
  const list = contexts.length ? contexts.map((c) => `--context ${c}`).join(', ') : undefined;
  return new KubeError(what, MSG.withoutKindHint(list));
}

/**
 * Connects to the chosen context, or to labs' kind cluster (creating it when allowed), and makes the
 * seed's StorageClass available. Always talks to an explicit context.
 */
export async function connect(o: ConnectOptions): Promise<Connection> {
  let context = o.context;
  if (!context) {
    const kind = await o.run('kind', ['version'], { timeoutMs: 20_000, signal: o.signal });
    if (kind.exitCode !== 0) throw withoutKind(MSG.kindNotInstalled, o.kubeconfig);
    if (!(await kindClusterExists(o.run))) {
      if (!o.create) {
        throw new KubeError(MSG.noKindCluster, MSG.noKindClusterHint);
      }
      const docker = await o.run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000, signal: o.signal });
      if (docker.exitCode !== 0) throw withoutKind(MSG.dockerNotRunning, o.kubeconfig);
      o.say(MSG.creatingKindCluster);
      context = await createKindCluster(o.run, { image: process.env.LABS_KIND_IMAGE || undefined, signal: o.signal });
      o.say(MSG.kindContextSet(context));
    } else {
      context = KIND_CONTEXT;
    }
  }
  const kube = new Kube(loadKubeConfig(context, o.kubeconfig));
  await kube.version({ signal: o.signal });
  const sc = await ensureSeedStorageClass(kube);
  if (sc.created) o.say(MSG.seedClassCreated(sc.provisioner));
  if (sc.problem) o.say(MSG.storageClassWarning(sc.problem));
  return { kube, context };
}

/**
 * connect(), then the --images archive loaded into the kind cluster before anything runs. The archive and the target
 * are checked first, so a wrong --images is a usage error before any cluster is made.
 */
export async function connectWithImages(o: ConnectOptions & { images?: string }): Promise<Connection> {
  if (!o.images) return connect(o);
  const archive = checkArchive(o.images);
  const cluster = await imagesTarget(o);
  const connection = await connect(o);
  await loadImageArchive({ run: o.run, archive, cluster, say: o.say, signal: o.signal });
  return connection;
}
