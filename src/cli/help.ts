import { type Command, type CommanderError, type Help } from 'commander';
import { text, type Lang, type Text } from '../model/text.ts';

/** Every description of the command line, in both languages. */
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

/** Help text with headings in the session's language (commander's own headings are English only). */
export function formatHelp(cmd: Command, helper: Help, lang: Lang): string {
  const h = HELP[lang];
  const width = helper.padWidth(cmd, helper);
  const item = (term: string, desc: string) => `  ${term.padEnd(width)}  ${desc}`;
  const out = [`${h.usage}: ${helper.commandUsage(cmd)}`, ''];
  const desc = helper.commandDescription(cmd);
  if (desc) out.push(desc, '');
  const args = helper.visibleArguments(cmd);
  if (args.length) out.push(`${h.arguments}:`, ...args.map((a) => item(helper.argumentTerm(a), a.description)), '');
  const opts = helper.visibleOptions(cmd);
  if (opts.length) {
    out.push(`${h.options}:`, ...opts.map((o) => {
      const extra = [o.argChoices ? `${h.choices}: ${o.argChoices.join(', ')}` : '', o.defaultValue !== undefined && o.defaultValue !== false ? `${h.default}: ${JSON.stringify(o.defaultValue)}` : ''].filter(Boolean).join('; ');
      return item(helper.optionTerm(o), `${o.description}${extra ? ` (${extra})` : ''}`);
    }), '');
  }
  const cmds = helper.visibleCommands(cmd);
  if (cmds.length) out.push(`${h.commands}:`, ...cmds.map((c) => item(helper.subcommandTerm(c), c.description())), '');
  return `${out.join('\n')}\n`;
}

/** A commander usage error in both languages, with what to do. */
export function translateCommanderError(e: CommanderError): { message: Text; hint: Text } {
  const m = e.message.replace(/^error: /, '');
  const hint = text('`labs --help` 또는 `labs <명령> --help`로 사용법을 보세요.', 'See `labs --help` or `labs <command> --help`.');
  const q = (re: RegExp) => re.exec(m)?.slice(1) ?? [];
  switch (e.code) {
    case 'commander.missingArgument': {
      const [arg] = q(/argument '([^']+)'/);
      return { message: text(`필수 인자 '${arg}'가 없습니다`, `missing required argument '${arg}'`), hint };
    }
    case 'commander.optionMissingArgument': {
      const [opt] = q(/option '([^']+)'/);
      return { message: text(`옵션 '${opt}'에 값이 없습니다`, `option '${opt}' needs a value`), hint };
    }
    case 'commander.unknownOption': {
      const [opt] = q(/option '([^']+)'/);
      return { message: text(`알 수 없는 옵션 '${opt}'`, `unknown option '${opt}'`), hint };
    }
    case 'commander.unknownCommand': {
      const [cmd] = q(/command '([^']+)'/);
      return { message: text(`알 수 없는 명령 '${cmd}'`, `unknown command '${cmd}'`), hint };
    }
    case 'commander.excessArguments':
      return { message: text('인자가 너무 많습니다', 'too many arguments'), hint };
    case 'commander.invalidArgument': {
      const [opt, value, choices] = q(/option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.+)\.$/);
      if (opt) return { message: text(`옵션 '${opt}'의 값 '${value}'는 쓸 수 없습니다. 선택지: ${choices}`, `option '${opt}': '${value}' is not allowed. Allowed choices are ${choices}`), hint };
      return { message: text(`잘못된 값: ${m}`, m), hint };
    }
    default:
      return { message: text(`명령줄 오류: ${m}`, m), hint };
  }
}
