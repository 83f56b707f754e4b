import { existsSync, readFileSync } from 'node:fs';
import { imagesOf } from '../k8s/pod-specs.ts';
import { kindByName } from '../k8s/kinds.ts';
import { dirname, join } from 'node:path';
import { LabFileError, UsageError, type FileIssue } from '../errors.ts';
import { type Text } from '../model/text.ts';
import { actionFiles, isAction, normaliseCheckRef, type Lab, type LabFile } from '../model/lab.ts';
import { parseCheckFile, type CheckFileResult, type CheckScope } from './check-file.ts';
import { cachedLab, snapshotInputs, storeLab, type LabInputs } from './lab-cache.ts';
import { CHECKS_ROOT, COMPILED, DATA_CHECKS_ROOT, findLabFiles, labIdFor, LABS_ROOT } from './lab-files.ts';
import { parseManifests } from './manifests.ts';
import { MSG } from './messages.ts';
import { parseLab } from './parse-lab.ts';
import { variableIssues } from './variables.ts';
import { locate, parseLocated } from './yaml-locate.ts';

export { CHECKS_ROOT, COMPILED, DATA_CHECKS_ROOT, findLabFiles, labIdFor, LABS_ROOT, PROJECT_ROOT } from './lab-files.ts';

/**
 * Where check `id` of a lab lives: beside the lab (checks/<id>.yaml or checks/<id>.ts) or among the bundled checks
 * (CHECKS_ROOT/<lab-id>/<id>.yaml, or <id>.ts, .js when compiled). A check written as data wins over code of the
 * same id in the same folder.
 */
export function checkModulePath(lab: Pick<Lab, 'dir' | 'id'>, checkId: string): string | undefined {
  const candidates = [
    join(lab.dir, 'checks', `${checkId}.yaml`), join(lab.dir, 'checks', `${checkId}.ts`),
    join(DATA_CHECKS_ROOT, lab.id, `${checkId}.yaml`), join(CHECKS_ROOT, lab.id, `${checkId}.${COMPILED ? 'js' : 'ts'}`),
  ];
  return candidates.find((p) => existsSync(p));
}

/** What a lab's declarative checks are checked against: its values, probes, and which step runs each check. */
export function checkScope(lab: Pick<LabFile, 'values' | 'probes' | 'steps'> & Partial<Pick<LabFile, 'variables'>>, id: string): CheckScope {
  const checks = new Map<string, number>();
  lab.steps.forEach((step, i) => step.checks.forEach((r) => checks.set(normaliseCheckRef(r).id, i)));
  return { id, values: Object.keys(lab.values), variables: Object.keys(lab.variables ?? {}), probes: lab.probes.map((p) => p.name), checks };
}

/** Reads a declarative check file of a lab, with every problem located. */
export function readCheckFile(lab: Pick<LabFile, 'values' | 'probes' | 'steps'> & Partial<Pick<LabFile, 'variables'>>, file: string, id: string): CheckFileResult {
  return parseCheckFile(readFileSync(file, 'utf8'), file, checkScope(lab, id));
}

/** The folders checkModulePath looks in: a file added to or removed from one may change which check file is used. */
function checkFolders(lab: Pick<Lab, 'dir' | 'id'>): string[] {
  return [join(lab.dir, 'checks'), join(DATA_CHECKS_ROOT, lab.id), join(CHECKS_ROOT, lab.id)];
}

/** Every file loading a lab reads (lab.yaml, the manifests it names, its check files) and its check folders. */
function labInputs(lab: Lab): LabInputs {
  const named = [...lab.manifests];
  for (const step of lab.steps) {
    for (const action of step.solution) named.push(...actionFiles(action));
  }
  const checks = lab.steps.flatMap((step) => step.checks.flatMap((ref) => checkModulePath(lab, normaliseCheckRef(ref).id) ?? []));
  return { files: [lab.file, ...named.map((m) => join(lab.dir, m)), ...checks], dirs: checkFolders(lab) };
}

/**
 * Loads one lab file and applies the cross-file rules; collects every problem before failing. A lab validated
 * before from the very same files comes from the cache (lab-cache.ts); only a valid lab is kept there.
 */
export function loadLab(file: string): Lab {
  const cached = cachedLab(file);
  if (cached) return cached;
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  const parsed = parseLab(source, file);
  if (!parsed.ok) throw new LabFileError(parsed.issues);
  const dir = dirname(file);
  const lab: Lab = { ...parsed.lab, id: parsed.lab.id ?? labIdFor(dir), dir, file, images: [] };
  // Hashed before the rules below read the files: an edit made while they run misses next time, never goes stale.
  const snapshot = snapshotInputs(labInputs(lab), file, bytes);
  const issues = crossFileIssues(lab, parsed.lab, source);
  if (issues.length > 0) throw new LabFileError(issues);
  lab.images = parsed.lab.images ?? referenceImages(lab);
  storeLab(lab, snapshot);
  return lab;
}

