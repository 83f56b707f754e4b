import { view, type RawNode } from '../k8s/raw.ts';
// The images the labs run: the list of them, `labs images save` writing them into one archive (docker save format)
// for a cluster that cannot pull them, and `labs doctor` naming the ones the cluster's nodes lack. Reading an archive
// is image-archive.ts; loading it into kind, image-load.ts.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CommandError } from '../errors.ts';
import { mustRun, type Runner } from '../exec/run.ts';
import { canonicalImage, parseImage } from '../k8s/image.ts';
import { imagesOf } from '../k8s/pod-specs.ts';
import { loadLabs } from '../load/load-labs.ts';
import { parseManifests } from '../load/manifests.ts';
import { actionFiles, type Lab } from '../model/lab.ts';
import { type ApiObject, type KubeClient } from '../model/kube.ts';
import { text, type Text } from '../model/text.ts';
import { type Diagnosis } from './diagnosis.ts';

/** Images labs runs whatever the lab: the pod `labs grade` starts to learn whether NetworkPolicy is enforced (src/grade/netpol-probe.ts). */
export const LABS_OWN_IMAGES: readonly string[] = ['busybox'];

/** What kubelet reports of a node's images by default (`--node-status-max-images`): a longer list is cut. */
export const NODE_STATUS_MAX_IMAGES = 50;

/** An image the labs need, and which labs (none: labs' own). */
export interface WantedImage {
  image: string;
  labs: string[];
}

/** The manifest files of a lab: those the student writes and those its solution applies or deletes. */
function labFiles(lab: Lab): string[] {
  const files = new Set(lab.manifests);
  for (const step of lab.steps) {
    for (const a of step.solution) for (const f of actionFiles(a)) files.add(f);
  }
  return [...files];
}

/** Every image one lab runs: its manifests' containers, its probes, and the images it lets submissions run; canonical and sorted. */
export function labImages(lab: Lab): string[] {
  const images = new Set<string>();
  for (const p of lab.probes) images.add(canonicalImage(p.image));
  for (const file of labFiles(lab)) {
    let source: string;
    try {
      source = readFileSync(join(lab.dir, file), 'utf8');
    } catch {
      continue; // loading the lab already reported a missing file
    }
    for (const image of imagesOf(parseManifests(source, file).objects.map((o) => o.object))) images.add(canonicalImage(image));
  }
  for (const image of lab.images) images.add(canonicalImage(image));
  return [...images].sort();
}

/** The images of several labs and labs' own, each once with the labs that use it. */
export function imagesOfLabs(labs: Lab[]): WantedImage[] {
  const byImage = new Map<string, Set<string>>();
  const add = (image: string, lab?: string) => {
    const set = byImage.get(image) ?? new Set<string>();
    if (lab) set.add(lab);
    byImage.set(image, set);
  };
  for (const lab of labs) for (const image of labImages(lab)) add(image, lab.id);
  for (const image of LABS_OWN_IMAGES) add(canonicalImage(image));
  return [...byImage].sort(([a], [b]) => a.localeCompare(b)).map(([image, set]) => ({ image, labs: [...set].sort() }));
}

/** Who uses an image, for messages: "week3-day3/mysql-pvc" or "labs grade". */
function users(w: WantedImage): string {
  return w.labs.length ? w.labs.join(', ') : 'labs grade';
}

/** Arguments of `docker save`: every image into one archive. */
export function dockerSaveArgs(file: string, images: string[]): string[] {
  return ['save', '-o', file, ...images];
}

/** Docker must answer before anything else is tried. */
async function needDocker(run: Runner, signal?: AbortSignal): Promise<void> {
  const r = await run('docker', ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 30_000, signal });
  if (r.exitCode === 0) return;
  const words = r.stderr.trim().split('\n').slice(-1)[0] ?? '';
  if (r.exitCode === 127) throw new CommandError(text('docker가 설치되어 있지 않아 이미지를 모을 수 없습니다', 'docker is not installed, so labs cannot collect the images'), text('Docker를 설치하고 실행하세요. `labs doctor`가 확인합니다.', 'Install Docker and start it; `labs doctor` checks.'));
  throw new CommandError(text(`Docker가 응답하지 않습니다: ${words}`, `Docker does not answer: ${words}`), text('Docker를 실행하세요 (Docker Desktop, 또는 `sudo systemctl start docker`).', 'Start Docker (Docker Desktop, or `sudo systemctl start docker`).'));
}

