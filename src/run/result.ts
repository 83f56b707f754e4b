import { type Evidence, type Mismatch, type MismatchCode } from '../model/check.ts';
import { type Text } from '../model/text.ts';

/** How a check ended. blocked: it could not be judged because another check's subject is absent. */
export type CheckStatus = 'pass' | 'fail' | 'blocked' | 'error' | 'skipped';

/**
 * Why a check did not pass, as a stable code: reports group and count by it, JUnit gives it as the failure's type,
 * never the words. A failure's is its first mismatch's (MismatchCode), or namespace-missing (nothing of the lab's can
 * be judged), unsettled (the namespace never settled, so the check never ran) or not-reached (an earlier step did not
 * finish, so grading never ran it); blocked; skipped; and an error's:
 * interrupted, timeout (a wait or call past its deadline), cluster (the API server or a command failed), lab (the
 * lab's own files), internal.
 */
export type OutcomeCode = MismatchCode | 'namespace-missing' | 'unsettled' | 'not-reached' | 'blocked' | 'skipped' | 'interrupted' | 'timeout' | 'cluster' | 'lab' | 'internal';

/** The final result of one check in a run. */
export interface CheckResult {
  id: string;
  step: string;
  title: Text;
  status: CheckStatus;
  /** Why it did not pass (absent for a pass). */
  code?: OutcomeCode;
  /** Points earned. */
  points: number;
  /** Points the check is worth. */
  maxPoints: number;
  attempts: number;
  durationMs: number;
  detail?: Text;
  /** For fail and blocked: how the cluster differs from what the check wants. */
  mismatches?: Mismatch[];
  /** For fail and blocked: what to try. */
  hint?: Text;
  /** For fail: what the cluster said about pods that are not Ready. */
  evidence?: Evidence[];
  /** For blocked: the check whose failure this follows from. */
  blockedBy?: string;
  /** For error: what broke (not the student's fault). */
  error?: Text;
  /** Whether this result was carried over from an earlier session (shown as such). */
  earlier?: boolean;
}

/** Where the time of a step went: the cluster's own work and labs' part. */
export interface StepTimings {
  /** From the step's first action to its last check's verdict. */
  totalMs: number;
  /** Running the solution's actions (including their waits). */
  actionsMs: number;
  /** From the actions' end to the last check's verdict. */
  checksMs: number;
  /** The cluster's own time for what the step asked of it: its last pod Ready, claim Bound or object gone, as the watches saw it (0 when it finished nothing). */
  floorMs?: number;
}

/** The result of a step: its actions' outcome and its checks. */
export interface StepResult {
  id: string;
  title: Text;
  /** The step's number in the lab (1-based), whatever steps ran. */
  number: number;
  status: CheckStatus;
  /** When the step's solution failed: why. */
  actionError?: Text;
  /** Whether that failure was the cluster's (unreachable, a server error), not the student's. */
  actionInfra?: boolean;
  checks: CheckResult[];
  timings?: StepTimings;
}

/** The result of a whole lab run. */
export interface LabResult {
  lab: string;
  title: Text;
  namespace: string;
  context: string;
  status: CheckStatus;
  durationMs: number;
  steps: StepResult[];
  /** Whether the run was cut short by Ctrl-C or a deadline. */
  interrupted?: boolean;
  /** Whether the student chose to stop (progress saved). */
  quit?: boolean;
}

/** The worst of several statuses: error > fail > blocked > skipped > pass. */
export function worst(statuses: CheckStatus[]): CheckStatus {
  const order: CheckStatus[] = ['error', 'fail', 'blocked', 'skipped', 'pass'];
  return order.find((s) => statuses.includes(s)) ?? 'pass';
}
