// The words of src/cli (the commands, their help, the interactive prompts, interruption and error lines).
// A translator edits this file alone: the code of the room refers to it.
import { text } from '../model/text.ts';

export const MSG = {
  // commands/check.ts
  /** `labs check` with no saved progress: it walks the steps in order. */
  checkNoSavedProgress: text('저장된 진행 상황이 없어 1단계부터 차례로, 통과하지 않는 첫 단계까지 체크합니다.', 'No saved progress: checking the steps in order, up to the first that does not pass.'),
  checkCurrentStep: (n: number, total: number, step: string) => text(`진행 중인 ${n}/${total}단계 "${step}"를 체크합니다 (다른 단계는 --step).`, `Checking step ${n}/${total} "${step}", the one you are on (--step for another).`),
  checkLastStep: (n: number, total: number, step: string) => text(`랩을 마쳤으므로 마지막 ${n}/${total}단계 "${step}"를 체크합니다 (다른 단계는 --step).`, `The lab is done: checking its last step ${n}/${total} "${step}" (--step for another).`),
  noSuchCheck: (lab: string, id: string) => text(`랩 ${lab}에 "${id}" 체크가 없습니다`, `lab ${lab} has no check "${id}"`),
  knownChecks: (checks: string) => text(`체크: ${checks}.`, `Checks: ${checks}.`),
  /** `--step` (check) or `--from` (start) names a step the lab does not have. */
  noSuchStep: (lab: string, step: string) => text(`랩 ${lab}에 "${step}" 단계가 없습니다`, `lab ${lab} has no step "${step}"`),
  knownSteps: (steps: string) => text(`단계: ${steps}.`, `Steps: ${steps}.`),
  timeoutNotSeconds: (value: string) => text(`--timeout은 초 단위 숫자여야 합니다: "${value}"`, `--timeout must be a number of seconds, not "${value}"`),

  // commands/down.ts
  noClusterToDelete: text('labs가 만든 클러스터가 없습니다 (이미 지웠을 수 있습니다). 직접 만든 클러스터는 건드리지 않습니다.', 'labs has not created a cluster (or already deleted it); nothing to delete. Clusters you made yourself are never touched.'),
  clusterDeleted: (cluster: string) => text(`kind 클러스터 "${cluster}"와 kubeconfig 컨텍스트 kind-${cluster}를 지웠습니다.`, `deleted kind cluster "${cluster}" and its kubeconfig context kind-${cluster}.`),

  // commands/grade.ts
  notPositiveInteger: (flag: string, value: string) => text(`${flag}는 1 이상의 정수여야 합니다: "${value}"`, `${flag} must be a whole number of at least 1, not "${value}"`),
  outNotWritable: (out: string, why: string) => text(`결과 폴더 ${out}에 쓸 수 없습니다: ${why}`, `cannot write to the results folder ${out}: ${why}`),
  outNotWritableHint: text('--out으로 쓸 수 있는 폴더를 주세요.', 'Give a folder you can write to with --out.'),
  submissionsNotFolder: (dir: string) => text(`${dir}: 폴더가 아닙니다`, `${dir}: not a folder`),
  submissionsNotFolderHint: text('학생마다 <학생-id>/ 폴더가 든 폴더를 주세요.', 'Give the folder that holds one <student-id>/ folder per student.'),
  /** `--parallel` above 1 on a cluster without NetworkPolicy, and no `--allow-shared-network`. */
  networkNotIsolated: text('이 클러스터는 NetworkPolicy를 강제하지 않아, 동시에 채점하는 학생들이 서로의 Pod에 닿을 수 있습니다', 'this cluster does not enforce NetworkPolicy, so students graded at the same time could reach each other\'s pods'),
  networkNotIsolatedHint: text('--parallel 1로 하나씩 채점하거나, 위험을 알고 --allow-shared-network를 주세요.', 'Grade one at a time with --parallel 1, or accept the risk with --allow-shared-network.'),
  sharedNetworkWarning: text('주의: 이 클러스터는 NetworkPolicy를 강제하지 않습니다. 학생들 사이의 네트워크가 격리되지 않습니다.', 'Warning: this cluster does not enforce NetworkPolicy; students are not isolated from each other on the network.'),
  networkPolicyUnknown: text('주의: NetworkPolicy 강제 여부를 확인하지 못했습니다.', 'Warning: could not find out whether this cluster enforces NetworkPolicy.'),
  /** The last line of `labs grade`. */
  gradedSummary: (graded: number, total: number, out: string) => text(`${total}명 중 ${graded}명 채점; 보고서는 ${out}/ (gradebook.csv, report.md, report.html, junit.xml, results.json)`, `graded ${graded} of ${total}; reports in ${out}/ (gradebook.csv, report.md, report.html, junit.xml, results.json)`),

  // commands/images.ts
  /** `labs images` without a subcommand. */
  imagesWhatToDo: text('무엇을 할지 정하세요: labs images save [<랩>…] -o <아카이브>', 'say what to do: labs images save [<lab>…] -o <archive>'),
  imagesWhatToDoHint: text('`labs images save --help`를 보세요.', 'See `labs images save --help`.'),
  imagesNoOutput: text('쓸 아카이브를 주세요: -o <파일>', 'give the archive to write: -o <file>'),
  imagesNoOutputHint: text('예: labs images save -o labs-images.tar', 'For example: labs images save -o labs-images.tar'),
  imagesSaved: (file: string, count: number, size: string, pulled: readonly string[], lab: string) => text(
    `${file}: 이미지 ${count}개, ${size}${pulled.length ? ` (받은 이미지: ${pulled.join(', ')})` : ''}. 쓰는 법: labs start ${lab} --images ${file}`,
    `${file}: ${count} image(s), ${size}${pulled.length ? ` (pulled: ${pulled.join(', ')})` : ''}. Use it with: labs start ${lab} --images ${file}`,
  ),

  // commands/schema.ts
  schemaWritten: (file: string) => text(`${file}에 썼습니다`, `wrote ${file}`),

  // commands/smoke.ts
  studentNeedsSeed: text('--student에는 클래스 시드가 필요합니다', '--student needs a class seed'),
  studentNeedsSeedHint: text('--class <파일> 또는 LABS_CLASS_SEED를 주세요.', 'Give --class <file> or set LABS_CLASS_SEED.'),
  namespaceNotDeleted: (namespace: string, why: string) => text(`네임스페이스 ${namespace}를 지우지 못했습니다: ${why}`, `could not delete namespace ${namespace}: ${why}`),

  // commands/start.ts
  interactiveNeedsTerminal: text('대화형 모드는 터미널이 필요합니다', 'interactive mode needs a terminal'),
  interactiveNeedsTerminalHint: text('터미널에서 실행하거나, --auto로 labs가 각 단계를 수행하게 하세요.', 'Run it in a terminal, or add --auto to let labs perform each step.'),
  badStudentId: (id: string) => text(`"${id}"는 학생 id가 될 수 없습니다 (영문자, 숫자, . _ -; 63자 이하)`, `"${id}" cannot be a student id (letters, digits, . _ -; at most 63)`),
  namespaceCreated: (namespace: string) => text(`네임스페이스 ${namespace}가 없어서 만들었습니다. 명령은 이 네임스페이스용으로 보여 줍니다.`, `Namespace ${namespace} did not exist, so labs created it; the commands shown are for this namespace.`),
  /** `--student` differs from the student the saved progress belongs to. */
  progressOfOtherStudent: (student: string) => text(`이 진행 상황은 학생 ${student}의 것입니다`, `this progress is student ${student}'s`),
  progressOfOtherStudentHint: text('처음부터 하려면 --restart, 다른 학생이면 --namespace로 다른 네임스페이스를 쓰세요.', 'Use --restart to start over, or another --namespace for another student.'),
  seedNeedsStudent: text('클래스 시드가 있으면 --student <id>도 있어야 합니다', 'a class seed needs --student <id> too'),
  seedNeedsStudentHint: text('강사가 준 학생 id를 --student로 주세요.', 'Give the student id your instructor gave you with --student.'),
  studentVariant: (student: string | undefined, variant: string) => text(`학생 ${student}의 변형: ${variant}`, `Student ${student}'s variant: ${variant}`),
  defaultVariant: (variant: string) => text(`클래스 시드가 없어 기본 변형(시드의 값)입니다: ${variant}`, `No class seed: the default variant (the seed's values): ${variant}`),
  labAlreadyDone: text('이 랩은 이미 끝났습니다. 처음부터 하려면 --restart, 특정 단계부터는 --from <단계>.', 'This lab is already done. Use --restart to start over, or --from <step>.'),
  resuming: (n: number, total: number, step: string) => text(`저장된 진행 상황에서 이어서 ${n}/${total}단계 "${step}"부터 시작합니다.`, `Resuming at step ${n}/${total} "${step}" (saved progress).`),

  // commands/submit.ts
  noStudentId: (lab: string, namespace: string) => text(`${namespace}의 ${lab} 진행 상황에 학생 id가 없습니다`, `the progress of ${lab} in ${namespace} has no student id`),
  noStudentIdHint: (lab: string) => text(`먼저 \`labs start ${lab} --student <id> --class <파일>\`로 랩을 하세요 (다른 네임스페이스였다면 --namespace).`, `Walk the lab first with \`labs start ${lab} --student <id> --class <file>\` (--namespace if it was another namespace).`),
  /** A lab graded step by step (gradeApply: steps): the kept objects of each graded step, and those made since. */
  submittingStepSnapshots: (step: string, at: string) => text(`채점되는 단계마다 통과했을 때의 객체를 냅니다 (마지막: "${step}", ${at}); 그 뒤에 만든 객체도 함께 냅니다.`, `Submitting the objects as they stood when each graded step passed (the last: "${step}", ${at}), and any made since.`),
  /** The namespace is empty after the clean-up steps: the objects kept when the last graded step passed. */
  submittingLastSnapshot: (namespace: string, step: string, at: string) => text(`네임스페이스 ${namespace}에 객체가 없어 (정리 단계 뒤), 채점되는 마지막 단계 "${step}"가 통과했을 때(${at})의 객체를 냅니다.`, `Namespace ${namespace} holds no objects (after the clean-up steps): submitting them as they stood when the last graded step "${step}" passed (${at}).`),
  nothingToSubmit: (namespace: string) => text(`네임스페이스 ${namespace}에 낼 객체가 없습니다`, `nothing to submit: namespace ${namespace} holds none of your objects`),
  nothingToSubmitHint: text('랩의 객체를 만든 뒤 (정리 단계 전에) 다시 내세요.', 'Create the lab\'s objects, then submit (before the clean-up steps).'),
  archiveNotWritable: (file: string, why: string) => text(`${file}에 쓸 수 없습니다: ${why}`, `cannot write ${file}: ${why}`),
  archiveNotWritableHint: text('-o로 쓸 수 있는 곳을 주세요.', 'Give a writable place with -o.'),
  /** The lines `labs submit` prints about the archive it wrote, in this order. */
  submitWrote: (file: string, bytes: number) => text(`제출 아카이브를 썼습니다: ${file} (${bytes} 바이트)`, `Wrote the submission archive ${file} (${bytes} bytes)`),
  submitStudent: (student: string) => text(`  학생: ${student}`, `  student: ${student}`),
  /** The student's variant, described; undefined without a class seed. */
  submitVariant: (variant: string | undefined) => text(`  변형: ${variant ?? '기본 (클래스 시드 없음)'}`, `  variant: ${variant ?? 'the default (no class seed)'}`),
  submitLab: (lab: string, version: string) => text(`  랩: ${lab} (버전 ${version})`, `  lab: ${lab} (version ${version})`),
  submitObjects: (count: number, objects: string) => text(`  객체 ${count}개: ${objects}`, `  ${count} objects: ${objects}`),
  /** brokenAt: the event where the timeline's hash chain breaks; undefined when it is intact. */
  submitTimeline: (events: number, brokenAt: number | undefined) => text(`  타임라인: 이벤트 ${events}개, 해시 체인 ${brokenAt === undefined ? '온전함' : `${brokenAt}번째에서 끊김`}`, `  timeline: ${events} events, hash chain ${brokenAt === undefined ? 'intact' : `broken at event ${brokenAt}`}`),
  submitNoSecrets: text('  Secret: 없음', '  Secrets: none'),
  submitSecretsIncluded: (count: number) => text(`  Secret ${count}개: 이 랩이 요구하므로(lab.yaml submit.secrets: include) 값이 들어 있습니다`, `  ${count} Secret(s): values included, because this lab asks for them (submit.secrets: include in lab.yaml)`),
  submitSecretsHashed: (count: number) => text(`  Secret ${count}개: 값은 빼고 키와 각 값의 SHA-256만 넣었습니다 (값이 필요한 랩은 lab.yaml에 submit.secrets: include를 둡니다)`, `  ${count} Secret(s): values left out, only their keys and each value's SHA-256 (a lab that needs them sets submit.secrets: include in lab.yaml)`),
  submitHandIn: text('  강사에게 이 파일 하나를 내세요.', '  Hand this one file to your instructor.'),

  // commands/validate.ts
  noLabFiles: (path: string) => text(`${path} 아래에 lab.yaml이 없습니다`, `no lab.yaml under ${path}`),
  noLabFilesHint: text('랩은 lab.yaml과 그 매니페스트가 든 폴더입니다.', 'A lab is a folder with a lab.yaml and its manifests.'),
  labFilesHaveProblems: (bad: number, total: number) => text(`랩 파일 ${total}개 중 ${bad}개에 문제가 있습니다. 위 줄을 고친 뒤 \`labs validate\`를 다시 실행하세요.`, `${bad} of ${total} lab file(s) have problems; fix the lines above, then run \`labs validate\` again.`),

  // help.ts
  /** The hint under every command-line usage error. */
  seeHelp: text('`labs --help` 또는 `labs <명령> --help`로 사용법을 보세요.', 'See `labs --help` or `labs <command> --help`.'),
  missingArgument: (arg: string | undefined) => text(`필수 인자 '${arg}'가 없습니다`, `missing required argument '${arg}'`),
  optionNeedsValue: (option: string | undefined) => text(`옵션 '${option}'에 값이 없습니다`, `option '${option}' needs a value`),
  unknownOption: (option: string | undefined) => text(`알 수 없는 옵션 '${option}'`, `unknown option '${option}'`),
  unknownCommand: (command: string | undefined) => text(`알 수 없는 명령 '${command}'`, `unknown command '${command}'`),
  tooManyArguments: text('인자가 너무 많습니다', 'too many arguments'),
  choiceNotAllowed: (option: string, value: string | undefined, choices: string | undefined) => text(`옵션 '${option}'의 값 '${value}'는 쓸 수 없습니다. 선택지: ${choices}`, `option '${option}': '${value}' is not allowed. Allowed choices are ${choices}`),
  /** An invalid argument commander describes in its own (English) words. */
  invalidValue: (message: string) => text(`잘못된 값: ${message}`, message),
  /** Any other command-line error, in commander's own (English) words. */
  commandLineError: (message: string) => text(`명령줄 오류: ${message}`, message),
} as const;

