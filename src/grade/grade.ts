import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deleteNamespace, namespaceName } from '../cluster/namespace.ts';
import { KubeError } from '../errors.ts';
import { normaliseCheckRef, type Lab } from '../model/lab.ts';
import { KIND, type ApiObject, type KubeClient } from '../model/kube.ts';
import { text, type Lang } from '../model/text.ts';
import { writeJson } from '../report/json.ts';
import { type CheckResult } from '../run/result.ts';
import { runLab } from '../run/runner.ts';
import { waitFor } from '../run/wait.ts';
import { createGradingNamespace } from './namespace.ts';
import { applyPolicy } from './policy.ts';
import { type ApplyError, type SubmissionResult } from './result.ts';
import { listStudents, readSubmission, validStudentId } from './submission.ts';

/** How to grade a class. */
export interface GradeOptions {
  lab: Lab;
  /** The folder of <student>/ folders. */
  root: string;
  kube: KubeClient;
  context: string;
  parallel: number;
  out: string;
  keepFailed: boolean;
  regrade: boolean;
  submissionTimeoutSeconds: number;
  lang: Lang;
  /** Progress lines. */
  log: (line: string) => void;
  signal?: AbortSignal;
  /** Caps on waits and check deadlines inside one submission. */
  actionTimeoutCapSeconds?: number;
  checkTimeoutCapSeconds?: number;
}

/** Apply order: what others depend on first. */
const KIND_ORDER = ['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'Service'];

/** The graded checks of a lab with their steps and points, in order. */
export function gradedChecks(lab: Lab): { step: string; id: string; points: number }[] {
  return lab.steps.filter((s) => s.graded).flatMap((s) => s.checks.map((r) => ({ step: s.id, ...normaliseCheckRef(r) })));
}

/** Where one student's result is written. */
export function resultFile(out: string, student: string): string {
  return join(out, 'students', `${student}.json`);
}

/** Every result already in the out folder. */
export function readResults(out: string): SubmissionResult[] {
  const dir = join(out, 'students');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as SubmissionResult);
}

/**
 * Grades every submission, N at a time. Each result is written as soon as it is known, so an interrupted
 * run loses nothing finished; students already graded are skipped unless `regrade`.
 */
