import { containerEnv, type ContainerEnv, type EnvSources } from '../k8s/env.ts';
import { KIND } from '../k8s/kinds.ts';
import { view, type RawConfigMap, type RawContainer, type RawPod, type RawSecret, type RawService } from '../k8s/raw.ts';
import { podsOf } from '../k8s/workloads.ts';
import { type CheckContext, type Mismatch } from '../model/check.ts';
import { type ApiObject, type KubeReader } from '../model/kube.ts';
import { type Text } from '../model/text.ts';
import { MSG } from './messages.ts';

/** The parts of a Pod the checks read. */
export interface PodView {
  name: string;
  uid: string;
  ip?: string;
  ready: boolean;
  readySince?: string;
  created?: string;
  phase?: string;
  terminating: boolean;
  /** The first waiting or terminated reason among its containers, e.g. "CrashLoopBackOff". */
  trouble?: string;
  /** Why it is Pending, when the scheduler said (e.g. "Unschedulable"). */
  unscheduled?: string;
  restarts: number;
  volumes: { name: string; claimName?: string; emptyDir?: boolean }[];
  containers: readonly RawContainer[];
  /** The pod as the API server sent it. */
  raw: RawPod;
}

/** A readable view of a Pod object. */
export function podView(obj: ApiObject): PodView {
  const p = view<RawPod>(obj);
  const conditions = p.status?.conditions ?? [];
  const readyCond = conditions.find((c) => c.type === 'Ready');
  const sched = conditions.find((c) => c.type === 'PodScheduled');
  const cs = p.status?.containerStatuses ?? [];
  const trouble = cs.map((c) => c.state?.waiting?.reason ?? c.state?.terminated?.reason).find(Boolean);
  return {
    name: p.metadata?.name ?? '',
    uid: p.metadata?.uid ?? '',
    ip: p.status?.podIP,
    ready: readyCond?.status === 'True',
    readySince: readyCond?.status === 'True' ? readyCond.lastTransitionTime : undefined,
    created: p.metadata?.creationTimestamp,
    phase: p.status?.phase,
    terminating: Boolean(p.metadata?.deletionTimestamp),
    trouble,
    unscheduled: sched?.status === 'False' ? sched.reason ?? 'Unschedulable' : undefined,
    restarts: cs.reduce((a, c) => a + (c.restartCount ?? 0), 0),
    volumes: (p.spec?.volumes ?? []).map((v) => ({ name: v.name ?? '', claimName: v.persistentVolumeClaim?.claimName, emptyDir: v.emptyDir !== undefined })),
    containers: p.spec?.containers ?? [],
    raw: p,
  };
}

const live = (pods: ApiObject[]) => pods.map(podView).filter((p) => !p.terminating).sort((a, b) => a.name.localeCompare(b.name));

/** Pods matching a label selector string (`app=mysql`, `tier in (db)`) that are not being deleted, sorted by name. */
export async function livePods(ctx: CheckContext, selector: string): Promise<PodView[]> {
  return live(await ctx.kube.list(KIND.pod, ctx.namespace, selector));
}

/** The kind of the objects between a workload and its pods: a Deployment's ReplicaSets, a CronJob's Jobs. */
const VIA = { Deployment: KIND.replicaSet, CronJob: KIND.job } as const;

/**
 * The live pods of a workload (Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob), sorted by name: those
 * its controller owns (through its ReplicaSets or Jobs), however its selector is written. The grader's own pods are
 * never among them.
 */
export async function workloadPods(ctx: CheckContext, workload: ApiObject): Promise<PodView[]> {
  const via = VIA[workload.kind as keyof typeof VIA];
  const objects = [...(await ctx.kube.list(KIND.pod, ctx.namespace)), ...(via ? await ctx.kube.list(via, ctx.namespace) : [])];
  return live(podsOf(workload, objects));
}

/** The containers of a workload's pod template. */
export function templateContainers(workload: ApiObject): readonly RawContainer[] {
  return view<{ spec?: { template?: { spec?: { containers?: RawContainer[] } } } }>(workload).spec?.template?.spec?.containers ?? [];
}

/** Where the kubelet reads a namespace's ConfigMaps, Secrets and Services from, through a reader. */
export function envSources(kube: KubeReader, namespace: string): EnvSources {
  return {
    configMap: async (name) => (await kube.get(KIND.configMap, name, namespace)) as RawConfigMap | undefined,
    secret: async (name) => (await kube.get(KIND.secret, name, namespace)) as RawSecret | undefined,
    services: async () => {
      const own = await kube.list(KIND.service, namespace);
      // The API server's own Service is in every pod's environment, service links or not.
      const master = namespace === 'default' ? undefined : await kube.get(KIND.service, 'kubernetes', 'default').catch(() => undefined);
      return [...own, ...(master ? [master] : [])] as RawService[];
    },
  };
}

/**
 * The environment the kubelet gives a container of a pod: envFrom, env, $(VAR) and $$ as Kubernetes has them,
 * with the namespace's ConfigMaps and Secrets. The first container when none is named.
 */
export async function podEnv(ctx: Pick<CheckContext, 'kube' | 'namespace'>, pod: PodView, container?: string): Promise<ContainerEnv> {
  const raw = { ...pod.raw, metadata: { ...pod.raw.metadata, namespace: pod.raw.metadata?.namespace ?? ctx.namespace } };
  return containerEnv(raw, container ?? pod.containers[0]?.name ?? '', envSources(ctx.kube, ctx.namespace));
}

/** A pod's state in Kubernetes' own words, the same in every language: "Running, Ready=False, CrashLoopBackOff, restarts=4". */
export function podState(p: PodView): string {
  return [p.phase, `Ready=${p.ready ? 'True' : 'False'}`, p.trouble, p.unscheduled, p.restarts ? `restarts=${p.restarts}` : undefined].filter(Boolean).join(', ');
}

/** A mismatch per pod that is not Ready (the pod's state as what was found). */
export function notReady(pods: PodView[]): Mismatch[] {
  return pods.filter((p) => !p.ready).map((p) => ({ object: `Pod/${p.name}`, path: 'status.conditions.Ready', want: 'True', got: podState(p), code: 'not-ready' as const }));
}

/** The volume a pod's containers mount at `mountPath`, and the claim behind it. */
export function volumeAt(p: PodView, mountPath: string): { volume?: string; claim?: string; emptyDir?: boolean } {
  const volume = p.containers.flatMap((c) => c.volumeMounts ?? []).find((m) => m.mountPath === mountPath || m.mountPath === `${mountPath}/`)?.name;
  const v = p.volumes.find((x) => x.name === volume);
  return { volume, claim: v?.claimName, emptyDir: v?.emptyDir };
}

/** Advice for the usual reasons a pod does not become ready. */
export function troubleHint(pods: PodView[], ns: string): Text {
  const sick = pods.find((p) => !p.ready) ?? pods[0];
  const name = sick?.name ?? '<pod>';
  switch (sick?.trouble ?? sick?.unscheduled) {
    case 'ErrImagePull':
    case 'ImagePullBackOff':
    case 'ErrImageNeverPull':
    case 'InvalidImageName':
      return MSG.imageCannotBePulled(name, ns);
    case 'CrashLoopBackOff':
    case 'Error':
      return MSG.containerKeepsExiting(name, ns);
    case 'CreateContainerConfigError':
      return MSG.containerConfigBroken(name, ns);
    case 'Unschedulable':
      return MSG.noNodeTakesPod(name, ns);
    default:
      if (!sick) {
        return MSG.noPodCreated(ns);
      }
      return MSG.lookAtPodEventsAndLog(name, ns);
  }
}
