import { probeWindowMs } from '../k8s/defaults.ts';
import { compareQuantity } from '../k8s/quantity.ts';
import { type ApiObject } from '../model/kube.ts';
import { type Text } from '../model/text.ts';
import { MSG } from './messages.ts';

/** Whether a namespace has settled, and if not, what is still moving (for progress lines). */
export interface Settledness {
  settled: boolean;
  /** What the namespace is still waiting for, e.g. "Pod/redis-1: ContainerCreating". */
  waiting: Text[];
}

/** What the rule looks at: the namespace's objects and events, the cluster's StorageClasses, and the clock. */
export interface NamespaceSnapshot {
  objects: ApiObject[];
  events: ApiObject[];
  storageClasses: ApiObject[];
  /** When any object of the namespace last changed (ms). */
  lastChangeAt: number;
  now: number;
  /** The quiet period asked for (ms): SETTLE.quietMs when omitted. */
  quietMs?: number;
}

/** Tunables of the rule. */
export const SETTLE = {
  /** No object may have changed for this long. */
  quietMs: 1000,
  /**
   * A check that looks only once the namespace settled (`whenSettled`) looks when nothing is on its way by the rules
   * below and nothing changed for this long (the watches' own lag: objects applied together are all seen). The longer
   * quiet period is for the finality of failures, where a change the rules do not know of must not be missed.
   */
  gateQuietMs: 250,
  /** A Running container that is not Ready counts as starting for at least this long. */
  startupFloorMs: 30_000,
  /** Creating a container (pulling, mounting) counts as progress for this long; after it, it is stuck. */
  creatingMs: 120_000,
  /** A PVC being provisioned counts as progress for this long, unless provisioning already failed. */
  provisioningMs: 60_000,
  /** A controller that recently failed to create pods (quota) is not progressing. */
  failedCreateMs: 15_000,
};

/** Container states that will not fix themselves: the namespace may settle with them. */
const STUCK = new Set(['ErrImagePull', 'ImagePullBackOff', 'CrashLoopBackOff', 'CreateContainerConfigError', 'InvalidImageName', 'CreateContainerError', 'RunContainerError', 'ErrImageNeverPull']);

type Obj = ApiObject & Record<string, any>;
const ms = (t?: string) => (t ? Date.parse(t) : Number.NaN);
const id = (o: ApiObject) => `${o.kind}/${o.metadata.name}`;

/**
 * The settled rule: nothing in the namespace is still on its way. No workload whose controller has not
 * seen its spec or is still adding pods; no pod being scheduled, created, pulled, initialised, started or
 * terminated; no PVC being provisioned; and nothing changed for a short quiet period. Stuck states
 * (CrashLoopBackOff, an unschedulable pod, a quota refusal, a readiness probe failing past its start-up
 * window) are settled: waiting longer would not change them.
 */
export function settledness(s: NamespaceSnapshot): Settledness {
  const waiting: Text[] = [];
  const objs = s.objects as Obj[];
  for (const o of objs) {
    if (['Deployment', 'StatefulSet', 'ReplicaSet'].includes(o.kind)) waiting.push(...workload(o, s, objs));
    if (o.kind === 'Pod') waiting.push(...pod(o, s));
    if (o.kind === 'PersistentVolumeClaim') waiting.push(...claim(o, s, objs));
    if (o.kind === 'Job') waiting.push(...job(o, s, objs));
    if (o.kind === 'PersistentVolume') waiting.push(...volume(o, s, objs));
  }
  const quietFor = s.now - s.lastChangeAt;
  if (quietFor < (s.quietMs ?? SETTLE.quietMs)) waiting.push(MSG.recentChange((quietFor / 1000).toFixed(1)));
  return { settled: waiting.length === 0, waiting };
}

/**
 * A volume on its way: just made (the volume controller has not given it a phase yet), or let go by its claim under
 * the Delete policy (Released, or being deleted) while its provisioner deletes it, which may take a pod of its own
 * (kind's local-path provisioner) — for as long as provisioning may take. A volume whose deletion failed is Failed.
 */
function volume(o: Obj, s: NamespaceSnapshot, objs: Obj[]): Text[] {
  const phase = o.status?.phase ?? 'Pending';
  if (phase === 'Pending' && !o.metadata.deletionTimestamp) return [MSG.notSeenByVolumeController(id(o))];
  // Available, but a claim of the namespace already names it (its volumeName) or it names that claim (claimRef): the
  // volume controller is half-way through binding them, and the two watches may show the halves in either order (for as
  // long as provisioning may take: a claim that does not fit the volume it names stays Pending).
  if (phase === 'Available' && !o.metadata.deletionTimestamp) {
    const ref = o.spec?.claimRef as Obj | undefined;
    const claim = objs.find((c) => c.kind === 'PersistentVolumeClaim' && !c.metadata.deletionTimestamp
      && ((ref?.name === c.metadata.name && ref?.namespace === c.metadata.namespace && (!ref?.uid || ref.uid === c.metadata.uid)) || c.spec?.volumeName === o.metadata.name));
    if (claim && s.now - ms(claim.metadata.creationTimestamp as string) <= SETTLE.provisioningMs) return [MSG.bindingTo(id(o), id(claim))];
  }
  if (phase === 'Failed' || o.spec?.persistentVolumeReclaimPolicy !== 'Delete') return [];
  const since = o.metadata.deletionTimestamp ? ms(o.metadata.deletionTimestamp as string) : phase === 'Released' ? ms(o.status?.lastPhaseTransitionTime as string) : Number.NaN;
  if (!(s.now - since <= SETTLE.provisioningMs)) return [];
  return [MSG.deletedByProvisioner(id(o))];
}

