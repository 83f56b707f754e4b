import { type FileIssue } from '../errors.ts';
import { kindByName } from '../k8s/kinds.ts';
import { parseWithSchema } from './parse-lab.ts';
import { locate } from './yaml-locate.ts';
import { CheckFileSchema, MATCHERS, type CheckFile } from '../model/assert.ts';
import { type Text } from '../model/text.ts';
import { parsePath, PathError } from '../assert/path.ts';
import { MSG } from './messages.ts';

/** What a check file is checked against: the lab it belongs to. */
export interface CheckScope {
  /** The check's own id (its file name). */
  id: string;
  /** The lab's value names, probe names, and its checks with the index of the step each runs in. */
  values: readonly string[];
  /** The lab's per-student variable names ({{var <name>}}). */
  variables?: readonly string[];
  probes: readonly string[];
  checks: ReadonlyMap<string, number>;
}

/** The outcome of reading a declarative check file. */
export type CheckFileResult = { ok: true; check: CheckFile } | { ok: false; issues: FileIssue[] };

const PLACEHOLDER = /\{\{\s*([a-z]+)(?:\s+([^\s}]+))?(?:\s+([^\s}]+))?\s*\}\}/g;

/** Every string in a value, with its path below `at`. */
function strings(v: unknown, at: PropertyKey[]): { path: PropertyKey[]; s: string }[] {
  if (typeof v === 'string') return [{ path: at, s: v }];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, [...at, i]));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => (k === 'hint' || k === 'title' ? [] : strings(x, [...at, k])));
  return [];
}

/**
 * Reads and validates a declarative check (checks/<lab>/<id>.yaml): the schema, then the rules the schema cannot
 * say, each with its file:line:col and dot path: one target and one matcher each, known kinds, readable paths and
 * patterns, and placeholders, probes and checks the lab has.
 */
export function parseCheckFile(source: string, file: string, scope: CheckScope): CheckFileResult {
  const parsed = parseWithSchema(CheckFileSchema, source, file);
  if (!parsed.ok) return parsed;
  const check = parsed.value;
  const issues: FileIssue[] = [];
  const at = (path: PropertyKey[], message: Text) => issues.push({ file, ...locate(parsed.located, path), path: path.join('.'), message });
  if (check.id !== undefined && check.id !== scope.id) at(['id'], MSG.checkIdMismatch(check.id, scope.id));
  const own = scope.checks.get(scope.id);
  const knownCheck = (path: PropertyKey[], id: string, earlierOnly: boolean) => {
    const step = scope.checks.get(id);
    if (step === undefined) at(path, MSG.noSuchCheck(id));
    else if (earlierOnly && own !== undefined && step > own) at(path, MSG.checkRunsLater(id));
  };
  check.asserts.forEach((a, i) => {
    const base: PropertyKey[] = ['asserts', i];
    const targets = (['object', 'objects', 'podsOf', 'probe', 'volumeFile'] as const).filter((k) => a[k] !== undefined);
    if (targets.length !== 1) at(base, MSG.oneTargetPerAssert);
    for (const t of ['object', 'objects', 'podsOf'] as const) {
      const kind = a[t]?.kind;
      if (kind !== undefined && !kindByName(kind)) at([...base, t, 'kind'], MSG.unknownKind(kind));
    }
    if (a.probe && !scope.probes.includes(a.probe.use)) at([...base, 'probe', 'use'], MSG.noSuchProbeInLab(a.probe.use));
    if (a.answer && !a.probe && !a.volumeFile) at([...base, 'answer'], MSG.answerWithProbeOnly);
    if (a.volumeFile && (a.expect.length > 0 || a.ready || a.remember)) at(base, MSG.volumeFileAnswerOrAbsent);
    if (a.volumeFile && a.absent && a.answer) at(base, MSG.volumeFileNotBoth);
    if (a.volumeFile && a.volumeFile.path.replace(/^\/+/, '').split('/').includes('..')) at([...base, 'volumeFile', 'path'], MSG.pathOutsideVolume);
    if (a.probe && (a.expect.length > 0 || a.ready || a.absent)) at(base, MSG.probeGetsAnswer);
    if (a.answer?.matches !== undefined) regex([...base, 'answer', 'matches'], a.answer.matches);
    if (a.ifAbsent?.blockedBy !== undefined) knownCheck([...base, 'ifAbsent', 'blockedBy'], a.ifAbsent.blockedBy, false);
    const readsPods = a.podsOf !== undefined || [a.object?.kind, a.objects?.kind].some((k) => k !== undefined && kindByName(k)?.kind === 'Pod');
    a.expect.forEach((e, j) => {
      const here = [...base, 'expect', j];
      const set = MATCHERS.filter((k) => (e as Record<string, unknown>)[k] !== undefined);
      if (set.length !== 1) at(here, MSG.oneMatcherPerExpectation(MATCHERS));
      try {
        if (e.path) parsePath(e.path);
      } catch (err) {
        if (err instanceof PathError) at([...here, 'path'], MSG.unreadablePath(err.message));
        else throw err;
      }
      for (let m: Record<string, unknown> | undefined = e; m; m = m.not as Record<string, unknown> | undefined) if (typeof m.matches === 'string') regex([...here, 'matches'], m.matches);
      if (/^\$\.log\b/.test(e.path) && !readsPods) at([...here, 'path'], MSG.logNeedsPods);
    });
    for (const [k, p] of Object.entries(a.remember ?? {})) {
      try {
        parsePath(p);
      } catch (err) {
        if (err instanceof PathError) at([...base, 'remember', k], MSG.unreadablePath(err.message));
        else throw err;
      }
    }
    for (const { path, s } of strings(a, base)) {
      for (const m of s.matchAll(PLACEHOLDER)) {
        const [whole, fn, x] = m;
        if (fn === 'value' && !scope.values.includes(x ?? '')) at(path, MSG.noSuchValueInLab(x, whole));
        else if (fn === 'recall') knownCheck(path, (x ?? '').split('.')[0]!, true);
        else if (fn === 'var' && !(scope.variables ?? []).includes(x ?? '')) at(path, MSG.noSuchVariableInLab(x, whole));
        else if (!['value', 'recall', 'ip', 'env', 'namespace', 'var', 'volume'].includes(fn!)) at(path, MSG.unknownPlaceholder(whole));
      }
    }
  });
  function regex(path: PropertyKey[], source: string) {
    try {
      new RegExp(source);
    } catch (e) {
      at(path, MSG.badRegex((e as Error).message));
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, check };
}
