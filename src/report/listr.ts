import { Listr, type ListrTask } from 'listr2';
import { type Step } from '../model/lab.ts';
import { type Lang } from '../model/text.ts';
import { type RunEvent } from '../run/events.ts';
import { type CheckResult } from '../run/result.ts';
import { checkLines } from './plain.ts';
import { type Style } from './style.ts';

type Waiter<T> = { promise: Promise<T | undefined>; resolve: (v: T | undefined) => void };

function waiter<T>(): Waiter<T> {
  let resolve!: (v: T | undefined) => void;
  const promise = new Promise<T | undefined>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A listr2 view of a run: a task per step, a subtask per action and check, driven by the runner's events.
 * Returns the sink to feed and a promise that settles when the view is finished.
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

  const stepTask = (step: Step): ListrTask => ({
    title: step.title[lang],
    task: async (_ctx, task) => {
      const started = await get<true>(`step:${step.id}`).promise;
      if (!started) return task.skip();
      const subtasks: ListrTask[] = [];
      if (withActions) {
        step.solution.forEach((_a, i) => {
          subtasks.push({
            title: '…',
            task: async (_c, sub) => {
              titles.set(`action:${step.id}/${i}`, (t) => (sub.title = t));
              const r = await get<{ error?: string }>(`action:${step.id}/${i}`).promise;
              if (!r) return sub.skip();
              if (r.error) throw new Error(r.error);
            },
          });
        });
      }
      for (const ref of step.checks) {
        const id = typeof ref === 'string' ? ref : ref.id;
        subtasks.push({
          title: id,
          task: async (_c, sub) => {
            outputs.set(`check:${step.id}/${id}`, (t) => (sub.output = t));
            const r = await get<CheckResult>(`check:${step.id}/${id}`).promise;
            if (!r) return sub.skip();
            sub.title = checkLines({ ...r, status: 'pass' }, lang, s)[0]!.replace(/^\s+\S+\s/, '');
            if (r.status === 'skipped') return sub.skip(sub.title);
            if (r.status !== 'pass') throw new Error(checkLines(r, lang, s).slice(1).map((l) => l.trim()).join('\n'));
          },
        });
      }
      return task.newListr(subtasks, { concurrent: false, exitOnError: false });
    },
  });

  const list = new Listr(steps.map(stepTask), {
    concurrent: false,
    exitOnError: false,
    rendererOptions: { collapseSubtasks: false, collapseErrors: false, showErrorMessage: true },
  });
  const done = list.run().then(() => undefined, () => undefined);

  const sink = (e: RunEvent) => {
    switch (e.type) {
      case 'step-start':
        get(`step:${e.step.id}`).resolve(true);
        break;
      case 'action-start':
        titles.get(`action:${e.step}/${e.index}`)?.(`$ ${e.description}`);
        break;
      case 'action-end':
        get(`action:${e.step}/${e.index}`).resolve({ error: e.error });
        break;
      case 'check-attempt':
        outputs.get(`check:${e.step}/${e.id}`)?.(`${e.attempt}: ${e.summary}`);
        break;
      case 'check-end':
        get(`check:${e.result.step}/${e.result.id}`).resolve(e.result);
        break;
      case 'lab-end':
        // Whatever did not run (a quit, a step filter) is shown as skipped.
        ended = true;
        for (const st of steps) get(`step:${st.id}`).resolve(undefined);
        for (const w of waiters.values()) w.resolve(undefined);
        break;
      default:
        break;
    }
  };
  return { sink, done };
}
