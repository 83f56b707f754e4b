import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeJson } from '../files.ts';
import { type CheckStatus } from './result.ts';
import { type RunValues } from './values.ts';
import { type Variant } from './variants.ts';

/** What one attempt of a step's checks remembered, by check id. */
export interface StepMemory {
  /** 1 for the first attempt of the step, counting up. */
  attempt: number;
  at: string;
  checks: Record<string, unknown>;
}

/** The latest verdict of a check, kept so a resumed session can count the whole lab. */
export interface KeptVerdict {
  status: CheckStatus;
  points: number;
  maxPoints: number;
  at: string;
  /** The run that gave it (verdicts of other runs are from earlier sessions). */
  run?: string;
}

/** What a run of one lab has saved: the steps done, what checks remembered, and the latest verdicts. */
export interface RunState {
  lab: string;
  context: string;
  namespace: string;
  /** Steps whose checks all passed, in order. */
  completedSteps: string[];
  /** What each step's checks remembered on the step's latest attempt. */
  memory: Record<string, StepMemory>;
  /** The latest verdict of each check, by check id. */
  verdicts: Record<string, KeptVerdict>;
  /** Whether labs created the namespace (and so may offer to delete it). */
  createdNamespace?: boolean;
  /** The data the steps write and the checks read back, fixed for the run (drawn, or the instructions' own). */
  values?: RunValues;
  /** The student id given to `labs start --student` (remembered for `check` and `submit`). */
  student?: string;
  /** The student's variant of the lab's variables, derived once from the class seed (so `check` needs no seed). */
  variant?: Variant;
  /** The student's objects as they stood when the last graded step passed (for `labs submit` after the clean-up steps). */
  snapshot?: { step: string; at: string; objects: unknown[] };
  updatedAt: string;
}

/** The state of a run that has not done anything yet. */
export function freshState(lab: string, context: string, namespace: string): RunState {
  return { lab, context, namespace, completedSteps: [], memory: {}, verdicts: {}, updatedAt: new Date().toISOString() };
}

/** Where labs keeps its own files: $LABS_HOME, or ~/.labs. */
export function labsHome(): string {
  return process.env.LABS_HOME ?? join(homedir(), '.labs');
}

/** Saved run state on disk, one file per (context, namespace, lab), so `labs start` resumes after a restart. */
export class StateStore {
  constructor(private readonly root = join(labsHome(), 'state')) {}

  private file(context: string, namespace: string, lab: string): string {
    const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
    return join(this.root, safe(context), safe(namespace), `${lab.split('/').map(safe).join('__')}.json`);
  }

  /** The timeline of a run, beside its state (append-only: `reset` keeps it). */
  timelineFile(context: string, namespace: string, lab: string): string {
    return this.file(context, namespace, lab).replace(/\.json$/, '.timeline.jsonl');
  }

  /** The saved state (a file from an older labs is read as far as it goes), or a fresh one. */
  load(context: string, namespace: string, lab: string): RunState {
    try {
      const saved = JSON.parse(readFileSync(this.file(context, namespace, lab), 'utf8')) as Partial<RunState>;
      return { ...freshState(lab, context, namespace), ...saved, memory: saved.memory ?? {}, verdicts: saved.verdicts ?? {} };
    } catch {
      return freshState(lab, context, namespace);
    }
  }

  /** Writes atomically (temp file, then rename), so a crash or Ctrl-C never leaves half a file. */
  save(state: RunState): void {
    writeJson(this.file(state.context, state.namespace, state.lab), { ...state, updatedAt: new Date().toISOString() });
  }

  /** Forgets a run (used when a lab starts over), keeping whether labs made the namespace and who the student is. */
  reset(context: string, namespace: string, lab: string): RunState {
    const before = this.load(context, namespace, lab);
    const fresh = { ...freshState(lab, context, namespace), createdNamespace: before.createdNamespace, student: before.student, variant: before.variant };
    this.save(fresh);
    return fresh;
  }
}

/**
 * Records what a step's checks remembered, as a new attempt of that step. Later steps' memories are
 * dropped (they were taken on the state this attempt replaces). With `onlyIfLatest`, a step that a later
 * step already built on keeps its memory: re-checking it (`labs check`) never rewrites history.
 */
export function rememberStep(state: RunState, stepIds: string[], step: string, checks: Record<string, unknown>, onlyIfLatest = false): boolean {
  const later = stepIds.slice(stepIds.indexOf(step) + 1);
  if (onlyIfLatest && later.some((s) => state.memory[s])) return false;
  state.memory[step] = { attempt: (state.memory[step]?.attempt ?? 0) + 1, at: new Date().toISOString(), checks };
  for (const s of later) delete state.memory[s];
  return true;
}

/** What check `check` remembered, as seen from step `step`: from an earlier step, or its own earlier attempt. */
export function recallFrom(state: RunState, stepIds: string[], checkSteps: Record<string, string>, step: string, check: string): unknown {
  const owner = checkSteps[check];
  if (!owner) return undefined;
  if (stepIds.indexOf(owner) > stepIds.indexOf(step)) return undefined;
  return state.memory[owner]?.checks[check];
}
