import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateStore } from './state-store.ts';

describe('StateStore', () => {
  it('survives a restart: a new store reads what the old one saved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-'));
    const a = new StateStore(dir);
    const s = a.load('kind-labs', 'default', 'week3-day3/mysql-pvc');
    expect(s.completedSteps).toEqual([]);
    s.completedSteps.push('pvc', 'deploy');
    s.remember.mysqlPv = 'pvc-123';
    a.save(s);
    const b = new StateStore(dir).load('kind-labs', 'default', 'week3-day3/mysql-pvc');
    expect(b).toMatchObject({ completedSteps: ['pvc', 'deploy'], remember: { mysqlPv: 'pvc-123' } });
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
