import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gradePolicy } from '../run/policy.ts';
import { join, resolve } from 'node:path';
import { deleteNamespace, namespaceName } from '../cluster/namespace.ts';
import { isAbort, LabsError, errorMessage } from '../errors.ts';
import { NamespaceCache } from '../kube/cache.ts';
import { deadline } from '../kube/deadline.ts';
import { normaliseCheckRef, type CheckSpec, type Lab } from '../model/lab.ts';
import { KIND, VOLUME_NAMESPACE_LABEL, type KubeClient } from '../model/kube.ts';
import { literal, text, type Lang, type Text } from '../model/text.ts';
import { writeJson } from '../files.ts';
import { view, type RawVolume } from '../k8s/raw.ts';
import { LEFTOVERS, leftoversText, readLeftovers, type Leftovers } from './leftovers.ts';
import { measureFailed, overusedClaims, overuseText } from './volumes.ts';
import { type CheckResult } from '../run/result.ts';
import { Probes } from '../run/probes.ts';
import { runLab, runVolumeNames } from '../run/runner.ts';
import { volumeNamesOf } from '../run/volume-names.ts';
import { drawValues, newSeed } from '../run/values.ts';
import { waitOn } from '../run/wait.ts';
import { applyStages, applySubmission } from './apply.ts';
import { MSG } from './messages.ts';
import { createGradingNamespace } from './namespace.ts';
import { CapacityGate, freeCapacity } from './capacity.ts';
import { decide } from './decide.ts';
import { internalError } from './dry-run.ts';
import { type SubmissionResult } from './result.ts';
import { listSubmissions } from './class-folder.ts';
import { readSubmission, validStudentId } from './submission.ts';
import { readArchive, type ArchiveFacts } from './archive.ts';
import { review } from './review.ts';
import { labVersion } from '../load/lab-version.ts';
import { variantOf, type ClassSeed } from '../run/variants.ts';
import { relative } from 'node:path';

/** How to grade a class. */
export interface GradeOptions {
  lab: Lab;
  /** The folder of <student>/ folders. */
  root: string;
  kube: KubeClient & { as?(user: string): KubeClient };
  context: string;
  parallel: number;
  out: string;
  keepFailed: boolean;
  regrade: boolean;
  submissionTimeoutSeconds: number;
  lang: Lang;
  /** Progress lines, in the session's language. */
  log: (line: Text) => void;
  signal?: AbortSignal;
  /** Caps on waits and check deadlines inside one submission. */
  actionTimeoutCapSeconds?: number;
  checkTimeoutCapSeconds?: number;
  /** Room on the nodes for students graded at once (made by gradeAll). */
  capacity?: CapacityGate;
  /** The class seed: each student is judged against their own variant (the default for all without one). */
  klass?: ClassSeed;
  /** Every student of the class (the class file's and the submissions'), to tell whose variant a copy is. */
  classmates?: string[];
  /** The archives among the submissions, by student id (filled by gradeAll). */
  archives?: Map<string, string>;
}

/** A label value naming a results folder, so a later run into the same folder finds what an earlier one left. */
export function outLabel(out: string): string {
  return createHash('sha256').update(resolve(out)).digest('hex').slice(0, 16);
}

/** The graded checks of a lab with their steps and points, in order. */
export function gradedChecks(lab: Lab): (CheckSpec & { step: string })[] {
  return lab.steps.filter((s) => s.graded).flatMap((s) => s.checks.map((r) => ({ step: s.id, ...normaliseCheckRef(r, lab) })));
}

/** Where one student's result is written. */
export function resultFile(out: string, student: string): string {
  return join(out, 'students', `${student}.json`);
}

/** Every result already in the out folder (a file that cannot be read is left out, and graded again). */
export function readResults(out: string): SubmissionResult[] {
  const dir = join(out, 'students');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      try {
        return [JSON.parse(readFileSync(join(dir, f), 'utf8')) as SubmissionResult];
      } catch {
        return [];
      }
    });
}