/** The images the lab's reference manifests run, and its probes' images: what submissions may use by default. */
function referenceImages(lab: Lab): string[] {
  const images = new Set(lab.probes.map((p) => p.image));
  for (const m of lab.manifests) {
    for (const image of imagesOf(parseManifests(readFileSync(join(lab.dir, m), 'utf8'), m).objects.map((o) => o.object))) images.add(image);
  }
  return [...images].sort();
}

/** Loads every lab under `dir`; reports the problems of all of them together. */
export function loadLabs(dir = LABS_ROOT): Lab[] {
  const labs: Lab[] = [];
  const issues: FileIssue[] = [];
  for (const file of findLabFiles(dir)) {
    try {
      labs.push(loadLab(file));
    } catch (e) {
      if (e instanceof LabFileError) issues.push(...e.issues);
      else throw e;
    }
  }
  const seen = new Map<string, string>();
  for (const lab of labs) {
    const other = seen.get(lab.id);
    if (other) issues.push({ file: lab.file, line: 1, col: 1, message: MSG.labIdTwice(lab.id, other) });
    seen.set(lab.id, lab.file);
  }
  if (issues.length > 0) throw new LabFileError(issues);
  return labs;
}

/** Finds a lab by id among the bundled labs, or loads it from a path. */
export function findLab(idOrPath: string): Lab {
  if (existsSync(idOrPath) && (existsSync(join(idOrPath, 'lab.yaml')) || idOrPath.endsWith('.yaml'))) {
    return loadLab(findLabFiles(idOrPath)[0]!);
  }
  const file = join(LABS_ROOT, idOrPath, 'lab.yaml');
  if (!existsSync(file)) {
    const known = findLabFiles(LABS_ROOT).map((f) => labIdFor(dirname(f)));
    throw new UsageError(MSG.noSuchLab(idOrPath), MSG.knownLabs(known));
  }
  return loadLab(file);
}

function crossFileIssues(lab: Lab, raw: LabFile, source: string): FileIssue[] {
  const located = parseLocated(source);
  const at = (path: PropertyKey[], message: Text): FileIssue => ({ file: lab.file, ...locate(located, path), path: path.join('.'), message });
  const issues: FileIssue[] = [];
  const fileRef = (path: PropertyKey[], name: string) => {
    const full = join(lab.dir, name);
    if (!existsSync(full)) {
      issues.push(at(path, MSG.manifestNotInLabDir(name, lab.dir)));
      return;
    }
    issues.push(...parseManifests(readFileSync(full, 'utf8'), full).issues);
  };
  raw.manifests.forEach((m, i) => fileRef(['manifests', i], m));
  const stepIds = new Set<string>();
  const checkIds = new Map<string, string>();
  raw.steps.forEach((step, s) => {
    if (stepIds.has(step.id)) issues.push(at(['steps', s, 'id'], MSG.stepIdTwice(step.id)));
    stepIds.add(step.id);
    step.solution.forEach((action, a) => {
      if (isAction(action, 'apply')) fileRef(['steps', s, 'solution', a, 'apply'], action.apply);
      if (isAction(action, 'delete') && action.delete.file) fileRef(['steps', s, 'solution', a, 'delete', 'file'], action.delete.file);
      if (isAction(action, 'patch') && !kindByName(action.patch.kind)) {
        issues.push(at(['steps', s, 'solution', a, 'patch', 'kind'], MSG.unknownKind(action.patch.kind)));
      }
      if (isAction(action, 'writeVolume') && action.writeVolume.path.replace(/^\/+/, '').split('/').includes('..')) {
        issues.push(at(['steps', s, 'solution', a, 'writeVolume', 'path'], MSG.pathOutsideVolume));
      }
      if (isAction(action, 'probe') && !raw.probes.some((p) => p.name === action.probe.use)) {
        issues.push(at(['steps', s, 'solution', a, 'probe', 'use'], MSG.noSuchProbe(action.probe.use)));
      }
    });
    step.checks.forEach((ref, c) => {
      const { id } = normaliseCheckRef(ref);
      const path = ['steps', s, 'checks', c];
      if (checkIds.has(id)) issues.push(at(path, MSG.checkRunsTwice(id, checkIds.get(id))));
      checkIds.set(id, step.id);
      const module = checkModulePath(lab, id);
      if (!module) {
        issues.push(at(path, MSG.noCheckFile(id, lab.id)));
      } else if (module.endsWith('.yaml')) {
        const r = readCheckFile(raw, module, id);
        if (!r.ok) issues.push(...r.issues);
      }
    });
  });
  issues.push(...variableIssues(lab.dir, raw, at));
  return issues;
}