function recentWarning(s: NamespaceSnapshot, o: ApiObject, reasons: string[], withinMs: number): boolean {
  return s.events.some((e) => {
    const ev = e as Obj;
    const at = ms(ev.lastTimestamp ?? ev.eventTime ?? ev.metadata?.creationTimestamp);
    return ev.type === 'Warning' && ev.involvedObject?.kind === o.kind && ev.involvedObject?.name === o.metadata.name && reasons.includes(ev.reason) && s.now - at < withinMs;
  });
}

function workload(o: Obj, s: NamespaceSnapshot, objs: Obj[]): Text[] {
  const st = o.status ?? {};
  if ((st.observedGeneration ?? 0) < (o.metadata.generation as number)) return [MSG.controllerNotCaughtUp(id(o))];
  const want = o.spec?.replicas ?? 1;
  // A pod just deleted is not counted by the controller's status until the controller has seen it go: the pods seen
  // count too (a Deployment's are its ReplicaSets').
  const seen = o.kind === 'Deployment' ? Infinity : objs.filter((p) => p.kind === 'Pod' && !p.metadata.deletionTimestamp && ((p.metadata.ownerReferences ?? []) as Obj[]).some((r) => r.controller && r.uid === o.metadata.uid)).length;
  if (Math.min(st.replicas ?? 0, seen) >= want) return [];
  // Fewer pods than asked: progressing, unless the controller is being refused (quota, policy).
  const refused = o.kind === 'ReplicaSet'
    ? (st.conditions ?? []).some((c: Obj) => c.type === 'ReplicaFailure' && c.status === 'True')
    : recentWarning(s, o, ['FailedCreate'], SETTLE.failedCreateMs);
  if (refused) return [];
  // A Deployment's pods belong to its ReplicaSet, which is judged on its own.
  if (o.kind === 'Deployment') return [];
  const have = Math.min(st.replicas ?? 0, seen);
  return [MSG.podsCreated(id(o), have, want)];
}

/**
 * A Job is on its way until it has finished (a Complete or Failed condition): between two tries, while it backs off,
 * nothing else moves. Not when it is suspended, when its controller is refused pods (a quota), or when every pod it
 * has left is stuck (an image that cannot be pulled, a pod that cannot be scheduled).
 */
function job(o: Obj, s: NamespaceSnapshot, objs: Obj[]): Text[] {
  const conds = (o.status?.conditions ?? []) as Obj[];
  if (conds.some((c) => ['Complete', 'Failed'].includes(c.type) && c.status === 'True')) return [];
  if (o.spec?.suspend === true) return [];
  if (recentWarning(s, o, ['FailedCreate'], SETTLE.failedCreateMs)) return [];
  const pods = objs.filter((p) => p.kind === 'Pod' && ((p.metadata.ownerReferences ?? []) as Obj[]).some((r) => r.controller && r.uid === o.metadata.uid));
  const running = pods.filter((p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase));
  if (running.length > 0 && running.every((p) => stuckPod(p, s, true))) return [];
  return [MSG.jobNotFinished(id(o), o.status?.succeeded ?? 0, o.status?.failed ?? 0)];
}

/**
 * A pod that waiting will not help: unschedulable, or a container in a state that does not fix itself. For a Job's pod
 * (`ofJob`) a crash loop is progress: each restart counts toward the Job's backoffLimit (restartPolicy: OnFailure).
 */
function stuckPod(o: Obj, s: NamespaceSnapshot, ofJob = false): boolean {
  const scheduled = ((o.status?.conditions ?? []) as Obj[]).find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') return true;
  const statuses = [...((o.status?.initContainerStatuses ?? []) as Obj[]), ...((o.status?.containerStatuses ?? []) as Obj[])];
  if (statuses.some((c) => STUCK.has(c.state?.waiting?.reason) && !(ofJob && c.state?.waiting?.reason === 'CrashLoopBackOff'))) return true;
  // Created long ago and still not started: as stuck as the pod rule counts it.
  return statuses.some((c) => c.state?.waiting) && scheduled !== undefined && s.now - ms(scheduled.lastTransitionTime) > SETTLE.creatingMs;
}

/** Controllers whose pods the garbage collector deletes after them (the kinds labs watches). */
const OWNERS = new Set(['ReplicaSet', 'StatefulSet', 'Job']);

