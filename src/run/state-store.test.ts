import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshState, recallFrom, rememberStep, StateStore } from './state-store.ts';

describe('StateStore', () => {
  it('survives a restart: a new store reads what the old one saved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-'));
    const a = new StateStore(dir);
    const s = a.load('kind-labs', 'default', 'week3-day3/mysql-pvc');
    expect(s.completedSteps).toEqual([]);
    s.completedSteps.push('pvc', 'deploy');
    rememberStep(s, ['pvc', 'deploy', 'persist'], 'deploy', { 'pvc-bound': { pv: 'pvc-123' } });
    a.save(s);
    const b = new StateStore(dir).load('kind-labs', 'default', 'week3-day3/mysql-pvc');
    expect(b).toMatchObject({ completedSteps: ['pvc', 'deploy'], memory: { deploy: { attempt: 1, checks: { 'pvc-bound': { pv: 'pvc-123' } } } } });
  });

  it('keeps contexts and namespaces apart, and resets on request', () => {
    const store = new StateStore(mkdtempSync(join(tmpdir(), 'state-')));
    const s = store.load('ctx/a', 'ns1', 'lab');
    s.completedSteps.push('x');
    store.save(s);
    expect(store.load('ctx/a', 'ns2', 'lab').completedSteps).toEqual([]);
    expect(store.load('ctx/b', 'ns1', 'lab').completedSteps).toEqual([]);
    expect(store.reset('ctx/a', 'ns1', 'lab').completedSteps).toEqual([]);
    expect(store.load('ctx/a', 'ns1', 'lab').completedSteps).toEqual([]);
  });
});

describe('memory per step attempt', () => {
  const steps = ['statefulset', 'identity', 'cleanup'];
  const owners = { 'per-pod-pvcs': 'statefulset', 'same-identity': 'identity' };

  it('a new attempt of a step replaces its memory and forgets the steps after it', () => {
    const s = freshState('lab', 'ctx', 'ns');
    rememberStep(s, steps, 'statefulset', { 'per-pod-pvcs': { uid: 'a' } });
    rememberStep(s, steps, 'identity', { 'same-identity': 1 });
    rememberStep(s, steps, 'statefulset', { 'per-pod-pvcs': { uid: 'b' } });
    expect(s.memory.statefulset).toMatchObject({ attempt: 2, checks: { 'per-pod-pvcs': { uid: 'b' } } });
    expect(s.memory.identity).toBeUndefined();
  });

  it('a re-check does not rewrite a step that a later step built on', () => {
    const s = freshState('lab', 'ctx', 'ns');
    rememberStep(s, steps, 'statefulset', { 'per-pod-pvcs': { uid: 'a' } });
    rememberStep(s, steps, 'identity', {});
    expect(rememberStep(s, steps, 'statefulset', { 'per-pod-pvcs': { uid: 'new' } }, true)).toBe(false);
    expect(recallFrom(s, steps, owners, 'identity', 'per-pod-pvcs')).toEqual({ uid: 'a' });
  });

  it('a step sees only what earlier steps (or its own earlier attempt) remembered', () => {
    const s = freshState('lab', 'ctx', 'ns');
    rememberStep(s, steps, 'statefulset', { 'per-pod-pvcs': { uid: 'a' } });
    rememberStep(s, steps, 'identity', { 'same-identity': 1 });
    expect(recallFrom(s, steps, owners, 'statefulset', 'same-identity')).toBeUndefined();
    expect(recallFrom(s, steps, owners, 'identity', 'same-identity')).toBe(1);
  });
});
