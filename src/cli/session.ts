import { EXIT } from '../errors.ts';
import { sessionLang, type Lang, type Text } from '../model/text.ts';
import { type Step } from '../model/lab.ts';
import { listrRenderer } from '../report/listr.ts';
import { plainRenderer } from '../report/plain.ts';
import { styleFor } from '../report/style.ts';
import { type RunEvent } from '../run/events.ts';
import { worst, type CheckStatus } from '../run/result.ts';
import { onRestore } from './interrupt.ts';

/** Whether to draw listr2's live view: a terminal, and not CI. */
export function fancyOutput(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(process.stdout.isTTY) && !env.CI;
}

/** An event sink for a run, and a promise to await before printing anything after it. */
export function renderer(steps: Step[], withActions: boolean, lang: Lang, forcePlain = false): { sink: (e: RunEvent) => void; done: Promise<void> } {
  const style = styleFor(process.stdout);
  if (!forcePlain && fancyOutput()) {
    const view = listrRenderer(steps, withActions, lang, style);
    const forget = onRestore(() => process.stdout.write('\u001b[?25h'));
    return { sink: view.sink, done: view.done.finally(forget) };
  }
  return { sink: plainRenderer((l) => process.stdout.write(`${l}\n`), lang, style), done: Promise.resolve() };
}

/** A line for the user about what labs did to their environment, in the session's language. */
export function say(line: Text): void {
  process.stderr.write(`labs: ${line[sessionLang()]}\n`);
}

/** The exit code of runs: 3 if anything broke, 1 if a check failed, was blocked or skipped, 0 when all passed. */
export function exitCodeOf(statuses: CheckStatus[]): number {
  const w = worst(statuses);
  return w === 'pass' ? EXIT.ok : w === 'error' ? EXIT.infra : EXIT.checksFailed;
}
