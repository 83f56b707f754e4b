import { describe, expect, it } from 'vitest';
import { FakeKube } from '../kube/fake.ts';
import { type ApiObject } from '../model/kube.ts';
import { CapacityGate, freeCapacity } from './capacity.ts';

const node = (name: string, cpu: string, memory: string, ready = true): ApiObject => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name },
  status: { allocatable: { cpu, memory }, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
} as ApiObject);
const pod = (name: string, cpu: string, memory: string, phase = 'Running'): ApiObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'kube-system' },
  spec: { containers: [{ name: 'c', resources: { requests: { cpu, memory } } }] }, status: { phase },
} as ApiObject);

describe('free capacity', () => {
  it('is what Ready nodes can give, less what running pods request', async () => {
    const kube = new FakeKube([node('a', '2', '4Gi'), node('b', '2', '4Gi', false), pod('apiserver', '250m', '512Mi'), pod('done', '1', '1Gi', 'Succeeded')]);
    expect(await freeCapacity(kube)).toEqual({ cpu: 1750, memory: 3.5 * 2 ** 30 });
  });
});

describe('capacity gate', () => {
  it('lets students in while their requests fit, holds the next until one leaves, and never blocks a lone student', async () => {
    const gate = new CapacityGate({ cpu: 1000, memory: 2 ** 30 });
    const a = await gate.acquire({ cpu: 600, memory: 100 });
    let bIn = false;
    const b = gate.acquire({ cpu: 600, memory: 100 }).then((r) => ((bIn = true), r));
    await new Promise((r) => setImmediate(r));
    expect(bIn).toBe(false);
    a();
    const releaseB = await b;
    expect(gate.holders).toBe(1);
    releaseB();
    // Asking for more than the whole budget: graded alone, never held forever.
    (await gate.acquire({ cpu: 5000, memory: 100 }))();
    expect(gate.holders).toBe(0);
  });

  it('stops waiting when the run is interrupted', async () => {
    const gate = new CapacityGate({ cpu: 1000, memory: 2 ** 30 });
    const hold = await gate.acquire({ cpu: 900, memory: 1 });
    const ac = new AbortController();
    const waiting = gate.acquire({ cpu: 900, memory: 1 }, ac.signal);
    ac.abort();
    await expect(waiting).rejects.toThrow();
    hold();
  });

  it('without a budget (nodes cannot be read) lets everyone in', async () => {
    const gate = new CapacityGate(undefined);
    await gate.acquire({ cpu: 1e6, memory: 1e12 });
    await gate.acquire({ cpu: 1e6, memory: 1e12 });
    expect(gate.holders).toBe(2);
  });
});
