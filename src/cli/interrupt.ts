import { EXIT } from '../errors.ts';
import { sessionLang } from '../model/text.ts';
import { INTERRUPT_LINES } from './messages.ts';

const controller = new AbortController();
const cleanups = new Set<() => void>();
let presses = 0;
let installed = false;

/** Restores the terminal: the cursor is shown and raw mode is off, whatever was drawing. */
export function restoreTerminal(): void {
  for (const c of cleanups) {
    try {
      c();
    } catch {
      // a cleanup that fails must not keep the others from running
    }
  }
  if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  if (process.stdout.isTTY) process.stdout.write('\u001b[?25h');
}

function onSignal(): void {
  presses++;
  if (presses === 1) {
    process.stderr.write(`\nlabs: ${INTERRUPT_LINES[sessionLang()].first}\n`);
    controller.abort();
    return;
  }
  process.stderr.write(`labs: ${INTERRUPT_LINES[sessionLang()].second}\n`);
  restoreTerminal();
  process.exit(EXIT.interrupted);
}

/**
 * The session's cancellation: the first Ctrl-C (or SIGTERM) aborts this signal — everything that waits,
 * calls the API or runs a command takes it and stops within a second, keeping saved progress — and prints
 * one line; a second Ctrl-C exits at once with 130.
 */
export function interruption(): AbortSignal {
  if (!installed) {
    installed = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  return controller.signal;
}

/** Whether the session was interrupted. */
export function interrupted(): boolean {
  return controller.signal.aborted;
}

/** Runs `fn` when the terminal must be restored (a renderer, a prompt); returns the function that forgets it. */
export function onRestore(fn: () => void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}
