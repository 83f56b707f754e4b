// Per-student variants: each student's own values of a lab's variables, derived from (lab, student id, class seed),
// so the same student gets the same variant in `start`, `check`, `submit` and `grade`, and no two students of a
// class are likely to share one. Without a class seed every student has the default variant: the seed's own text.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { LabFileError, UsageError } from '../errors.ts';
import { type Generator, type Lab, type Step } from '../model/lab.ts';
import { type ApiObject } from '../model/kube.ts';
import { type Check } from '../model/check.ts';
import { MSG } from './messages.ts';
import { fillVars, fillVarsDeep, resolveSite, setAtKeys, siteValue, valueAtKeys } from '../model/variables.ts';

/** A student's values of the lab's variables. */
export interface Variant {
  /** The student id it was derived for (none for the default variant of an anonymous run). */
  student?: string;
  /** A fingerprint of the class seed (its SHA-256, 12 hex digits); none for the default variant. */
  seedId?: string;
  /** The value of each variable, by name. */
  vars: Record<string, string>;
}

/** The class: its seed, and the students the instructor expects (to tell whose variant a copied submission is). */
export interface ClassSeed {
  seed: string;
  students: string[];
  /** Where it was read from (a --class file, or $LABS_CLASS_SEED). */
  from: string;
}

/** A fingerprint of a class seed that does not give the seed away. */
export function seedId(seed: string): string {
  return createHash('sha256').update(`labs class seed\0${seed}`).digest('hex').slice(0, 12);
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = `${LOWER}0123456789`;

/** A stream of bytes for one variable of one student, as long as needed. */
function bytesFor(seed: string, lab: string, student: string, name: string, n: number): Buffer {
  const chunks: Buffer[] = [];
  for (let i = 0; chunks.length * 32 < n; i++) chunks.push(createHmac('sha256', seed).update(`${lab}\0${student}\0${name}\0${i}`).digest());
  return Buffer.concat(chunks);
}

/** One value from its generator and its bytes (uniform enough: 32-bit draws over small ranges). */
export function generate(g: Generator, bytes: Buffer): string {
  const u32 = (i: number) => bytes.readUInt32BE(i * 4);
  if ('pick' in g) return g.pick[u32(0) % g.pick.length]!;
  if ('int' in g) return String(g.int.min + (u32(0) % (g.int.max - g.int.min + 1)));
  if ('letters' in g) return Array.from({ length: g.letters }, (_, i) => (i === 0 ? LOWER[u32(i) % 26] : ALNUM[u32(i) % 36])).join('');
  const word = g.word[u32(0) % g.word.length]!;
  return `${word}_${Array.from({ length: g.suffix }, (_, i) => LOWER[u32(i + 1) % 26]).join('')}`;
}

/** Whether a generator's values tell students apart (a random word or letters), not one of a few picks. */
export function identifying(g: Generator): boolean {
  return 'letters' in g || 'word' in g;
}

/** The default variant: every variable at its default (the seed's text). */
export function defaultVariant(lab: Pick<Lab, 'variables'>, student?: string): Variant {
  return { ...(student ? { student } : {}), vars: Object.fromEntries(Object.entries(lab.variables ?? {}).map(([k, v]) => [k, v.default])) };
}

/** A student's variant: derived from the lab, the student id and the class seed; the default without a seed. */
export function variantOf(lab: Pick<Lab, 'id' | 'variables'>, student: string, seed?: string): Variant {
  if (seed === undefined) return defaultVariant(lab, student);
  const vars = Object.fromEntries(Object.entries(lab.variables ?? {}).map(([k, v]) => [k, generate(v.generate, bytesFor(seed, lab.id, student, k, 64))]));
  return { student, seedId: seedId(seed), vars };
}

/** Whether a lab has variables at all. */
export function hasVariables(lab: Pick<Lab, 'variables'>): boolean {
  return Object.keys(lab.variables ?? {}).length > 0;
}

/** The variant in one line: "database=shop_kqzt, storage=2Gi". */
export function describeVariant(v: Variant): string {
  return Object.entries(v.vars).map(([k, x]) => `${k}=${x}`).join(', ');
}

/**
 * The class seed: a --class file (YAML: `seed: <text>` and optionally `students: [ids]`), else $LABS_CLASS_SEED,
 * else none. A file that cannot be used is a usage error naming the file and line.
 */
export function readClass(file: string | undefined, env: NodeJS.ProcessEnv = process.env): ClassSeed | undefined {
  if (file === undefined) {
    const seed = env.LABS_CLASS_SEED?.trim();
    return seed ? { seed, students: [], from: '$LABS_CLASS_SEED' } : undefined;
  }
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(MSG.classFileUnreadable(file, (e as NodeJS.ErrnoException).code ?? String(e)), MSG.classFileUnreadableHint);
  }
  const doc = parseDocument(source, { prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : source.slice(0, offset).split('\n').length);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new LabFileError([{ file, line: lineOf(e.pos[0]), message: MSG.classFileNotYaml(e.message.split('\n')[0]!) }]);
  }
  const data = doc.toJS() as unknown;
  const node = (key: string) => (doc.contents as { get?: (k: string, keep: boolean) => { range?: number[] } | undefined } | null)?.get?.(key, true);
  const seed = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).seed : undefined;
  if (typeof seed !== 'string' && typeof seed !== 'number') {
    throw new LabFileError([{ file, line: lineOf(node('seed')?.range?.[0]), message: MSG.classSeedMissing }]);
  }
  const students = (data as Record<string, unknown>).students ?? [];
  if (!Array.isArray(students) || students.some((s) => typeof s !== 'string' && typeof s !== 'number')) {
    throw new LabFileError([{ file, line: lineOf(node('students')?.range?.[0]), message: MSG.classStudentsNotList }]);
  }
  return { seed: String(seed), students: students.map(String), from: file };
}

