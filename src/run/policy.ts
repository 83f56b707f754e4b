// How a run behaves, one object per mode: who does the steps, what labs may touch, how long it may wait. The runner
// reads this alone; the commands pick a preset (student, smoke, check, grade) instead of setting flags one by one.

/** Everything about a run that depends on who asked for it. */
export interface RunPolicy {
  /** auto: labs performs each step's solution; interactive: the student does it; check: only the checks run. */
  mode: 'auto' | 'interactive' | 'check';
  /** Field manager for the objects labs writes. */
  fieldManager: string;
  /** Leave out `apply` actions (grading applies the student's files instead). */
  skipApply: boolean;
  /** Never exec into a student's container (grading). */
  noExec: boolean;
  /**
   * Make the lab's PersistentVolumes under names and host folders of the run's namespace (smoke and grading, whose runs
   * share a cluster); a student typing the lab's commands makes them as written.
   */
  renameVolumes: boolean;
  /** Stop after the first step whose checks do not all pass (the steps after it have not been reached). */
  stopAtFailure: boolean;
  /** Every check's deadline, in place of the lab's (`labs check --timeout`). */
  checkTimeoutSeconds?: number;
  /** Upper bounds on an action's waits and on a check's deadline. */
  actionTimeoutCapSeconds?: number;
  checkTimeoutCapSeconds?: number;
}

const BASE: RunPolicy = { mode: 'auto', fieldManager: 'labs', skipApply: false, noExec: false, renameVolumes: false, stopAtFailure: false };

/** `labs start`: the student does each step (or labs does, with --auto), and the checks wait for them. */
export function studentPolicy(auto: boolean): RunPolicy {
  return { ...BASE, mode: auto ? 'auto' : 'interactive' };
}

/** `labs smoke` (and tests that walk a lab): labs performs every step's solution and checks it. */
export function smokePolicy(): RunPolicy {
  return { ...BASE, renameVolumes: true };
}

/** `labs check`: only the checks, on what is in the namespace now. */
export function checkPolicy(o: { stopAtFailure?: boolean; timeoutSeconds?: number } = {}): RunPolicy {
  return { ...BASE, mode: 'check', stopAtFailure: o.stopAtFailure ?? false, ...(o.timeoutSeconds !== undefined ? { checkTimeoutSeconds: o.timeoutSeconds } : {}) };
}

/** `labs grade`: the student's files are applied by the grader, never a shell in their containers, and waits capped. */
export function gradePolicy(caps: { actionSeconds: number; checkSeconds: number }): RunPolicy {
  return { ...BASE, fieldManager: 'labs-grader', skipApply: true, noExec: true, renameVolumes: true, actionTimeoutCapSeconds: caps.actionSeconds, checkTimeoutCapSeconds: caps.checkSeconds };
}
