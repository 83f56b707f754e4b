import { describe, expect, it, vi } from 'vitest';
import { text } from '../model/text.ts';
import { type Step } from '../model/lab.ts';
import { type CheckResult } from '../run/result.ts';
import { listrRenderer } from './listr.ts';
import { styleFor } from './style.ts';

const step = (id: string, checks: string[]): Step => ({
  id, title: text(id, id), instructions: text('i', 'i'), commands: [], solution: [{ apply: 'x.yaml' }], graded: true, checks, timeout: 10,
});
const result = (id: string, st: string, status: CheckResult['status']): CheckResult => ({
  id, step: st, title: text(id, id), status, points: status === 'pass' ? 1 : 0, maxPoints: 1, attempts: 1, durationMs: 1,
  ...(status === 'fail' ? { expected: text('e', 'e'), found: text('f', 'f'), hint: text('h', 'h') } : {}),
});

describe('listrRenderer', () => {
  it('finishes when the run ends, also for steps that never ran', async () => {
    const steps = [step('one', ['a', 'b']), step('two', ['c'])];
    const view = listrRenderer(steps, true, 'en', styleFor({ isTTY: false }));
    view.sink({ type: 'step-start', step: steps[0]!, number: 1, total: 2 });
    view.sink({ type: 'action-start', step: 'one', index: 0, description: 'kubectl apply -f x.yaml' });
    view.sink({ type: 'action-end', step: 'one', index: 0, description: 'kubectl apply -f x.yaml' });
    view.sink({ type: 'check-end', result: result('a', 'one', 'pass') });
    view.sink({ type: 'check-end', result: result('b', 'one', 'fail') });
    view.sink({ type: 'lab-end', result: { lab: 'l', title: text('l', 'l'), namespace: 'n', context: 'c', status: 'fail', durationMs: 1, steps: [] }, verdicts: {} });
    const outcome = await Promise.race([view.done.then(() => 'done'), new Promise((r) => setTimeout(() => r('hung'), 3000))]);
    expect(outcome).toBe('done');
  });

  it('shows a step cut short by Ctrl-C as interrupted, neither passed nor failed', async () => {
    const steps = [step('one', ['a', 'b'])];
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
    try {
      const view = listrRenderer(steps, false, 'ko', styleFor({ isTTY: false }));
      view.sink({ type: 'lab-start', lab: 'l', title: text('l', 'l'), namespace: 'n', context: 'c', steps: [{ step: steps[0]!, number: 2 }], total: 5 });
      view.sink({ type: 'step-start', step: steps[0]!, number: 2, total: 5 });
      view.sink({ type: 'check-end', result: result('a', 'one', 'pass') });
      // Let the view reach the step's checks before the run is cut short.
      await vi.waitFor(() => expect(out.join('')).toContain('a: a'));
      view.sink({ type: 'lab-end', result: { lab: 'l', title: text('l', 'l'), namespace: 'n', context: 'c', status: 'skipped', durationMs: 1, steps: [], interrupted: true }, verdicts: {} });
      await view.done;
    } finally {
      spy.mockRestore();
    }
    const shown = out.join('');
    expect(shown).toContain('[2/5] one — 중단됨');
    expect(shown).toContain('b — 중단됨');
    expect(shown).not.toMatch(/✔ (\[2\/5\] one|체크)\b/);
  });
});
