import { text, type Text } from '../model/text.ts';
import { imageAllowed } from './images.ts';
import { containersOf, mapping, mappings, type PodSpecAt } from '../k8s/pod-specs.ts';

/** Why a pod spec may not run in a grading namespace (none when it may). `images` is the lab's allow-list. */
export function podSpecProblems(p: PodSpecAt, images: readonly string[]): Text[] {
  const out: Text[] = [];
  const { path, spec } = p;
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[f] === true) out.push(text(`${path}.${f}: true — 노드의 네임스페이스를 함께 쓰게 됩니다`, `${path}.${f}: true shares the node's namespaces`));
  }
  // No service-account token may reach a student's pod: it would let the pod call the API server.
  if (spec.automountServiceAccountToken === true) {
    out.push(text(`${path}.automountServiceAccountToken: true는 API 서버 토큰을 Pod에 넣습니다 (빼거나 false로 두세요)`, `${path}.automountServiceAccountToken: true puts an API token into the pod (leave it out or set it to false)`));
  }
  for (const f of ['serviceAccountName', 'serviceAccount'] as const) {
    const sa = spec[f];
    if (sa !== undefined && sa !== null && sa !== 'default') {
      out.push(text(`${path}.${f}: "${String(sa)}" — 채점에서는 default 서비스 어카운트만 쓸 수 있습니다`, `${path}.${f}: "${String(sa)}" — only the default service account may be used when grading`));
    }
  }
  for (const v of mappings(spec.volumes)) {
    const at = `${path}.volumes[${String(v.name)}]`;
    if (v.hostPath !== undefined) out.push(text(`${at}: hostPath는 노드의 파일을 마운트합니다`, `${at}: hostPath mounts the node's files`));
    if (mappings(mapping(v.projected)?.sources).some((s) => s.serviceAccountToken !== undefined)) {
      out.push(text(`${at}: projected serviceAccountToken은 API 서버 토큰을 Pod에 넣습니다`, `${at}: a projected serviceAccountToken puts an API token into the pod`));
    }
  }
  for (const { path: at, container: c } of containersOf(p)) {
    const sc = mapping(c.securityContext);
    if (sc?.privileged === true) out.push(text(`${at}: privileged 컨테이너는 노드를 제어합니다`, `${at}: privileged containers control the node`));
    const add = mapping(sc?.capabilities)?.add;
    if (Array.isArray(add) && add.length > 0) out.push(text(`${at}: capabilities.add (${add.join(', ')}) — 권한 추가는 허용되지 않습니다`, `${at}: capabilities.add ${add.join(', ')} is not allowed`));
    if (mappings(c.ports).some((port) => port.hostPort !== undefined && port.hostPort !== null && port.hostPort !== 0)) out.push(text(`${at}: hostPort는 노드의 포트를 엽니다`, `${at}: hostPort opens a port on the node`));
    const image = typeof c.image === 'string' ? c.image : '';
    if (!imageAllowed(image, images)) {
      const list = images.length > 0 ? images.join(', ') : '없음';
      out.push(text(`${at}: 이 랩에서 쓸 수 없는 이미지입니다: "${image}" (쓸 수 있는 이미지: ${list})`, `${at}: image "${image}" is not allowed in this lab (allowed: ${images.length > 0 ? images.join(', ') : 'none'})`));
    }
  }
  return out;
}
