import { describe, expect, it } from 'vitest';
import { NamespaceCache } from '../kube/cache.ts';
import { FakeKube } from '../kube/fake.ts';
import { DeadlineError } from './wait.ts';
import { KubeError, LabFileError } from '../errors.ts';
import { EXEC_TIMEOUT } from '../kube/deadline.ts';
import { type Check, type CheckContext, type CheckOutcome, type Mismatch } from '../model/check.ts';
import { type ApiObject } from '../model/kube.ts';
import { text } from '../model/text.ts';
import { runCheck } from './run-check.ts';

const failing: CheckOutcome = { status: 'fail', mismatches: [{ object: 'ConfigMap/a', path: 'data.v', want: '1', got: '2' }], hint: text('힌트', 'hint') };
const ns: ApiObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' }, status: { phase: 'Active' } };
/** A pod the scheduler has not placed yet: the namespace is not settled while it is there. */
const pending: ApiObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', uid: 'u1' }, status: { phase: 'Pending' } };

function scripted(outcomes: (CheckOutcome | Error)[], extra: Partial<Check> = {}): Check & { calls: number } {
  const c = {
    id: 'x', title: text('x', 'x'), calls: 0, ...extra,
    async run(ctx: CheckContext) {
      // Like the lab's checks, it reads the pods: their settling decides when a failure is final.
      await ctx.kube.list({ apiVersion: 'v1', kind: 'Pod' }, 'ns');
      const o = outcomes[Math.min(c.calls++, outcomes.length - 1)]!;
      if (o instanceof Error) throw o;
      return o;
    },
  };
  return c;
}

async function setup(objects: ApiObject[]) {
  const kube = new FakeKube(objects);
  const cache = await new NamespaceCache(kube, 'ns').start();
  const ctx = (signal: AbortSignal, read: Set<string>): CheckContext => ({ namespace: 'ns', kube: { get: (r, n, ns) => (read.add(r.kind), cache.get(r, n, ns)), list: (r, ns, sel) => (read.add(r.kind), cache.list(r, ns, sel)) }, recall: () => undefined, probe: async () => ({ stdout: '', stderr: '', exitCode: 0 }), evidence: async () => [], signal, values: {} });
  const opts = (seconds: number) => ({ step: 's', spec: { id: 'x', points: 2, blocked: 'free' as const }, deadline: Date.now() + seconds * 1000, cache, minIntervalMs: 10 });
  return { kube, cache, ctx, opts };
}

