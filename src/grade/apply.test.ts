import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NamespaceCache } from '../kube/cache.ts';
import { FakeKube } from '../kube/fake.ts';
import { parseManifests } from '../load/manifests.ts';
import { LabSchema } from '../model/lab.ts';
import { type ApiObject } from '../model/kube.ts';
import { renamedVolumes } from '../run/volume-names.ts';
import { applyStages, applySubmission } from './apply.ts';

// When grading applies a submission's objects (gradeApply), and the grader's copies of its PersistentVolumes.
const dir = mkdtempSync(join(tmpdir(), 'stages-'));
writeFileSync(join(dir, 'pv.yaml'), 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv-static}\nspec: {hostPath: {path: /mnt/x}}\n');
writeFileSync(join(dir, 'pvc.yaml'), 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: pvc-static}\n');
writeFileSync(join(dir, 'again.yaml'), 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: pvc-again}\n');
const step = (id: string, file: string, graded = true) => ({ id, title: { ko: id, en: id }, instructions: { ko: id, en: id }, solution: [{ apply: file }], graded });
const lab = (gradeApply: 'together' | 'steps') => ({ ...LabSchema.parse({ title: { ko: 't', en: 't' }, summary: { ko: 's', en: 's' }, gradeApply, steps: [step('a', 'pv.yaml'), step('b', 'pvc.yaml'), step('c', 'again.yaml'), step('d', 'pv.yaml', false)] }), dir });

// The student's files: the same objects in one file of their own naming, and an extra ConfigMap.
const student = parseManifests([
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}',
  'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv-static}\nspec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], storageClassName: manual, hostPath: {path: /data/mine}}',
  'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: pvc-static}\nspec: {volumeName: pv-static, storageClassName: manual}',
  'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: pvc-again}\nspec: {storageClassName: manual}',
].join('\n---\n'), 'kim/everything.yaml').objects;

describe('applyStages', () => {
  it('together: everything before the first step', () => {
    const s = applyStages(lab('together'), student);
    expect(s.upFront).toHaveLength(4);
    expect(s.byFile.size).toBe(0);
  });

  it('steps: each object at the step applying the file of its kind and name, whatever file it came from; the rest first', () => {
    const s = applyStages(lab('steps'), student);
    expect(s.upFront.map((m) => m.object.metadata.name)).toEqual(['extra']);
    expect(Object.fromEntries([...s.byFile].map(([f, ms]) => [f, ms.map((m) => m.object.metadata.name)]))).toEqual({ 'pv.yaml': ['pv-static'], 'pvc.yaml': ['pvc-static'], 'again.yaml': ['pvc-again'] });
  });
});

describe('applySubmission with PersistentVolumes', () => {
  const caches: NamespaceCache[] = [];
  afterEach(() => caches.splice(0).forEach((c) => c.close()));

  it('makes the volume as the grader, named and placed for the namespace, and keeps the pinned claim to it', async () => {
    const NS = 'labs-static-pv-kim-1a2b';
    const admin = new FakeKube([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS }, status: { phase: 'Active' } }]);
    const created: [string, ApiObject][] = [];
    const asStudent = Object.assign(Object.create(admin) as FakeKube, { create: async (o: ApiObject, ns?: string) => (created.push(['student', o]), admin.create(o, ns)) });
    const create = admin.create.bind(admin);
    admin.create = async (o, ns, c) => (o.kind === 'PersistentVolume' && created.push(['grader', o]), create(o, ns, c));
    const cache = await new NamespaceCache(admin, NS).start();
    caches.push(cache);
    const r = await applySubmission(asStudent, cache, NS, 'kim', { apply: student.slice(1, 3) }, undefined, { admin, names: renamedVolumes(NS, ['pv-static']) });
    expect(r.errors).toEqual([]);
    expect(created.map(([who, o]) => `${who} ${o.kind}/${o.metadata.name}`)).toEqual([`grader PersistentVolume/${NS}-pv-static`, 'student PersistentVolumeClaim/pvc-static']);
    expect((created[0]![1].spec as any).hostPath).toEqual({ path: `/var/lib/labs-grading/volumes/${NS}/data/mine`, type: 'DirectoryOrCreate' });
    expect((created[1]![1].spec as any).volumeName).toBe(`${NS}-pv-static`);
    expect((created[1]![1].spec as any).selector).toEqual({ matchLabels: { 'labs.dev/namespace': NS } });
    expect(admin.objects.find((o) => o.kind === 'PersistentVolume')!.metadata.namespace).toBeUndefined();
  });
});
