import { randomUUID } from 'node:crypto';
import { InterruptedError, isAbort, KubeError } from '../errors.ts';
import { NamespaceCache } from '../kube/cache.ts';
import { type Check, type CheckContext } from '../model/check.ts';
import { type RunPolicy } from './policy.ts';
import { isAction, normaliseCheckRef, type Lab, type Step } from '../model/lab.ts';
import { KIND, type CallOptions, type KindRef, type KubeClient, type KubeReader } from '../model/kube.ts';
import { type Lang } from '../model/text.ts';
import { actionErrorText, describeAction, performAction, readManifest } from './actions.ts';
import { loadCheck } from './check-loader.ts';
import { type EventSink } from './events.ts';
import { collectEvidence } from './evidence.ts';
import { Probes } from './probes.ts';
import { worst, type CheckResult, type LabResult, type StepResult } from './result.ts';
import { runCheck, type AttemptNotes, type FinalCheck } from './run-check.ts';
import { freshState, recallFrom, rememberStep, type KeptVerdict, type RunState, type StateStore } from './state-store.ts';
import { Milestones } from './timings.ts';
import { drawValues, newSeed, studentValues, type RunValues } from './values.ts';
import { checkInVariant, defaultVariant, instantiateLab, renderObjects, type Variant } from './variants.ts';
import { AS_WRITTEN, rebaseObjects, renamedVolumes, volumeNamesOf, type ClusterNames } from './volume-names.ts';
import { VolumePods } from './volume-pods.ts';

/** What the student chose after a failed step. */
export type FailureChoice = 'retry' | 'skip' | 'quit';

/** The student's side of an interactive run. Ctrl-C rejects with an InterruptedError. */
export interface Interaction {
  /** Shows the step and resolves when the student says it is done; false means quit. */
  awaitStudent(step: Step, number: number, total: number): Promise<boolean>;
  /** After failed checks: retry, skip the step, or quit (hints and the solution are shown by the implementation). */
  onFailure(step: Step, result: StepResult): Promise<FailureChoice>;
}

/** How to run a lab. */
export interface RunOptions {
  lab: Lab;
  kube: KubeClient;
  namespace: string;
  context: string;
  lang: Lang;
  /** How the run behaves: a preset of run/policy.ts (student, smoke, check, grade). */
  policy: RunPolicy;
  /** Steps to run (ids); all when omitted. */
  steps?: string[];
  /** Saved state: what checks remembered, which steps are done. */
  store?: StateStore;
  state?: RunState;
  emit: EventSink;
  interaction?: Interaction;
  /** The data the steps write and the checks read; drawn from a new seed (--auto) or the instructions' own when omitted. */
  values?: RunValues;
  /**
   * The student's variant: texts, commands, solutions, reference manifests and checks use its variables. The one the
   * saved state remembers when omitted, else the default (the seed's own text).
   */
  variant?: Variant;
  /** The PersistentVolumes of a submission, renamed for the run like the lab's own (grading). */
  volumeNames?: readonly string[];
  /**
   * Performs a step's `apply` actions in place of applying the lab's file (grading applies the submission's objects that
   * stand for that file); without it, `policy.skipApply` leaves them out.
   */
  applyFile?: (file: string, signal?: AbortSignal) => Promise<void>;
  /** The namespace's watches and probe pods, when the caller keeps them beyond this run. */
  cache?: NamespaceCache;
  probes?: Probes;
  signal?: AbortSignal;
}