/** A step with its texts, commands and solution in the variant. */
function stepIn(step: Step, vars: Record<string, string>): Step {
  return { ...step, title: fillVarsDeep(step.title, vars), instructions: fillVarsDeep(step.instructions, vars), commands: fillVarsDeep(step.commands, vars), solution: fillVarsDeep(step.solution, vars) };
}

/** The lab as a student with this variant sees it: texts, commands, solutions and the values of the instructions. */
export function instantiateLab(lab: Lab, v: Variant): Lab {
  if (!hasVariables(lab)) return lab;
  const values = Object.fromEntries(Object.entries(lab.values).map(([k, s]) => [k, { ...s, student: fillVars(s.student, v.vars) }]));
  return { ...lab, title: fillVarsDeep(lab.title, v.vars), summary: fillVarsDeep(lab.summary, v.vars), values, steps: lab.steps.map((s) => stepIn(s, v.vars)) };
}

const objectName = (o: { kind?: unknown; metadata?: { name?: unknown } }) => `${String(o.kind)}/${String(o.metadata?.name)}`;

/** The objects of a reference manifest in the variant: each site of each variable set to the variant's value. */
export function renderObjects(lab: Pick<Lab, 'variables'>, file: string, objects: ApiObject[], v: Variant): ApiObject[] {
  const out = structuredClone(objects);
  for (const [name, spec] of Object.entries(lab.variables ?? {})) {
    for (const site of spec.manifests.filter((s) => s.file === file)) {
      const obj = out.find((o) => objectName(o) === site.object);
      const keys = obj ? resolveSite(obj, site.path) : undefined;
      if (!obj || !keys) continue; // the loader has made sure every site exists in the lab's own files
      setAtKeys(obj, keys, siteValue(site.value ?? `{{var ${name}}}`, v.vars, valueAtKeys(obj, keys)));
    }
  }
  return out;
}

/** A reference manifest's text in the variant, comments kept: what `s` (the solution) shows a student. */
export function renderManifestText(lab: Pick<Lab, 'variables'>, file: string, source: string, v: Variant): string {
  const sites = Object.entries(lab.variables ?? {}).flatMap(([name, spec]) => spec.manifests.filter((s) => s.file === file).map((s) => ({ name, ...s })));
  if (sites.length === 0) return source;
  const docs = source.split(/^---[^\S\n]*$/m);
  return docs.map((chunk) => {
    const doc = parseDocument(chunk);
    const js = doc.toJS() as ApiObject | null;
    if (!js || typeof js !== 'object') return chunk;
    let changed = false;
    for (const site of sites.filter((s) => s.object === objectName(js))) {
      const keys = resolveSite(js, site.path);
      if (!keys) continue;
      const value = siteValue(site.value ?? `{{var ${site.name}}}`, v.vars, valueAtKeys(js, keys));
      if (value === valueAtKeys(js, keys)) continue;
      doc.setIn(keys, value);
      changed = true;
    }
    return changed ? `${chunk.match(/^\s*/)![0]}${doc.toString({ indentSeq: false })}` : chunk;
  }).join('---');
}

/** A check whose title, hints and details name the student's own values ({{var <name>}} filled). */
export function checkInVariant(check: Check, vars: Readonly<Record<string, string>>): Check {
  if (Object.keys(vars).length === 0) return check;
  return {
    ...check,
    title: fillVarsDeep(check.title, vars),
    ...(check.volumeClaims ? { volumeClaims: fillVarsDeep(check.volumeClaims, vars) } : {}),
    run: async (ctx) => {
      const out = await check.run(ctx);
      if (out.status === 'pass') return out.detail ? { ...out, detail: fillVarsDeep(out.detail, vars) } : out;
      return { ...out, hint: fillVarsDeep(out.hint, vars) };
    },
  };
}