/** Options of saveImages. */
export interface SaveOptions {
  run: Runner;
  images: WantedImage[];
  /** The archive to write (replaced only once the new one is complete). */
  out: string;
  say: (line: Text) => void;
  signal?: AbortSignal;
}

/**
 * Writes one archive (docker save format, which `kind load image-archive` and `docker load` take) with every image:
 * those docker has are used as they are, the others are pulled. An image that cannot be had stops it, with no archive
 * written, naming each missing image and how to get it.
 */
export async function saveImages(o: SaveOptions): Promise<{ file: string; bytes: number; pulled: string[] }> {
  await needDocker(o.run, o.signal);
  const pulled: string[] = [];
  const missing: { want: WantedImage; why: string }[] = [];
  for (const want of o.images) {
    const has = await o.run('docker', ['image', 'inspect', '--format', '{{.Id}}', want.image], { timeoutMs: 60_000, signal: o.signal });
    if (has.exitCode === 0) continue;
    o.say(text(`${want.image}: docker에 없어 받습니다 (docker pull)…`, `${want.image}: not in docker, pulling it (docker pull)…`));
    const pull = await o.run('docker', ['pull', want.image], { timeoutMs: 20 * 60_000, signal: o.signal });
    if (pull.exitCode === 0) pulled.push(want.image);
    else missing.push({ want, why: (pull.stderr || pull.stdout).trim().split('\n').slice(-1)[0] ?? `exit ${pull.exitCode}` });
  }
  if (missing.length > 0) {
    const lines = missing.map((m) => `  ${m.want.image} (${users(m.want)}): ${m.why}`).join('\n');
    const names = missing.map((m) => m.want.image).join(' ');
    throw new CommandError(
      text(`이미지 ${missing.length}개가 docker에 없고 받을 수도 없어 아카이브를 쓰지 않았습니다:\n${lines}`, `${missing.length} image(s) are not in docker and could not be pulled, so no archive was written:\n${lines}`),
      text(
        `레지스트리에 닿는 컴퓨터에서 \`docker pull\`로 받은 뒤 \`docker save -o images.tar ${names}\`, 이 컴퓨터에서 \`docker load -i images.tar\`를 하고 다시 실행하세요 (또는 그 컴퓨터에서 labs images save를 실행해 아카이브를 가져오세요).`,
        `On a machine that reaches the registry, \`docker pull\` them and \`docker save -o images.tar ${names}\`; here, \`docker load -i images.tar\`, then run this again (or run labs images save there and bring its archive).`,
      ),
    );
  }
  const file = resolve(o.out);
  const part = `${file}.part`;
  mkdirSync(dirname(file), { recursive: true });
  o.say(text(`이미지 ${o.images.length}개를 ${file}에 씁니다…`, `Writing ${o.images.length} image(s) to ${file}…`));
  try {
    await mustRun(o.run, 'docker', dockerSaveArgs(part, o.images.map((w) => w.image)), text('디스크 공간과 Docker를 확인하세요.', 'Check the disk space and Docker.'), { timeoutMs: 30 * 60_000, signal: o.signal });
    // docker writes the archive for its owner only; it is meant to be handed out.
    chmodSync(part, 0o644);
    renameSync(part, file);
  } finally {
    rmSync(part, { force: true });
  }
  return { file, bytes: statSync(file).size, pulled };
}

/** What one node reports of its images (names with tags and digests), canonical. */
function nodeImageNames(node: ApiObject): { names: Set<string>; count: number } {
  const images = view<RawNode>(node).status?.images ?? [];
  return { names: new Set(images.flatMap((i) => (i.names ?? []).map(canonicalImage))), count: images.length };
}

/** Whether a node's names include an image: the same name, or for a digest reference the same repository and digest. */
function onNode(image: string, names: Set<string>): boolean {
  if (names.has(image)) return true;
  const ref = parseImage(image);
  if (!ref?.digest) return false;
  return names.has(`${ref.repository}@${ref.digest}`);
}

/**
 * `labs doctor`'s lines about images: one per image some node lacks (with the fix), or one line saying all are there.
 * A node reporting as many images as kubelet lists (50 by default) may hold more than it says: an image missing from
 * such a list is "cannot tell", not missing.
 */
