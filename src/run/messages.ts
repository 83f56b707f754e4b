// The words of the run room (src/run): solution actions, probes, checks and the settled rule.
// A translator edits this file alone.
import { text } from '../model/text.ts';

export const MSG = {
  // actions.ts
  noExecInGrading: text('채점은 학생 컨테이너 안에서 명령을 실행하지 않습니다', 'grading never runs commands inside a student\'s container'),
  noExecInGradingHint: text('이 단계에 probe 동작을 쓰세요.', 'Give this step a probe action instead.'),
  noPodToDelete: (namespace: string, target: string) => text(`네임스페이스 ${namespace}에 지울 Pod(${target})가 없습니다`, `no pod ${target} to delete in namespace ${namespace}`),
  nothingToPatch: (kind: string, name: string) => text(`패치할 ${kind} ${name}이(가) 없습니다`, `${kind} ${name} not found to patch`),
  /** An object an action needs (applied just before, or waited for) is still missing after a moment. */
  notFoundInNamespace: (namespace: string, object: string) => text(`네임스페이스 ${namespace}에 ${object}이(가) 없습니다`, `${object} not found in namespace ${namespace}`),
  /** A command of the solution (exec, probe) ended with a non-zero exit code. */
  commandExited: (what: string, code: number, tail: string) => text(`${what}: 종료 코드 ${code}: ${tail}`, `${what} exited ${code}: ${tail}`),
  unknownActionKind: (kind: string) => text(`동작의 알 수 없는 kind "${kind}"`, `unknown kind "${kind}" in an action`),
  unknownActionKindHint: (known: string) => text(`다음 중 하나를 쓰세요: ${known}.`, `Use one of: ${known}.`),
  waitTargetNotKindName: (target: string) => text(`wait의 대상 "${target}"은(는) <종류>/<이름>이어야 합니다`, `the wait target "${target}" must be <kind>/<name>`),

  // check-loader.ts
  noSuchCheck: (id: string, lab: string) => text(`"${id}" 체크가 없습니다 (checks/${lab}/${id}.yaml 또는 .ts)`, `no check "${id}" (checks/${lab}/${id}.yaml or .ts)`),
  checkModuleNoDefault: text('체크 모듈은 `export default defineCheck({ id, title, run })`를 내보내야 합니다', 'a check module must `export default defineCheck({ id, title, run })`'),
  checkIdNotFileName: (checkId: string, id: string) => text(`체크 id "${checkId}"가 파일 이름 "${id}"와 다릅니다`, `check id "${checkId}" does not match its file name "${id}"`),

  // outcomes.ts
  /** Every check's hint when the lab's namespace does not exist. */
  namespaceMissing: (namespace: string) => text(
    `네임스페이스 ${namespace}가 없습니다. 다른 네임스페이스에서 작업했다면 --namespace로 알려 주고, 아니라면 kubectl create namespace ${namespace} 로 만드세요.`,
    `Namespace ${namespace} does not exist. If you worked in another namespace, name it with --namespace; otherwise create it: kubectl create namespace ${namespace}`,
  ),

  // probes.ts
  probePodDeletedAgain: (pod: string) => text(`프로브 Pod ${pod}가 다시 지워졌습니다: 채점기가 아닌 누군가가 지우고 있습니다`, `the probe pod ${pod} was deleted again: something other than the grader deletes it`),
  noSuchProbe: (name: string) => text(`랩에 "${name}" 프로브가 없습니다`, `the lab declares no probe "${name}"`),
  noSuchProbeHint: text('lab.yaml의 probes에 추가하세요.', 'Add it under probes in lab.yaml.'),
  probeNamespaceGone: (namespace: string) => text(`네임스페이스 ${namespace}가 사라져 프로브 Pod를 기다릴 수 없습니다`, `namespace ${namespace} is gone: no probe pod to wait for`),
  probePodCannotStart: (pod: string, why: string, image: string) => text(`프로브 Pod ${pod}를 시작할 수 없습니다: ${why} (이미지 ${image})`, `probe pod ${pod} cannot start: ${why} (image ${image})`),
  /** The hint when a probe or volume pod's image cannot be pulled. */
  clusterNeedsImage: text('클러스터에 그 이미지가 있어야 합니다: `labs doctor`.', 'The cluster needs that image: see `labs doctor`.'),

  // run-check.ts
  /** A progress line's "waiting for" entry while a probed server is within its start-up budget. */
  serverStarting: (seconds: number) => text(`서버가 아직 시작 중 (${seconds}초 더 기다림)`, `a server still starting (up to ${seconds}s more)`),
  neverSettled: text('네임스페이스가 자리 잡지 않아 체크를 하지 못했습니다. 다시 해 보세요.', 'The namespace never settled, so the check did not run; try again.'),
  interrupted: text('중단됨', 'interrupted'),

  // settled.ts (what a namespace is still waiting for; `id` is Kind/name)
  recentChange: (seconds: string) => text(`방금 바뀐 것이 있음 (${seconds}초 전)`, `a change ${seconds}s ago`),
  notSeenByVolumeController: (id: string) => text(`${id}: 볼륨 컨트롤러가 아직 보지 않음`, `${id}: not seen by the volume controller yet`),
  bindingTo: (id: string, to: string) => text(`${id}: ${to}에 바인딩하는 중`, `${id}: binding to ${to}`),
  deletedByProvisioner: (id: string) => text(`${id}: 프로비저너가 지우는 중 (Delete 정책)`, `${id}: being deleted by its provisioner (Delete policy)`),
  controllerNotCaughtUp: (id: string) => text(`${id}: 컨트롤러가 변경을 처리하는 중`, `${id}: its controller has not caught up`),
  podsCreated: (id: string, have: number, want: number) => text(`${id}: Pod ${have}/${want}개 생성됨`, `${id}: ${have}/${want} pods created`),
  jobNotFinished: (id: string, succeeded: number, failed: number) => text(`${id}: 아직 끝나지 않음 (성공 ${succeeded}, 실패 ${failed})`, `${id}: not finished yet (${succeeded} succeeded, ${failed} failed)`),
  podTerminating: (id: string) => text(`${id}: 종료 중`, `${id}: terminating`),
  ownerGone: (id: string, owner: string) => text(`${id}: ${owner}이(가) 지워져 곧 삭제됨`, `${id}: ${owner} is gone, the pod goes next`),
  podBeingScheduled: (id: string) => text(`${id}: 스케줄 대기`, `${id}: being scheduled`),
  /** A pod's container still being created: the reason it waits, as the cluster says it (e.g. ContainerCreating). */
  containerWaiting: (id: string, reason: string) => text(`${id}: ${reason}`, `${id}: ${reason}`),
  podStarting: (id: string) => text(`${id}: 시작 중 (아직 Ready 아님)`, `${id}: starting (not Ready yet)`),
  claimBeingDeleted: (id: string) => text(`${id}: 삭제 중`, `${id}: being deleted`),
  bindingToAVolume: (id: string) => text(`${id}: 볼륨에 바인딩하는 중`, `${id}: binding to a volume`),
  provisioningVolume: (id: string) => text(`${id}: 볼륨 프로비저닝 중`, `${id}: provisioning a volume`),

  // variants.ts
  classFileUnreadable: (file: string, why: string) => text(`클래스 파일 ${file}을 읽을 수 없습니다: ${why}`, `cannot read the class file ${file}: ${why}`),
  classFileUnreadableHint: text('강사가 준 파일의 경로를 주세요.', 'Give the path of the file your instructor handed out.'),
  classFileNotYaml: (why: string) => text(`YAML로 읽을 수 없습니다: ${why}`, `not readable as YAML: ${why}`),
  classSeedMissing: text('seed: 클래스 시드(글자)가 있어야 합니다 (예: seed: 7f3a9c…)', 'seed: the class seed (text) is missing (e.g. seed: 7f3a9c…)'),
  classStudentsNotList: text('students: 학생 id의 목록이어야 합니다', 'students: must be a list of student ids'),

  // volume-pods.ts
  notPathInVolume: (path: string) => text(`볼륨 안의 경로가 아닙니다: ${path}`, `not a path inside a volume: ${path}`),
  volumeWriteFailed: (claim: string, path: string, why: string) => text(`볼륨 ${claim}에 ${path}를 쓰지 못했습니다: ${why}`, `could not write ${path} into the volume of ${claim}: ${why}`),
  volumePodCannotStart: (pod: string, why: string, image: string) => text(`볼륨 Pod ${pod}를 시작할 수 없습니다: ${why} (이미지 ${image})`, `volume pod ${pod} cannot start: ${why} (image ${image})`),

  // wait.ts
  notDoneInTime: (what: string, seconds: number, why: string) => text(`${what}: ${seconds}초 안에 끝나지 않았습니다 (${why})`, `${what}: not done after ${seconds}s (${why})`),
  settledWithout: (what: string, why: string) => text(`${what}: 네임스페이스가 자리 잡았지만 되지 않았습니다 (${why})`, `${what}: the namespace settled without it (${why})`),
} as const;
