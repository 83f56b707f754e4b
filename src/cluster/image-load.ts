// --images: an archive loaded into every node of a kind cluster (`kind load image-archive`), the cluster being labs'
// own or the one a kind-<name> context belongs to.
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../errors.ts';
import { mustRun, type Runner } from '../exec/run.ts';
import { loadKubeConfig } from '../kube/client.ts';
import { type Text } from '../model/text.ts';
import { type ArchiveContents } from './image-archive.ts';
import { KIND_CLUSTER } from './kind.ts';
import { MSG } from './messages.ts';

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;

/** The server a kubeconfig names for its first cluster (what `kind get kubeconfig` prints). */
function serverOf(kubeconfigYaml: string): string | undefined {
  try {
    return (parseYaml(kubeconfigYaml) as { clusters?: { cluster?: { server?: string } }[] }).clusters?.[0]?.cluster?.server;
  } catch {
    return undefined;
  }
}

/**
 * The kind cluster --images loads into: labs' own without --context; with --context, the kind cluster that context
 * belongs to (`kind-<name>`, a cluster `kind get clusters` lists, with the same API server). Any other context is a
 * usage error: kind loads images into its own nodes only.
 */
export async function imagesTarget(o: { context?: string; kubeconfig?: string; run: Runner; signal?: AbortSignal }): Promise<string> {
  if (!o.context) return KIND_CLUSTER;
  const refuse = (why: Text) => new UsageError(MSG.imagesKindOnly(why), MSG.imagesKindOnlyHint);
  const name = /^kind-(.+)$/.exec(o.context)?.[1];
  if (!name) throw refuse(MSG.notKindContext(o.context));
  const clusters = await o.run('kind', ['get', 'clusters'], { timeoutMs: 30_000, signal: o.signal });
  if (clusters.exitCode !== 0) throw refuse(MSG.kindDoesNotRun(clusters.stderr.trim().split('\n').pop() ?? ''));
  if (!clusters.stdout.split('\n').map((l) => l.trim()).includes(name)) throw refuse(MSG.noSuchKindCluster(name));
  const own = await o.run('kind', ['get', 'kubeconfig', '--name', name], { timeoutMs: 30_000, signal: o.signal });
  const kindServer = own.exitCode === 0 ? serverOf(own.stdout) : undefined;
  const ctxServer = loadKubeConfig(o.context, o.kubeconfig).getCurrentCluster()?.server;
  if (kindServer && ctxServer && kindServer !== ctxServer) {
    throw refuse(MSG.otherApiServer(o.context, ctxServer, name, kindServer));
  }
  return name;
}

/** How long loading an archive may take: five minutes, and a minute more per 100 MB. */
export function loadDeadlineMs(bytes: number): number {
  return 5 * 60_000 + Math.ceil(bytes / 1e8) * 60_000;
}

/** Loads an archive into every node of a kind cluster, telling the user what it loads and how long it took. */
export async function loadImageArchive(o: { run: Runner; archive: ArchiveContents & { file: string }; cluster: string; say: (line: Text) => void; signal?: AbortSignal }): Promise<void> {
  const what = o.archive.images.length ? `: ${o.archive.images.join(', ')}` : '';
  const n = o.archive.images.length || '?';
  o.say(MSG.loadingImages(n, MB(o.archive.bytes), o.cluster, what));
  const started = Date.now();
  await mustRun(o.run, 'kind', kindLoadArgs(o.archive.file, o.cluster), MSG.loadImagesHint, { timeoutMs: loadDeadlineMs(o.archive.bytes), signal: o.signal });
  const s = ((Date.now() - started) / 1000).toFixed(1);
  o.say(MSG.imagesLoaded(s));
}

/** Arguments of `kind load image-archive`. */
export function kindLoadArgs(archive: string, cluster: string): string[] {
  return ['load', 'image-archive', archive, '--name', cluster];
}
