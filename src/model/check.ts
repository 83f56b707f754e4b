import { type KubeReader } from './kube.ts';
import { type Text } from './text.ts';

/** Why a check failed, in words a student can act on. */
export interface Failure {
  /** What the check wanted to see. */
  expected: Text;
  /** What it found instead. */
  found: Text;
  /** What to try next. */
  hint: Text;
}

/** The result of one attempt of a check. A thrown error is not a result: it means the infrastructure broke. */
export type CheckOutcome =
  | {
      status: 'pass';
      /** What was seen, for the report (e.g. "Bound to pvc-1234"). */
      detail?: Text;
      /** Values later steps compare against (saved in the run's state). */
      remember?: Record<string, unknown>;
    }
  | ({ status: 'fail' } & Failure);

/** What a check can see. */
export interface CheckContext {
  /** The namespace the lab runs in. */
  namespace: string;
  /** Read-only access to the cluster. */
  kube: KubeReader;
  /** What earlier checks remembered, from the run's saved state. */
  state: Readonly<Record<string, unknown>>;
}

/** A grader check: a small read-only function of the cluster's state. */
export interface Check {
  /** The id lab files refer to; the module's file name. */
  id: string;
  /** One line on what it checks. */
  title: Text;
  /** One attempt; the runner retries a failure until the deadline. */
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

/**
 * A check needs what an earlier step's checks remember, and it is not there: those checks did not pass
 * (or never ran). The check cannot pass; the runner reports it as failed at once, pointing at that step.
 */
export class MissingStateError extends Error {
  constructor(readonly key: string, readonly step: string) {
    super(`no saved "${key}": the checks of step "${step}" have not passed (labs check <lab> --step ${step})`);
  }
}
