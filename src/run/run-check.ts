import { CommandError, isAbort, KubeError, LabFileError, LabsError, errorMessage } from '../errors.ts';
import { mismatchCode } from '../check/outcome.ts';
import { EXEC_TIMEOUT } from '../kube/deadline.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { deadline } from '../kube/deadline.ts';
import { type Check, type CheckContext, type CheckOutcome } from '../model/check.ts';
import { type CheckSpec } from '../model/lab.ts';
import { text, type Text } from '../model/text.ts';
import { namespaceMissing } from './outcomes.ts';
import { relevantKinds, settlednessOf } from './namespace-state.ts';
import { SETTLE } from './settled.ts';
import { type CheckResult, type OutcomeCode } from './result.ts';
import { DeadlineError, wake } from './wait.ts';
import { MSG } from './messages.ts';

/** What the runner shows while a check is not final yet. */
export interface CheckProgress {
  attempt: number;
  /** The latest outcome (or infrastructure error). */
  outcome: CheckOutcome | Error;
  /** What the namespace is still waiting for. */
  waiting: Text[];
  elapsedMs: number;
  deadlineMs: number;
}

/** How one check is run. */
export interface CheckRunOptions {
  step: string;
  spec: CheckSpec;
  /** Epoch ms after which the last outcome is the verdict. */
  deadline: number;
  /** The namespace's watches: attempts wake on its changes and a failure is final once it has settled. */
  cache: NamespaceCache;
  signal?: AbortSignal;
  /** The least time between two attempts (probe checks run commands; others only read memory). */
  minIntervalMs?: number;
  /** Called after each attempt that is not final. */
  onProgress?: (p: CheckProgress) => void;
}

/** What the runner learns of one attempt besides its outcome. */
export interface AttemptNotes {
  /**
   * A probe of this attempt could not connect to a server whose container started less than its start-up budget
   * ago: a failure is not final before this time (epoch ms).
   */
  startingUntil?: number;
}

/** A final result and what the check remembered. */
export type FinalCheck = CheckResult & { remember?: unknown };

/**
 * Runs a check until its verdict is final. A pass is final at once. A failure (or blocked) is final when
 * the namespace had settled before the attempt and nothing changed during it — waiting longer would not
 * change it — or at the deadline. A thrown error is an infrastructure problem: retried, and reported as
 * `error` (never the student's failure) only if it lasts to the deadline. A missing namespace is final at once.
 * A failure because a server is not answering yet, within its start-up budget, is not final until the budget ends,
 * even past the deadline: the application is part of what settles.
 */
export async function runCheck(check: Check, ctx: (signal: AbortSignal, read: Set<string>, notes: AttemptNotes) => CheckContext, o: CheckRunOptions): Promise<FinalCheck> {
  const started = Date.now();
  const base = { id: check.id, step: o.step, title: check.title, maxPoints: o.spec.points };
  const minInterval = o.minIntervalMs ?? 250;
  let attempts = 0;
  let last: CheckOutcome | Error | undefined;
  let startingUntil = 0;
  let nsMissing = false;
  const until = () => Math.max(o.deadline, startingUntil);
  for (;;) {
    if (!o.cache.namespaceExists()) {
      last = namespaceMissing(o.cache.namespace);
      nsMissing = true;
      break;
    }
    const gate = check.whenSettled ? await settlednessOf(o.cache, undefined, Date.now(), SETTLE.gateQuietMs) : undefined;
    if (!gate || gate.settled || Date.now() >= o.deadline) {
      attempts++;
      const attempt = deadline(Math.max(5_000, Math.min(60_000, until() - Date.now())), o.signal);
      const t0 = Date.now();
      const before = o.cache.versions();
      const read = new Set<string>();
      const notes: AttemptNotes = {};
      try {
        last = await check.run(ctx(attempt.signal, read, notes));
      } catch (e) {
        if (o.signal?.aborted) throw e;
        last = e instanceof Error ? e : new Error(errorMessage(e));
      } finally {
        attempt.clear();
      }
      if (!(last instanceof Error) && last.status === 'pass') break;
      startingUntil = notes.startingUntil ?? 0;
      // Final when what the check read had settled and did not move while it looked: waiting would not change it.
      const kinds = relevantKinds(read);
      const unchanged = [...kinds].every((k) => (o.cache.versions().get(k) ?? 0) === (before.get(k) ?? 0)) && !o.cache.staleness();
      const now = await settlednessOf(o.cache, kinds);
      const starting = startingUntil > Date.now();
      if (!(last instanceof Error) && now.settled && unchanged && !starting) break;
      if (Date.now() >= until()) break;
      const waiting = starting ? [...now.waiting, MSG.serverStarting(Math.ceil((startingUntil - Date.now()) / 1000))] : now.waiting;
      o.onProgress?.({ attempt: attempts, outcome: last, waiting, elapsedMs: Date.now() - started, deadlineMs: until() - started });
      // A server that is starting is asked again every second; anything else on the next change.
      await wake(starting ? undefined : o.cache, Math.max((starting ? 1000 : minInterval) - (Date.now() - t0), 0), o.signal);
    } else {
      // A check that waits for the namespace to settle looks again on the next change, or when its quiet period ends.
      await wake(o.cache, Math.max(50, SETTLE.gateQuietMs - (Date.now() - o.cache.lastChangeOf())), o.signal);
    }
    if (Date.now() >= until() || o.signal?.aborted) break;
  }
  return final(base, last, attempts, Date.now() - started, o.spec, nsMissing);
}

function final(base: Pick<CheckResult, 'id' | 'step' | 'title' | 'maxPoints'>, last: CheckOutcome | Error | undefined, attempts: number, durationMs: number, spec: CheckSpec, nsMissing: boolean): FinalCheck {
  const common = { ...base, attempts, durationMs };
  if (last === undefined) {
    return { ...common, status: 'fail', code: 'unsettled', points: 0, mismatches: [], hint: MSG.neverSettled };
  }
  if (last instanceof Error) {
    if (isAbort(last)) return { ...common, status: 'error', code: 'interrupted', points: 0, error: MSG.interrupted };
    const msg = last instanceof LabsError ? last.text : text(last.message, last.message);
    return { ...common, status: 'error', code: errorCode(last), points: 0, error: msg };
  }
  switch (last.status) {
    case 'pass':
      return { ...common, status: 'pass', points: spec.points, detail: last.detail, remember: last.remember };
    case 'fail':
      return { ...common, status: 'fail', code: nsMissing ? 'namespace-missing' : last.mismatches[0] ? mismatchCode(last.mismatches[0]) : 'field', points: 0, mismatches: last.mismatches, hint: last.hint, evidence: last.evidence, remember: last.remember };
    case 'blocked':
      return { ...common, status: 'blocked', code: 'blocked', points: spec.blocked === 'costs' ? 0 : spec.points, blockedBy: last.by, mismatches: last.mismatches, hint: last.hint };
  }
}

/** An error's code: by its class, never by its words. */
function errorCode(e: Error): OutcomeCode {
  if (e instanceof DeadlineError || (e instanceof KubeError && e.reason === EXEC_TIMEOUT)) return 'timeout';
  if (e instanceof KubeError || e instanceof CommandError) return 'cluster';
  if (e instanceof LabFileError) return 'lab';
  return 'internal';
}