describe('runCheck', () => {
  it('reports a failure at once when the namespace has settled: waiting would not change it', async () => {
    const { cache, ctx, opts } = await setup([ns]);
    const c = scripted([failing]);
    const t0 = Date.now();
    const r = await runCheck(c, ctx, opts(30));
    expect(r).toMatchObject({ status: 'fail', code: 'field', points: 0, attempts: 1, mismatches: failing.status === 'fail' ? failing.mismatches : [] });
    expect(Date.now() - t0).toBeLessThan(1000);
    cache.close();
  });

  it('retries a failure while the namespace is still moving, and passes when it comes right', async () => {
    const { cache, ctx, opts } = await setup([ns, pending]);
    const c = scripted([failing, failing, { status: 'pass', remember: { pv: 'pv-1' } }]);
    const r = await runCheck(c, ctx, opts(5));
    expect(r).toMatchObject({ status: 'pass', points: 2, maxPoints: 2, attempts: 3, remember: { pv: 'pv-1' } });
    cache.close();
  });

  it('gives the last failure at the deadline when the namespace never settles', async () => {
    const { cache, ctx, opts } = await setup([ns, pending]);
    const r = await runCheck(scripted([failing]), ctx, opts(0.3));
    expect(r.status).toBe('fail');
    expect(r.attempts).toBeGreaterThan(1);
    cache.close();
  });

  it('reports a thrown error as an infrastructure error, retried until the deadline, never as a failure', async () => {
    const { cache, ctx, opts } = await setup([ns]);
    const r = await runCheck(scripted([new Error('cannot reach the API server')]), ctx, opts(0.3));
    expect(r).toMatchObject({ status: 'error', code: 'internal', points: 0, error: { en: 'cannot reach the API server' } });
    expect(r.attempts).toBeGreaterThan(1);
    cache.close();
  });

  it('gives an error the code of its class, never of its words; a failure the code of its first mismatch', async () => {
    const { cache, ctx, opts } = await setup([ns]);
    const codeOf = async (o: CheckOutcome | Error) => (await runCheck(scripted([o]), ctx, opts(0.05))).code;
    expect(await codeOf(new KubeError(text('x', 'no answer in time'), undefined, undefined, EXEC_TIMEOUT))).toBe('timeout');
    expect(await codeOf(new DeadlineError('pod/x Ready', 1, 'not yet'))).toBe('timeout');
    expect(await codeOf(new KubeError(text('x', 'timeout'), undefined, 503))).toBe('cluster');
    expect(await codeOf(new LabFileError([]))).toBe('lab');
    const f = (m: Partial<Mismatch>): CheckOutcome => ({ status: 'fail', mismatches: [{ object: 'Pod/p', path: '', want: { present: true }, got: { absent: true }, ...m }], hint: text('h', 'h') });
    expect(await codeOf(f({}))).toBe('missing');
    expect(await codeOf(f({ want: { absent: true }, got: { present: true } }))).toBe('unexpected');
    expect(await codeOf(f({ path: 'spec.x', want: 'a', got: { absent: true } }))).toBe('field');
    expect(await codeOf(f({ path: 'status.conditions.Ready', want: 'True', got: 'Running', code: 'not-ready' }))).toBe('not-ready');
    cache.close();
  });

  it('recovers when the API server comes back', async () => {
    const { cache, ctx, opts } = await setup([ns]);
    const r = await runCheck(scripted([new Error('down'), { status: 'pass' }]), ctx, opts(5));
    expect(r).toMatchObject({ status: 'pass', attempts: 2 });
    cache.close();
  });

  it('fails every check at once when the namespace does not exist, naming it', async () => {
    const { cache, ctx, opts } = await setup([]);
    const c = scripted([{ status: 'pass' }]);
    const r = await runCheck(c, ctx, opts(30));
    expect(c.calls).toBe(0);
    expect(r).toMatchObject({ status: 'fail', code: 'namespace-missing', mismatches: [{ object: 'Namespace/ns', path: '', want: { present: true }, got: { absent: true } }] });
    cache.close();
  });

  it('judges a failure on what the check read: a moving pod does not hold up a check that reads only a Service', async () => {
    const { cache, opts } = await setup([ns, pending]);
    const svcOnly: Check = { id: 'x', title: text('x', 'x'), run: async (c) => (await c.kube.get({ apiVersion: 'v1', kind: 'Service' }, 's', 'ns'), failing) };
    const ctx = (signal: AbortSignal, read: Set<string>): CheckContext => ({ namespace: 'ns', kube: { get: (r, n, n2) => (read.add(r.kind), cache.get(r, n, n2)), list: (r, n2, sel) => (read.add(r.kind), cache.list(r, n2, sel)) }, recall: () => undefined, probe: async () => ({ stdout: '', stderr: '', exitCode: 0 }), evidence: async () => [], signal, values: {} });
    expect(await runCheck(svcOnly, ctx, opts(30))).toMatchObject({ status: 'fail', attempts: 1 });
    cache.close();
  });

  it('keeps a blocked check\'s points unless the lab says blocked costs them', async () => {
    const { cache, ctx, opts } = await setup([ns]);
    const blocked: CheckOutcome = { status: 'blocked', by: 'other', mismatches: [], hint: text('h', 'h') };
    expect(await runCheck(scripted([blocked]), ctx, opts(5))).toMatchObject({ status: 'blocked', code: 'blocked', blockedBy: 'other', points: 2 });
    expect(await runCheck(scripted([blocked]), ctx, { ...opts(5), spec: { id: 'x', points: 2, blocked: 'costs' } })).toMatchObject({ status: 'blocked', points: 0 });
    cache.close();
  });

  it('does not attempt a check that waits for the namespace to settle until it has', async () => {
    const { kube, cache, ctx, opts } = await setup([ns, pending]);
    const c = scripted([{ status: 'pass' }], { whenSettled: true });
    const running = runCheck(c, ctx, opts(10));
    await new Promise<void>((resolve) => cache.subscribe(() => resolve()) && setImmediate(resolve));
    expect(c.calls).toBe(0);
    await kube.delete({ apiVersion: 'v1', kind: 'Pod' }, 'p', 'ns');
    expect(await running).toMatchObject({ status: 'pass' });
    expect(c.calls).toBe(1);
    cache.close();
  });
});
