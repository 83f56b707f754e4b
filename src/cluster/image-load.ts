// --images: an archive loaded into every node of a kind cluster (`kind load image-archive`), the cluster being labs'
// own or the one a kind-<name> context belongs to.
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../errors.ts';
import { mustRun, type Runner } from '../exec/run.ts';
import { loadKubeConfig } from '../kube/client.ts';
import { text, type Text } from '../model/text.ts';
import { type ArchiveContents } from './image-archive.ts';
import { KIND_CLUSTER } from './kind.ts';

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
  const refuse = (why: Text) => new UsageError(
    text(`--images는 kind 클러스터에만 이미지를 넣습니다 (--context 없이 labs의 클러스터, 또는 kind-<이름> 컨텍스트): ${why.ko}`, `--images loads images into a kind cluster only (labs' own, without --context, or a kind-<name> context): ${why.en}`),
    text('--images 없이 실행하고 그 클러스터의 노드에 이미지를 직접 넣거나 (노드마다 `ctr -n k8s.io images import <아카이브>`), --context를 빼고 labs의 kind 클러스터를 쓰세요.', 'Run it without --images and load the images into that cluster\'s nodes yourself (`ctr -n k8s.io images import <archive>` on each node), or leave out --context to use labs\' kind cluster.'),
  );
  const name = /^kind-(.+)$/.exec(o.context)?.[1];
  if (!name) throw refuse(text(`"${o.context}"는 kind 컨텍스트가 아닙니다`, `"${o.context}" is not a kind context`));
  const clusters = await o.run('kind', ['get', 'clusters'], { timeoutMs: 30_000, signal: o.signal });
  if (clusters.exitCode !== 0) throw refuse(text(`kind를 실행할 수 없습니다 (${clusters.stderr.trim().split('\n').pop() ?? ''})`, `kind does not run (${clusters.stderr.trim().split('\n').pop() ?? ''})`));
  if (!clusters.stdout.split('\n').map((l) => l.trim()).includes(name)) throw refuse(text(`kind 클러스터 "${name}"가 이 컴퓨터에 없습니다`, `there is no kind cluster "${name}" on this machine`));
  const own = await o.run('kind', ['get', 'kubeconfig', '--name', name], { timeoutMs: 30_000, signal: o.signal });
  const kindServer = own.exitCode === 0 ? serverOf(own.stdout) : undefined;
  const ctxServer = loadKubeConfig(o.context, o.kubeconfig).getCurrentCluster()?.server;
  if (kindServer && ctxServer && kindServer !== ctxServer) {
    throw refuse(text(`"${o.context}"의 API 서버(${ctxServer})가 kind 클러스터 "${name}"의 것(${kindServer})이 아닙니다`, `the API server of "${o.context}" (${ctxServer}) is not kind cluster "${name}"'s (${kindServer})`));
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
  o.say(text(`이미지 ${n}개(${MB(o.archive.bytes)})를 kind 클러스터 "${o.cluster}"에 넣습니다${what}…`, `Loading ${n} image(s) (${MB(o.archive.bytes)}) into kind cluster "${o.cluster}"${what}…`));
  const started = Date.now();
  await mustRun(o.run, 'kind', kindLoadArgs(o.archive.file, o.cluster), text('디스크 공간과 Docker를 확인하세요. `labs doctor`가 확인합니다.', 'Check the disk space and Docker; `labs doctor` checks.'), { timeoutMs: loadDeadlineMs(o.archive.bytes), signal: o.signal });
  const s = ((Date.now() - started) / 1000).toFixed(1);
  o.say(text(`이미지를 넣었습니다 (${s}초).`, `Images loaded (${s}s).`));
}

/** Arguments of `kind load image-archive`. */
export function kindLoadArgs(archive: string, cluster: string): string[] {
  return ['load', 'image-archive', archive, '--name', cluster];
}
