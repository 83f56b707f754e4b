import { type AnyObject, mapping } from './pod-specs.ts';
import { type RawLabelSelector } from './raw.ts';
import { requirementsOf, type Requirement } from './selector.ts';

// Which pods belong to a workload, as its controller sees it: the pods it (or its ReplicaSets) controls through
// ownerReferences. A Deployment's selector, however it is written (matchLabels, matchExpressions), decided which
// pods were adopted; the owner references record the result, and never name a pod the grader made.

/** An object with the metadata an owner reference points at. */
type Owned = AnyObject & { metadata?: { uid?: string; ownerReferences?: readonly { uid?: string; controller?: boolean; kind?: string; name?: string }[] } };

/** The UID of the object's controller (its owner reference with controller: true), if any. */
export function controllerOf(o: Owned): { uid?: string; kind?: string; name?: string } | undefined {
  return (o.metadata?.ownerReferences ?? []).find((r) => r.controller);
}

/** The kinds whose pods are controlled through an intermediate object: a Deployment's ReplicaSets, a CronJob's Jobs. */
const VIA: Record<string, string> = { Deployment: 'ReplicaSet', CronJob: 'Job' };

/**
 * The pods a workload controls, directly or through its ReplicaSets (Deployment) or Jobs (CronJob), among
 * `objects` (the namespace's pods and those intermediates). A Pod is its own only pod.
 */
export function podsOf<T extends Owned>(workload: Owned, objects: readonly T[]): T[] {
  if (workload.kind === 'Pod') return objects.filter((o) => o.kind === 'Pod' && o.metadata?.uid === workload.metadata?.uid);
  const uid = workload.metadata?.uid;
  if (!uid) return [];
  const owners = new Set([uid]);
  const via = VIA[workload.kind];
  if (via) for (const o of objects) if (o.kind === via && controllerOf(o)?.uid === uid) owners.add(o.metadata!.uid!);
  return objects.filter((o) => o.kind === 'Pod' && owners.has(controllerOf(o)?.uid ?? ''));
}

/** A workload's label selector (spec.selector) as requirements: undefined (selects nothing) when it has none. */
export function selectorOfWorkload(workload: AnyObject): Requirement[] | undefined {
  const spec = mapping(workload.spec);
  return requirementsOf(mapping<RawLabelSelector>(spec?.selector) as RawLabelSelector | undefined);
}
