import { compareQuantity, whole } from '../k8s/quantity.ts';
import { mapping, mappings, shown, type AnyObject } from '../k8s/pod-specs.ts';
import { type ManifestObject } from '../load/manifests.ts';
import { text, type Text } from '../model/text.ts';

// PersistentVolumes in graded submissions: cluster-scoped, so allowed only for labs that declare them (a lab about
// static provisioning), only as host paths the grader moves under a folder of the student's own, within the sizes a
// claim may have, and created by the grader (the student's identity can only reach its namespace).

/** The reclaim policies a submitted PersistentVolume may have (Recycle is deprecated and runs a pod of its own). */
const RECLAIM = new Set(['Retain', 'Delete']);

/** What the rule needs to know. */
export interface VolumeRule {
  /** The namespace the lab's files name (a claimRef may name it, or none). */
  labNamespace: string;
  /** The most one volume may hold (the grading LimitRange's largest claim). */
  maxCapacity: string;
  /** The most all of a student's volumes may hold (the quota's requests.storage). */
  totalCapacity: string;
}

/** Why a submitted PersistentVolume may not be made (none when it may). */
export function volumeProblems(o: AnyObject, rule: VolumeRule): Text[] {
  const out: Text[] = [];
  const spec = mapping(o.spec) ?? {};
  const sources = Object.keys(spec).filter((k) => !['capacity', 'accessModes', 'persistentVolumeReclaimPolicy', 'storageClassName', 'claimRef', 'volumeMode', 'mountOptions', 'nodeAffinity', 'volumeAttributesClassName'].includes(k));
  if (sources.length !== 1 || sources[0] !== 'hostPath') {
    out.push(text(`spec: 채점에서 PersistentVolume은 hostPath만 쓸 수 있습니다 (있는 것: ${sources.join(', ') || '없음'})`, `spec: a PersistentVolume may only be a hostPath when grading (it has: ${sources.join(', ') || 'none'})`));
  }
  const hostPath = mapping(spec.hostPath);
  if (sources.includes('hostPath') && (typeof hostPath?.path !== 'string' || !hostPath.path.startsWith('/'))) out.push(text('spec.hostPath.path: 절대 경로여야 합니다', 'spec.hostPath.path must be an absolute path'));
  if (hostPath?.type !== undefined && !['', 'Directory', 'DirectoryOrCreate'].includes(String(shown(hostPath.type)))) {
    out.push(text(`spec.hostPath.type ${shown(hostPath.type)}: 폴더(Directory, DirectoryOrCreate)만 쓸 수 있습니다`, `spec.hostPath.type ${shown(hostPath.type)}: only a folder (Directory, DirectoryOrCreate)`));
  }
  const capacity = mapping(spec.capacity)?.storage;
  if (capacity === undefined || compareQuantity(capacity, '0') === undefined) out.push(text('spec.capacity.storage: 크기가 있어야 합니다', 'spec.capacity.storage must give a size'));
  else if ((compareQuantity(capacity, rule.maxCapacity) ?? 1) > 0) out.push(text(`spec.capacity.storage ${shown(capacity)}: 채점에서는 ${rule.maxCapacity}까지입니다`, `spec.capacity.storage ${shown(capacity)}: at most ${rule.maxCapacity} when grading`));
  const reclaim = spec.persistentVolumeReclaimPolicy;
  if (reclaim !== undefined && !RECLAIM.has(String(shown(reclaim)))) out.push(text(`spec.persistentVolumeReclaimPolicy ${shown(reclaim)}: Retain이나 Delete만 쓸 수 있습니다`, `spec.persistentVolumeReclaimPolicy ${shown(reclaim)}: only Retain or Delete`));
  const claimRef = mapping(spec.claimRef);
  if (claimRef?.namespace !== undefined && claimRef.namespace !== rule.labNamespace) {
    out.push(text(`spec.claimRef.namespace "${shown(claimRef.namespace)}": 다른 네임스페이스의 claim입니다`, `spec.claimRef.namespace "${shown(claimRef.namespace)}" is another namespace's claim`));
  }
  if (spec.nodeAffinity !== undefined) out.push(text('spec.nodeAffinity: 채점기가 볼륨을 놓을 노드를 정합니다', 'spec.nodeAffinity: the grader decides where the volume is'));
  if (mappings(spec.mountOptions).length || (Array.isArray(spec.mountOptions) && spec.mountOptions.length)) out.push(text('spec.mountOptions: 채점에서는 쓸 수 없습니다', 'spec.mountOptions cannot be used when grading'));
  return out;
}

/** All of a student's PersistentVolumes together: over the total, the largest ones are said to be too much. */
export function totalProblems(volumes: readonly ManifestObject[], rule: VolumeRule): Map<ManifestObject, Text> {
  const out = new Map<ManifestObject, Text>();
  let total = 0;
  const limit = whole(rule.totalCapacity);
  for (const m of [...volumes].sort((a, b) => whole(mapping(mapping(a.object.spec)?.capacity)?.storage) - whole(mapping(mapping(b.object.spec)?.capacity)?.storage))) {
    total += whole(mapping(mapping(m.object.spec)?.capacity)?.storage);
    if (total > limit) out.set(m, text(`PersistentVolume을 모두 더하면 채점 한도 ${rule.totalCapacity}를 넘습니다`, `the PersistentVolumes together hold more than the grading limit of ${rule.totalCapacity}`));
  }
  return out;
}
