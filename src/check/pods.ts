import { type CheckContext, type Mismatch } from '../model/check.ts';
import { KIND, type ApiObject } from '../model/kube.ts';
import { text, type Text } from '../model/text.ts';

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
  containers: ContainerView[];
}

/** The parts of a container spec the checks read. */
export interface ContainerView {
  name: string;
  image?: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } } }[];
  volumeMounts?: { name: string; mountPath: string }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
}

/** A probe as it appears in a container spec. */
export interface Probe {
  exec?: { command?: string[] };
  httpGet?: unknown;
  tcpSocket?: unknown;
  grpc?: unknown;
}

// Raw JSON as the API server sends it (timestamps are strings), not client-node's deserialised classes.
interface PodJson {
  metadata: { name: string; uid: string; creationTimestamp?: string; deletionTimestamp?: string };
  spec: { volumes?: { name: string; persistentVolumeClaim?: { claimName: string }; emptyDir?: unknown }[]; containers: ContainerView[] };
  status?: {
    phase?: string;
    podIP?: string;
    conditions?: { type: string; status: string; reason?: string; lastTransitionTime?: string }[];
    containerStatuses?: { restartCount?: number; state?: { waiting?: { reason?: string }; terminated?: { reason?: string } }; lastState?: { terminated?: { reason?: string } } }[];
  };
}

/** A readable view of a Pod object. */
export function podView(obj: ApiObject): PodView {
  const p = obj as unknown as PodJson;
  const readyCond = p.status?.conditions?.find((c) => c.type === 'Ready');
  const sched = p.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const cs = p.status?.containerStatuses ?? [];
  const trouble = cs.map((c) => c.state?.waiting?.reason ?? c.state?.terminated?.reason).find(Boolean);
  return {
    name: p.metadata.name,
    uid: p.metadata.uid,
    ip: p.status?.podIP,
    ready: readyCond?.status === 'True',
    readySince: readyCond?.status === 'True' ? readyCond.lastTransitionTime : undefined,
    created: p.metadata.creationTimestamp,
    phase: p.status?.phase,
    terminating: Boolean(p.metadata.deletionTimestamp),
    trouble,
    unscheduled: sched?.status === 'False' ? sched.reason ?? 'Unschedulable' : undefined,
    restarts: cs.reduce((a, c) => a + (c.restartCount ?? 0), 0),
    volumes: (p.spec.volumes ?? []).map((v) => ({ name: v.name, claimName: v.persistentVolumeClaim?.claimName, emptyDir: v.emptyDir !== undefined })),
    containers: p.spec.containers,
  };
}

/** Pods matching a selector that are not being deleted, sorted by name. */
export async function livePods(ctx: CheckContext, selector: string): Promise<PodView[]> {
  const pods = (await ctx.kube.list(KIND.pod, ctx.namespace, selector)).map(podView);
  return pods.filter((p) => !p.terminating).sort((a, b) => a.name.localeCompare(b.name));
}

/** "app=mysql" from a workload's spec.selector.matchLabels. */
export function selectorOf(workload: ApiObject): string {
  const labels = (workload.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ?? {};
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The containers of a workload's pod template. */
export function templateContainers(workload: ApiObject): ContainerView[] {
  return (workload.spec as { template?: { spec?: { containers?: ContainerView[] } } }).template?.spec?.containers ?? [];
}

/** A pod's state in Kubernetes' own words, the same in every language: "Running, Ready=False, CrashLoopBackOff, restarts=4". */
export function podState(p: PodView): string {
  return [p.phase, `Ready=${p.ready ? 'True' : 'False'}`, p.trouble, p.unscheduled, p.restarts ? `restarts=${p.restarts}` : undefined].filter(Boolean).join(', ');
}

/** A mismatch per pod that is not Ready (the pod's state as what was found). */
export function notReady(pods: PodView[]): Mismatch[] {
  return pods.filter((p) => !p.ready).map((p) => ({ object: `Pod/${p.name}`, path: 'status.conditions.Ready', want: 'True', got: podState(p) }));
}

/** The path of the volume a container mounts at `mountPath`, and the claim behind it. */
export function volumeAt(p: PodView, mountPath: string): { volume?: string; claim?: string; emptyDir?: boolean } {
  const volume = p.containers.flatMap((c) => c.volumeMounts ?? []).find((m) => m.mountPath === mountPath)?.name;
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
      return text(
        `이미지를 받을 수 없습니다. image 이름과 태그를 확인하세요: kubectl describe pod ${name} -n ${ns}`,
        `The image cannot be pulled. Check the image name and tag: kubectl describe pod ${name} -n ${ns}`,
      );
    case 'CrashLoopBackOff':
    case 'Error':
      return text(
        `컨테이너가 계속 종료됩니다. 로그를 보세요: kubectl logs ${name} -n ${ns} --previous`,
        `The container keeps exiting. Read its log: kubectl logs ${name} -n ${ns} --previous`,
      );
    case 'CreateContainerConfigError':
      return text(
        `컨테이너 설정 오류입니다(없는 Secret/ConfigMap 등): kubectl describe pod ${name} -n ${ns}`,
        `The container's configuration is broken (a missing Secret or ConfigMap?): kubectl describe pod ${name} -n ${ns}`,
      );
    case 'Unschedulable':
      return text(
        `Pod를 놓을 노드가 없습니다. Events에서 이유(PVC 대기, 자원 부족, quota)를 보세요: kubectl describe pod ${name} -n ${ns}`,
        `No node can take the pod. The Events say why (a pending PVC, too few resources, a quota): kubectl describe pod ${name} -n ${ns}`,
      );
    default:
      return text(
        `Pod 이벤트와 로그를 확인하세요(probe 실패 등): kubectl describe pod ${name} -n ${ns}; kubectl logs ${name} -n ${ns}`,
        `Look at the pod's events and log (a failing probe?): kubectl describe pod ${name} -n ${ns}; kubectl logs ${name} -n ${ns}`,
      );
  }
}
