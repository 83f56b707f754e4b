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
import { type Text } from '../model/text.ts';
import { type Diagnosis } from './diagnosis.ts';
import { MSG } from './messages.ts';

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
  if (r.exitCode === 127) throw new CommandError(MSG.dockerNotInstalled, MSG.installDockerHint);
  throw new CommandError(MSG.dockerNoAnswer(words), MSG.startDockerHint);
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
    o.say(MSG.pullingImage(want.image));
    const pull = await o.run('docker', ['pull', want.image], { timeoutMs: 20 * 60_000, signal: o.signal });
    if (pull.exitCode === 0) pulled.push(want.image);
    else missing.push({ want, why: (pull.stderr || pull.stdout).trim().split('\n').slice(-1)[0] ?? `exit ${pull.exitCode}` });
  }
  if (missing.length > 0) {
    const lines = missing.map((m) => `  ${m.want.image} (${users(m.want)}): ${m.why}`).join('\n');
    const names = missing.map((m) => m.want.image).join(' ');
    throw new CommandError(MSG.imagesUnavailable(missing.length, lines), MSG.imagesUnavailableHint(names));
  }
  const file = resolve(o.out);
  const part = `${file}.part`;
  mkdirSync(dirname(file), { recursive: true });
  o.say(MSG.writingImages(o.images.length, file));
  try {
    await mustRun(o.run, 'docker', dockerSaveArgs(part, o.images.map((w) => w.image)), MSG.saveImagesHint, { timeoutMs: 30 * 60_000, signal: o.signal });
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
  if (nodes.length === 0) return [{ name: 'images', status: 'skip', detail: MSG.noNodes }];
  const seen = nodes.map((n) => ({ name: n.metadata.name ?? '?', ...nodeImageNames(n) }));
  const out: Diagnosis[] = [];
  for (const want of wanted) {
    const lacking = seen.filter((n) => !onNode(want.image, n.names));
    if (lacking.length === 0) continue;
    const unsure = lacking.every((n) => n.count >= NODE_STATUS_MAX_IMAGES);
    const where = lacking.length === seen.length ? MSG.notOnAnyNode : MSG.notOnNodes(lacking.map((n) => n.name).join(', '));
    if (unsure) {
      out.push({ name: 'images', status: 'skip', detail: MSG.imageMaybeUnlisted(want.image, users(want), NODE_STATUS_MAX_IMAGES) });
      continue;
    }
    const labs = want.labs.length ? want.labs.join(' ') : '';
    const lab = want.labs[0] ?? '<lab>';
    out.push({
      name: 'images', status: 'fail',
      detail: MSG.imageMissing(want.image, users(want), where),
      fix: o.kindCluster
        ? MSG.imageMissingKindFix(labs, lab)
        : MSG.imageMissingNodeFix(labs),
    });
  }
  if (out.length === 0) out.push({ name: 'images', status: 'ok', detail: MSG.allImagesPresent(wanted.length) });
  return out;
}

/** `labs doctor`'s image lines for a connected cluster: every bundled lab's images against what its nodes report. Never throws. */
export async function clusterImageDiagnoses(kube: KubeClient, o: { kindCluster: boolean; labs?: () => Lab[] }): Promise<Diagnosis[]> {
  let wanted: WantedImage[];
  try {
    wanted = imagesOfLabs((o.labs ?? loadLabs)());
  } catch (e) {
    return [{ name: 'images', status: 'skip', detail: MSG.labsUnreadable, output: (e as Error).message.split('\n')[0] }];
  }
  try {
    const nodes = await kube.list({ apiVersion: 'v1', kind: 'Node' }, undefined, undefined, { timeoutMs: 10_000 });
    return imageDiagnoses(wanted, nodes, o);
  } catch (e) {
    return [{ name: 'images', status: 'fail', detail: MSG.nodesUnreadable, output: (e as Error).message, fix: MSG.nodesUnreadableFix }];
  }
}