/** Runs the steps of a lab, emitting events; returns the result. Never throws for a student's mistake or a Ctrl-C. */
export async function runLab(options: RunOptions): Promise<LabResult> {
  const started = Date.now();
  const run = randomUUID();
  const state: RunState = options.state ?? options.store?.load(options.context, options.namespace, options.lab.id) ?? freshState(options.lab.id, options.context, options.namespace);
  if (options.variant) state.variant = options.variant;
  // From here on the lab is the student's variant of it: every text, command, solution and value of the instructions.
  const variant = state.variant ?? defaultVariant(options.lab);
  const instance = instantiateLab(options.lab, variant);
  const names = options.policy.renameVolumes ? runVolumeNames(instance, options.namespace, options.volumeNames) : AS_WRITTEN;
  const o: Run = { ...options, lab: instance, variant, names };
  // A student typing the instructions writes their values; when labs writes, no one can know them in advance.
  state.values = o.values ?? state.values ?? (o.policy.mode === 'auto' ? drawValues(o.lab.values, newSeed()) : studentValues(o.lab.values));
  const steps = o.lab.steps.filter((s) => !o.steps || o.steps.includes(s.id));
  const numbered = steps.map((step) => ({ step, number: o.lab.steps.indexOf(step) + 1 }));
  await o.emit({ type: 'lab-start', lab: o.lab.id, title: o.lab.title, namespace: o.namespace, context: o.context, steps: numbered, total: o.lab.steps.length });
  const cache = o.cache ?? (await new NamespaceCache(o.kube, o.namespace).start(o.signal));
  const probes = o.probes ?? new Probes(o.kube, cache, o.lab.probes);
  const milestones = new Milestones(cache);
  // The cluster's StorageClasses: a claim of no such class binds only to a volume made by hand, the run's own.
  const classes = o.policy.renameVolumes ? new Set((await cache.list(KIND.storageClass)).map((c) => c.metadata.name!)) : undefined;
  // When labs performs the steps itself, the probe pods start now, beside the first steps, not when a check
  // first needs them (a failure to start is reported by that check).
  if (!o.probes && o.policy.mode === 'auto') void probes.prepare(o.signal).catch(() => undefined);
  const results: StepResult[] = [];
  let interrupted = false;
  let quit = false;
  try {
    for (const { step, number } of numbered) {
      if (o.signal?.aborted) break;
      await o.emit({ type: 'step-start', step, number, total: o.lab.steps.length });
      const result = await runStep({ ...o, classes }, step, number, state, cache, probes, run, milestones);
      if (!result) {
        quit = true; // the student chose to stop
        break;
      }
      results.push(result);
      await o.emit({ type: 'step-end', result });
      if (result.status === 'pass') state.completedSteps = [...state.completedSteps.filter((s) => s !== step.id), step.id];
      o.store?.save(state);
      if (o.policy.stopAtFailure && result.status !== 'pass') break;
    }
  } catch (e) {
    if (!isAbort(e)) throw e;
  } finally {
    interrupted = Boolean(o.signal?.aborted);
    milestones.close();
    if (!o.probes) await probes.close();
    if (!o.cache) cache.close();
  }
  const lab: LabResult = {
    lab: o.lab.id,
    title: o.lab.title,
    namespace: o.namespace,
    context: o.context,
    // Steps that never ran (a quit, an abort) keep the lab from passing.
    status: worst([...results.map((r) => r.status), ...(results.length < steps.length ? (['skipped'] as const) : [])]),
    durationMs: Date.now() - started,
    steps: results,
    ...(interrupted ? { interrupted } : {}),
    ...(quit ? { quit } : {}),
  };
  o.store?.save(state);
  await o.emit({ type: 'lab-end', result: lab, verdicts: verdictsOf(state, run) });
  return lab;
}

/** A run's options with what runLab works out once: the variant's lab and the names of its cluster-scoped objects. */
type Run = RunOptions & { variant: Variant; names: ClusterNames; classes?: ReadonlySet<string> };

/** The names of the PersistentVolumes the lab's reference manifests make. */
export function labVolumeNames(lab: Pick<Lab, 'manifests' | 'dir'>): string[] {
  return lab.manifests.flatMap((f) => volumeNamesOf(readManifest(lab.dir, f)));
}

/** How a run that renames volumes names them: the lab's reference manifests' PersistentVolumes and `more` (a submission's). */
export function runVolumeNames(lab: Pick<Lab, 'manifests' | 'dir'>, namespace: string, more: readonly string[] = []): ClusterNames {
  return renamedVolumes(namespace, [...labVolumeNames(lab), ...more]);
}

/** Every check's latest verdict; those another run gave are from earlier sessions. */
function verdictsOf(state: RunState, run: string): Record<string, KeptVerdict & { earlier: boolean }> {
  return Object.fromEntries(Object.entries(state.verdicts).map(([id, v]) => [id, { ...v, earlier: v.run !== run }]));
}

