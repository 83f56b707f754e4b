import { describe, expect, it } from 'vitest';
import { parseManifests } from '../load/manifests.ts';
import { totalProblems, volumeProblems } from './volumes-policy.ts';

const RULE = { labNamespace: 'default', maxCapacity: '5Gi', totalCapacity: '10Gi' };
const pv = (spec: string, name = 'pv-static') => parseManifests(`apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: ${name}}\nspec: ${spec}\n`, 'kim/pv.yaml').objects[0]!;
const GOOD = '{capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], persistentVolumeReclaimPolicy: Retain, storageClassName: manual, hostPath: {path: /mnt/data}}';

describe('a PersistentVolume a student may submit', () => {
  it('allows a host path within the sizes of a claim', () => {
    expect(volumeProblems(pv(GOOD).object, RULE)).toEqual([]);
    expect(volumeProblems(pv(GOOD.replace('}}', '}, claimRef: {name: pvc-static, namespace: default}}')).object, RULE)).toEqual([]);
  });

  it.each([
    ['an NFS share', GOOD.replace('hostPath: {path: /mnt/data}', 'nfs: {server: 10.0.0.1, path: /}'), /may only be a hostPath when grading \(it has: nfs\)/],
    ['a socket', GOOD.replace('{path: /mnt/data}', '{path: /var/run/docker.sock, type: Socket}'), /hostPath\.type Socket: only a folder/],
    ['a relative path', GOOD.replace('/mnt/data', 'data'), /must be an absolute path/],
    ['a host path without a path', GOOD.replace('{path: /mnt/data}', 'null'), /must be an absolute path/],
    ['10Gi', GOOD.replace('1Gi', '10Gi'), /capacity\.storage 10Gi: at most 5Gi when grading/],
    ['no size', GOOD.replace('capacity: {storage: 1Gi}, ', ''), /must give a size/],
    ['Recycle', GOOD.replace('Retain', 'Recycle'), /only Retain or Delete/],
    ['another namespace\'s claim', GOOD.replace('}}', '}, claimRef: {name: db, namespace: kube-system}}'), /another namespace's claim/],
    ['a node affinity', GOOD.replace('}}', '}, nodeAffinity: {required: {nodeSelectorTerms: []}}}'), /the grader decides where the volume is/],
  ])('refuses %s', (_name, spec, said) => {
    expect(volumeProblems(pv(spec).object, RULE).map((t) => t.en).join('\n')).toMatch(said);
  });

  it('refuses what goes past the total, the largest last', () => {
    const vs = [pv(GOOD.replace('1Gi', '5Gi'), 'a'), pv(GOOD.replace('1Gi', '4Gi'), 'b'), pv(GOOD.replace('1Gi', '3Gi'), 'c')];
    expect([...totalProblems(vs, RULE).keys()].map((m) => m.object.metadata.name)).toEqual(['a']);
  });
});
