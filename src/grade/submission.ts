import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import { type FileIssue } from '../errors.ts';
import { decodeManifestBytes, parseManifests, type ManifestObject } from '../load/manifests.ts';
import { type Text } from '../model/text.ts';
import { SUBMISSION_LIMITS } from './limits.ts';
import { MSG } from './messages.ts';

/** One student's submission: their objects and every problem reading them. */
export interface Submission {
  /** The folder name: the student id. */
  student: string;
  dir: string;
  objects: ManifestObject[];
  issues: FileIssue[];
}

/** Caps on what is read of one student's folder. */
export type SubmissionLimits = { readonly [K in keyof typeof SUBMISSION_LIMITS]: number };

const STUDENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const MANIFEST = /\.(ya?ml|json)$/i;
const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Student folders of a submissions folder, sorted; hidden folders and symbolic links are ignored. */
export function listStudents(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/** Whether a folder name can be a student id (it names a namespace and a file). */
export function validStudentId(id: string): boolean {
  return STUDENT_ID.test(id);
}

const MiB = (n: number) => (n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`);
const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e);

/**
 * Reads every .yaml/.yml/.json file of a student's folder (subfolders too, smallest first), as kubectl would.
 * Whatever cannot be read is reported with file:line and the rest is kept; past a cap of `limits` nothing more is
 * read. A student's input only ever costs that student: this never throws.
 */
export function readSubmission(root: string, student: string, limits: SubmissionLimits = SUBMISSION_LIMITS): Submission {
  const dir = join(root, student);
  const sub: Submission = { student, dir, objects: [], issues: [] };
  const used = { files: 0, bytes: 0, documents: 0, objects: 0, entries: 0 };
  const seen = new Set<string>();
  let stopped = false;
  const issue = (full: string, message: Text, line?: number) => sub.issues.push({ file: relative(root, full) || student, ...(line ? { line } : {}), message });
  const stop = (full: string, message: Text, line?: number) => {
    issue(full, message, line);
    stopped = true;
  };

  const readFile = (full: string) => {
    if (used.files >= limits.files) return stop(full, MSG.tooManyFiles(limits.files));
    used.files++;
    const bytes = readBounded(full, limits.bytes - used.bytes);
    if ('error' in bytes) return issue(full, MSG.cannotReadFile(bytes.error));
    if (bytes.over !== undefined) {
      return stop(full, MSG.submissionTooLarge(MiB(limits.bytes)), bytes.over);
    }
    used.bytes += bytes.data.length;
    const parsed = parseManifests(decodeManifestBytes(bytes.data).text, relative(root, full), { documents: limits.documents - used.documents, objects: limits.objects - used.objects });
    sub.objects.push(...parsed.objects);
    sub.issues.push(...parsed.issues);
    used.documents += parsed.documents;
    used.objects += parsed.objects.length;
    if (parsed.stopped?.budget === 'documents') stop(full, MSG.tooManyDocuments(limits.documents), parsed.stopped.line);
    if (parsed.stopped?.budget === 'objects') stop(full, MSG.tooManyObjects(limits.objects), parsed.stopped.line);
  };

  const walk = (d: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true }).sort(byName);
    } catch (e) {
      return issue(d, MSG.cannotReadFolder(errorCode(e)));
    }
    for (const e of entries) {
      if (stopped) return;
      const full = join(d, e.name);
      if (++used.entries > limits.entries) return stop(full, MSG.tooManyEntries(limits.entries));
      if (e.isSymbolicLink()) {
        if (!e.name.startsWith('.')) issue(full, MSG.symlinkNotRead);
      } else if (e.isDirectory()) {
        if (e.name.startsWith('.')) continue;
        if (depth >= limits.depth) {
          issue(full, MSG.foldersTooDeep(limits.depth));
          continue;
        }
        if (!firstVisit(full, seen)) continue; // the same folder again (a bind mount): read once
        walk(full, depth + 1);
      } else if (e.isFile() && MANIFEST.test(e.name)) {
        files.push({ full, size: sizeOf(full) });
      }
    }
  };

  // Smallest files first: when a cap is crossed it is in the biggest file, whatever the files are called, so a
  // flood file named to sort first cannot push the student's own small files out.
  const files: { full: string; size: number }[] = [];
  try {
    firstVisit(dir, seen);
    walk(dir, 0);
    stopped = false;
    files.sort((a, b) => a.size - b.size || (a.full < b.full ? -1 : a.full > b.full ? 1 : 0));
    for (const f of files) {
      if (stopped) break;
      readFile(f.full);
    }
  } catch (e) {
    issue(dir, MSG.readInternalError(String(e)));
  }
  if (sub.objects.length === 0 && sub.issues.length === 0) sub.issues.push({ file: student, message: MSG.noManifestFiles });
  return sub;
}

/** A file's size in bytes (0 when it cannot be looked at: reading it will report why). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Whether a folder (by device and inode) is seen for the first time. */
function firstVisit(dir: string, seen: Set<string>): boolean {
  let key: string;
  try {
    const s = statSync(dir, { bigint: true });
    key = `${s.dev}:${s.ino}`;
  } catch {
    return true; // reading it will report the problem
  }
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

/**
 * A regular file's bytes, reading at most `budget` of them. When the file is larger, `over` is the 1-based line at
 * which the budget runs out. Symbolic links, FIFOs and devices are never opened for reading.
 */
function readBounded(file: string, budget: number): { data: Buffer; over?: undefined } | { over: number } | { error: string } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    return { error: errorCode(e) };
  }
  try {
    if (!fstatSync(fd).isFile()) return { error: 'not a regular file' };
    const buf = Buffer.alloc(Math.max(0, budget) + 1);
    let n = 0;
    for (let r = -1; r !== 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, null);
    if (n <= budget) return { data: buf.subarray(0, n) };
    let line = 1;
    for (let i = buf.indexOf(10); i !== -1 && i < budget; i = buf.indexOf(10, i + 1)) line++;
    return { over: line };
  } catch (e) {
    return { error: errorCode(e) };
  } finally {
    closeSync(fd);
  }
}
