import { Listr, type ListrTask } from 'listr2';
import { normaliseCheckRef, type Step } from '../model/lab.ts';
import { type Lang } from '../model/text.ts';
import { type RunEvent } from '../run/events.ts';
import { type CheckResult } from '../run/result.ts';
import { endCheckTask, progressLine, WORDS } from './plain.ts';
import { type Style } from './style.ts';

type Waiter<T> = { promise: Promise<T | undefined>; resolve: (v: T | undefined) => void };

function waiter<T>(): Waiter<T> {
  let resolve!: (v: T | undefined) => void;
  const promise = new Promise<T | undefined>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A listr2 view of a run: a task per step, a subtask per action and check (the checks of a step side by
 * side, as they run), driven by the runner's events. A pending check shows what it waits on, how long it
 * has waited and its deadline, refreshed every second. Returns the sink to feed and a promise that settles
 * when the view is finished (the cursor is shown again).
 */
export function listrRenderer(steps: Step[], withActions: boolean, lang: Lang, s: Style): { sink: (e: RunEvent) => void; done: Promise<void> } {
  const waiters = new Map<string, Waiter<unknown>>();
  let ended = false;
  const get = <T>(key: string) => {
    let w = waiters.get(key);
    if (!w) {
      waiters.set(key, (w = waiter<unknown>()));
      if (ended) w.resolve(undefined); // asked for after the run ended: it never ran
    }
    return w as Waiter<T>;
  };
  const titles = new Map<string, (t: string) => void>();
  const outputs = new Map<string, (t: string) => void>();
  const progress = new Map<string, Extract<RunEvent, { type: 'check-progress' }> & { at: number }>();
  const started = new Map<string, { at: number; deadlineMs: number }>();
  const numbers = new Map<string, string>();
  // A run cut short by Ctrl-C: the step it was in is shown as interrupted, neither passed nor failed.
  const running = new Map<string, ((message: string) => void)[]>();
  let interrupted = false;
  const w = WORDS[lang];

  const stepTask = (step: Step): ListrTask => ({
    title: step.title[lang],
    task: async (_ctx, task) => {
      const begun = await get<true>(`step:${step.id}`).promise;
      if (!begun) return task.skip();
      task.title = `${numbers.get(step.id) ?? ''}${step.title[lang]}`;
      running.set(step.id, [(m) => task.skip(m)]);
      const actions: ListrTask[] = withActions
        ? step.solution.map((_a, i) => ({
            title: '…',
            task: async (_c, sub) => {
              titles.set(`action:${step.id}/${i}`, (t) => (sub.title = t));
              const r = await get<{ error?: string }>(`action:${step.id}/${i}`).promise;
              if (!r) return sub.skip();
              if (r.error) throw new Error(r.error);
            },
          }))
        : [];
      const checks: ListrTask[] = step.checks.map((ref) => {
        const id = normaliseCheckRef(ref).id;
        return {
          title: id,
          task: async (_c, sub) => {
            outputs.set(`check:${step.id}/${id}`, (t) => (sub.output = t));
            endCheckTask(sub, id, await get<CheckResult>(`check:${step.id}/${id}`).promise, { interrupted, lang, s });
          },
        };
      });
      return task.newListr([
        ...(actions.length ? [{ title: w.actions, task: (_c: unknown, t: { newListr: (x: ListrTask[], o: object) => unknown }) => t.newListr(actions, { concurrent: false, exitOnError: false }) } as ListrTask] : []),
        {
          title: w.checks,
          task: (_c, t) => {
            running.get(step.id)?.push(() => t.skip(`${w.checks} — ${w.interrupted}`));
            return t.newListr(checks, { concurrent: true, exitOnError: false });
          },
        },
      ], { concurrent: false, exitOnError: false });
    },
  });

  const list = new Listr(steps.map(stepTask), {
    concurrent: false,
    exitOnError: false,
    registerSignalListeners: false,
    rendererOptions: { collapseSubtasks: false, collapseErrors: false, showErrorMessage: true, persistentOutput: false },
  });
  // Elapsed time of waiting checks moves even when nothing else does.
  const ticker = setInterval(() => {
    for (const [key, p] of progress) outputs.get(key)?.(progressLine({ ...p, elapsedMs: Date.now() - (started.get(key)?.at ?? p.at) }, lang));
  }, 1000);
  const done = list.run().then(() => undefined, () => undefined).finally(() => {
    clearInterval(ticker);
    if (process.stdout.isTTY) process.stdout.write('\u001b[?25h');
  });

  const sink = (e: RunEvent) => {
    switch (e.type) {
      case 'lab-start':
        for (const { step, number } of e.steps) numbers.set(step.id, `[${number}/${e.total}] `);
        break;
      case 'step-start':
        get(`step:${e.step.id}`).resolve(true);
        break;
      case 'action-start':
        titles.get(`action:${e.step}/${e.index}`)?.(`$ ${e.description}`);
        break;
      case 'action-end':
        get(`action:${e.step}/${e.index}`).resolve({ error: e.error?.[lang] });
        break;
      case 'check-start':
        started.set(`check:${e.step}/${e.id}`, { at: Date.now(), deadlineMs: e.deadlineMs });
        break;
      case 'check-progress': {
        const key = `check:${e.step}/${e.id}`;
        progress.set(key, { ...e, at: Date.now() - e.elapsedMs });
        outputs.get(key)?.(progressLine(e, lang));
        break;
      }
      case 'check-end':
        progress.delete(`check:${e.result.step}/${e.result.id}`);
        get(`check:${e.result.step}/${e.result.id}`).resolve(e.result);
        break;
      case 'step-end':
        running.delete(e.result.id);
        break;
      case 'lab-end':
        // Whatever did not run (a quit, a step filter, Ctrl-C) is shown as skipped.
        ended = true;
        interrupted = Boolean(e.result.interrupted);
        if (interrupted) {
          for (const [id, skips] of running) {
            const st = steps.find((x) => x.id === id);
            for (const skip of skips) skip(`${numbers.get(id) ?? ''}${st?.title[lang] ?? id} — ${w.interrupted}`);
          }
        }
        for (const st of steps) get(`step:${st.id}`).resolve(undefined);
        for (const w of waiters.values()) w.resolve(undefined);
        break;
      default:
        break;
    }
  };
  return { sink, done };
}
