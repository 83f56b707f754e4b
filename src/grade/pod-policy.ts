import { containersOf, mapping, mappings, shown, type PodSpecAt } from '../k8s/pod-specs.ts';
import { text, type Text } from '../model/text.ts';
import { imageAllowed } from '../k8s/image.ts';

// What a pod in a grading namespace may be: an allow-list. Every volume type, pod field and container field that is
// not known to be safe on a shared node is refused, naming the field, rather than a list of the known dangers.

/** Volume types a pod may use: data of its own namespace, or scratch space. */
export const VOLUME_TYPES = new Set(['configMap', 'secret', 'emptyDir', 'persistentVolumeClaim', 'downwardAPI', 'projected', 'ephemeral']);

/** Sources a projected volume may hold (a service-account token is an API credential). */
const PROJECTED_SOURCES = new Set(['configMap', 'secret', 'downwardAPI']);

/** The longest a pod may take to stop, in seconds: nothing may outlive a student's grading. */
export const MAX_GRACE_SECONDS = 30;

/** Pod fields that place a pod, pick its runtime or make it outrank others on the node. */
const POD_FIELDS_REFUSED: Record<string, Text> = {
  priorityClassName: text('우선순위 클래스는 다른 학생이나 시스템 Pod를 밀어낼 수 있습니다', 'a priority class can evict other students\' or the system\'s pods'),
  priority: text('우선순위는 다른 Pod를 밀어낼 수 있습니다', 'a priority can evict other pods'),
  preemptionPolicy: text('선점 정책은 다른 Pod를 밀어낼 수 있습니다', 'a preemption policy can evict other pods'),
  nodeName: text('nodeName은 스케줄러를 건너뛰어 노드를 직접 고릅니다', 'nodeName skips the scheduler and picks a node directly'),
  tolerations: text('tolerations는 컨트롤 플레인처럼 막힌 노드에 Pod를 놓습니다', 'tolerations place pods on nodes kept for others (the control plane)'),
  hostAliases: text('hostAliases는 Pod 안의 이름 해석을 바꿉니다', 'hostAliases rewrite name resolution inside the pod'),
  runtimeClassName: text('runtimeClassName은 다른 컨테이너 런타임을 고릅니다', 'runtimeClassName picks another container runtime'),
  schedulerName: text('schedulerName은 기본 스케줄러를 건너뜁니다', 'schedulerName bypasses the default scheduler'),
  overhead: text('overhead는 RuntimeClass가 정합니다', 'overhead is set by a RuntimeClass'),
  resourceClaims: text('resourceClaims는 노드의 장치를 요청합니다', 'resourceClaims ask for the node\'s devices'),
};

/** Capabilities the runtime gives by default that a lab does not need unless it says so. */
export const DROPPED_BY_DEFAULT = ['NET_RAW'] as const;

/** What the policy needs of the lab for pods. */
export interface PodPolicyOptions {
  /** Images a submission may run (the lab's allow-list). */
  images: readonly string[];
  /** Capabilities the lab's pods need (none by default; NET_RAW is dropped otherwise). */
  capabilities?: readonly string[];
}

const has = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== '';

/** Why a probe handler or lifecycle hook may not run as written (its `host` is reached from the node). */
function handlerProblems(at: string, handler: unknown): Text[] {
  const h = mapping(handler);
  const out: Text[] = [];
  for (const kind of ['httpGet', 'tcpSocket'] as const) {
    if (has(mapping(h?.[kind])?.host)) out.push(text(`${at}.${kind}.host: kubelet이 노드에서 그 주소로 접속합니다 (NetworkPolicy 밖): 빼세요 (Pod 자신의 IP가 기본입니다)`, `${at}.${kind}.host: the kubelet connects to it from the node, outside NetworkPolicy; leave it out (the pod's own IP is the default)`));
  }
  return out;
}

