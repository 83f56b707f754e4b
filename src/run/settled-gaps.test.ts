import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../load/load-labs.ts';
import { type ApiObject } from '../model/kube.ts';
import { SETTLE, settledness } from './settled.ts';

// Gaps in which nothing moves for a moment although the cluster is not done, on objects a real cluster returned
// (test/fixtures/settle/statefulset-ordered.json, the namespace once the StatefulSet had rolled out).
const seq = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'settle', 'statefulset-ordered.json'), 'utf8')) as { changes: { type: string; object: ApiObject }[] };
const final = new Map<string, ApiObject>();
for (const c of seq.changes) {
  const k = `${c.object.kind}/${c.object.metadata.name}`;
  if (c.type === 'DELETED') final.delete(k);
  else final.set(k, c.object);
}
const objects = [...final.values()].filter((o) => o.kind !== 'Event' && o.kind !== 'Namespace');
const quiet = { events: [], storageClasses: [], lastChangeAt: 0, now: 10_000_000_000_000 };

describe('a deleted pod before its controller has seen it go', () => {
  it('is settled with every pod there', () => {
    expect(settledness({ ...quiet, objects })).toMatchObject({ settled: true });
  });

  it('is not settled while the StatefulSet still counts the pod that is gone', () => {
    const gone = objects.filter((o) => !(o.kind === 'Pod' && o.metadata.name === 'redis-0'));
    const sts = gone.find((o) => o.kind === 'StatefulSet') as ApiObject & { status: { replicas: number } };
    expect(sts.status.replicas).toBe(3);
    const v = settledness({ ...quiet, objects: gone });
    expect(v.settled).toBe(false);
    expect(v.waiting.map((t) => t.en)).toEqual(['StatefulSet/redis: 2/3 pods created']);
  });
});

// A claim of a class no StorageClass has binds only to a volume made by hand: from the MySQL lab's captured claim and
// volume (test/fixtures/mysql-pvc/deploy.json), made a static one.
describe('a claim waiting for a volume made by hand', () => {
  const deploy = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'mysql-pvc', 'deploy.json'), 'utf8')) as { objects: (ApiObject & Record<string, any>)[] };
  const now = Date.parse('2030-01-01T00:00:00Z');
  const claim = { ...deploy.objects.find((o) => o.kind === 'PersistentVolumeClaim')!, spec: { storageClassName: 'manual', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } };
  claim.metadata = { ...claim.metadata, creationTimestamp: new Date(now - 2000).toISOString() };
  const pv = (phase: string, spec: Record<string, unknown> = {}) => ({ ...deploy.objects.find((o) => o.kind === 'PersistentVolume')!, spec: { storageClassName: 'manual', accessModes: ['ReadWriteOnce'], capacity: { storage: '1024Mi' }, ...spec }, status: { phase } }) as ApiObject;
  const at = (objects: ApiObject[], t = now) => settledness({ objects, events: [], storageClasses: [], lastChangeAt: 0, now: t });

  it('is binding while a volume of its class is Available, for as long as provisioning may take', () => {
    expect(at([claim, pv('Available')]).waiting.map((t) => t.en)).toEqual([`PersistentVolumeClaim/${claim.metadata.name}: binding to a volume`]);
    expect(at([claim, pv('Available')], now + SETTLE.provisioningMs).settled).toBe(true);
  });

  it('is stuck with no such volume, one another claim holds, or none that fits', () => {
    expect(at([claim]).settled).toBe(true);
    expect(at([claim, pv('Released')]).settled).toBe(true);
    expect(at([claim, pv('Available', { accessModes: ['ReadWriteMany'] })]).settled).toBe(true);
    expect(at([claim, pv('Available', { capacity: { storage: '500Mi' } })]).settled).toBe(true);
    expect(at([claim, pv('Available', { storageClassName: 'other' })]).settled).toBe(true);
  });

  // The volume controller binds the volume first, then the claim (seen on the offline cluster: pv-static Bound to
  // pvc-static while pvc-static still said Pending).
  it('is binding while a volume is already Bound to it, or it names an Available volume by volumeName', () => {
    const ref = { kind: 'PersistentVolumeClaim', namespace: claim.metadata.namespace, name: claim.metadata.name, uid: claim.metadata.uid };
    const held = pv('Bound', { claimRef: ref });
    expect(at([claim, held]).waiting.map((t) => t.en)).toEqual([`PersistentVolumeClaim/${claim.metadata.name}: binding to PersistentVolume/${held.metadata.name}`]);
    expect(at([claim, held], now + SETTLE.provisioningMs).settled).toBe(true);
    const pinned = { ...claim, spec: { ...claim.spec, volumeName: held.metadata.name } };
    // Both halves say so: the claim names the volume, and the volume is named by the claim.
    expect(at([pinned, pv('Available', { storageClassName: 'other' })]).waiting.map((t) => t.en)).toEqual([
      `PersistentVolumeClaim/${claim.metadata.name}: binding to PersistentVolume/${held.metadata.name}`,
      `PersistentVolume/${held.metadata.name}: binding to PersistentVolumeClaim/${claim.metadata.name}`,
    ]);
    // Held for another claim (its uid), or Released by this one: nothing will bind it.
    expect(at([claim, pv('Bound', { claimRef: { ...ref, uid: 'another' } })]).settled).toBe(true);
    expect(at([claim, pv('Released', { claimRef: ref })]).settled).toBe(true);
  });

  // Seen on kind: local-path deletes a Released volume with a helper pod in its own namespace, a few seconds after the
  // claim goes; a check that the volume is gone must not be judged before.
  it('a volume let go under the Delete policy is on its way while its provisioner deletes it, for as long as provisioning may take', () => {
    const captured = deploy.objects.find((o) => o.kind === 'PersistentVolume')!;
    const released = (policy: string, extra: Record<string, unknown> = {}) => ({ ...captured, ...extra, spec: { ...captured.spec, persistentVolumeReclaimPolicy: policy }, status: { phase: 'Released', lastPhaseTransitionTime: new Date(now - 2000).toISOString() } }) as ApiObject;
    expect(at([released('Delete')]).waiting.map((t) => t.en)).toEqual([`PersistentVolume/${captured.metadata.name}: being deleted by its provisioner (Delete policy)`]);
    expect(at([released('Delete')], now + SETTLE.provisioningMs).settled).toBe(true);
    expect(at([released('Retain')]).settled).toBe(true);
    expect(at([{ ...released('Delete'), status: { phase: 'Failed' } } as ApiObject]).settled).toBe(true);
    const deleting = { ...captured, metadata: { ...captured.metadata, deletionTimestamp: new Date(now - 1000).toISOString() } } as ApiObject;
    expect(at([deleting]).settled).toBe(false);
    // As captured: Bound, with its claim.
    expect(at([captured as ApiObject]).settled).toBe(true);
  });

  it('a volume the volume controller has not seen yet is not settled', () => {
    expect(at([pv('Pending')]).waiting.map((t) => t.en)).toEqual([`PersistentVolume/${pv('Pending').metadata.name}: not seen by the volume controller yet`]);
  });
});