export function imageDiagnoses(wanted: WantedImage[], nodes: ApiObject[], o: { kindCluster: boolean; labIds?: string[] }): Diagnosis[] {
  if (nodes.length === 0) return [{ name: 'images', status: 'skip', detail: text('노드가 없어 이미지를 볼 수 없습니다', 'no nodes, so no images to look at') }];
  const seen = nodes.map((n) => ({ name: n.metadata.name ?? '?', ...nodeImageNames(n) }));
  const out: Diagnosis[] = [];
  for (const want of wanted) {
    const lacking = seen.filter((n) => !onNode(want.image, n.names));
    if (lacking.length === 0) continue;
    const unsure = lacking.every((n) => n.count >= NODE_STATUS_MAX_IMAGES);
    const where = lacking.length === seen.length ? text('클러스터의 노드에 없습니다', 'not on the cluster\'s nodes') : text(`노드 ${lacking.map((n) => n.name).join(', ')}에 없습니다`, `not on node(s) ${lacking.map((n) => n.name).join(', ')}`);
    if (unsure) {
      out.push({ name: 'images', status: 'skip', detail: text(`${want.image} (${users(want)}): 노드가 보고한 이미지 ${NODE_STATUS_MAX_IMAGES}개에 없습니다. kubelet은 ${NODE_STATUS_MAX_IMAGES}개까지만 보고하므로 있는지 알 수 없습니다`, `${want.image} (${users(want)}): not among the ${NODE_STATUS_MAX_IMAGES} images the node reports; kubelet reports no more than ${NODE_STATUS_MAX_IMAGES}, so it may still be there`) });
      continue;
    }
    const labs = want.labs.length ? want.labs.join(' ') : '';
    const lab = want.labs[0] ?? '<lab>';
    out.push({
      name: 'images', status: 'fail',
      detail: text(`${want.image} (${users(want)}): ${where.ko}. 클러스터가 레지스트리에 닿으면 처음 쓸 때 받습니다`, `${want.image} (${users(want)}): ${where.en}; the cluster pulls it on first use if it can reach the registry`),
      fix: o.kindCluster
        ? text(`오프라인이면: 이미지가 있는 컴퓨터에서 \`labs images save ${labs ? `${labs} ` : ''}-o labs-images.tar\`, 여기서 \`labs start ${lab} --images labs-images.tar\` (smoke, grade도 --images를 받습니다).`, `Offline: \`labs images save ${labs ? `${labs} ` : ''}-o labs-images.tar\` on a machine that has the image, then \`labs start ${lab} --images labs-images.tar\` here (smoke and grade take --images too).`)
        : text(`\`labs images save ${labs ? `${labs} ` : ''}-o labs-images.tar\`로 아카이브를 만들어 노드마다 넣으세요 (\`ctr -n k8s.io images import labs-images.tar\`; kind 컨텍스트면 --images).`, `Write an archive with \`labs images save ${labs ? `${labs} ` : ''}-o labs-images.tar\` and import it on each node (\`ctr -n k8s.io images import labs-images.tar\`; for a kind context, --images).`),
    });
  }
  if (out.length === 0) out.push({ name: 'images', status: 'ok', detail: text(`랩 이미지 ${wanted.length}개가 모두 노드에 있습니다`, `all ${wanted.length} lab images are on the node(s)`) });
  return out;
}

/** `labs doctor`'s image lines for a connected cluster: every bundled lab's images against what its nodes report. Never throws. */
export async function clusterImageDiagnoses(kube: KubeClient, o: { kindCluster: boolean; labs?: () => Lab[] }): Promise<Diagnosis[]> {
  let wanted: WantedImage[];
  try {
    wanted = imagesOfLabs((o.labs ?? loadLabs)());
  } catch (e) {
    return [{ name: 'images', status: 'skip', detail: text('랩을 읽을 수 없어 이미지를 보지 않았습니다 (`labs validate`)', 'the labs cannot be read, so their images were not looked at (`labs validate`)'), output: (e as Error).message.split('\n')[0] }];
  }
  try {
    const nodes = await kube.list({ apiVersion: 'v1', kind: 'Node' }, undefined, undefined, { timeoutMs: 10_000 });
    return imageDiagnoses(wanted, nodes, o);
  } catch (e) {
    return [{ name: 'images', status: 'fail', detail: text('노드를 읽을 수 없어 이미지를 볼 수 없습니다', 'cannot read the nodes, so their images are unknown'), output: (e as Error).message, fix: text('노드를 읽을 권한이 필요합니다: kubectl get nodes', 'Reading nodes needs permission: kubectl get nodes') }];
  }
}
