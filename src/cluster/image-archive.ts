// An image archive read without unpacking it: the top-level files of a tar (header to header, layers skipped), the
// image names its manifest.json (docker save) or index.json (OCI layout) holds, and the check of a --images file.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { canonicalImage } from '../k8s/image.ts';
import { MSG } from './messages.ts';

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
  const hint = MSG.archiveHint;
  let contents: ArchiveContents;
  try {
    if (!statSync(full).isFile()) throw new UsageError(MSG.imagesNotAFile(file), hint);
    contents = archiveContents(full);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? MSG.noSuchFile
      : code ? MSG.cannotReadFile((e as Error).message)
        : MSG.notATarArchive;
    throw new UsageError(MSG.imagesFileRefused(file, why), hint);
  }
  if (contents.format === 'unknown' && !isGzip(full)) {
    throw new UsageError(MSG.noManifestOrIndex(file), hint);
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
