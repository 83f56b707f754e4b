import { describe, expect, it } from 'vitest';
import { FakeKube } from '../kube/fake.ts';
import { MissingStateError, type Check, type CheckOutcome } from '../model/check.ts';
import { text } from '../model/text.ts';
import { runCheck } from './run-check.ts';

const failing: CheckOutcome = { status: 'fail', expected: text('a', 'a'), found: text('b', 'b'), hint: text('c', 'c') };

function scripted(outcomes: (CheckOutcome | Error)[]): Check & { calls: number } {
  const c = {
    id: 'x', title: text('x', 'x'), calls: 0,
    async run() {
      const o = outcomes[Math.min(c.calls++, outcomes.length - 1)]!;
      if (o instanceof Error) throw o;
      return o;
    },
  };
  return c;
}

const ctx = { namespace: 'ns', kube: new FakeKube(), state: {} };
const opts = { step: 's', points: 2, timeoutSeconds: 1, intervalMs: 10 };

describe('runCheck', () => {
  it('retries a failure until it passes, and earns the points', async () => {
    const c = scripted([failing, failing, { status: 'pass', remember: { pv: 'pv-1' } }]);
    const r = await runCheck(c, ctx, opts);
    expect(r).toMatchObject({ status: 'pass', points: 2, maxPoints: 2, attempts: 3, remember: { pv: 'pv-1' } });
  });

  it('reports the last failure at the deadline, with no points', async () => {
    const r = await runCheck(scripted([failing]), ctx, { ...opts, timeoutSeconds: 0.05 });
    expect(r).toMatchObject({ status: 'fail', points: 0, found: { en: 'b' } });
    expect(r.attempts).toBeGreaterThan(1);
  });

  it('reports a thrown error as an infrastructure error, not a failure', async () => {
    const r = await runCheck(scripted([new Error('connection refused')]), ctx, { ...opts, timeoutSeconds: 0.05 });
    expect(r).toMatchObject({ status: 'error', points: 0, error: 'connection refused' });
  });

  it('recovers when the API server comes back', async () => {
    const r = await runCheck(scripted([new Error('connection refused'), { status: 'pass' }]), ctx, opts);
    expect(r.status).toBe('pass');
  });

  it('fails at once on missing state, pointing at the step that should have saved it', async () => {
    const c = scripted([new MissingStateError('mysqlPv', 'deploy')]);
    const r = await runCheck(c, ctx, { ...opts, timeoutSeconds: 60 });
    expect(r).toMatchObject({ status: 'fail', attempts: 1, points: 0 });
    expect(r.found?.en).toMatch(/the checks of step "deploy" have not passed/);
    expect(r.hint?.en).toBe('Pass step "deploy" first: labs check <lab> --step deploy');
  });
});
