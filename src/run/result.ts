import { type Text } from '../model/text.ts';

/** How a check ended. */
export type CheckStatus = 'pass' | 'fail' | 'error' | 'skipped';

/** The final result of one check in a run. */
export interface CheckResult {
  id: string;
  step: string;
  title: Text;
  status: CheckStatus;
  /** Points earned (points of the check when passed, else 0). */
  points: number;
  /** Points the check is worth. */
  maxPoints: number;
  attempts: number;
  durationMs: number;
  detail?: Text;
  expected?: Text;
  found?: Text;
  hint?: Text;
  /** For status error: what broke (not the student's fault). */
  error?: string;
}

/** The result of a step: its actions' outcome and its checks. */
export interface StepResult {
  id: string;
  title: Text;
  status: CheckStatus;
  /** When the step's solution failed: why. */
  actionError?: string;
  checks: CheckResult[];
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
}

/** The worst of several statuses: error > fail > skipped > pass. */
export function worst(statuses: CheckStatus[]): CheckStatus {
  const order: CheckStatus[] = ['error', 'fail', 'skipped', 'pass'];
  return order.find((s) => statuses.includes(s)) ?? 'pass';
}
