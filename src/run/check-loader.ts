import { pathToFileURL } from 'node:url';
import { LabFileError } from '../errors.ts';
import { declarativeCheck } from '../assert/engine.ts';
import { checkModulePath, COMPILED, readCheckFile } from '../load/load-labs.ts';
import { type Check } from '../model/check.ts';
import { type Lab } from '../model/lab.ts';
import { MSG } from './messages.ts';

/** The check authors' API this runner uses itself: what `labs/check` must mean to every check it loads. */
export const CHECK_API_URL = new URL(`../check/index.${COMPILED ? 'js' : 'ts'}`, import.meta.url).href;

/**
 * A module-resolution hook. `labs/check` is CHECK_API_URL wherever the importing check lives (a lab folder
 * outside the package cannot reach it by name), so checks and the runner share one copy of every module.
 * A .ts file is an ES module, as checks are written, even in a folder with no package.json saying so.
 */
const RESOLVE_HOOK = `let api;
export function initialize(data) { api = data.api; }
export async function resolve(specifier, context, next) {
  if (specifier === 'labs/check') return { url: api, format: 'module', shortCircuit: true };
  const r = await next(specifier, context);
  return r.url.startsWith('file:') && new URL(r.url).pathname.endsWith('.ts') ? { ...r, format: 'module' } : r;
}`;

let hooks: Promise<void> | undefined;

/**
 * Prepares Node to import a check module. Compiled bundled checks need nothing: `labs/check` is the package's
 * own export. A TypeScript check needs the resolve hook, and when the runner is compiled also tsx, whose API
 * is imported then, once, and only then.
 */
function prepareImport(path: string): Promise<void> | undefined {
  if (COMPILED && !path.endsWith('.ts')) return undefined;
  return (hooks ??= (async () => {
    const { register } = await import('node:module');
    if (COMPILED) (await import('tsx/esm/api')).register();
    // Registered last, so it runs before tsx's resolver.
    register(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`, { data: { api: CHECK_API_URL } });
  })());
}

/** Loads check `id` of a lab; a context without the student's variant gets the lab's defaults (the seed's values). */
export async function loadCheck(lab: Lab, id: string): Promise<Check> {
  const check = await loadCheckModule(lab, id);
  const defaults = Object.fromEntries(Object.entries(lab.variables ?? {}).map(([k, v]) => [k, v.default]));
  return { ...check, run: (ctx) => check.run(ctx.variables ? ctx : { ...ctx, variables: defaults }) };
}

/** A declarative check file, or a module that exports a check with that id. */
async function loadCheckModule(lab: Lab, id: string): Promise<Check> {
  const path = checkModulePath(lab, id);
  if (!path) throw new LabFileError([{ file: lab.file, message: MSG.noSuchCheck(id, lab.id) }]);
  if (path.endsWith('.yaml')) {
    const r = readCheckFile(lab, path, id);
    if (!r.ok) throw new LabFileError(r.issues);
    return declarativeCheck(id, r.check);
  }
  await prepareImport(path);
  const mod = (await import(pathToFileURL(path).href)) as { default?: Check };
  const check = mod.default;
  if (!check || typeof check.run !== 'function') {
    throw new LabFileError([{ file: path, line: 1, message: MSG.checkModuleNoDefault }]);
  }
  if (check.id !== id) throw new LabFileError([{ file: path, line: 1, message: MSG.checkIdNotFileName(check.id, id) }]);
  return check;
}