function previous(out: string, student: string): SubmissionResult | undefined {
  try {
    return JSON.parse(readFileSync(resultFile(out, student), 'utf8')) as SubmissionResult;
  } catch {
    return undefined;
  }
}

/**
 * Grades every submission, N at a time. Each result is written as soon as it is known, so an interrupted
 * run loses nothing finished; students already graded are skipped unless `regrade`.
 */
export async function gradeAll(options: GradeOptions): Promise<SubmissionResult[]> {
  let o = options;
  // Student folders and `labs submit` archives side by side; a student who handed in twice is graded once.
  const listed = listSubmissions(o.root);
  for (const d of listed.duplicates) o.log(MSG.duplicateSubmission(d.file, d.student));
  o = { ...o, archives: new Map(listed.entries.flatMap((e) => (e.archive ? [[e.student, e.archive] as const] : []))), classmates: [...new Set([...(o.klass?.students ?? []), ...listed.entries.map((e) => e.student)])] };
  const students = listed.entries.map((e) => e.student).filter((s) => {
    const prev = o.regrade ? undefined : previous(o.out, s);
    if (prev?.status === 'graded') o.log(MSG.alreadyGraded(s, prev.score, prev.maxScore));
    return prev?.status !== 'graded';
  });
  const queue = [...students];
  const deleted: string[] = [];
  // Students graded at once never ask for more than the nodes can give (a neighbour never leaves anyone's pods Pending).
  const capacity = o.capacity ?? (o.parallel > 1 ? new CapacityGate(await freeCapacity(o.kube, o.signal)) : undefined);
  // Namespaces an earlier run into the same folder left behind (it was killed, or the API server was down
  // when it cleaned up) are that run's, and no one else's: delete them now.
  const orphans = (await o.kube.list(KIND.namespace, undefined, `labs.dev/purpose=grade,labs.dev/out=${outLabel(o.out)}`, { signal: o.signal })).map((n) => n.metadata.name!);
  if (orphans.length) o.log(MSG.deletingOrphans(orphans.length));
  for (const ns of orphans) await deleteNamespace(o.kube, ns).catch(() => undefined);
  deleted.push(...orphans);
  // Volumes an earlier run left (its provisioner did not delete them): deleted now, and their namespaces watched.
  const before = readLeftovers(o.out);
  for (const pv of before.volumes) await o.kube.delete(KIND.pv, pv, undefined, { signal: o.signal }).catch(() => undefined);
  deleted.push(...before.namespaces.filter((n) => !deleted.includes(n)));
  const worker = async () => {
    for (let s = queue.shift(); s !== undefined && !o.signal?.aborted; s = queue.shift()) {
      const r = await gradeOne({ ...o, capacity }, s, deleted);
      if (o.signal?.aborted && r.status === 'error') continue; // interrupted: not done, graded again next run
      writeJson(resultFile(o.out, s), r);
      const kept = r.kept ? MSG.namespaceKept(r.namespace) : literal('');
      o.log(r.status === 'graded'
        ? MSG.studentScore(s, r.score, r.maxScore, kept)
        : MSG.studentError(s, r.error, kept));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.parallel, students.length)) }, worker));
  // Leave the cluster as it was: every grading namespace on its way out. The cluster finishes deleting them
  // (pods, volumes) on its own; nobody needs to wait for that, but a delete that could not be sent (the API
  // server was down) is sent again until it is taken.
  await waitOn(undefined, 'grading namespaces deleted', 300, async () => {
    for (const ns of deleted) {
      const left = await o.kube.get(KIND.namespace, ns, undefined, { timeoutMs: 10_000 }).catch(() => ({ metadata: { name: ns } }) as never);
      if (!left || left.metadata.deletionTimestamp) continue;
      await deleteNamespace(o.kube, ns).catch(() => undefined);
      return { done: false, why: `${ns} not deleted yet` };
    }
    return { done: true, value: undefined };
  }).catch((e: unknown) => o.log(MSG.cleanupWarning(e instanceof LabsError ? e.text.ko : errorMessage(e), errorMessage(e))));
  // Nothing may outlive the run: what is still there a minute on is said (here, in the summary and the reports),
  // and a rerun into the same folder deletes it.
  const left = await leftovers(o.kube, deleted, o.signal);
  writeJson(join(o.out, LEFTOVERS), left);
  if (left.namespaces.length + left.volumes.length > 0) o.log(leftoversText(left));
  return readResults(o.out);
}

