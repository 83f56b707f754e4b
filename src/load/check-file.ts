import { type FileIssue } from '../errors.ts';
import { kindByName } from '../k8s/kinds.ts';
import { parseWithSchema } from './parse-lab.ts';
import { locate } from './yaml-locate.ts';
import { CheckFileSchema, MATCHERS, type CheckFile } from '../model/assert.ts';
import { text, type Text } from '../model/text.ts';
import { parsePath, PathError } from '../assert/path.ts';

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
  if (check.id !== undefined && check.id !== scope.id) at(['id'], text(`체크 id "${check.id}"가 파일 이름 "${scope.id}"와 다릅니다`, `check id "${check.id}" does not match its file name "${scope.id}"`));
  const own = scope.checks.get(scope.id);
  const knownCheck = (path: PropertyKey[], id: string, earlierOnly: boolean) => {
    const step = scope.checks.get(id);
    if (step === undefined) at(path, text(`랩에 "${id}" 체크가 없습니다`, `the lab has no check "${id}"`));
    else if (earlierOnly && own !== undefined && step > own) at(path, text(`"${id}"는 더 뒤의 단계에서 실행되어 아직 기억한 것이 없습니다`, `"${id}" runs in a later step: it has remembered nothing yet`));
  };
  check.asserts.forEach((a, i) => {
    const base: PropertyKey[] = ['asserts', i];
    const targets = (['object', 'objects', 'podsOf', 'probe', 'volumeFile'] as const).filter((k) => a[k] !== undefined);
    if (targets.length !== 1) at(base, text('assert마다 대상이 하나여야 합니다: object, objects, podsOf, probe, volumeFile 중 하나', 'each assert needs exactly one target: object, objects, podsOf, probe or volumeFile'));
    for (const t of ['object', 'objects', 'podsOf'] as const) {
      const kind = a[t]?.kind;
      if (kind !== undefined && !kindByName(kind)) at([...base, t, 'kind'], text(`labs가 모르는 kind "${kind}"입니다`, `labs does not know the kind "${kind}"`));
    }
    if (a.probe && !scope.probes.includes(a.probe.use)) at([...base, 'probe', 'use'], text(`lab.yaml의 probes에 "${a.probe.use}"가 없습니다`, `no probe "${a.probe.use}" under probes in lab.yaml`));
    if (a.answer && !a.probe && !a.volumeFile) at([...base, 'answer'], text('answer는 probe와 volumeFile에만 씁니다', 'answer goes with a probe or a volumeFile only'));
    if (a.volumeFile && (a.expect.length > 0 || a.ready || a.remember)) at(base, text('volumeFile에는 answer나 absent를 쓰세요 (expect, ready, remember는 객체에 씁니다)', 'give a volumeFile an answer or absent (expect, ready and remember are for objects)'));
    if (a.volumeFile && a.absent && a.answer) at(base, text('volumeFile에는 answer와 absent 중 하나만 쓰세요', 'give a volumeFile either an answer or absent, not both'));
    if (a.volumeFile && a.volumeFile.path.replace(/^\/+/, '').split('/').includes('..')) at([...base, 'volumeFile', 'path'], text('볼륨 밖을 가리키는 경로입니다 (..)', 'the path leads outside the volume (..)'));
    if (a.probe && (a.expect.length > 0 || a.ready || a.absent)) at(base, text('probe에는 answer를 쓰세요 (expect, ready, absent는 객체에 씁니다)', 'give a probe an answer (expect, ready and absent are for objects)'));
    if (a.answer?.matches !== undefined) regex([...base, 'answer', 'matches'], a.answer.matches);
    if (a.ifAbsent?.blockedBy !== undefined) knownCheck([...base, 'ifAbsent', 'blockedBy'], a.ifAbsent.blockedBy, false);
    const readsPods = a.podsOf !== undefined || [a.object?.kind, a.objects?.kind].some((k) => k !== undefined && kindByName(k)?.kind === 'Pod');
    a.expect.forEach((e, j) => {
      const here = [...base, 'expect', j];
      const set = MATCHERS.filter((k) => (e as Record<string, unknown>)[k] !== undefined);
      if (set.length !== 1) at(here, text(`기대마다 비교가 하나여야 합니다: ${MATCHERS.join(', ')} 중 하나`, `each expectation needs exactly one matcher: one of ${MATCHERS.join(', ')}`));
      try {
        if (e.path) parsePath(e.path);
      } catch (err) {
        if (err instanceof PathError) at([...here, 'path'], text(`경로를 읽을 수 없습니다: ${err.message}`, `cannot read the path: ${err.message}`));
        else throw err;
      }
      for (let m: Record<string, unknown> | undefined = e; m; m = m.not as Record<string, unknown> | undefined) if (typeof m.matches === 'string') regex([...here, 'matches'], m.matches);
      if (/^\$\.log\b/.test(e.path) && !readsPods) at([...here, 'path'], text('$.log는 Pod의 로그입니다: podsOf나 kind Pod인 대상에 쓰세요', '$.log is a pod\'s log: use it with podsOf, or a target of kind Pod'));
    });
    for (const [k, p] of Object.entries(a.remember ?? {})) {
      try {
        parsePath(p);
      } catch (err) {
        if (err instanceof PathError) at([...base, 'remember', k], text(`경로를 읽을 수 없습니다: ${err.message}`, `cannot read the path: ${err.message}`));
        else throw err;
      }
    }
    for (const { path, s } of strings(a, base)) {
      for (const m of s.matchAll(PLACEHOLDER)) {
        const [whole, fn, x] = m;
        if (fn === 'value' && !scope.values.includes(x ?? '')) at(path, text(`lab.yaml의 values에 "${x}"가 없습니다 (${whole})`, `no value "${x}" under values in lab.yaml (${whole})`));
        else if (fn === 'recall') knownCheck(path, (x ?? '').split('.')[0]!, true);
        else if (fn === 'var' && !(scope.variables ?? []).includes(x ?? '')) at(path, text(`lab.yaml의 variables에 "${x}"가 없습니다 (${whole})`, `no variable "${x}" under variables in lab.yaml (${whole})`));
        else if (!['value', 'recall', 'ip', 'env', 'namespace', 'var', 'volume'].includes(fn!)) at(path, text(`알 수 없는 자리표시자 ${whole}`, `unknown placeholder ${whole}`));
      }
    }
  });
  function regex(path: PropertyKey[], source: string) {
    try {
      new RegExp(source);
    } catch (e) {
      at(path, text(`정규식이 잘못되었습니다: ${(e as Error).message}`, `not a regular expression: ${(e as Error).message}`));
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, check };
}
