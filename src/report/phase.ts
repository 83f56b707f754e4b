import { Listr } from 'listr2';
import { normaliseCheckRef, type Step } from '../model/lab.ts';
import { type Lang } from '../model/text.ts';
import { type RunEvent } from '../run/events.ts';
import { type CheckResult } from '../run/result.ts';
import { endCheckTask, plainRenderer, progressLine } from './plain.ts';
import { type Style } from './style.ts';

/**
 * For interactive sessions on a terminal: plain lines around the prompts, and for each round of checks a
 * live listr2 view (the checks side by side, each showing what it waits on, elapsed and deadline) that is
 * finished before the next prompt. The sink returns a promise on step-end so the runner waits for it.
 */
export function phaseRenderer(write: (line: string) => void, lang: Lang, s: Style): (e: RunEvent) => void | Promise<void> {
  const plain = plainRenderer(write, lang, s);
  let step: Step | undefined;
  // Set when the run was cut short by Ctrl-C: checks still waiting are shown as interrupted.
  let interrupted = false;
  let phase: { results: Map<string, (r: CheckResult | undefined) => void>; outputs: Map<string, (t: string) => void>; done: Promise<void>; ticker: NodeJS.Timeout; last: Map<string, Extract<RunEvent, { type: 'check-progress' }> & { t0: number }> } | undefined;

  const open = (st: Step) => {
    const results = new Map<string, (r: CheckResult | undefined) => void>();
    const pending = new Map<string, Promise<CheckResult | undefined>>();
    const outputs = new Map<string, (t: string) => void>();
    for (const ref of st.checks) {
      const id = normaliseCheckRef(ref).id;
      pending.set(id, new Promise((r) => results.set(id, r)));
    }
    const list = new Listr(st.checks.map((ref) => {
      const id = normaliseCheckRef(ref).id;
      return {
        title: id,
        task: async (_c: unknown, sub: { output: string; title: string; skip: (m?: string) => void }) => {
          outputs.set(id, (t) => (sub.output = t));
          endCheckTask(sub, id, await pending.get(id)!, { interrupted, lang, s });
        },
      };
    }), { concurrent: true, exitOnError: false, registerSignalListeners: false, rendererOptions: { collapseErrors: false, showErrorMessage: true } });
    const last = new Map<string, Extract<RunEvent, { type: 'check-progress' }> & { t0: number }>();
    const ticker = setInterval(() => {
      for (const [id, p] of last) outputs.get(id)?.(progressLine({ ...p, elapsedMs: Date.now() - p.t0 }, lang));
    }, 1000);
    const done = list.run().then(() => undefined, () => undefined).finally(() => {
      clearInterval(ticker);
      if (process.stdout.isTTY) process.stdout.write('\u001b[?25h');
    });
    phase = { results, outputs, done, ticker, last };
  };

  const close = async () => {
    if (!phase) return;
    for (const r of phase.results.values()) r(undefined);
    const p = phase;
    phase = undefined;
    await p.done;
  };

  return (e) => {
    switch (e.type) {
      case 'step-start':
        step = e.step;
        return plain(e);
      case 'check-start':
        if (!phase && step) open(step);
        return;
      case 'check-progress':
        phase?.last.set(e.id, { ...e, t0: Date.now() - e.elapsedMs });
        phase?.outputs.get(e.id)?.(progressLine(e, lang));
        return;
      case 'check-end':
        phase?.last.delete(e.result.id);
        if (phase) phase.results.get(e.result.id)?.(e.result);
        else plain(e);
        return;
      case 'lab-end':
        interrupted = Boolean(e.result.interrupted);
        return close().then(() => plain(e));
      case 'step-end':
        return close().then(() => plain(e));
      default:
        return plain(e);
    }
  };
}
