// The words of the check room (the grader's placeholders and its advice about pods).
// A translator edits this file alone.
import { text } from '../model/text.ts';

export const MSG = {
  // placeholders.ts
  unreadableSelector: (selector: string) => text(`라벨 셀렉터 "${selector}"를 읽을 수 없습니다`, `cannot read the label selector "${selector}"`),
  /** Hint for an unreadable label selector. */
  writeSelectorAsForKubectl: text('kubectl -l에 쓰는 모양으로 쓰세요: app=mysql', 'Write it as for kubectl -l: app=mysql'),
  unknownTargetKind: (kind: string, target: string) => text(`알 수 없는 대상 종류 "${kind}" (${target})`, `unknown target kind "${kind}" in "${target}"`),
  /** Hint for a target of an unknown kind. */
  useAKnownTarget: text('pod/<이름>, deployment/<이름>, statefulset/<이름> 또는 라벨 셀렉터를 쓰세요.', 'Use pod/<name>, deployment/<name>, statefulset/<name> or a label selector.'),
  /** {{env <target> <VAR>}} names a target without pods. */
  noPodForEnv: (target: string, variable: string) => text(`${target}: Pod가 없어 환경 변수 ${variable}를 알 수 없습니다`, `${target}: no pod, so no value for ${variable}`),
  containerEnvUnbuildable: (target: string, error: string) => text(`${target}: 컨테이너 환경을 만들 수 없습니다: ${error}`, `${target}: the container's environment cannot be built: ${error}`),
  noValueForEnv: (target: string, variable: string) => text(`${target}에 환경 변수 ${variable}의 값이 없습니다`, `${target} gives no value for ${variable}`),
  /** {{ip <target>}} names a target without a Ready pod. */
  noReadyPodForIp: (target: string) => text(`${target}: Ready인 Pod가 없어 IP를 알 수 없습니다`, `${target}: no Ready pod, so no IP to reach`),
  unknownPlaceholder: (placeholder: string) => text(`알 수 없는 자리표시자 ${placeholder}`, `unknown placeholder ${placeholder}`),

  // pods.ts (advice for the usual reasons a pod does not become ready)
  /** The image of a pod that is not ready cannot be pulled. */
  imageCannotBePulled: (name: string, ns: string) =>
    text(
      `이미지를 받을 수 없습니다. image 이름과 태그를 확인하세요: kubectl describe pod ${name} -n ${ns}`,
      `The image cannot be pulled. Check the image name and tag: kubectl describe pod ${name} -n ${ns}`,
    ),
  /** A pod's container keeps exiting. */
  containerKeepsExiting: (name: string, ns: string) =>
    text(
      `컨테이너가 계속 종료됩니다. 로그를 보세요: kubectl logs ${name} -n ${ns} --previous`,
      `The container keeps exiting. Read its log: kubectl logs ${name} -n ${ns} --previous`,
    ),
  /** A pod's container cannot be created from its configuration. */
  containerConfigBroken: (name: string, ns: string) =>
    text(
      `컨테이너 설정 오류입니다(없는 Secret/ConfigMap 등): kubectl describe pod ${name} -n ${ns}`,
      `The container's configuration is broken (a missing Secret or ConfigMap?): kubectl describe pod ${name} -n ${ns}`,
    ),
  /** No node can take a pod. */
  noNodeTakesPod: (name: string, ns: string) =>
    text(
      `Pod를 놓을 노드가 없습니다. Events에서 이유(PVC 대기, 자원 부족, quota)를 보세요: kubectl describe pod ${name} -n ${ns}`,
      `No node can take the pod. The Events say why (a pending PVC, too few resources, a quota): kubectl describe pod ${name} -n ${ns}`,
    ),
  /** A workload made no pod at all. */
  noPodCreated: (ns: string) =>
    text(
      `Pod가 만들어지지 않았습니다. 컨트롤러의 이벤트(할당량, LimitRange, 권한 거부)를 보세요: kubectl get events -n ${ns} --field-selector type=Warning`,
      `No pod was created. The controller's events say why (a quota, a LimitRange, an admission denial): kubectl get events -n ${ns} --field-selector type=Warning`,
    ),
  /** A pod is not ready for another reason. */
  lookAtPodEventsAndLog: (name: string, ns: string) =>
    text(
      `Pod 이벤트와 로그를 확인하세요(probe 실패 등): kubectl describe pod ${name} -n ${ns}; kubectl logs ${name} -n ${ns}`,
      `Look at the pod's events and log (a failing probe?): kubectl describe pod ${name} -n ${ns}; kubectl logs ${name} -n ${ns}`,
    ),
} as const;
