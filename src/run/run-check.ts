import { MissingStateError, type Check, type CheckContext, type CheckOutcome } from '../model/check.ts';
import { text } from '../model/text.ts';
import { type CheckResult } from './result.ts';
import { pause } from './wait.ts';

/** How one check is run: its deadline and the pause between attempts. */
export interface CheckRunOptions {
  step: string;
  points: number;
  timeoutSeconds: number;
  intervalMs?: number;
  signal?: AbortSignal;
  /** Called after each failed attempt, for progress output. */
  onAttempt?: (attempt: number, outcome: CheckOutcome | Error) => void;
}

/**
 * Runs a check until it passes or its deadline passes, and reports the last failure. A thrown error is an
 * infrastructure problem: retried (the API server may be restarting) and reported as `error`, never as the
 * student's failure. A missing precondition is an error at once.
 */
export async function runCheck(check: Check, ctx: CheckContext, opts: CheckRunOptions): Promise<CheckResult & { remember?: Record<string, unknown> }> {
  const started = Date.now();
  const deadline = started + opts.timeoutSeconds * 1000;
  const interval = opts.intervalMs ?? 2000;
  const base = { id: check.id, step: opts.step, title: check.title, maxPoints: opts.points };
  let attempts = 0;
  let last: CheckOutcome | Error = new Error('not run');
  for (;;) {
    attempts++;
    try {
      last = await withTimeout(check.run(ctx), Math.max(5_000, Math.min(60_000, deadline - Date.now())));
    } catch (e) {
      last = e instanceof Error ? e : new Error(String(e));
    }
    if (!(last instanceof Error) && last.status === 'pass') {
      return { ...base, status: 'pass', points: opts.points, attempts, durationMs: Date.now() - started, detail: last.detail, remember: last.remember };
    }
    opts.onAttempt?.(attempts, last);
    if (last instanceof MissingStateError || Date.now() + interval > deadline || opts.signal?.aborted) break;
    await pause(interval, opts.signal);
  }
  const durationMs = Date.now() - started;
  if (last instanceof MissingStateError) {
    return {
      ...base, status: 'fail', points: 0, attempts, durationMs,
      expected: text(`"${last.step}" 단계에서 기억한 상태`, `what step "${last.step}" remembered`),
      found: text(`"${last.step}" 단계의 체크가 통과하지 않아 비교할 값이 없습니다`, `nothing to compare with: the checks of step "${last.step}" have not passed`),
      hint: text(`먼저 "${last.step}" 단계를 통과하세요: labs check <lab> --step ${last.step}`, `Pass step "${last.step}" first: labs check <lab> --step ${last.step}`),
    };
  }
  if (last instanceof Error) return { ...base, status: 'error', points: 0, attempts, durationMs, error: last.message };
  return { ...base, status: 'fail', points: 0, attempts, durationMs, expected: last.expected, found: last.found, hint: last.hint };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer in ${Math.round(ms / 1000)}s`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e)),
    );
  });
}