async function runStep(o: Run, step: Step, number: number, state: RunState, cache: NamespaceCache, probes: Probes, run: string, milestones: Milestones): Promise<StepResult | undefined> {
  // On "retry" the student has fixed things already: check again at once, without asking twice.
  for (let first = true; ; first = false) {
    const t0 = Date.now();
    let actionError: StepResult['actionError'];
    let actionInfra = false;
    // The grader's volume pods of this round: the solution's writes and the checks' reads share one per claim.
    const volumes = new VolumePods(o.kube, cache);
    if (o.policy.mode === 'interactive' && o.interaction) {
      if (first) {
        try {
          if (!(await o.interaction.awaitStudent(step, number, o.lab.steps.length))) return undefined;
        } catch (e) {
          if (isAbort(e)) throw new InterruptedError();
          throw e;
        }
      }
    }
    let t1: number;
    let checks: CheckResult[];
    try {
      // The step's checks, read once for the round: the volume pods made ahead need their claims, and the checks run.
      const loaded = step.checks.map((ref) => loadCheck(o.lab, normaliseCheckRef(ref, o.lab).id).then((c) => checkInVariant(c, o.variant?.vars ?? {})));
      for (const l of loaded) l.catch(() => undefined); // a check that cannot load is said when the checks run
      if (o.policy.mode === 'auto') {
        volumes.expect(await volumeClaimsOf(step, loaded), o.signal);
        ({ error: actionError, infra: actionInfra } = await performSolution(o, step, cache, probes, volumes, state));
      }
      t1 = Date.now();
      checks = await runChecks(o, step, loaded, state, cache, probes, volumes, run, actionError ? Math.min(step.timeout, 15) : undefined);
    } finally {
      await volumes.close();
    }
    if (o.signal?.aborted) throw new InterruptedError();
    const statuses = checks.map((c) => c.status);
    const result: StepResult = {
      id: step.id, title: step.title, number, status: worst(actionError ? ['error', ...statuses] : statuses), actionError, ...(actionInfra ? { actionInfra } : {}), checks,
      timings: { totalMs: Date.now() - t0, actionsMs: t1 - t0, checksMs: Date.now() - t1, floorMs: o.policy.mode === 'auto' ? milestones.floor(t0) ?? 0 : undefined },
    };
    if (result.status === 'pass' || o.policy.mode !== 'interactive' || !o.interaction) return result;
    await o.emit({ type: 'step-end', result });
    let choice: string;
    try {
      choice = await o.interaction.onFailure(step, result);
    } catch (e) {
      if (isAbort(e)) throw new InterruptedError();
      throw e;
    }
    if (choice === 'retry') continue;
    if (choice === 'quit') return undefined;
    // What the student skipped is kept as skipped, not as the failure it was before the choice.
    for (const c of checks) if (c.status !== 'pass') state.verdicts[c.id] = { ...state.verdicts[c.id]!, status: 'skipped', points: 0 };
    o.store?.save(state);
    return { ...result, status: 'skipped', checks: checks.map((c) => (c.status === 'pass' ? c : { ...c, status: 'skipped' as const, code: 'skipped' as const })) };
  }
}

/** The claims a round run by labs reads or writes files of: its solution's writeVolume actions, its checks' volumeFile reads. */
async function volumeClaimsOf(step: Step, loaded: readonly Promise<Check>[]): Promise<{ claim: string; writes: boolean }[]> {
  const written = step.solution.flatMap((a) => (isAction(a, 'writeVolume') ? [{ claim: a.writeVolume.claim, writes: true }] : []));
  const checks = await Promise.all(loaded.map((l) => l.catch(() => undefined)));
  return [...written, ...checks.flatMap((c) => (c?.volumeClaims ?? []).map((claim) => ({ claim, writes: false })))];
}

async function performSolution(o: Run, step: Step, cache: NamespaceCache, probes: Probes, volumes: VolumePods, state: RunState): Promise<{ error?: StepResult['actionError']; infra: boolean }> {
  for (const [i, action] of step.solution.entries()) {
    const applyFile = isAction(action, 'apply') ? o.applyFile : undefined;
    if (o.policy.skipApply && isAction(action, 'apply') && !applyFile) continue;
    const description = describeAction(action, o.namespace);
    await o.emit({ type: 'action-start', step: step.id, index: i, description });
    try {
      // A volume pod of labs' own would hold a claim the step deletes.
      if (isAction(action, 'delete')) await volumes.release();
      if (applyFile && isAction(action, 'apply')) await applyFile(action.apply, o.signal);
      else await performAction(action, {
        kube: o.kube, cache, probes, volumes, namespace: o.namespace, labDir: o.lab.dir,
        timeoutSeconds: Math.min(step.timeout, o.policy.actionTimeoutCapSeconds ?? Infinity),
        fieldManager: o.policy.fieldManager, noExec: o.policy.noExec, signal: o.signal, values: state.values?.values, names: o.names,
        manifest: (file) => {
          const objects = renderObjects(o.lab, file, readManifest(o.lab.dir, file), o.variant);
          return o.policy.renameVolumes ? rebaseObjects(objects, o.namespace, o.names, o.classes) : objects;
        },
      });
      await o.emit({ type: 'action-end', step: step.id, index: i, description });
    } catch (e) {
      if (isAbort(e) || o.signal?.aborted) throw new InterruptedError();
      const error = actionErrorText(e);
      await o.emit({ type: 'action-end', step: step.id, index: i, description, error });
      return { error, infra: e instanceof KubeError && (e.status === undefined || e.status >= 500) };
    }
  }
  return { infra: false };
}