function pod(o: Obj, s: NamespaceSnapshot): Text[] {
  const name = id(o);
  if (o.metadata.deletionTimestamp) return [MSG.podTerminating(name)];
  // Its controller deleted (kubectl delete job: in the background): the garbage collector deletes the pod next.
  const owner = ((o.metadata.ownerReferences ?? []) as Obj[]).find((r) => r.controller);
  if (owner && OWNERS.has(owner.kind) && !s.objects.some((x) => x.metadata.uid === owner.uid)) {
    return [MSG.ownerGone(name, `${owner.kind}/${owner.name}`)];
  }
  const phase = o.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return [];
  const conds = (o.status?.conditions ?? []) as Obj[];
  const scheduled = conds.find((c) => c.type === 'PodScheduled');
  if (!scheduled) return [MSG.podBeingScheduled(name)];
  if (scheduled.status !== 'True') return []; // Unschedulable: stuck (a pending PVC is judged on its own)
  const statuses = [...((o.status?.initContainerStatuses ?? []) as Obj[]), ...((o.status?.containerStatuses ?? []) as Obj[])];
  const reasons = statuses.map((c) => c.state?.waiting?.reason).filter(Boolean) as string[];
  if (reasons.some((r) => STUCK.has(r))) return [];
  const since = ms(scheduled.lastTransitionTime);
  if (statuses.length === 0 || reasons.length > 0) {
    if (s.now - since > SETTLE.creatingMs) return [];
    return [MSG.containerWaiting(name, reasons[0] ?? 'ContainerCreating')];
  }
  const containers = (o.spec?.containers ?? []) as Obj[];
  for (const c of (o.status?.containerStatuses ?? []) as Obj[]) {
    if (c.ready || !c.state?.running) continue;
    const spec: Obj = containers.find((x) => x.name === c.name) ?? ({} as Obj);
    const window = probeWindowMs(spec.startupProbe ?? spec.readinessProbe);
    const started = ms(c.state.running.startedAt);
    if (s.now - started < Math.max(SETTLE.startupFloorMs, window)) {
      return [MSG.podStarting(name)];
    }
  }
  return [];
}

function claim(o: Obj, s: NamespaceSnapshot, objs: Obj[]): Text[] {
  const name = id(o);
  if (o.metadata.deletionTimestamp) {
    // Kept while a pod uses it: stuck if that pod stays, on its way out if the pod is going too.
    const users = objs.filter((p) => p.kind === 'Pod' && ((p.spec?.volumes ?? []) as Obj[]).some((v) => v.persistentVolumeClaim?.claimName === o.metadata.name));
    return users.some((p) => !p.metadata.deletionTimestamp) ? [] : [MSG.claimBeingDeleted(name)];
  }
  if (o.status?.phase !== 'Pending') return [];
  // The volume controller binds the volume first (its claimRef, phase Bound), then the claim: half-way, it finishes.
  // A claim pinned by volumeName to a volume that is Available is bound next too.
  const holder = objs.find((v) => v.kind === 'PersistentVolume' && !v.metadata.deletionTimestamp && !['Released', 'Failed'].includes(v.status?.phase)
    && ((v.spec?.claimRef?.name === o.metadata.name && v.spec?.claimRef?.namespace === o.metadata.namespace && (!v.spec?.claimRef?.uid || v.spec.claimRef.uid === o.metadata.uid))
      || (v.metadata.name === o.spec?.volumeName && v.status?.phase === 'Available' && !v.spec?.claimRef)));
  if (holder && s.now - ms(o.metadata.creationTimestamp as string) <= SETTLE.provisioningMs) return [MSG.bindingTo(name, id(holder))];
  const className = o.spec?.storageClassName as string | undefined;
  const sc = s.storageClasses.find((c) => c.metadata.name === className) as Obj | undefined;
  // No such class: binds to a volume made by hand (static provisioning), while one of its class is Available; stuck otherwise.
  if (className && !sc) {
    // As the volume controller matches: the class, every access mode the claim asks, and room for its request.
    const modes: string[] = o.spec?.accessModes ?? [];
    const fits = objs.some((v) => v.kind === 'PersistentVolume' && v.status?.phase === 'Available' && (v.spec?.storageClassName ?? '') === className
      && modes.every((m) => (v.spec?.accessModes ?? []).includes(m)) && (compareQuantity(v.spec?.capacity?.storage ?? '0', o.spec?.resources?.requests?.storage ?? '0') ?? -1) >= 0);
    return fits && s.now - ms(o.metadata.creationTimestamp as string) <= SETTLE.provisioningMs ? [MSG.bindingToAVolume(name)] : [];
  }
  const annotations = (o.metadata.annotations ?? {}) as Record<string, string>;
  const waitsForConsumer = sc?.volumeBindingMode === 'WaitForFirstConsumer' && !annotations['volume.kubernetes.io/selected-node'];
  if (waitsForConsumer) return [];
  if (recentWarning(s, o, ['ProvisioningFailed'], SETTLE.provisioningMs)) return [];
  if (s.now - ms(o.metadata.creationTimestamp as string) > SETTLE.provisioningMs) return [];
  return [MSG.provisioningVolume(name)];
}
