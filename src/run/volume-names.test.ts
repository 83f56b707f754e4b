import { describe, expect, it } from 'vitest';
import { parseManifests } from '../load/manifests.ts';
import { AS_WRITTEN, rebaseObjects, rebaseVolume, renamedVolumes, volumeName, volumeNamesOf } from './volume-names.ts';
import { volumeOfNamespace, type ApiObject } from '../model/kube.ts';

const GOOD = '{capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], persistentVolumeReclaimPolicy: Retain, storageClassName: manual, hostPath: {path: /mnt/data}}';
const pv = (spec: string, name = 'pv-static') => parseManifests(`apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: ${name}}\nspec: ${spec}\n`, 'kim/pv.yaml').objects[0]!;

describe('a run\'s copy of a lab\'s PersistentVolume', () => {
  it('is named after the namespace, lives under the run\'s folder, and any claim it names is in the namespace', () => {
    const copy = rebaseVolume(pv(GOOD.replace('}}', '}, claimRef: {name: pvc-static, namespace: default, uid: x}}')).object, 'labs-static-pv-kim-1a2b') as any;
    expect(copy.metadata.name).toBe('labs-static-pv-kim-1a2b-pv-static');
    expect(copy.metadata.labels).toEqual({ 'labs.dev/namespace': 'labs-static-pv-kim-1a2b', 'labs.dev/volume': 'pv-static' });
    expect(copy.spec.hostPath).toEqual({ path: '/var/lib/labs-grading/volumes/labs-static-pv-kim-1a2b/mnt/data', type: 'DirectoryOrCreate' });
    expect(copy.spec.claimRef).toEqual({ kind: 'PersistentVolumeClaim', apiVersion: 'v1', name: 'pvc-static', namespace: 'labs-static-pv-kim-1a2b' });
    expect(volumeName('ns', 'x'.repeat(300))).toHaveLength(253);
  });

  it('renames only the volumes of the run, both ways, and nothing of another kind', () => {
    const names = renamedVolumes('ns1', ['pv-static']);
    expect(names.of('PersistentVolume', 'pv-static')).toBe('ns1-pv-static');
    expect(names.of('PersistentVolume', 'pvc-1234')).toBe('pvc-1234');
    expect(names.of('StorageClass', 'pv-static')).toBe('pv-static');
    expect(names.shown('PersistentVolume', 'ns1-pv-static')).toBe('pv-static');
    expect(AS_WRITTEN.of('PersistentVolume', 'pv-static')).toBe('pv-static');
  });

  it('rebases the volumes among objects and points the claims that name one at its new name', () => {
    const objects = parseManifests([
      `apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv-static}\nspec: ${GOOD}`,
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: pinned}\nspec: {volumeName: pv-static, storageClassName: manual}',
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: other}\nspec: {volumeName: someone-elses}',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {volumeClaimTemplates: [{metadata: {name: d}, spec: {volumeName: pv-static}}]}',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}',
    ].join('\n---\n'), 'f.yaml').objects.map((m) => m.object);
    expect(volumeNamesOf(objects)).toEqual(['pv-static']);
    const out = rebaseObjects(objects, 'ns1', renamedVolumes('ns1', volumeNamesOf(objects))) as any[];
    expect(out.map((o) => o.metadata.name)).toEqual(['ns1-pv-static', 'pinned', 'other', 's', 'c']);
    expect(out[1].spec.volumeName).toBe('ns1-pv-static');
    expect(out[2].spec.volumeName).toBe('someone-elses');
    expect(out[3].spec.volumeClaimTemplates[0].spec.volumeName).toBe('ns1-pv-static');
    expect(out[4]).toBe(objects[4]);
    expect((objects[1] as any).spec.volumeName).toBe('pv-static');
  });

  it('keeps a claim that binds only to a volume made by hand to the run\'s own volumes, and leaves a provisioned one alone', () => {
    const objects = parseManifests([
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: manual}\nspec: {storageClassName: manual}',
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: none}\nspec: {storageClassName: "", selector: {matchLabels: {tier: a}}}',
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: dynamic}\nspec: {storageClassName: hostpath}',
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: default}\nspec: {}',
    ].join('\n---\n'), 'f.yaml').objects.map((m) => m.object);
    const out = rebaseObjects(objects, 'ns1', AS_WRITTEN, new Set(['hostpath', 'standard'])) as any[];
    expect(out.map((o) => o.spec.selector)).toEqual([{ matchLabels: { 'labs.dev/namespace': 'ns1' } }, { matchLabels: { tier: 'a', 'labs.dev/namespace': 'ns1' } }, undefined, undefined]);
    expect(rebaseObjects(objects, 'ns1', AS_WRITTEN)[0]).toBe(objects[0]);
  });

  it('knows the volumes of a namespace: labelled for its run, claimed from it, or made by hand and claimed by no one', () => {
    const v = (labels: Record<string, string>, claimNs?: string) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'x', labels }, spec: claimNs ? { claimRef: { namespace: claimNs } } : {} }) as ApiObject;
    expect(volumeOfNamespace(v({ 'labs.dev/namespace': 'a' }), 'a')).toBe(true);
    expect(volumeOfNamespace(v({}, 'a'), 'a')).toBe(true);
    expect(volumeOfNamespace(v({ 'labs.dev/namespace': 'b' }), 'a')).toBe(false);
    expect(volumeOfNamespace(v({}), 'a')).toBe(true);
    expect(volumeOfNamespace(v({}, 'b'), 'a')).toBe(false);
  });
});