/** A reader whose every call carries the check's signal, noting the kinds read (their settling decides a failure). */
function bound(reader: KubeReader, signal: AbortSignal, read: Set<string>): KubeReader {
  return {
    get: (ref: KindRef, name: string, ns?: string, c?: CallOptions) => (read.add(ref.kind), reader.get(ref, name, ns, { signal, ...c })),
    list: (ref: KindRef, ns?: string, sel?: string, c?: CallOptions) => (read.add(ref.kind), reader.list(ref, ns, sel, { signal, ...c })),
  };
}

/** The checks of a step, all at once; each result is reported as soon as it is final. */
async function runChecks(o: Run, step: Step, loaded: readonly Promise<Check>[], state: RunState, cache: NamespaceCache, probes: Probes, volumes: VolumePods, run: string, cappedTimeout?: number): Promise<CheckResult[]> {
  const stepIds = o.lab.steps.map((s) => s.id);
  const owners = Object.fromEntries(o.lab.steps.flatMap((s) => s.checks.map((r) => [normaliseCheckRef(r).id, s.id])));
  const finals = await Promise.all(step.checks.map(async (ref, i): Promise<FinalCheck> => {
    const spec = normaliseCheckRef(ref, o.lab);
    const check = await loaded[i]!;
    const seconds = Math.min(o.policy.checkTimeoutSeconds ?? cappedTimeout ?? spec.timeout ?? step.timeout, o.policy.checkTimeoutCapSeconds ?? Infinity, step.timeout);
    const deadline = Date.now() + seconds * 1000;
    await o.emit({ type: 'check-start', step: step.id, id: spec.id, title: check.title, deadlineMs: seconds * 1000 });
    const ctx = (signal: AbortSignal, read: Set<string>, notes: AttemptNotes): CheckContext => ({
      namespace: o.namespace,
      kube: bound(cache, signal, read),
      recall: (id) => recallFrom(state, stepIds, owners, step.id, id),
      probe: async (name, command, timeoutSeconds) => {
        const r = await probes.run(name, command, timeoutSeconds, signal);
        const starting = probes.startingUntil(name, command, r);
        if (starting) notes.startingUntil = Math.max(notes.startingUntil ?? 0, starting);
        return r;
      },
      evidence: (pods, workload) => collectEvidence(o.kube, cache, pods, signal, workload),
      logs: (pod, container) => o.kube.logs(o.namespace, pod, { container, tailLines: 500, limitBytes: 64 * 1024, signal, timeoutMs: 10_000 }),
      values: state.values?.values ?? {},
      variables: o.variant?.vars ?? {},
      readVolume: (claim, path) => volumes.read(claim, path, signal, Math.min(60, seconds)),
      clusterName: (kind, name) => o.names.of(kind, name),
      signal,
    });
    const result = await runCheck(check, ctx, {
      step: step.id, spec, deadline, cache, signal: o.signal,
      onProgress: (p) => void o.emit({
        type: 'check-progress', step: step.id, id: spec.id, attempt: p.attempt, waiting: p.waiting, elapsedMs: p.elapsedMs, deadlineMs: p.deadlineMs,
        outcome: p.outcome instanceof Error ? { status: 'error', error: actionErrorText(p.outcome) } : p.outcome,
      }),
    });
    const { remember: _r, ...plain } = result;
    if (!o.signal?.aborted) await o.emit({ type: 'check-end', result: plain });
    return result;
  }));
  if (o.signal?.aborted) return finals;
  const remembered = Object.fromEntries(finals.filter((f) => f.remember !== undefined).map((f) => [f.id, f.remember]));
  rememberStep(state, stepIds, step.id, remembered, o.policy.mode === 'check');
  for (const f of finals) state.verdicts[f.id] = { status: f.status, points: f.points, maxPoints: f.maxPoints, at: new Date().toISOString(), run };
  o.store?.save(state);
  return finals.map(({ remember: _r, ...plain }) => plain);
}
