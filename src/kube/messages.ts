// The words of the kube room (the API server client): its errors about kubeconfig, calls and exec.
// A translator edits this file alone; the code refers to MSG.
import { text } from '../model/text.ts';

export const MSG = {
  // client.ts
  /** The kubeconfig (the default one, or `file`) cannot be read. */
  kubeconfigUnreadable: (file: string | undefined, message: string) => text(`kubeconfig${file ? ` ${file}` : ''}을(를) 읽을 수 없습니다: ${message}`, `cannot read kubeconfig${file ? ` ${file}` : ''}: ${message}`),
  kubeconfigUnreadableHint: text('KUBECONFIG를 확인하거나, --context 없이 `labs start`로 labs가 클러스터를 만들게 하세요.', 'Check KUBECONFIG, or run `labs start` without --context to let labs create a cluster.'),
  noSuchContext: (context: string) => text(`kubeconfig에 "${context}" 컨텍스트가 없습니다`, `no context "${context}" in kubeconfig`),
  /** Hint of noSuchContext: the kubeconfig's contexts, joined ('' when none). */
  knownContexts: (known: string) => text(`있는 컨텍스트: ${known || '없음'}.`, `Known contexts: ${known || 'none'}.`),
  noCurrentCluster: text('kubeconfig에 현재 클러스터가 없습니다', 'kubeconfig has no current cluster'),
  noCurrentClusterHint: text('--context <이름>을 주거나 labs가 kind 클러스터를 만들게 하세요.', 'Pass --context <name>, or let labs create its kind cluster.'),
  /** The API server ended a watch with an error event. */
  watchError: (kind: string, message: string | undefined) => text(`watch ${kind}: ${message}`, `watch ${kind}: ${message}`),
  /** A command run in a pod did not finish before its deadline. */
  execNoAnswer: (pod: string) => text(`${pod}에서 실행한 명령이 응답하지 않습니다`, `exec in ${pod}: no answer in time`),
  execNoStatus: (pod: string) => text(`${pod}의 exec이 상태 없이 끝났습니다`, `exec in ${pod} closed without a status`),
  execError: (pod: string, message: string) => text(`${pod} exec: ${message}`, `exec in ${pod}: ${message}`),
  podNotFound: (namespace: string, pod: string) => text(`Pod ${namespace}/${pod}가 없습니다`, `pod ${namespace}/${pod} not found`),
  podNotFoundHint: text('Pod가 지워졌을 수 있습니다. 다시 해 보세요.', 'The pod may have been deleted; try again.'),
  apiVersionNotServed: (apiVersion: string) => text(`API 서버가 ${apiVersion}을(를) 제공하지 않습니다`, `the API server does not serve ${apiVersion}`),
  checkApiVersion: (kind: string) => text(`${kind}의 apiVersion을 확인하세요.`, `Check the apiVersion of your ${kind}.`),
  kindNotServed: (apiVersion: string, kind: string) => text(`API 서버의 ${apiVersion}에 ${kind} 종류가 없습니다`, `the API server has no kind ${kind} in ${apiVersion}`),
  checkKindAndApiVersion: text('kind와 apiVersion을 확인하세요.', 'Check the kind and apiVersion.'),

  // fake.ts
  /** The test fake's 404, as the client reports it. */
  objectNotFound: (kind: string, name: string) => text(`${kind} ${name}이(가) 없습니다`, `${kind} ${name} not found`),

  // http.ts
  /** Hint of a 401 or 403 answer. */
  notAllowed: text('kubeconfig 사용자에게 이 권한이 없습니다. 준 컨텍스트를 확인하세요.', 'Your kubeconfig user is not allowed to do this; check the context you passed.'),
  /** Hint of a 422 answer. */
  invalidObject: text('객체가 올바르지 않습니다. 메시지가 가리키는 필드를 고치세요.', 'The object is invalid; fix the field the message names.'),
  /** An API server answer that is not a success: what was asked, the server's message and the HTTP status. */
  apiAnswer: (what: string, message: string, status: number) => text(`${what}: ${message} (HTTP ${status})`, `${what}: ${message} (HTTP ${status})`),
  unreachable: (what: string, origin: string, message: string) => text(`${what}: ${origin}의 API 서버에 닿을 수 없습니다: ${message}`, `${what}: cannot reach the API server at ${origin}: ${message}`),
  unreachableHint: text('클러스터가 실행 중인가요? `labs doctor`로 확인하세요.', 'Is the cluster running? Try `labs doctor`.'),
} as const;
