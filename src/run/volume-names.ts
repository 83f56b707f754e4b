import { claimSpecsOf, mapping, type AnyObject } from '../k8s/pod-specs.ts';
import { VOLUME_NAMESPACE_LABEL } from '../model/kube.ts';

// PersistentVolumes are cluster-scoped: two runs that made the lab's `pv-static` as written would meet. Where labs
// makes a lab's volumes itself (smoke, grading), each run's copy gets a name and a host folder of its namespace's,
// and everything the run names by the lab's name (actions, checks, a claim's volumeName) is turned into that name.

/** Where the host paths of the volumes labs makes for a run live on the node: <root>/<namespace>/<path>. */
export const VOLUMES_ROOT = '/var/lib/labs-grading/volumes';


/** The name a run's copy of a PersistentVolume gets: its namespace's, so no two runs' can meet. */
export function volumeName(namespace: string, name: string): string {
  return `${namespace}-${name}`.slice(0, 253).replace(/[^a-z0-9]+$/, '');
}

/** A lab's PersistentVolume as a run makes it: named after the namespace, its host path under the run's folder. */
export function rebaseVolume(o: AnyObject, namespace: string, root = VOLUMES_ROOT): AnyObject {
  const copy = structuredClone(o) as AnyObject & { spec: Record<string, any>; metadata: Record<string, any> };
  const name = String(copy.metadata?.name ?? 'volume');
  copy.metadata = { ...copy.metadata, name: volumeName(namespace, name), labels: { ...(copy.metadata?.labels ?? {}), [VOLUME_NAMESPACE_LABEL]: namespace, 'labs.dev/volume': name.slice(0, 63) } };
  delete copy.metadata.namespace;
  const path = String(copy.spec.hostPath.path).replace(/\/+$/, '');
  copy.spec.hostPath = { path: `${root}/${namespace}${path.startsWith('/') ? path : `/${path}`}`, type: 'DirectoryOrCreate' };
  if (copy.spec.claimRef) copy.spec.claimRef = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', name: copy.spec.claimRef.name, namespace };
  return copy;
}

/**
 * How a run names the cluster-scoped objects of its lab: the names it renamed (a run's copies of the lab's
 * PersistentVolumes), and every other name as it is (a volume a provisioner made, a StorageClass).
 */
export interface ClusterNames {
  /** The name the run's object of this kind and (lab) name has. */
  of(kind: string, name: string): string;
  /** The lab's name of a run's object (the inverse of `of`), for what is shown. */
  shown(kind: string, name: string): string;
}

/** Names as written: a student typing the lab's commands makes the lab's own names. */
export const AS_WRITTEN: ClusterNames = { of: (_k, n) => n, shown: (_k, n) => n };

/** A run's renamed volumes: each of `names` (the lab's and the submission's PersistentVolumes) under the namespace's name. */
export function renamedVolumes(namespace: string, names: Iterable<string>): ClusterNames {
  const to = new Map([...names].map((n) => [n, volumeName(namespace, n)]));
  const from = new Map([...to].map(([a, b]) => [b, a]));
  return {
    of: (kind, name) => (kind === 'PersistentVolume' ? to.get(name) ?? name : name),
    shown: (kind, name) => (kind === 'PersistentVolume' ? from.get(name) ?? name : name),
  };
}

/** The names of the PersistentVolumes among objects. */
export function volumeNamesOf(objects: readonly AnyObject[]): string[] {
  return objects.filter((o) => o.kind === 'PersistentVolume' && typeof mapping(o.metadata)?.name === 'string').map((o) => String(mapping(o.metadata)!.name));
}

/**
 * Objects as a run makes them: its PersistentVolumes rebased (named and placed for the namespace), and a claim that
 * names one of them by `volumeName` (or a claim template that does) given the new name. A claim that binds only to a
 * volume made by hand (its storageClassName is no StorageClass of the cluster's, `classes`) is given a selector of the
 * namespace's label: any claim of the cluster may bind a volume no claim holds, and runs sharing a cluster must never
 * take each other's. (A selector would stop a provisioner, so a claim of a real class is left as it is.)
 */
export function rebaseObjects<T extends AnyObject>(objects: readonly T[], namespace: string, names: ClusterNames, classes?: ReadonlySet<string>, root = VOLUMES_ROOT): T[] {
  const staticClaim = (spec: Record<string, any>) => classes !== undefined && typeof spec.storageClassName === 'string' && !classes.has(spec.storageClassName);
  return objects.map((o) => {
    if (o.kind === 'PersistentVolume') return rebaseVolume(o, namespace, root) as T;
    if (!claimSpecsOf(o).some((c) => typeof c.spec.volumeName === 'string' || staticClaim(c.spec))) return o;
    const copy = structuredClone(o);
    for (const c of claimSpecsOf(copy)) {
      const spec = c.spec as Record<string, any>;
      if (typeof spec.volumeName === 'string') spec.volumeName = names.of('PersistentVolume', spec.volumeName);
      if (staticClaim(spec)) {
        const selector = mapping(spec.selector) ?? {};
        spec.selector = { ...selector, matchLabels: { ...(mapping(selector.matchLabels) ?? {}), [VOLUME_NAMESPACE_LABEL]: namespace } };
      }
    }
    return copy;
  });
}
