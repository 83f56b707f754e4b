import { type CheckContext } from '../model/check.ts';
import { normaliseCheckRef, type Lab, type Step } from '../model/lab.ts';
import { type KubeClient } from '../model/kube.ts';
import { type Lang } from '../model/text.ts';
import { describeAction, performAction } from './actions.ts';
import { loadCheck } from './check-loader.ts';
import { type EventSink } from './events.ts';
import { worst, type CheckResult, type LabResult, type StepResult } from './result.ts';
import { runCheck } from './run-check.ts';
import { freshState, type RunState, type StateStore } from './state-store.ts';

/** What the student chose after a failed step. */
export type FailureChoice = 'retry' | 'skip' | 'quit';

/** The student's side of an interactive run. */
export interface Interaction {
  /** Shows the step and resolves when the student says it is done; false means quit. */
  awaitStudent(step: Step, index: number): Promise<boolean>;
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
  /** auto: perform each step's solution; interactive: the student does it; check: only run checks. */
  mode: 'auto' | 'interactive' | 'check';
  /** Steps to run (ids); all when omitted. */
  steps?: string[];
  /** Saved state: what earlier checks remembered, which steps are done. */
  store?: StateStore;
  state?: RunState;
  emit: EventSink;
  interaction?: Interaction;
  /** Field manager for applies. */
  fieldManager?: string;
  /** Overrides every check's deadline (e.g. `labs check` without waiting). */
  checkTimeoutSeconds?: number;
  /** Leave out `apply` actions (grading applies the student's files instead). */
  skipApply?: boolean;
  /** Upper bounds on waits and check deadlines (grading keeps a broken submission from waiting for minutes). */
  actionTimeoutCapSeconds?: number;
  checkTimeoutCapSeconds?: number;
  signal?: AbortSignal;
}

/** Runs the steps of a lab, emitting events; returns the result. Never throws for a student's mistake. */
export async function runLab(o: RunOptions): Promise<LabResult> {
  const started = Date.now();
  const state: RunState = o.state ?? o.store?.load(o.context, o.namespace, o.lab.id) ?? freshState(o.lab.id, o.context, o.namespace);
  const steps = o.lab.steps.filter((s) => !o.steps || o.steps.includes(s.id));
  await o.emit({ type: 'lab-start', lab: o.lab.id, title: o.lab.title, namespace: o.namespace, context: o.context, steps });
  const results: StepResult[] = [];
  for (const [index, step] of steps.entries()) {
    if (o.signal?.aborted) break;
    await o.emit({ type: 'step-start', step, index, total: steps.length });
    const result = await runStep(o, step, index, state);
    if (!result) break; // the student quit
    results.push(result);
    await o.emit({ type: 'step-end', result });
    if (result.status === 'pass') {
      state.completedSteps = [...state.completedSteps.filter((s) => s !== step.id), step.id];
    }
    o.store?.save(state);
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
  };
  await o.emit({ type: 'lab-end', result: lab });
  return lab;
}

async function runStep(o: RunOptions, step: Step, index: number, state: RunState): Promise<StepResult | undefined> {
  // On "retry" the student has fixed things already: check again at once, without asking twice.
  for (let first = true; ; first = false) {
    let actionError: string | undefined;
    if (o.mode === 'interactive' && o.interaction) {
      if (first && !(await o.interaction.awaitStudent(step, index))) return undefined;
    } else if (o.mode === 'auto') {
      actionError = await performSolution(o, step);
    }
    const checks = await runChecks(o, step, state, actionError ? Math.min(step.timeout, 15) : undefined);
    const statuses = checks.map((c) => c.status);
    const result: StepResult = { id: step.id, title: step.title, status: worst(actionError ? ['error', ...statuses] : statuses), actionError, checks };
    if (result.status === 'pass' || o.mode !== 'interactive' || !o.interaction) return result;
    await o.emit({ type: 'step-end', result });
    const choice = await o.interaction.onFailure(step, result);
    if (choice === 'retry') continue;
    if (choice === 'quit') return undefined;
    return { ...result, status: 'skipped', checks: checks.map((c) => (c.status === 'pass' ? c : { ...c, status: 'skipped' as const })) };
  }
}

async function performSolution(o: RunOptions, step: Step): Promise<string | undefined> {
  for (const [i, action] of step.solution.entries()) {
    if (o.skipApply && 'apply' in action) continue;
    const description = describeAction(action, o.namespace);
    await o.emit({ type: 'action-start', step: step.id, index: i, description });
    try {
      await performAction(action, {
        kube: o.kube,
        namespace: o.namespace,
        labDir: o.lab.dir,
        timeoutSeconds: Math.min(step.timeout, o.actionTimeoutCapSeconds ?? Infinity),
        fieldManager: o.fieldManager ?? 'labs',
        signal: o.signal,
      });
      await o.emit({ type: 'action-end', step: step.id, index: i, description });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await o.emit({ type: 'action-end', step: step.id, index: i, description, error });
      return error;
    }
  }
  return undefined;
}

async function runChecks(o: RunOptions, step: Step, state: RunState, cappedTimeout?: number): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const ref of step.checks) {
    const { id, points, timeout } = normaliseCheckRef(ref);
    const check = await loadCheck(o.lab, id);
    await o.emit({ type: 'check-start', step: step.id, id, title: check.title });
    const ctx: CheckContext = { namespace: o.namespace, kube: o.kube, state: state.remember };
    const result = await runCheck(check, ctx, {
      step: step.id,
      points,
      timeoutSeconds: Math.min(o.checkTimeoutSeconds ?? cappedTimeout ?? timeout ?? step.timeout, o.checkTimeoutCapSeconds ?? Infinity),
      signal: o.signal,
      onAttempt: (attempt, outcome) =>
        void o.emit({ type: 'check-attempt', step: step.id, id, attempt, summary: outcome instanceof Error ? outcome.message : outcome.status === 'fail' ? outcome.found[o.lang] : 'pass' }),
    });
    const { remember, ...plain } = result;
    if (remember) {
      Object.assign(state.remember, remember);
      o.store?.save(state);
    }
    out.push(plain);
    await o.emit({ type: 'check-end', result: plain });
  }
  return out;
}
