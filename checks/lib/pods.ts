import { type CheckContext } from '../../src/model/check.ts';
import { KIND, type ApiObject } from '../../src/model/kube.ts';
import { text, type Text } from '../../src/model/text.ts';

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
  volumes: { name: string; claimName?: string; emptyDir?: boolean }[];
  containers: ContainerView[];
}

/** The parts of a container spec the checks read. */
export interface ContainerView {
  name: string;
  image?: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
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

interface PodJson {
  metadata: { name: string; uid: string; creationTimestamp?: string; deletionTimestamp?: string };
  spec: { volumes?: { name: string; persistentVolumeClaim?: { claimName: string }; emptyDir?: unknown }[]; containers: ContainerView[] };
  status?: {
    phase?: string;
    podIP?: string;
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
    containerStatuses?: { state?: { waiting?: { reason?: string }; terminated?: { reason?: string } }; lastState?: { terminated?: { reason?: string } } }[];
  };
}

/** A readable view of a Pod object. */
export function podView(obj: ApiObject): PodView {
  const p = obj as unknown as PodJson;
  const readyCond = p.status?.conditions?.find((c) => c.type === 'Ready');
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

/** A short account of pods for a failure message: "mysql-abc (Pending, ImagePullBackOff)". */
export function describePods(pods: PodView[]): Text {
  if (pods.length === 0) return text('Pod가 없습니다', 'no pods');
  const s = pods.map((p) => `${p.name} (${[p.phase, p.ready ? 'Ready' : 'not Ready', p.trouble].filter(Boolean).join(', ')})`).join(', ');
  return text(s, s);
}

/** Advice for the usual reasons a pod does not become ready. */
export function troubleHint(pods: PodView[], ns: string): Text {
  const reason = pods.map((p) => p.trouble).find(Boolean);
  const name = pods[0]?.name ?? '<pod>';
  switch (reason) {
    case 'ErrImagePull':
    case 'ImagePullBackOff':
    case 'ErrImageNeverPull':
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
    default:
      return text(
        `Pod 이벤트를 확인하세요(PVC 대기, probe 실패 등): kubectl describe pod ${name} -n ${ns}`,
        `Look at the pod's events (a pending PVC, a failing probe…): kubectl describe pod ${name} -n ${ns}`,
      );
  }
}
