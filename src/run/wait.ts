/** Resolves after `ms`, or at once when the signal aborts. Used only between polls of a condition. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}

/** What a condition says on each poll: done with a value, or not yet and why. */
export type Poll<T> = { done: true; value: T } | { done: false; why: string };

/** Thrown when a condition is still false at its deadline; carries the last reason. */
export class DeadlineError extends Error {
  constructor(what: string, seconds: number, readonly why: string) {
    super(`${what}: not done after ${seconds}s (${why})`);
  }
}

/**
 * Polls `condition` until it is done or the deadline passes. This is how every wait in labs works:
 * on a condition with a deadline, never a fixed sleep.
 */
export async function waitFor<T>(what: string, seconds: number, condition: () => Promise<Poll<T>>, intervalMs = 1000, signal?: AbortSignal): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let why = 'not checked yet';
  for (;;) {
    const r = await condition();
    if (r.done) return r.value;
    why = r.why;
    if (Date.now() + intervalMs > deadline || signal?.aborted) throw new DeadlineError(what, seconds, why);
    await pause(intervalMs, signal);
  }
}