/** Waits up to a minute for the run's namespaces to be gone, then lists what is still there (and their volumes). */
async function leftovers(kube: KubeClient, namespaces: readonly string[], signal?: AbortSignal): Promise<Leftovers> {
  const mine = new Set(namespaces);
  const look = async (): Promise<Leftovers> => {
    const ns = (await kube.list(KIND.namespace, undefined, 'labs.dev/purpose=grade', { timeoutMs: 10_000, signal })).map((n) => n.metadata.name!).filter((n) => mine.has(n));
    const pvs = (await kube.list(KIND.pv, undefined, undefined, { timeoutMs: 10_000, signal })).filter((pv) => mine.has(view<RawVolume>(pv).spec?.claimRef?.namespace ?? '') || mine.has(pv.metadata.labels?.[VOLUME_NAMESPACE_LABEL] ?? '')).map((pv) => pv.metadata.name!);
    return { namespaces: ns.sort(), volumes: pvs.sort() };
  };
  try {
    return await waitOn(undefined, 'grading namespaces gone', 60, async () => {
      const l = await look();
      return l.namespaces.length + l.volumes.length === 0 ? { done: true, value: l } : { done: false, why: `${l.namespaces.length} namespaces, ${l.volumes.length} volumes` };
    }, signal);
  } catch {
    return look().catch(() => ({ namespaces: [], volumes: [] }));
  }
}


/**
 * Grades one submission in a namespace of its own; never throws. Every step is inside one boundary: whatever the
 * student's files make any step do (reading, policy, preflight, namespace, apply, actions, checks, clean-up), this
 * student gets a result, `error` with the reason and the step, and every other student is graded.
 */