export async function gradeAll(o: GradeOptions): Promise<SubmissionResult[]> {
  const students = listStudents(o.root).filter((s) => {
    if (o.regrade || !existsSync(resultFile(o.out, s))) return true;
    const prev = JSON.parse(readFileSync(resultFile(o.out, s), 'utf8')) as SubmissionResult;
    if (prev.status === 'graded') o.log(`${s}: already graded (${prev.score}/${prev.maxScore}); --regrade to grade again`);
    return prev.status !== 'graded';
  });
  const queue = [...students];
  const deleted: string[] = [];
  const worker = async () => {
    for (let s = queue.shift(); s !== undefined && !o.signal?.aborted; s = queue.shift()) {
      const r = await gradeOne(o, s, deleted);
      if (o.signal?.aborted && r.status === 'error') continue; // interrupted: not done, graded again next run
      writeJson(resultFile(o.out, s), r);
      o.log(`${s}: ${r.status === 'graded' ? `${r.score}/${r.maxScore}` : `ERROR ${r.error}`}${r.kept ? ` (namespace ${r.namespace} kept)` : ''}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.parallel, students.length)) }, worker));
  // Leave the cluster as it was: wait until the namespaces are really gone (PVs released, pods stopped).
  await waitFor('grading namespaces deleted', 300, async () => {
    for (const ns of deleted) if (await o.kube.get(KIND.namespace, ns)) return { done: false, why: `${ns} still terminating` };
    return { done: true, value: undefined };
  }, 2000).catch((e: Error) => o.log(`warning: ${e.message}`));
  return readResults(o.out);
}

/** Grades one submission in a namespace of its own; never throws. */
export async function gradeOne(o: GradeOptions, student: string, deleted: string[] = []): Promise<SubmissionResult> {
  const started = Date.now();
  const checks = gradedChecks(o.lab);
  const maxScore = checks.reduce((a, c) => a + c.points, 0);
  const base: SubmissionResult = {
    student, lab: o.lab.id, status: 'graded', score: 0, maxScore, namespace: '', kept: false, checks: [],
    policy: [], fileIssues: [], applyErrors: [], startedAt: new Date(started).toISOString(), durationMs: 0,
  };
  if (!validStudentId(student)) {
    return { ...base, status: 'error', error: `"${student}" cannot be a student id (letters, digits, . _ -; at most 63)`, durationMs: 0 };
  }
  const sub = readSubmission(o.root, student);
  const policy = applyPolicy(sub.objects, o.lab.namespace);
  const namespace = namespaceName('labs', o.lab.id.split('/').pop()!, student);
  const result: SubmissionResult = { ...base, namespace, policy: policy.rejected, fileIssues: sub.issues };
  const signal = AbortSignal.any([AbortSignal.timeout(o.submissionTimeoutSeconds * 1000), ...(o.signal ? [o.signal] : [])]);
  try {
    await createGradingNamespace(o.kube, namespace, student, o.lab.id);
    result.applyErrors = await applyAll(o.kube, namespace, student, policy.allowed);
    const run = await runLab({
      lab: o.lab, kube: o.kube, context: o.context, namespace, lang: o.lang, mode: 'auto',
      steps: o.lab.steps.filter((s) => s.graded).map((s) => s.id), skipApply: true, fieldManager: 'labs-grader',
      actionTimeoutCapSeconds: o.actionTimeoutCapSeconds ?? 90, checkTimeoutCapSeconds: o.checkTimeoutCapSeconds ?? 45,
      emit: () => undefined, signal,
    });
    const ran = new Map(run.steps.flatMap((s) => s.checks).map((c) => [c.id, c]));
    if (o.signal?.aborted) throw new KubeError('interrupted');
    result.checks = checks.map((c) => ran.get(c.id) ?? notChecked(c, signal.aborted));
    if (result.checks.some((c) => c.status === 'error')) {
      result.status = 'error';
      result.error = result.checks.filter((c) => c.status === 'error').map((c) => `${c.id}: ${c.error}`).join('; ');
    }
    result.score = result.checks.reduce((a, c) => a + c.points, 0);
  } catch (e) {
    result.status = 'error';
    result.error = e instanceof Error ? e.message : String(e);
  } finally {
    result.kept = o.keepFailed && result.status === 'graded' && result.score < maxScore;
    if (!result.kept) {
      await deleteNamespace(o.kube, namespace).catch(() => undefined);
      deleted.push(namespace);
    }
    result.durationMs = Date.now() - started;
  }
  return result;
}

function notChecked(c: { step: string; id: string; points: number }, timedOut: boolean): CheckResult {
  const why = timedOut
    ? text('제출물의 채점 시간이 끝나 확인하지 못했습니다', 'not checked: the submission ran out of time')
    : text('이전 단계가 끝나지 않아 확인하지 못했습니다', 'not checked: an earlier step did not finish');
  return {
    id: c.id, step: c.step, title: text(c.id, c.id), status: 'fail', points: 0, maxPoints: c.points, attempts: 0, durationMs: 0,
    expected: text('확인 가능한 상태', 'a state that can be checked'), found: why,
    hint: text('Pod가 Ready가 되는지 먼저 확인하세요: kubectl get pods', 'Make sure your pods become Ready first: kubectl get pods'),
  };
}

async function applyAll(kube: KubeClient, namespace: string, student: string, objects: ReturnType<typeof applyPolicy>['allowed']): Promise<ApplyError[]> {
  const rank = (k: string) => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length);
  const sorted = [...objects].sort((a, b) => rank(a.object.kind) - rank(b.object.kind));
  const errors: ApplyError[] = [];
  for (const m of sorted) {
    try {
      await kube.apply(m.object as ApiObject, namespace, { fieldManager: `student-${student}`.slice(0, 128) });
    } catch (e) {
      if (e instanceof KubeError && e.status !== undefined && e.status >= 400 && e.status < 500) {
        errors.push({ file: m.file, line: m.line, object: `${m.object.kind}/${m.object.metadata.name}`, message: e.message });
      } else {
        throw e;
      }
    }
  }
  return errors;
}
