/** A signal that aborts after `ms` or when `parent` does, and the function that releases its timer. */
export interface Deadline {
  signal: AbortSignal;
  /** Whether it was the time, not the parent, that ran out. */
  expired(): boolean;
  /** Stops the timer (always call it when the work is done). */
  clear(): void;
}

/**
 * A deadline for one piece of work. Built on a timer of its own rather than AbortSignal.timeout: a timeout
 * signal held only by AbortSignal.any can be garbage-collected before it fires, and the work would then wait
 * forever.
 */
export function deadline(ms: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('deadline', 'TimeoutError'));
  }, Math.max(0, ms));
  const onParent = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParent();
  else parent?.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    expired: () => timedOut,
    clear: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParent);
    },
  };
}

/** The reason of a KubeError for a command in a pod that did not answer in time (callers decide by it, not by its words). */
export const EXEC_TIMEOUT = 'ExecTimeout';
