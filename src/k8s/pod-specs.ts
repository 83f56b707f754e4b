import type { V1Container, V1PersistentVolumeClaimSpec, V1PodSpec } from '@kubernetes/client-node';
import { kindInfo } from './kinds.ts';

/** An object as written in a file or sent by the API server: a kind and metadata, anything else unknown. */
export interface AnyObject {
  apiVersion?: unknown;
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

// Submissions are read from students' files: every field may be missing or of the wrong type. These helpers only
// hand out what has the expected shape, so the rules built on them never throw.

/** `v` when it is a mapping (not an array), else undefined. */
export function mapping<T extends object = Record<string, unknown>>(v: unknown): Partial<T> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Partial<T>) : undefined;
}

/**
 * A value of a student's file as a message or a path shows it, whatever its type: String() throws on some mappings
 * (`{toString: 0}`), so mappings and lists are shown as (short) JSON.
 */
export function shown(v: unknown): string {
  if (typeof v !== 'object' || v === null) return String(v);
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 59)}…` : s;
  } catch {
    return Array.isArray(v) ? '[…]' : '{…}';
  }
}

/** The mappings of `v` when it is a list, else none. */
export function mappings<T extends object = Record<string, unknown>>(v: unknown): Partial<T>[] {
  return Array.isArray(v) ? v.map((x) => mapping<T>(x)).filter((x): x is Partial<T> => x !== undefined) : [];
}

/** A pod spec inside an object, with its dotted path for messages. */
export interface PodSpecAt {
  path: string;
  spec: Partial<V1PodSpec>;
}

/** The pod spec of a workload (Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob…), if it has one. */
export function podSpecOf(o: AnyObject): PodSpecAt | undefined {
  const path = kindInfo(o.kind)?.podSpec;
  if (!path) return undefined;
  let v: unknown = o;
  for (const k of path) v = mapping(v)?.[k];
  const spec = mapping<V1PodSpec>(v);
  return spec ? { path: path.join('.'), spec } : undefined;
}

/** A container of a pod spec, with its dotted path for messages. */
export interface ContainerAt {
  path: string;
  field: 'containers' | 'initContainers' | 'ephemeralContainers';
  container: Partial<V1Container>;
}

/** Every container of a pod spec: containers, initContainers and ephemeralContainers. */
export function containersOf(p: PodSpecAt): ContainerAt[] {
  return (['containers', 'initContainers', 'ephemeralContainers'] as const).flatMap((field) => {
    const list = Array.isArray(p.spec[field]) ? (p.spec[field] as unknown[]) : [];
    return list.flatMap((x, i) => {
      const container = mapping<V1Container>(x);
      return container ? [{ path: `${p.path}.${field}[${typeof container.name === 'string' ? container.name : i}]`, field, container }] : [];
    });
  });
}

/** Every PVC spec an object asks for: a PVC's own, a StatefulSet's volumeClaimTemplates, generic ephemeral volumes. */
export function claimSpecsOf(o: AnyObject): { path: string; spec: Partial<V1PersistentVolumeClaimSpec>; perPod: boolean }[] {
  const out: { path: string; spec: Partial<V1PersistentVolumeClaimSpec>; perPod: boolean }[] = [];
  const spec = mapping(o.spec);
  if (o.kind === 'PersistentVolumeClaim' && spec) out.push({ path: 'spec', spec: spec as Partial<V1PersistentVolumeClaimSpec>, perPod: false });
  if (o.kind === 'StatefulSet') {
    mappings(spec?.volumeClaimTemplates).forEach((t, i) => {
      const s = mapping<V1PersistentVolumeClaimSpec>(t.spec);
      if (s) out.push({ path: `spec.volumeClaimTemplates[${i}].spec`, spec: s, perPod: true });
    });
  }
  const pod = podSpecOf(o);
  for (const v of mappings(pod?.spec.volumes)) {
    const s = mapping<V1PersistentVolumeClaimSpec>(mapping(mapping(v.ephemeral)?.volumeClaimTemplate)?.spec);
    if (s) out.push({ path: `${pod!.path}.volumes[${shown(v.name)}].ephemeral.volumeClaimTemplate.spec`, spec: s, perPod: true });
  }
  return out;
}

/** Every image a set of objects runs (containers, init and ephemeral containers), each once, in order. */
export function imagesOf(objects: readonly AnyObject[]): string[] {
  const out = new Set<string>();
  for (const o of objects) {
    const pod = podSpecOf(o);
    if (pod) for (const c of containersOf(pod)) if (typeof c.container.image === 'string' && c.container.image) out.add(c.container.image);
  }
  return [...out];
}