// commands/doctor.ts: the label before each fix
export const DOCTOR_FIX = { ko: '해결', en: 'fix' } as const;

// commands/list.ts: the label before each lab's steps
export const LIST_STEPS = { ko: '단계', en: 'steps' } as const;

// help.ts: every description of the command line, and the headings of help
export const HELP = {
  ko: {
    program: 'Kubernetes 부트캠프 랩: 단계별로 랩을 진행하고, 단계마다 클러스터를 체크합니다.',
    version: '버전을 보여 줍니다', help: '도움말을 보여 줍니다', helpCommand: '명령의 도움말을 보여 줍니다',
    lang: '안내와 메시지의 언어', context: 'labs kind 클러스터 대신 이 kubeconfig 컨텍스트를 씁니다', kubeconfig: 'kubeconfig 파일 (기본: $KUBECONFIG 또는 ~/.kube/config)',
    list: '랩 목록', validate: '랩 파일을 스키마와 파일 간 규칙으로 검사합니다', validatePath: '랩 폴더, lab.yaml, 또는 랩들이 든 폴더 (기본: 함께 들어 있는 랩)',
    start: '랩을 단계별로 진행합니다 (--auto가 없으면 대화형)', labArg: '랩 id (예: week3-day3/redis-statefulset) 또는 랩 폴더',
    auto: '각 단계의 정답을 labs가 직접 수행합니다', from: '이 단계부터 시작합니다', namespace: '쓸 네임스페이스 (기본: 랩의 것; 없으면 만듭니다)', restart: '저장된 진행 상황을 지우고 처음부터 합니다',
    check: '지금 클러스터 상태로 랩의 체크를 실행합니다', step: '이 단계의 체크만', timeout: '실패한 체크를 이 시간(초)까지 다시 봅니다',
    smoke: '각 랩의 정답을 새 네임스페이스에서 실행하고 체크합니다 (CI용)', labsArg: '랩 id들 (기본: 전부)', junit: 'JUnit XML을 여기에 씁니다', json: 'JSON 결과를 여기에 씁니다',
    timings: '단계마다 클러스터 자체의 시간과 labs의 시간을 보여 줍니다', keep: '끝난 뒤 네임스페이스를 남깁니다',
    grade: '학생 제출물 폴더를 채점합니다 (학생마다 폴더 하나)', submissions: '<학생-id>/ 폴더들이 든 폴더', parallel: '동시에 채점할 제출물 수', out: '결과와 보고서를 쓸 곳',
    keepFailed: '점수를 잃은 제출물의 네임스페이스를 남깁니다', regrade: '이미 결과가 있는 학생도 다시 채점합니다', dryRun: '클러스터 없이 읽기와 정책만 적용해 무엇이 적용·거부될지 보여 줍니다',
    sharedNetwork: 'NetworkPolicy를 강제하지 않는 클러스터에서도 --parallel > 1을 허용합니다', submissionTimeout: '제출물 하나의 제한 시간(초)', checkTimeout: '실패한 체크를 다시 보는 최대 시간(초)',
    doctor: 'docker, kind, kubectl, 클러스터, StorageClass, 랩 이미지를 검사하고 해결 방법을 알려 줍니다', down: 'labs가 만든 kind 클러스터만 지웁니다',
    schema: 'lab.yaml의 JSON Schema를 출력합니다', write: 'schema/lab.schema.json과 schema/check.schema.json에 씁니다', schemaCheck: '선언형 체크(checks/<랩>/<id>.yaml)의 JSON Schema를 출력합니다',
    explain: '클러스터 없이, 체크가 무엇을 보고 무엇을 기대하는지 보여 줍니다 (랩 작성자용)',
    images: '`labs images save`로 쓴 이미지 아카이브를 첫 단계 전에 kind 클러스터에 넣습니다 (오프라인 교실용)', imagesCmd: '랩이 쓰는 컨테이너 이미지 (오프라인 교실용)',
    imagesSave: '랩들의 매니페스트와 프로브가 쓰는 이미지를 모두 아카이브 하나에 씁니다 (docker save 형식; docker에 없는 이미지는 받습니다)', imagesLabs: '랩 id들 (기본: 전부)', output: '쓸 아카이브 파일',
    student: '학생 id: 진행 상황에 기억되고, 클래스 시드와 함께 이 학생의 변형(자기 값)을 정합니다', classFile: '강사가 준 클래스 파일 (seed: 클래스 시드, students: 학생 id 목록); 없으면 $LABS_CLASS_SEED',
    submit: '클러스터에 있는 내 객체, 타임라인, 학생 id, 변형, 랩 버전을 제출 아카이브 하나에 씁니다', submitOutput: '쓸 아카이브 파일 (기본: <학생>-<랩>.labs.tgz)',
    usage: '사용법', arguments: '인자', options: '옵션', commands: '명령', default: '기본값', choices: '선택지',
  },
  en: {
    program: 'Kubernetes bootcamp labs: walk a lab step by step, with checks of your cluster after each step.',
    version: 'print the version', help: 'show help', helpCommand: 'show help for a command',
    lang: 'language of instructions and messages', context: 'use this existing kubeconfig context instead of the labs kind cluster', kubeconfig: 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)',
    list: 'list the labs', validate: 'check lab files against the schema and cross-file rules', validatePath: 'a lab folder, a lab.yaml, or a folder of labs (default: the bundled labs)',
    start: 'walk a lab step by step (interactive unless --auto)', labArg: 'lab id, e.g. week3-day3/redis-statefulset, or a lab folder',
    auto: 'let labs perform each step\'s solution', from: 'start at this step', namespace: 'namespace to use (default: the lab\'s; created when missing)', restart: 'forget saved progress and start from the first step',
    check: 'run a lab\'s checks against the cluster as it is', step: 'only this step\'s checks', timeout: 'keep looking at failing checks this long (seconds)',
    smoke: 'run every lab\'s reference solution in a fresh namespace and check it (for CI)', labsArg: 'lab ids (default: all)', junit: 'write JUnit XML here', json: 'write JSON results here',
    timings: 'show per step the cluster\'s own time and labs\' time', keep: 'keep the namespaces afterwards',
    grade: 'grade a folder of student submissions (one folder per student)', submissions: 'folder holding <student-id>/ folders of YAML files', parallel: 'grade this many submissions at once', out: 'where results and reports go',
    keepFailed: 'keep the namespaces of submissions that lost points', regrade: 'grade students that already have a result', dryRun: 'without a cluster: read every submission, apply the policy, and show what would be applied or refused',
    sharedNetwork: 'allow --parallel > 1 on a cluster that does not enforce NetworkPolicy', submissionTimeout: 'deadline for one submission (seconds)', checkTimeout: 'longest a failing check is looked at (seconds)',
    doctor: 'check docker, kind, kubectl, the cluster, its StorageClasses and the labs\' images, with the fix for each', down: 'delete the kind cluster labs created, and nothing else',
    schema: 'print the JSON Schema of lab.yaml', write: 'write it and the check schema to schema/lab.schema.json and schema/check.schema.json', schemaCheck: 'print the JSON Schema of a declarative check (checks/<lab>/<id>.yaml)',
    explain: 'without a cluster: show what this check looks at and expects (for lab authors)',
    images: 'load this image archive (from `labs images save`) into the kind cluster before the first step (for offline classrooms)', imagesCmd: 'the container images the labs run (for offline classrooms)',
    imagesSave: 'write every image the labs\' manifests and probes run into one archive (docker save format; images docker lacks are pulled)', imagesLabs: 'lab ids (default: all)', output: 'the archive file to write',
    student: 'student id: remembered with the progress; with the class seed it picks this student\'s variant (their own values)', classFile: 'the class file from the instructor (seed: the class seed, students: the student ids); $LABS_CLASS_SEED when absent',
    submit: 'write your objects as they stand in the cluster, your timeline, student id, variant and the lab version into one submission archive', submitOutput: 'the archive to write (default: <student>-<lab>.labs.tgz)',
    usage: 'Usage', arguments: 'Arguments', options: 'Options', commands: 'Commands', default: 'default', choices: 'choices',
  },
} as const;