export async function gradeOne(o: GradeOptions, student: string, deleted: string[] = []): Promise<SubmissionResult> {
  const started = Date.now();
  const result: SubmissionResult = {
    student, lab: o.lab.id, status: 'graded', score: 0, maxScore: 0, namespace: '', kept: false, checks: [],
    policy: [], fileIssues: [], applyErrors: [], startedAt: new Date(started).toISOString(), durationMs: 0, phases: {},
  };
  const steps = {
    read: MSG.stepRead,
    policy: MSG.stepPolicy,
    capacity: MSG.stepCapacity,
    setup: MSG.stepSetup,
    apply: MSG.stepApply,
    run: MSG.stepRun,
    measure: MSG.stepMeasure,
    cleanup: MSG.stepCleanup,
  };
  let step: keyof typeof steps = 'read';
  const outOfTime = MSG.outOfTime(o.submissionTimeoutSeconds);
  let limit: ReturnType<typeof deadline> | undefined;
  /** What went wrong, in both languages, with the step and the file:line when the error carries one; never a stack. */
  const reason = (e: unknown): Text => {
    try {
      if (e instanceof LabsError) return e.text;
      if (isAbort(e)) return limit?.expired() ? outOfTime : MSG.interrupted;
      const { file, line } = (typeof e === 'object' && e !== null ? e : {}) as { file?: unknown; line?: unknown };
      const where = typeof file === 'string' ? `${file}${typeof line === 'number' ? `:${line}` : ''}: ` : '';
      const what = internalError(e);
      return MSG.unexpectedError(where, steps[step], what);
    } catch {
      return MSG.unexpectedErrorBare(steps[step]);
    }
  };
  let release = () => {};
  let namespaceUsed = false;
  let cache: NamespaceCache | undefined;
  let probes: Probes | undefined;
  const phase = async <T>(name: keyof NonNullable<SubmissionResult['phases']>, f: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await f();
    } finally {
      result.phases![name] = Date.now() - t0;
    }
  };
  try {
    const checks = gradedChecks(o.lab);
    result.maxScore = checks.reduce((a, c) => a + c.points, 0);
    if (!validStudentId(student)) {
      result.status = 'error';
      result.error = MSG.invalidStudentId(student);
      return result;
    }
    result.namespace = namespaceName('labs', o.lab.id.split('/').pop()!, student);
    const archiveFile = o.archives?.get(student);
    let archive: ArchiveFacts | undefined;
    let sub;
    if (archiveFile) ({ submission: sub, facts: archive } = readArchive(archiveFile, relative(o.root, archiveFile), readFileSync(archiveFile), student));
    else sub = readSubmission(o.root, student);
    // Judged against the student's own variant, derived here: an archive's word for it is only compared.
    const variant = o.klass ? variantOf(o.lab, student, o.klass.seed) : variantOf(o.lab, student);
    result.fileIssues = sub.issues;
    step = 'policy';
    const decision = decide(o.lab, sub.objects);
    result.policy = decision.rejected;
    if (decision.warnings.length) result.warnings = decision.warnings;
    // Room on the nodes first: waiting for it is not the student's time.
    step = 'capacity';
    release = (await o.capacity?.acquire({ cpu: decision.usage['requests.cpu'] ?? 0, memory: decision.usage['requests.memory'] ?? 0 }, o.signal)) ?? release;
    step = 'setup';
    namespaceUsed = true;
    limit = deadline(o.submissionTimeoutSeconds * 1000, o.signal);
    const signal = limit.signal;
    const namespace = result.namespace;
    const student_ = await phase('setup', async () => {
      const who = await createGradingNamespace(o.kube, namespace, student, o.lab.id, signal, { 'labs.dev/out': outLabel(o.out) });
      cache = await new NamespaceCache(o.kube, namespace).start(signal);
      probes = new Probes(o.kube, cache, o.lab.probes);
      // The probe pods first, so a submission's own pods cannot take their place in the quota.
      await probes.prepare(signal);
      return who;
    });
    step = 'apply';
    const asStudent = o.kube.as ? o.kube.as(student_) : o.kube;
    // The student's PersistentVolumes are made by the grader, renamed for the namespace like the lab's own.
    const volumeNames = volumeNamesOf(decision.apply.map((m) => m.object));
    const volumes = { admin: o.kube, names: runVolumeNames(o.lab, namespace, volumeNames) };
    // What a later step applies waits for that step (gradeApply: steps); the rest goes now.
    const stages = applyStages(o.lab, decision.apply);
    const applied = await phase('apply', () => applySubmission(asStudent, cache!, namespace, student, { apply: stages.upFront }, signal, volumes));
    result.applyErrors = applied.errors;
    const applyFile = stages.byFile.size === 0 ? undefined : async (file: string, sig?: AbortSignal) => {
      const objects = stages.byFile.get(file) ?? [];
      stages.byFile.delete(file);
      result.applyErrors.push(...(await applySubmission(asStudent, cache!, namespace, student, { apply: objects }, sig, volumes)).errors);
    };
    step = 'run';
    // Values no one can know in advance: drawn for this student's run, and kept in the result.
    result.values = drawValues(o.lab.values, newSeed());
    const run = await runLab({
      lab: o.lab, kube: o.kube, context: o.context, namespace, lang: o.lang, policy: gradePolicy({ actionSeconds: o.actionTimeoutCapSeconds ?? 90, checkSeconds: o.checkTimeoutCapSeconds ?? 45 }), cache, probes, values: result.values, variant, volumeNames, applyFile,
      steps: o.lab.steps.filter((s) => s.graded).map((s) => s.id),
      emit: () => undefined, signal,
    });
    result.phases!.actions = run.steps.reduce((a, st) => a + (st.timings?.actionsMs ?? 0), 0);
    result.phases!.checks = run.steps.reduce((a, st) => a + (st.timings?.checksMs ?? 0), 0);
    // The cluster's own time for the lab's steps (pods starting, volumes binding): what no grader could save.
    result.floorMs = run.steps.reduce((a, st) => a + (st.timings?.floorMs ?? 0), 0);
    if (o.signal?.aborted) throw new LabsError(MSG.interrupted);
    // Not the student's doing: a namespace deleted from outside makes every verdict meaningless.
    if (cache!.namespaceLost) throw new LabsError(MSG.namespaceLost(namespace));
    if (limit.expired()) throw new LabsError(outOfTime);
    const broke = run.steps.find((s) => s.actionInfra);
    if (broke) throw new LabsError(MSG.clusterFailedActions(broke.id, broke.actionError));
    const ran = new Map(run.steps.flatMap((s) => s.checks).map((c) => [c.id, c]));
    result.checks = checks.map((c) => ran.get(c.id) ?? notChecked(c));
    const broken = result.checks.filter((c) => c.status === 'error');
    if (broken.length > 0) {
      result.status = 'error';
      result.error = text(broken.map((c) => `${c.id}: ${c.error?.ko}`).join('; '), broken.map((c) => `${c.id}: ${c.error?.en}`).join('; '));
    }
    result.score = result.checks.reduce((a, c) => a + c.points, 0);
    result.review = review({ lab: o.lab, student, klass: o.klass, classmates: o.classmates ?? [], objects: sub.objects, checks: result.checks, archive, labVersion: labVersion(o.lab) });
    // Host-path provisioners do not enforce a claim's size: what it holds is measured, and a claim filled past it
    // is a broken rule of the grading namespace (score 0, said in the result and the reports).
    step = 'measure';
    const over = await phase('measure', () => overusedClaims(o.kube, cache!, signal).catch((e: unknown) => {
      if (isAbort(e)) throw e;
      o.log(MSG.studentNote(student, measureFailed(e)));
      return [];
    }));
    if (over.length > 0) {
      result.violations = over.map(overuseText);
      result.score = 0;
    }
  } catch (e) {
    result.status = 'error';
    result.error = reason(e);
  } finally {
    limit?.clear();
    if (namespaceUsed) {
      step = 'cleanup';
      // Each part on its own: a probe that cannot be closed must not keep the namespace from being deleted.
      const failed = (e: unknown) => {
        if (result.status === 'error') return;
        result.status = 'error';
        result.error = reason(e);
      };
      await phase('cleanup', async () => {
        try {
          await probes?.close();
        } catch (e) {
          failed(e);
        }
        try {
          cache?.close();
        } catch (e) {
          failed(e);
        }
        result.kept = o.keepFailed && result.status === 'graded' && result.score < result.maxScore;
        if (!result.kept) {
          // Its pods first, at once: nothing of a student's waits out a grace period after its grading.
          const pods = await o.kube.list(KIND.pod, result.namespace, undefined, { timeoutMs: 10_000 }).catch(() => []);
          await Promise.all(pods.map((p) => o.kube.delete(KIND.pod, p.metadata.name!, result.namespace, { gracePeriodSeconds: 0, timeoutMs: 10_000 }).catch(() => undefined)));
          await deleteNamespace(o.kube, result.namespace, 0).catch(() => undefined);
          deleted.push(result.namespace);
        }
      });
    }
    // The room is free once the pods are gone (the scheduler counts terminating pods), in the background.
    const free = () => {
      try {
        release();
      } catch {
        // The gate's own bookkeeping: nothing of this student's to report.
      }
    };
    if (!namespaceUsed || result.kept) free();
    else {
      void waitOn(undefined, `namespace ${result.namespace} gone`, 120, async () => ((await o.kube.get(KIND.namespace, result.namespace, undefined, { timeoutMs: 10_000 })) ? { done: false, why: 'terminating' } : { done: true, value: undefined }))
        .catch(() => undefined)
        .finally(free);
    }
    result.durationMs = Date.now() - started;
  }
  return result;
}

function notChecked(c: CheckSpec & { step: string }): CheckResult {
  return {
    id: c.id, step: c.step, title: text(c.id, c.id), status: 'fail', code: 'not-reached', points: 0, maxPoints: c.points, attempts: 0, durationMs: 0, mismatches: [],
    hint: MSG.notCheckedHint,
  };
}
