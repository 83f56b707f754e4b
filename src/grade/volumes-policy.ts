import { compareQuantity, whole } from '../k8s/quantity.ts';
import { mapping, mappings, shown, type AnyObject } from '../k8s/pod-specs.ts';
import { type ManifestObject } from '../load/manifests.ts';
import { type Text } from '../model/text.ts';
import { MSG } from './messages.ts';

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
    out.push(MSG.volumeNotHostPath(sources));
  }
  const hostPath = mapping(spec.hostPath);
  if (sources.includes('hostPath') && (typeof hostPath?.path !== 'string' || !hostPath.path.startsWith('/'))) out.push(MSG.hostPathNotAbsolute);
  if (hostPath?.type !== undefined && !['', 'Directory', 'DirectoryOrCreate'].includes(String(shown(hostPath.type)))) {
    out.push(MSG.hostPathType(shown(hostPath.type)));
  }
  const capacity = mapping(spec.capacity)?.storage;
  if (capacity === undefined || compareQuantity(capacity, '0') === undefined) out.push(MSG.capacityMissing);
  else if ((compareQuantity(capacity, rule.maxCapacity) ?? 1) > 0) out.push(MSG.capacityTooLarge(shown(capacity), rule.maxCapacity));
  const reclaim = spec.persistentVolumeReclaimPolicy;
  if (reclaim !== undefined && !RECLAIM.has(String(shown(reclaim)))) out.push(MSG.reclaimPolicy(shown(reclaim)));
  const claimRef = mapping(spec.claimRef);
  if (claimRef?.namespace !== undefined && claimRef.namespace !== rule.labNamespace) {
    out.push(MSG.claimRefNamespace(shown(claimRef.namespace)));
  }
  if (spec.nodeAffinity !== undefined) out.push(MSG.nodeAffinity);
  if (mappings(spec.mountOptions).length || (Array.isArray(spec.mountOptions) && spec.mountOptions.length)) out.push(MSG.mountOptions);
  return out;
}

/** All of a student's PersistentVolumes together: over the total, the largest ones are said to be too much. */
export function totalProblems(volumes: readonly ManifestObject[], rule: VolumeRule): Map<ManifestObject, Text> {
  const out = new Map<ManifestObject, Text>();
  let total = 0;
  const limit = whole(rule.totalCapacity);
  for (const m of [...volumes].sort((a, b) => whole(mapping(mapping(a.object.spec)?.capacity)?.storage) - whole(mapping(mapping(b.object.spec)?.capacity)?.storage))) {
    total += whole(mapping(mapping(m.object.spec)?.capacity)?.storage);
    if (total > limit) out.set(m, MSG.volumesOverTotal(rule.totalCapacity));
  }
  return out;
}