// interactive.ts: the prompts of `labs start`
export const INTERACTIVE_WORDS = {
  ko: {
    commands: '입력할 명령',
    done: '다 했으면 Enter, 그만하려면 q: ',
    menu: '[r] 다시 확인  [h] 더 자세한 힌트  [s] 정답 보기  [k] 건너뛰기  [q] 저장하고 끝내기: ',
    solution: '정답',
    apply: '이 파일을 적용합니다',
    saved: '진행 상황을 저장했습니다. 같은 명령으로 이어서 할 수 있습니다.',
    look: '다음으로 볼 것',
  },
  en: {
    commands: 'Commands to type',
    done: 'Press Enter when done, q to quit: ',
    menu: '[r] retry  [h] more help  [s] show solution  [k] skip  [q] save and quit: ',
    solution: 'Solution',
    apply: 'apply this file',
    saved: 'Progress saved; run the same command to carry on.',
    look: 'Look at next',
  },
} as const;

// interrupt.ts: the lines of the first and the second Ctrl-C
export const INTERRUPT_LINES = {
  ko: { first: '중단합니다. 저장된 진행 상황은 그대로입니다 (한 번 더 누르면 바로 끝냅니다).', second: '바로 끝냅니다.' },
  en: { first: 'Stopping; saved progress is kept (press Ctrl-C again to quit at once).', second: 'Quitting now.' },
} as const;

// main.ts: the words around an error
export const MAIN_WORDS = {
  ko: { hint: '힌트', bug: '예상하지 못한 오류입니다. labs의 버그이니 위 내용을 함께 알려 주세요.', unexpected: '예상하지 못한 오류' },
  en: { hint: 'hint', bug: 'This is a bug in labs; please report it with the lines above.', unexpected: 'unexpected error' },
} as const;
