import { view, type RawNode } from '../k8s/raw.ts';
// The images the labs run, carried to a cluster that cannot pull them: `labs images save` writes them into one
// archive (docker save format), `--images <archive>` loads it into a kind cluster (`kind load image-archive`), and
// `labs doctor` names the ones the cluster's nodes lack.
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CommandError, UsageError } from '../errors.ts';
import { mustRun, type Runner } from '../exec/run.ts';
import { parseImage } from '../k8s/image.ts';
import { imagesOf } from '../k8s/pod-specs.ts';
import { loadKubeConfig } from '../kube/client.ts';
import { loadLabs } from '../load/load-labs.ts';
import { parseManifests } from '../load/manifests.ts';
import { actionFiles, type Lab } from '../model/lab.ts';
import { type ApiObject, type KubeClient } from '../model/kube.ts';
import { text, type Text } from '../model/text.ts';
import { connect, type ConnectOptions, type Connection } from './connect.ts';
import { type Diagnosis } from './diagnosis.ts';
import { KIND_CLUSTER } from './kind.ts';

/** Images labs runs whatever the lab: the pod `labs grade` starts to learn whether NetworkPolicy is enforced (src/grade/netpol-probe.ts). */
export const LABS_OWN_IMAGES: readonly string[] = ['busybox'];

/** What kubelet reports of a node's images by default (`--node-status-max-images`): a longer list is cut. */
export const NODE_STATUS_MAX_IMAGES = 50;

/** An image the labs need, and which labs (none: labs' own). */
export interface WantedImage {
  image: string;
  labs: string[];
}

/** An image reference as containerd names it ("redis:7-alpine" is "docker.io/library/redis:7-alpine"); as written when it is not one. */
export function canonicalImage(image: string): string {
  const ref = parseImage(image.trim());
  if (!ref) return image.trim();
  return `${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
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

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;

/** Arguments of `docker save`: every image into one archive. */
export function dockerSaveArgs(file: string, images: string[]): string[] {
  return ['save', '-o', file, ...images];
}

/** Arguments of `kind load image-archive`. */
export function kindLoadArgs(archive: string, cluster: string): string[] {
  return ['load', 'image-archive', archive, '--name', cluster];
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

/** What an image archive holds. */
export interface ArchiveContents {
  format: 'docker' | 'oci' | 'unknown';
  /** The image names in it, canonical. */
  images: string[];
  bytes: number;
}

/** Reads a field of a tar header: NUL-terminated text. */
const field = (b: Buffer, at: number, len: number) => b.toString('utf8', at, at + len).replace(/\0.*$/s, '');

/** A tar header's size: octal, or base-256 when its first byte has the high bit. */
function tarSize(b: Buffer): number {
  if ((b[124]! & 0x80) !== 0) {
    let n = 0;
    for (let i = 125; i < 136; i++) n = n * 256 + b[i]!;
    return n;
  }
  return parseInt(field(b, 124, 12).trim() || '0', 8);
}

/** The top-level files of a tar archive that are wanted, read by seeking from header to header (the layers are not read). */
export function readTarFiles(file: string, wanted: (name: string) => boolean): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  const fd = openSync(file, 'r');
  try {
    const total = statSync(file).size;
    const header = Buffer.alloc(512);
    let pos = 0;
    let longName: string | undefined;
    while (pos + 512 <= total) {
      if (readSync(fd, header, 0, 512, pos) < 512) break;
      if (header.every((x) => x === 0)) break;
      if (field(header, 257, 5) !== 'ustar' && !/^[0-7 \0]+$/.test(header.toString('latin1', 148, 156))) throw new Error('not a tar archive');
      const size = tarSize(header);
      const type = String.fromCharCode(header[156]!);
      const body = () => {
        const buf = Buffer.alloc(size);
        readSync(fd, buf, 0, size, pos + 512);
        return buf;
      };
      const prefix = field(header, 345, 155);
      let name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
      longName = undefined;
      if (type === 'L') longName = body().toString('utf8').replace(/\0.*$/s, '');
      else if (type === 'x') {
        const path = /\d+ path=([^\n]*)\n/.exec(body().toString('utf8'));
        if (path) longName = path[1];
      } else if (type === '0' || type === '\0') {
        name = name.replace(/^\.\//, '');
        if (wanted(name) && size < 16 * 1024 * 1024) found.set(name, body());
      }
      pos += 512 + Math.ceil(size / 512) * 512;
    }
  } finally {
    closeSync(fd);
  }
  return found;
}

/** The images a `docker save` or OCI layout archive holds, from its manifest.json or index.json. Throws when it is not a tar archive. */
export function archiveContents(file: string): ArchiveContents {
  const bytes = statSync(file).size;
  // A compressed archive is taken as it is (containerd's import unpacks it); its names are not read.
  if (isGzip(file)) return { format: 'unknown', images: [], bytes };
  const files = readTarFiles(file, (n) => n === 'manifest.json' || n === 'index.json');
  const images = new Set<string>();
  const manifest = files.get('manifest.json');
  if (manifest) {
    for (const m of JSON.parse(manifest.toString('utf8')) as { RepoTags?: string[] | null }[]) for (const t of m.RepoTags ?? []) images.add(canonicalImage(t));
  }
  const index = files.get('index.json');
  if (index && images.size === 0) {
    for (const m of (JSON.parse(index.toString('utf8')) as { manifests?: { annotations?: Record<string, string> }[] }).manifests ?? []) {
      const name = m.annotations?.['io.containerd.image.name'];
      if (name) images.add(canonicalImage(name));
    }
  }
  return { format: manifest ? 'docker' : index ? 'oci' : 'unknown', images: [...images].sort(), bytes };
}

/** Checks the file given to --images before anything is done: it exists and is an image archive. */
export function checkArchive(file: string): ArchiveContents & { file: string } {
  const full = resolve(file);
  const hint = text('`labs images save -o <파일>`로 만든 아카이브를 주세요.', 'Give an archive written by `labs images save -o <file>`.');
  let contents: ArchiveContents;
  try {
    if (!statSync(full).isFile()) throw new UsageError(text(`--images ${file}: 파일이 아닙니다`, `--images ${file}: not a file`), hint);
    contents = archiveContents(full);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? text('없습니다', 'no such file')
      : code ? text(`읽을 수 없습니다 (${(e as Error).message})`, `cannot be read (${(e as Error).message})`)
        : text('이미지 아카이브가 아닙니다 (tar 아카이브가 아닙니다)', 'not an image archive (not a tar archive)');
    throw new UsageError(text(`--images ${file}: ${why.ko}`, `--images ${file}: ${why.en}`), hint);
  }
  if (contents.format === 'unknown' && !isGzip(full)) {
    throw new UsageError(text(`--images ${file}: 이미지 아카이브가 아닙니다 (manifest.json도 index.json도 없습니다)`, `--images ${file}: not an image archive (it has neither manifest.json nor index.json)`), hint);
  }
  return { ...contents, file: full };
}

function isGzip(file: string): boolean {
  const head = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  return head[0] === 0x1f && head[1] === 0x8b;
}

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