/** Why a pod spec may not run in a grading namespace (none when it may). */
export function podSpecProblems(p: PodSpecAt, o: PodPolicyOptions | readonly string[]): Text[] {
  const { images, capabilities = [] } = Array.isArray(o) ? { images: o as readonly string[] } : (o as PodPolicyOptions);
  const out: Text[] = [];
  const { path, spec } = p;
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[f] === true) out.push(text(`${path}.${f}: true — 노드의 네임스페이스를 함께 쓰게 됩니다`, `${path}.${f}: true shares the node's namespaces`));
  }
  for (const [f, why] of Object.entries(POD_FIELDS_REFUSED)) {
    if (has((spec as Record<string, unknown>)[f])) out.push(text(`${path}.${f}: ${why.ko}`, `${path}.${f}: ${why.en}`));
  }
  const grace = spec.terminationGracePeriodSeconds as unknown;
  if (typeof grace === 'number' && grace > MAX_GRACE_SECONDS) {
    out.push(text(`${path}.terminationGracePeriodSeconds: ${grace}초 — 채점에서는 ${MAX_GRACE_SECONDS}초까지입니다 (채점이 끝난 뒤까지 Pod가 남지 않도록)`, `${path}.terminationGracePeriodSeconds: ${grace}s; at most ${MAX_GRACE_SECONDS}s when grading (no pod may outlive its grading)`));
  }
  // No service-account token may reach a student's pod: it would let the pod call the API server.
  if (spec.automountServiceAccountToken === true) {
    out.push(text(`${path}.automountServiceAccountToken: true는 API 서버 토큰을 Pod에 넣습니다 (빼거나 false로 두세요)`, `${path}.automountServiceAccountToken: true puts an API token into the pod (leave it out or set it to false)`));
  }
  for (const f of ['serviceAccountName', 'serviceAccount'] as const) {
    const sa = spec[f];
    if (sa !== undefined && sa !== null && sa !== 'default') {
      out.push(text(`${path}.${f}: "${shown(sa)}" — 채점에서는 default 서비스 어카운트만 쓸 수 있습니다`, `${path}.${f}: "${shown(sa)}" — only the default service account may be used when grading`));
    }
  }
  for (const v of mappings(spec.volumes)) {
    const at = `${path}.volumes[${shown(v.name)}]`;
    const types = Object.keys(v).filter((k) => k !== 'name');
    for (const t of types.filter((k) => !VOLUME_TYPES.has(k))) {
      out.push(text(`${at}: ${t} 볼륨은 채점에서 쓸 수 없습니다 (쓸 수 있는 것: ${[...VOLUME_TYPES].join(', ')})`, `${at}: a ${t} volume cannot be used when grading (allowed: ${[...VOLUME_TYPES].join(', ')})`));
    }
    for (const source of mappings(mapping(v.projected)?.sources)) {
      for (const k of Object.keys(source).filter((x) => !PROJECTED_SOURCES.has(x))) {
        out.push(k === 'serviceAccountToken'
          ? text(`${at}: projected serviceAccountToken은 API 서버 토큰을 Pod에 넣습니다`, `${at}: a projected serviceAccountToken puts an API token into the pod`)
          : text(`${at}: projected ${k}는 채점에서 쓸 수 없습니다`, `${at}: a projected ${k} cannot be used when grading`));
      }
    }
  }
  for (const { path: at, container: c } of containersOf(p)) {
    const sc = mapping(c.securityContext);
    if (sc?.privileged === true) out.push(text(`${at}: privileged 컨테이너는 노드를 제어합니다`, `${at}: privileged containers control the node`));
    const add = mapping(sc?.capabilities)?.add;
    const extra = Array.isArray(add) ? add.filter((x) => !capabilities.includes(shown(x))) : [];
    if (extra.length > 0) out.push(text(`${at}: capabilities.add (${extra.map(shown).join(', ')}) — 권한 추가는 허용되지 않습니다`, `${at}: capabilities.add ${extra.map(shown).join(', ')} is not allowed`));
    for (const port of mappings(c.ports)) {
      if (has(port.hostPort) && port.hostPort !== 0) out.push(text(`${at}: hostPort는 노드의 포트를 엽니다`, `${at}: hostPort opens a port on the node`));
      else if (has(port.hostIP)) out.push(text(`${at}: hostIP는 노드의 주소에 묶습니다`, `${at}: hostIP binds to an address of the node`));
    }
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) out.push(...handlerProblems(`${at}.${probe}`, c[probe]));
    const lifecycle = mapping(c.lifecycle);
    if (has(lifecycle?.preStop)) out.push(text(`${at}.lifecycle.preStop: 종료를 늦추는 훅은 채점에서 쓸 수 없습니다 (채점이 끝난 뒤까지 Pod가 남지 않도록)`, `${at}.lifecycle.preStop: a hook that delays stopping cannot be used when grading (no pod may outlive its grading)`));
    out.push(...handlerProblems(`${at}.lifecycle.postStart`, lifecycle?.postStart));
    const image = typeof c.image === 'string' ? c.image : '';
    if (!imageAllowed(image, images)) {
      const list = images.length > 0 ? images.join(', ') : '없음';
      const digest = image.includes('@') ? text(' (다이제스트는 허용 목록에 같은 다이제스트가 있을 때만 쓸 수 있습니다)', ' (a digest only when the allow-list names that digest)') : text('', '');
      out.push(text(`${at}: 이 랩에서 쓸 수 없는 이미지입니다: "${image}" (쓸 수 있는 이미지: ${list})${digest.ko}`, `${at}: image "${image}" is not allowed in this lab (allowed: ${images.length > 0 ? images.join(', ') : 'none'})${digest.en}`));
    }
  }
  return out;
}

/**
 * What the grader adds to a pod spec it admits, as a mutating admission would: capabilities the lab does not need
 * are dropped (NET_RAW: no forged packets on the node's bridge), and an emptyDir without a size gets one.
 * Returns the copy; the student's own object is not changed.
 */
export function hardenPodSpec(p: PodSpecAt, o: { capabilities?: readonly string[]; emptyDirLimit: string }): void {
  const drop = DROPPED_BY_DEFAULT.filter((c) => !(o.capabilities ?? []).includes(c));
  for (const { container } of containersOf(p)) {
    const c = container as Record<string, unknown>;
    const sc = (mapping(c.securityContext) ?? {}) as Record<string, unknown>;
    const caps = (mapping(sc.capabilities) ?? {}) as Record<string, unknown>;
    // Scalars become text; a mapping or list (the API server refuses it anyway) stays as written: String() can throw on it.
    const dropped = Array.isArray(caps.drop) ? caps.drop.map((x: unknown) => (typeof x === 'object' && x !== null ? x : String(x))) : [];
    if (drop.length && !dropped.includes('ALL')) caps.drop = [...dropped, ...drop.filter((d) => !dropped.includes(d))];
    sc.capabilities = caps;
    c.securityContext = sc;
  }
  for (const v of mappings(p.spec.volumes)) {
    const e = mapping(v.emptyDir);
    if (v.emptyDir !== undefined && (!e || !has(e.sizeLimit))) (v as Record<string, unknown>).emptyDir = { ...(e ?? {}), sizeLimit: o.emptyDirLimit };
  }
}
