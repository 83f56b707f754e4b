import { KubeConfig } from '@kubernetes/client-node';
import { KubeError } from '../errors.ts';
import { loadKubeConfig, Kube } from '../kube/client.ts';
import { type Runner } from '../exec/run.ts';
import { text, type Text } from '../model/text.ts';
import { createKindCluster, KIND_CONTEXT, kindClusterExists } from './kind.ts';
import { ensureSeedStorageClass } from './storage-class.ts';
import { checkArchive } from './image-archive.ts';
import { imagesTarget, loadImageArchive } from './image-load.ts';

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
  return new KubeError(what, text(
    `\`labs doctor\`로 무엇이 빠졌는지 보세요. 이미 있는 클러스터를 쓰려면 ${list ? `다음 중 하나를 붙이세요: ${list}` : '--context <이름>을 붙이세요 (kubeconfig에 컨텍스트가 없습니다)'}.`,
    `Run \`labs doctor\` to see what is missing. To use a cluster you already have, add ${list ? `one of: ${list}` : '--context <name> (your kubeconfig has no contexts)'}.`,
  ));
}

/**
 * Connects to the chosen context, or to labs' kind cluster (creating it when allowed), and makes the
 * seed's StorageClass available. Always talks to an explicit context.
 */
export async function connect(o: ConnectOptions): Promise<Connection> {
  let context = o.context;
  if (!context) {
    const kind = await o.run('kind', ['version'], { timeoutMs: 20_000, signal: o.signal });
    if (kind.exitCode !== 0) throw withoutKind(text('kind가 설치되어 있지 않아 labs의 클러스터를 만들 수 없습니다', 'kind is not installed, so labs cannot make its cluster'), o.kubeconfig);
    if (!(await kindClusterExists(o.run))) {
      if (!o.create) {
        throw new KubeError(text('클러스터가 없습니다: labs가 아직 kind 클러스터를 만들지 않았습니다', 'no cluster: labs has not created its kind cluster yet'), text('`labs start <lab>`로 만들거나, --context <이름>으로 이미 있는 클러스터를 쓰세요.', 'Run `labs start <lab>` to create it, or pass --context <name> to use an existing cluster.'));
      }
      const docker = await o.run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000, signal: o.signal });
      if (docker.exitCode !== 0) throw withoutKind(text('Docker가 실행 중이 아니어서 kind 클러스터를 만들 수 없습니다', 'Docker is not running, so kind cannot make a cluster'), o.kubeconfig);
      o.say(text('kind 클러스터 "labs"를 만듭니다 (처음에는 1~2분 걸립니다)…', 'Creating kind cluster "labs" (a minute or two the first time)…'));
      context = await createKindCluster(o.run, { image: process.env.LABS_KIND_IMAGE || undefined, signal: o.signal });
      o.say(text(`kind가 "${context}"를 kubectl의 현재 컨텍스트로 정했습니다. 랩의 kubectl 명령은 이 클러스터로 갑니다.`, `kind made "${context}" your kubectl current context, so the lab's kubectl commands reach it.`));
    } else {
      context = KIND_CONTEXT;
    }
  }
  const kube = new Kube(loadKubeConfig(context, o.kubeconfig));
  await kube.version({ signal: o.signal });
  const sc = await ensureSeedStorageClass(kube);
  if (sc.created) o.say(text(`시드의 매니페스트가 그대로 동작하도록 StorageClass "hostpath"(${sc.provisioner})를 만들었습니다.`, `Created StorageClass "hostpath" (served by ${sc.provisioner}) so the seed's manifests work unchanged.`));
  if (sc.problem) o.say(text(`주의: ${sc.problem.ko}`, `Warning: ${sc.problem.en}`));
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
