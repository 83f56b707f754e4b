// The words of the grade room: what grading says about submissions, the policy, the quota and the results.
// A translator edits this file alone; the code of the room refers to it.
import { text, type Text } from '../model/text.ts';

/** Pod fields that place a pod, pick its runtime or make it outrank others on the node, and why each is refused (pod-policy.ts). */
export const POD_FIELDS_REFUSED: Record<string, Text> = {
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

export const MSG = {
  // apply.ts
  apiServerRefused: (why: string) => text(`API 서버가 거부했습니다: ${why}`, `refused by the API server: ${why}`),

  // archive.ts
  cannotReadArchive: (why: string) => text(`제출 아카이브를 읽을 수 없습니다: ${why}`, `cannot read the submission archive: ${why}`),
  cannotReadSubmissionJson: text('submission.json을 읽을 수 없습니다', 'submission.json cannot be read'),
  archiveTooLarge: text('제출물이 학생당 한도보다 큽니다: 이 파일부터는 읽지 않았습니다', 'the submission is larger than the cap per student: this file and the ones after it were not read'),
  /** A redacted Secret in an archive: left out of grading. */
  secretValuesLeftOut: (name: string | undefined) => text(`Secret/${name}: 값이 아카이브에 없습니다 (랩이 Secret 값을 요구하지 않아 labs submit이 뺐습니다)`, `Secret/${name}: its values are not in the archive (the lab does not ask for Secrets' values, so labs submit left them out)`),
  archiveEmpty: text('아카이브에 객체가 없습니다', 'the archive holds no objects'),

  // dry-run.ts
  cannotReadLabManifest: (code: string) => text(`랩의 매니페스트를 읽을 수 없습니다 (${code})`, `cannot read the lab's manifest (${code})`),
  cannotReadSubmissionsFolder: (root: string, code: string) => text(`제출물 폴더를 읽을 수 없습니다: ${root} (${code})`, `cannot read the submissions folder: ${root} (${code})`),
  /** The hint of cannotReadSubmissionsFolder. */
  giveStudentFolders: text('학생마다 폴더가 하나씩 든 폴더를 주세요.', 'Give a folder with one folder per student.'),
  invalidStudentIdNotGraded: (id: string) => text(`"${id}"는 학생 id가 될 수 없습니다 (영문자, 숫자, . _ -; 63자 이하): 채점하지 않습니다`, `"${id}" cannot be a student id (letters, digits, . _ -; at most 63): not graded`),
  planInternalError: (what: string) => text(`채점기 내부 오류로 이 제출물을 계획하지 못했습니다 (${what}): 아무것도 적용하지 않습니다; 이 오류를 알려 주세요`, `internal error while planning this submission (${what}): nothing of it would be applied; please report this`),

  // duplicates.ts
  /** Copies of one object in several files: the one nearest the top of the folder is applied. */
  duplicateKept: (others: string, winner: string) => text(`같은 객체가 ${others}에도 있습니다: 제출 폴더의 가장 위에 있는 ${winner}를 적용합니다 (kubectl apply -f <폴더>가 읽는 곳)`, `the same object is also in ${others}: the copy nearest the top of the folder, ${winner}, is applied (where kubectl apply -f <dir> reads)`),
  /** Copies of one object that differ, at the same depth: none is applied. */
  duplicateConflict: (others: string) => text(`같은 객체가 ${others}에도 다른 내용으로 있습니다: 어느 것인지 알 수 없어 어느 쪽도 적용하지 않습니다 (하나만 남기세요)`, `the same object is also in ${others}, with other content: which one is meant cannot be told, so none is applied (keep one)`),

  // grade.ts
  duplicateSubmission: (file: string, student: string) => text(`${file}: 학생 ${student}의 제출물이 이미 있어 채점하지 않습니다`, `${file}: student ${student} already has a submission; not graded`),
  alreadyGraded: (student: string, score: number, maxScore: number) => text(`${student}: 이미 채점됨 (${score}/${maxScore}); 다시 하려면 --regrade`, `${student}: already graded (${score}/${maxScore}); --regrade to grade again`),
  deletingOrphans: (count: number) => text(`이전 실행이 남긴 채점 네임스페이스 ${count}개를 지웁니다`, `deleting ${count} grading namespace(s) an earlier run left behind`),
  /** Appended to a student's progress line when --keep-failed kept their namespace. */
  namespaceKept: (namespace: string) => text(` (네임스페이스 ${namespace} 남김)`, ` (namespace ${namespace} kept)`),
  /** A student's progress line once graded. */
  studentScore: (student: string, score: number, maxScore: number, kept: Text) => text(`${student}: ${score}/${maxScore}${kept.ko}`, `${student}: ${score}/${maxScore}${kept.en}`),
  /** A student's progress line when grading failed. */
  studentError: (student: string, error: Text | undefined, kept: Text) => text(`${student}: 오류 ${error?.ko ?? ''}${kept.ko}`, `${student}: ERROR ${error?.en ?? ''}${kept.en}`),
  /** The namespaces of the run could not all be deleted. */
  cleanupWarning: (ko: string, en: string) => text(`주의: ${ko}`, `warning: ${en}`),
  stepRead: text('제출물을 읽는 중', 'reading the submission'),
  stepPolicy: text('정책과 사전 검사 중', 'checking the policy and the preflight'),
  stepCapacity: text('노드에 자리가 나기를 기다리는 중', 'waiting for room on the nodes'),
  stepSetup: text('채점 네임스페이스를 준비하는 중', 'setting up the grading namespace'),
  stepApply: text('객체를 적용하는 중', 'applying the objects'),
  stepRun: text('동작과 검사를 실행하는 중', 'running the actions and checks'),
  stepMeasure: text('볼륨을 재는 중', 'measuring the volumes'),
  stepCleanup: text('정리하는 중', 'cleaning up'),
  outOfTime: (seconds: number) => text(`제출물 채점 시간(${seconds}초)이 끝났습니다`, `the submission ran out of time (${seconds}s)`),
  interrupted: text('중단됨', 'interrupted'),
  /** An error no one expected, during a step (one of the step* texts). */
  unexpectedError: (where: string, step: Text, what: string) => text(`${where}${step.ko} 예상하지 못한 오류가 났습니다: ${what} (채점기의 결함일 수 있으니 알려 주세요)`, `${where}unexpected error while ${step.en}: ${what} (please report this)`),
  /** An error no one expected, when even naming it failed. */
  unexpectedErrorBare: (step: Text) => text(`${step.ko} 예상하지 못한 오류가 났습니다`, `unexpected error while ${step.en}`),
  invalidStudentId: (student: string) => text(`"${student}"는 학생 id가 될 수 없습니다 (영문자, 숫자, . _ -; 63자 이하)`, `"${student}" cannot be a student id (letters, digits, . _ -; at most 63)`),
  namespaceLost: (namespace: string) => text(`채점 네임스페이스 ${namespace}가 밖에서 지워졌습니다; 다음 실행에서 다시 채점합니다`, `the grading namespace ${namespace} was deleted from outside; graded again on the next run`),
  clusterFailedActions: (step: string, error: Text | undefined) => text(`클러스터 문제로 "${step}" 단계의 동작이 실패했습니다: ${error?.ko}`, `the cluster failed the actions of step "${step}": ${error?.en}`),
  /** A progress line about one student. */
  studentNote: (student: string, note: Text) => text(`${student}: ${note.ko}`, `${student}: ${note.en}`),
  /** The hint of a graded check an earlier step kept from running. */
  notCheckedHint: text('앞 단계가 끝나지 않아 확인하지 못했습니다. Pod가 Ready가 되는지 먼저 확인하세요: kubectl get pods', 'Not checked: an earlier step did not finish. Make sure your pods become Ready first: kubectl get pods'),

  // leftovers.ts
  /** What a run left on the cluster, as a line. */
  leftovers: (namespaces: readonly string[], volumes: readonly string[]) => text(
    `주의: 실행이 끝났는데도 채점 네임스페이스 ${namespaces.length}개가 아직 지워지는 중이고 (${namespaces.join(', ') || '-'}), 볼륨 ${volumes.length}개가 남아 있습니다 (${volumes.join(', ') || '-'}): 같은 --out으로 다시 실행하면 지웁니다`,
    `warning: after the run, ${namespaces.length} grading namespace(s) are still being deleted (${namespaces.join(', ') || '-'}) and ${volumes.length} volume(s) are left (${volumes.join(', ') || '-'}): a rerun into the same --out deletes them`,
  ),

  // pod-policy.ts
  handlerHost: (at: string, kind: string) => text(`${at}.${kind}.host: kubelet이 노드에서 그 주소로 접속합니다 (NetworkPolicy 밖): 빼세요 (Pod 자신의 IP가 기본입니다)`, `${at}.${kind}.host: the kubelet connects to it from the node, outside NetworkPolicy; leave it out (the pod's own IP is the default)`),
  hostNamespaces: (path: string, field: string) => text(`${path}.${field}: true — 노드의 네임스페이스를 함께 쓰게 됩니다`, `${path}.${field}: true shares the node's namespaces`),
  /** A refused pod field (its reason from POD_FIELDS_REFUSED). */
  podFieldRefused: (path: string, field: string, why: Text) => text(`${path}.${field}: ${why.ko}`, `${path}.${field}: ${why.en}`),
  graceTooLong: (path: string, grace: number, max: number) => text(`${path}.terminationGracePeriodSeconds: ${grace}초 — 채점에서는 ${max}초까지입니다 (채점이 끝난 뒤까지 Pod가 남지 않도록)`, `${path}.terminationGracePeriodSeconds: ${grace}s; at most ${max}s when grading (no pod may outlive its grading)`),
  automountToken: (path: string) => text(`${path}.automountServiceAccountToken: true는 API 서버 토큰을 Pod에 넣습니다 (빼거나 false로 두세요)`, `${path}.automountServiceAccountToken: true puts an API token into the pod (leave it out or set it to false)`),
  serviceAccountNotDefault: (path: string, field: string, account: string) => text(`${path}.${field}: "${account}" — 채점에서는 default 서비스 어카운트만 쓸 수 있습니다`, `${path}.${field}: "${account}" — only the default service account may be used when grading`),
  volumeTypeRefused: (at: string, type: string, allowed: string) => text(`${at}: ${type} 볼륨은 채점에서 쓸 수 없습니다 (쓸 수 있는 것: ${allowed})`, `${at}: a ${type} volume cannot be used when grading (allowed: ${allowed})`),
  projectedTokenRefused: (at: string) => text(`${at}: projected serviceAccountToken은 API 서버 토큰을 Pod에 넣습니다`, `${at}: a projected serviceAccountToken puts an API token into the pod`),
  projectedSourceRefused: (at: string, source: string) => text(`${at}: projected ${source}는 채점에서 쓸 수 없습니다`, `${at}: a projected ${source} cannot be used when grading`),
  privileged: (at: string) => text(`${at}: privileged 컨테이너는 노드를 제어합니다`, `${at}: privileged containers control the node`),
  capabilitiesAdded: (at: string, added: string) => text(`${at}: capabilities.add (${added}) — 권한 추가는 허용되지 않습니다`, `${at}: capabilities.add ${added} is not allowed`),
  hostPort: (at: string) => text(`${at}: hostPort는 노드의 포트를 엽니다`, `${at}: hostPort opens a port on the node`),
  hostIP: (at: string) => text(`${at}: hostIP는 노드의 주소에 묶습니다`, `${at}: hostIP binds to an address of the node`),
  preStop: (at: string) => text(`${at}.lifecycle.preStop: 종료를 늦추는 훅은 채점에서 쓸 수 없습니다 (채점이 끝난 뒤까지 Pod가 남지 않도록)`, `${at}.lifecycle.preStop: a hook that delays stopping cannot be used when grading (no pod may outlive its grading)`),
  /** Appended to imageNotAllowed when the image is pinned by digest. */
  imageDigestNote: text(' (다이제스트는 허용 목록에 같은 다이제스트가 있을 때만 쓸 수 있습니다)', ' (a digest only when the allow-list names that digest)'),
  imageNotAllowed: (at: string, image: string, images: readonly string[], digest: Text) => text(`${at}: 이 랩에서 쓸 수 없는 이미지입니다: "${image}" (쓸 수 있는 이미지: ${images.length > 0 ? images.join(', ') : '없음'})${digest.ko}`, `${at}: image "${image}" is not allowed in this lab (allowed: ${images.length > 0 ? images.join(', ') : 'none'})${digest.en}`),

  // policy.ts
  serviceOpensPorts: (type: string) => text(`spec.type ${type}: 네임스페이스 밖으로 포트를 엽니다`, `spec.type ${type} opens ports outside the namespace`),
  externalName: text('spec.type ExternalName은 클러스터 밖이나 다른 서비스로 이름을 돌립니다', 'spec.type ExternalName points a name at another host or service'),
  externalIPs: text('spec.externalIPs는 다른 서비스의 트래픽을 가로챌 수 있습니다', 'spec.externalIPs can capture traffic of other services'),
  serviceAccountTokenSecret: text('type kubernetes.io/service-account-token 시크릿은 API 서버 토큰을 만듭니다', 'a Secret of type kubernetes.io/service-account-token makes an API token'),
  claimVolumeName: (path: string) => text(`${path}.volumeName은 내 것이 아닌 PersistentVolume을 묶습니다`, `${path}.volumeName would bind a PersistentVolume that is not yours`),
  claimDataSource: (path: string, field: string) => text(`${path}.${field}는 다른 볼륨이나 스냅샷의 데이터를 복사합니다`, `${path}.${field} copies the data of another volume or snapshot`),
  clusterScoped: (kind: string) => text(`${kind}: 클러스터 범위 객체입니다. 제출물은 자기 네임스페이스 안의 객체만 만들 수 있습니다`, `${kind} is cluster-scoped: a submission may only create objects in its own namespace`),
  networkPolicyRefused: text('NetworkPolicy는 받지 않습니다: 채점기가 네임스페이스의 네트워크 규칙을 정하고, 채점용 probe Pod가 내 Pod에 닿아야 합니다', "NetworkPolicy is refused: the grader sets the namespace's network rules, and its probe pods must reach your pods"),
  kindNotAllowed: (apiVersion: string, kind: string, known: string) => text(`${apiVersion} ${kind}: 제출물이 만들 수 있는 종류가 아닙니다 (가능: ${known})`, `${apiVersion} ${kind} is not a kind submissions may create (allowed: ${known})`),
  namespaceFinalizers: text('metadata.finalizers는 네임스페이스가 영영 지워지지 않게 할 수 있습니다', 'metadata.finalizers could keep the namespace from ever being deleted'),
  otherNamespace: (ns: string, labNamespace: string) => text(`metadata.namespace "${ns}": 다른 네임스페이스를 가리킵니다 (빼거나 "${labNamespace}"(으)로 두세요)`, `metadata.namespace "${ns}" aims at another namespace (leave it out, or use "${labNamespace}")`),
  volumeFinalizers: text('metadata.finalizers는 볼륨이 영영 지워지지 않게 할 수 있습니다', 'metadata.finalizers could keep the volume from ever being deleted'),
  graderLabels: (where: string, keys: string) => text(`${where}: ${keys} — labs.dev/ 라벨은 채점기의 것입니다`, `${where}: ${keys}: labs.dev/ labels are the grader's`),
  selectorTakesProbes: text('spec.selector: 채점기의 probe Pod까지 고릅니다 (labs.dev/ 라벨이나 빈 셀렉터): 내 Pod의 라벨로만 고르세요', "spec.selector takes in the grader's probe pods too (a labs.dev/ label, or an empty selector): select your own pods' labels only"),
  policyInternalError: (why: string) => text(`이 객체를 검사하다가 내부 오류가 났습니다: ${why}`, `internal error while checking this object: ${why}`),

  // quota.ts
  /** A lab's own object the LimitRange will refuse: applied all the same. */
  limitRangeWarning: (limitRange: string, why: string) => text(
    `클러스터가 이 객체(또는 그 Pod)를 거부합니다 (LimitRange ${limitRange}): ${why}`,
    `the cluster will refuse this object (or its pods) (LimitRange ${limitRange}): ${why}`,
  ),
  limitRangeRefuses: (limitRange: string, why: string) => text(`채점 네임스페이스의 LimitRange ${limitRange}가 거부합니다: ${why}`, `refused by the grading namespace's LimitRange ${limitRange}: ${why}`),
  /** An extra object refused so that the lab's own fit in the quota. */
  exceedsQuota: (quotaName: string, quota: string, asked: string) => text(
    `채점 할당량을 넘습니다 (ResourceQuota ${quotaName}: ${quota}; 이 객체까지 더하면 ${asked}): 랩의 객체가 먼저이고, 들어가지 않는 추가 객체는 적용하지 않습니다`,
    `exceeds the grading quota (ResourceQuota ${quotaName}: ${quota}; with this object: ${asked}): the lab's own objects come first, and extra objects that do not fit are not applied`,
  ),
  /** The lab's own objects alone ask for more than the quota: a warning. */
  overQuota: (quotaName: string, resource: string, hard: string, total: string) => text(
    `제출물이 채점 할당량보다 많이 요청합니다 (ResourceQuota ${quotaName}: ${resource} ${hard}; 채점용 probe Pod와 교체 중인 Pod 하나까지 ${total}): 클러스터가 넘치는 Pod를 거부합니다`,
    `the submission asks for more than the grading quota allows (ResourceQuota ${quotaName}: ${resource} ${hard}; with the grader's probe pods and one pod being replaced: ${total}): the cluster will refuse the pods beyond it`,
  ),

  // review.ts
  flagClaimedPass: (checks: readonly string[]) => text(`통과했다고 기록했지만 다시 채점하니 실패: ${checks.join(', ')}`, `claimed pass, re-graded fail: ${checks.join(', ')}`),
  flagChainBroken: (seq: number) => text(`타임라인의 해시 체인이 ${seq}번째 이벤트에서 끊겼습니다 (손으로 고친 흔적)`, `the timeline's hash chain is broken at event ${seq} (edited by hand)`),
  flagVariantEdited: (claimed: string) => text(`아카이브의 변형이 이 학생의 것이 아닙니다 (${claimed})`, `the archive's variant is not this student's (${claimed})`),
  flagOtherSeed: text('채점에 준 것과 다른 클래스 시드로 만든 아카이브입니다 (labs grade --class를 보세요)', 'the archive was made with another class seed than the one grading was given (see labs grade --class)'),
  flagOtherStudent: (claimed: string) => text(`타임라인은 학생 ${claimed}의 것입니다`, `the timeline is student ${claimed}'s`),
  flagOtherVariant: (students: readonly string[], vars: string) => text(`다른 학생의 변형과 같습니다: ${students.join(', ')} (${vars})`, `matches another student's variant: ${students.join(', ')} (${vars})`),
  flagNotOwnVariant: (vars: readonly { name: string; want: string; got: string }[]) => text(`자기 변형이 아닙니다: ${vars.map((v) => `${v.name} 기대 ${v.want}, 실제 ${v.got}`).join('; ')}`, `not the student's own variant: ${vars.map((v) => `${v.name} want ${v.want}, got ${v.got}`).join('; ')}`),
  flagLabVersion: (archive: string, grader: string) => text(`다른 버전의 랩으로 만든 아카이브입니다 (${archive}; 채점 ${grader})`, `made with another version of the lab (${archive}; grader ${grader})`),

  // submission.ts
  tooManyFiles: (max: number) => text(`매니페스트 파일이 ${max}개를 넘습니다 (학생당 한도): 이 파일부터는 읽지 않았습니다`, `more than ${max} manifest files (the cap per student): this file and the ones after it were not read`),
  cannotReadFile: (error: string) => text(`파일을 읽을 수 없습니다 (${error})`, `cannot read the file (${error})`),
  submissionTooLarge: (size: string) => text(`제출물이 ${size}를 넘습니다 (학생당 한도): 이 줄에서 넘었고, 이 파일과 그 뒤의 파일은 읽지 않았습니다`, `the submission is larger than ${size} (the cap per student): it is crossed at this line; this file and the ones after it were not read`),
  tooManyDocuments: (max: number) => text(`YAML 문서가 ${max}개를 넘습니다 (학생당 한도): 이 문서부터는 읽지 않았습니다`, `more than ${max} YAML documents (the cap per student): nothing from this one on was read`),
  tooManyObjects: (max: number) => text(`Kubernetes 객체가 ${max}개를 넘습니다 (학생당 한도): 이 객체부터는 읽지 않았습니다`, `more than ${max} Kubernetes objects (the cap per student): nothing from this one on was read`),
  cannotReadFolder: (code: string) => text(`폴더를 읽을 수 없습니다 (${code})`, `cannot read the folder (${code})`),
  tooManyEntries: (max: number) => text(`제출 폴더의 항목이 ${max}개를 넘습니다 (학생당 한도): 여기부터는 읽지 않았습니다`, `more than ${max} entries in the submission's folders (the cap per student): nothing from here on was read`),
  symlinkNotRead: text('심볼릭 링크는 읽지 않습니다 (파일 자체를 제출하세요)', 'symbolic links are not read (submit the file itself)'),
  foldersTooDeep: (depth: number) => text(`폴더가 ${depth}단계보다 깊어 읽지 않았습니다`, `folders nested deeper than ${depth} levels are not read`),
  readInternalError: (why: string) => text(`제출물을 읽다가 내부 오류가 났습니다: ${why}`, `internal error while reading the submission: ${why}`),
  noManifestFiles: text('제출물에 .yaml, .yml 또는 .json 파일이 없습니다', 'no .yaml, .yml or .json files in the submission'),

  // volumes-policy.ts
  volumeNotHostPath: (sources: readonly string[]) => text(`spec: 채점에서 PersistentVolume은 hostPath만 쓸 수 있습니다 (있는 것: ${sources.join(', ') || '없음'})`, `spec: a PersistentVolume may only be a hostPath when grading (it has: ${sources.join(', ') || 'none'})`),
  hostPathNotAbsolute: text('spec.hostPath.path: 절대 경로여야 합니다', 'spec.hostPath.path must be an absolute path'),
  hostPathType: (type: string) => text(`spec.hostPath.type ${type}: 폴더(Directory, DirectoryOrCreate)만 쓸 수 있습니다`, `spec.hostPath.type ${type}: only a folder (Directory, DirectoryOrCreate)`),
  capacityMissing: text('spec.capacity.storage: 크기가 있어야 합니다', 'spec.capacity.storage must give a size'),
  capacityTooLarge: (capacity: string, max: string) => text(`spec.capacity.storage ${capacity}: 채점에서는 ${max}까지입니다`, `spec.capacity.storage ${capacity}: at most ${max} when grading`),
  reclaimPolicy: (policy: string) => text(`spec.persistentVolumeReclaimPolicy ${policy}: Retain이나 Delete만 쓸 수 있습니다`, `spec.persistentVolumeReclaimPolicy ${policy}: only Retain or Delete`),
  claimRefNamespace: (namespace: string) => text(`spec.claimRef.namespace "${namespace}": 다른 네임스페이스의 claim입니다`, `spec.claimRef.namespace "${namespace}" is another namespace's claim`),
  nodeAffinity: text('spec.nodeAffinity: 채점기가 볼륨을 놓을 노드를 정합니다', 'spec.nodeAffinity: the grader decides where the volume is'),
  mountOptions: text('spec.mountOptions: 채점에서는 쓸 수 없습니다', 'spec.mountOptions cannot be used when grading'),
  volumesOverTotal: (total: string) => text(`PersistentVolume을 모두 더하면 채점 한도 ${total}를 넘습니다`, `the PersistentVolumes together hold more than the grading limit of ${total}`),

  // volumes.ts
  cannotMeasure: (pod: string) => text(`볼륨을 잴 수 없습니다 (${pod})`, `the volumes could not be measured (${pod})`),
  /** A claim over its size, as a sentence. */
  overuse: (claim: string, used: string, asked: string) => text(
    `PVC ${claim}의 볼륨이 ${used}를 차지합니다: 요청한 ${asked}보다 많습니다 (이 클러스터의 프로비저너는 크기를 강제하지 않습니다)`,
    `PVC ${claim} holds ${used}, more than the ${asked} it asked for (this cluster's provisioner does not enforce the size)`,
  ),
  measureFailed: (why: string) => text(`볼륨 크기를 재지 못했습니다: ${why}`, `the volumes' sizes could not be measured: ${why}`),
} as const;
