// A cache of validated labs, so start-up does not grow with the catalogue: validating a lab parses its lab.yaml,
// its manifests and its check files with zod and yaml, which costs far more than reading and hashing them.
// An entry holds a lab that passed validation and one digest of what it was validated from: the bytes of every file
// read, the entries of the folders that decide which check file is used, and the code that validated it. Any
// difference misses, and the lab is validated again as if there were no cache, so a changed lab is never served
// stale and its errors read exactly as without one. Errors are never cached. The cache is only ever a shortcut:
// an entry that cannot be read or written is ignored.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { writeText } from '../files.ts';
import { type Lab } from '../model/lab.ts';
import { CODE_ROOT, findLabFiles, findLabFilesUnordered, LABS_ROOT, PROJECT_ROOT } from './lab-files.ts';

/** What a lab was validated from: the files read, and the folders whose entries pick its check files. */
export interface LabInputs {
  /** lab.yaml, the manifests it names and its check files. */
  files: string[];
  /** The folders a check file is looked for in (one added there may take over). */
  dirs: string[];
}

/** A cache entry: the validated lab, what it was validated from, and one digest of all of that. */
interface Entry {
  format: typeof FORMAT;
  code: string;
  inputs: LabInputs;
  digest: string;
  lab: Lab;
}

/** An entry before its lab is known to be valid. */
export type Snapshot = Omit<Entry, 'lab'>;

const FORMAT = 1;
/** Beyond this many entries a store removes the oldest (labs copied to temporary folders leave entries behind). */
const MAX_ENTRIES = 500;
const KEEP_ENTRIES = 400;

/** $LABS_HOME/cache/labs (the home run/state-store.ts uses: load/ does not import run/). */
export function labCacheDir(): string {
  return join(process.env.LABS_HOME ?? join(homedir(), '.labs'), 'cache', 'labs');
}

const hash = (data: string | Buffer) => createHash('sha256').update(data).digest('base64url');

function readOrAbsent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * One digest of the bytes of every input file and the entry names of every input folder, length-prefixed so no
 * two different sets of inputs run together alike; `labBytes` stands for `labFile` (the bytes validation read).
 */
function digest(inputs: LabInputs, labFile?: string, labBytes?: Buffer): string {
  const h = createHash('sha256');
  for (const f of inputs.files) {
    const bytes = f === labFile && labBytes ? labBytes : readOrAbsent(f);
    h.update(`file ${f}\0${bytes ? `${bytes.length}\0` : 'absent\0'}`);
    if (bytes) h.update(bytes);
  }
  for (const d of inputs.dirs) {
    const names = existsSync(d) ? readdirSync(d).sort() : undefined;
    h.update(`dir ${d}\0${names ? `${names.length}\0${names.join('\0')}\0` : 'absent\0'}`);
  }
  return h.digest('base64url');
}

/** Each source file of this code (its size and time) and package.json: a new build or version misses every entry. */
let code: string | undefined;
function codeVersion(): string {
  if (code !== undefined) return code;
  const parts = [CODE_ROOT, LABS_ROOT, hash(readFileSync(join(PROJECT_ROOT, 'package.json')))];
  const src = join(CODE_ROOT, 'src');
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|ts)$/.test(entry.name) || /\.(test|d)\.ts$/.test(entry.name)) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const st = statSync(path);
    parts.push(`${relative(src, path)} ${st.size} ${st.mtimeMs}`);
  }
  return (code = hash(parts.sort().join('\n')));
}

const entryFile = (labFile: string) => join(labCacheDir(), `${hash(resolve(labFile))}.json`);

/** The lab validated from exactly the files `labFile` and its inputs hold now, or undefined. */
export function cachedLab(labFile: string): Lab | undefined {
  try {
    const entry = JSON.parse(readFileSync(entryFile(labFile), 'utf8')) as Entry;
    if (entry.format !== FORMAT || entry.code !== codeVersion() || entry.lab?.file !== labFile) return undefined;
    return entry.digest === digest(entry.inputs) ? entry.lab : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What to store for a lab, hashed now: call it before validation reads the files, so that an edit made meanwhile
 * misses next time. Undefined when an input cannot be read (then validation says why, and nothing is stored).
 */
export function snapshotInputs(inputs: LabInputs, labFile: string, labBytes: Buffer): Snapshot | undefined {
  try {
    const unique = { files: [...new Set(inputs.files)], dirs: [...new Set(inputs.dirs)] };
    return { format: FORMAT, code: codeVersion(), inputs: unique, digest: digest(unique, labFile, labBytes) };
  } catch {
    return undefined;
  }
}

/** Keeps a lab that passed validation; never fails (an unwritable home means no cache). */
export function storeLab(lab: Lab, snapshot: Snapshot | undefined): void {
  if (!snapshot) return;
  try {
    const dir = labCacheDir();
    mkdirSync(dir, { recursive: true });
    writeText(entryFile(lab.file), JSON.stringify({ ...snapshot, lab } satisfies Entry));
    prune(dir);
  } catch {
    // No cache this time; the lab itself is fine.
  }
}

function prune(dir: string): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_ENTRIES) return;
  const byAge = names.map((n) => ({ path: join(dir, n), at: statSync(join(dir, n)).mtimeMs })).sort((a, b) => a.at - b.at);
  for (const old of byAge.slice(0, names.length - KEEP_ENTRIES)) rmSync(old.path, { force: true });
}

/** What the order of findLabFiles depends on besides the names: ICU's default locale and version. */
const collation = () => [process.versions.icu, ...['LC_ALL', 'LC_COLLATE', 'LC_MESSAGES', 'LANG', 'LANGUAGE', 'NODE_ICU_DATA'].map((v) => process.env[v] ?? '')].join('\0');

/** findLabFiles(dir), in the order it gave last time when the same files are there now (and the locale is the same). */
export function labFilesInOrder(dir: string): string[] {
  const found = findLabFilesUnordered(dir);
  const file = join(labCacheDir(), `order-${hash(resolve(dir))}.json`);
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { collation: string; files: string[] };
    const now = new Set(found);
    if (kept.collation === collation() && kept.files.length === now.size && kept.files.every((f) => now.has(f))) return kept.files;
  } catch {
    // No order kept yet, or not readable: find it.
  }
  const files = findLabFiles(dir);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeText(file, JSON.stringify({ collation: collation(), files }));
  } catch {
    // No cache this time.
  }
  return files;
}
