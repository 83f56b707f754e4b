import { InterruptedError, LabsError } from '../errors.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { relevantKinds, settlednessOf } from './namespace-state.ts';
import { MSG } from './messages.ts';

/** The longest a wait goes without looking again, events or not. */
export const FALLBACK_POLL_MS = 250;

/**
 * Resolves on the next change of the namespace, after `ms` at the latest, or at once when the signal
 * aborts. Leaves no listener behind.
 */
export function wake(cache: NamespaceCache | undefined, ms: number, parent?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (parent?.aborted) return resolve();
    // A signal of this wait's own: many waits at once never pile listeners onto the caller's.
    const signal = parent ? AbortSignal.any([parent]) : undefined;
    let unsubscribe = () => {};
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    if (cache) unsubscribe = cache.subscribe(done);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** What a condition says each time it is looked at: done with a value, or not yet and why. */
export type Poll<T> = { done: true; value: T } | { done: false; why: string };

/** A condition still false at its deadline; carries the last reason. */
export class DeadlineError extends LabsError {
  constructor(what: string, seconds: number, readonly why: string) {
    super(MSG.notDoneInTime(what, seconds, why));
  }
}

/** A condition still false when the namespace had settled: nothing on its way would make it true. */
export class SettledError extends LabsError {
  constructor(what: string, readonly why: string) {
    super(MSG.settledWithout(what, why));
  }
}

/** How a wait may end early. */
export interface WaitOptions {
  /** Give up once these kinds of the namespace (all, with `true`) have settled and the condition is still false. */
  untilSettled?: ReadonlySet<string> | true;
}

/**
 * Waits until `condition` is done: it is looked at on every change of the namespace and at least every
 * 250 ms, until the deadline. This is how every wait in labs works: on a condition, never a fixed sleep.
 * A condition may throw to end the wait early (a state that will not come right); with `untilSettled`, a
 * settled namespace ends it too, so a broken submission costs seconds, not the deadline.
 */
export async function waitOn<T>(cache: NamespaceCache | undefined, what: string, seconds: number, condition: () => Poll<T> | Promise<Poll<T>>, signal?: AbortSignal, o: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (signal?.aborted) throw new InterruptedError();
    const before = cache?.version;
    const r = await condition();
    if (r.done) return r.value;
    const left = deadline - Date.now();
    if (left <= 0) throw new DeadlineError(what, seconds, r.why);
    if (cache && o.untilSettled && cache.version === before) {
      const st = await settlednessOf(cache, o.untilSettled === true ? undefined : relevantKinds(o.untilSettled));
      if (st.settled) throw new SettledError(what, r.why);
    }
    await wake(cache, Math.min(FALLBACK_POLL_MS, left), signal);
  }
}
