// Where labs and their checks live, and finding lab files. Kept apart from load-labs.ts, and free of zod and yaml,
// so that `labs list` answered from the cache (lab-cache.ts) never pays for loading the validators.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.ts';
import { MSG } from './messages.ts';

/** True when this is the compiled code in dist/ (then the bundled checks are compiled too). */
export const COMPILED = import.meta.url.endsWith('.js');
/** The folder holding src/ and checks/: the project root, or dist/ when compiled. */
export const CODE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The folder holding package.json: labs/ and schema/ live beside src/ (and dist/). */
export const PROJECT_ROOT = COMPILED ? dirname(CODE_ROOT) : CODE_ROOT;
/** Where the bundled labs live. */
export const LABS_ROOT = join(PROJECT_ROOT, 'labs');
/** Where the bundled checks written as code live: checks/<lab-id>/<check-id>.ts, compiled to dist/checks/<lab-id>/<check-id>.js. */
export const CHECKS_ROOT = join(CODE_ROOT, 'checks');
/** Where the bundled checks written as data live: checks/<lab-id>/<check-id>.yaml, read as they are (never compiled). */
export const DATA_CHECKS_ROOT = join(PROJECT_ROOT, 'checks');

/** Every lab.yaml under `dir` (or `dir` itself when it is a lab folder). */
export function findLabFiles(dir: string): string[] {
  return labFilesUnder(dir, true);
}

/** The files findLabFiles finds, in no order: sorting by collation costs more than listing a catalogue (ICU starts). */
export function findLabFilesUnordered(dir: string): string[] {
  return labFilesUnder(dir, false);
}

function labFilesUnder(dir: string, sorted: boolean): string[] {
  if (!existsSync(dir)) {
    throw new UsageError(MSG.noSuchFileOrFolder(dir), MSG.giveALabFolder);
  }
  if (statSync(dir).isFile()) return [resolve(dir)];
  const own = join(dir, 'lab.yaml');
  if (existsSync(own)) return [resolve(own)];
  const found: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true });
  if (sorted) entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) found.push(...labFilesUnder(join(dir, entry.name), sorted));
  }
  return found;
}

/** A lab's id: its folder relative to the labs root, or its last two folder names when outside it. */
export function labIdFor(labDir: string, root = LABS_ROOT): string {
  const rel = relative(root, labDir);
  if (rel && !rel.startsWith('..') && !rel.startsWith(sep)) return rel.split(sep).join('/');
  return [basename(dirname(labDir)), basename(labDir)].join('/');
}
