import { describe, expect, it } from 'vitest';
import { FakeKube } from '../kube/fake.ts';
import { type ApiObject } from '../model/kube.ts';
import { deleteNamespace } from './namespace.ts';

describe('deleteNamespace', () => {
  it('deletes the volumes labs made for the namespace\'s run, and no one else\'s', async () => {
    const pv = (name: string, labels?: Record<string, string>): ApiObject => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name, labels } });
    const kube = new FakeKube([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns1' } }, pv('ns1-pv-static', { 'labs.dev/namespace': 'ns1' }), pv('ns2-pv-static', { 'labs.dev/namespace': 'ns2' }), pv('by-hand')]);
    await deleteNamespace(kube, 'ns1');
    expect(kube.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['PersistentVolume/ns2-pv-static', 'PersistentVolume/by-hand']);
  });
});
