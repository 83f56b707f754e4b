// The words of the load room (reading labs, their check files, variables and manifests, and kubectl's reading of them).
// A translator edits this file alone.
import { text, type Text } from '../model/text.ts';

export const MSG = {
  // check-file.ts
  checkIdMismatch: (id: string, fileName: string) => text(`체크 id "${id}"가 파일 이름 "${fileName}"와 다릅니다`, `check id "${id}" does not match its file name "${fileName}"`),
  noSuchCheck: (id: string) => text(`랩에 "${id}" 체크가 없습니다`, `the lab has no check "${id}"`),
  /** {{recall <check>.…}} names a check of a later step. */
  checkRunsLater: (id: string) => text(`"${id}"는 더 뒤의 단계에서 실행되어 아직 기억한 것이 없습니다`, `"${id}" runs in a later step: it has remembered nothing yet`),
  oneTargetPerAssert: text('assert마다 대상이 하나여야 합니다: object, objects, podsOf, probe, volumeFile 중 하나', 'each assert needs exactly one target: object, objects, podsOf, probe or volumeFile'),
  /** Also load-labs.ts: a patch of an unknown kind. */
  unknownKind: (kind: string) => text(`labs가 모르는 kind "${kind}"입니다`, `labs does not know the kind "${kind}"`),
  noSuchProbeInLab: (probe: string) => text(`lab.yaml의 probes에 "${probe}"가 없습니다`, `no probe "${probe}" under probes in lab.yaml`),
  answerWithProbeOnly: text('answer는 probe와 volumeFile에만 씁니다', 'answer goes with a probe or a volumeFile only'),
  volumeFileAnswerOrAbsent: text('volumeFile에는 answer나 absent를 쓰세요 (expect, ready, remember는 객체에 씁니다)', 'give a volumeFile an answer or absent (expect, ready and remember are for objects)'),
  volumeFileNotBoth: text('volumeFile에는 answer와 absent 중 하나만 쓰세요', 'give a volumeFile either an answer or absent, not both'),
  /** Also load-labs.ts: a writeVolume path with "..". */
  pathOutsideVolume: text('볼륨 밖을 가리키는 경로입니다 (..)', 'the path leads outside the volume (..)'),
  probeGetsAnswer: text('probe에는 answer를 쓰세요 (expect, ready, absent는 객체에 씁니다)', 'give a probe an answer (expect, ready and absent are for objects)'),
  oneMatcherPerExpectation: (matchers: readonly string[]) => text(`기대마다 비교가 하나여야 합니다: ${matchers.join(', ')} 중 하나`, `each expectation needs exactly one matcher: one of ${matchers.join(', ')}`),
  /** Also variables.ts: a site's path. */
  unreadablePath: (why: string) => text(`경로를 읽을 수 없습니다: ${why}`, `cannot read the path: ${why}`),
  logNeedsPods: text('$.log는 Pod의 로그입니다: podsOf나 kind Pod인 대상에 쓰세요', '$.log is a pod\'s log: use it with podsOf, or a target of kind Pod'),
  noSuchValueInLab: (name: string | undefined, placeholder: string) => text(`lab.yaml의 values에 "${name}"가 없습니다 (${placeholder})`, `no value "${name}" under values in lab.yaml (${placeholder})`),
  noSuchVariableInLab: (name: string | undefined, placeholder: string) => text(`lab.yaml의 variables에 "${name}"가 없습니다 (${placeholder})`, `no variable "${name}" under variables in lab.yaml (${placeholder})`),
  unknownPlaceholder: (placeholder: string) => text(`알 수 없는 자리표시자 ${placeholder}`, `unknown placeholder ${placeholder}`),
  badRegex: (why: string) => text(`정규식이 잘못되었습니다: ${why}`, `not a regular expression: ${why}`),

  // kubectl/chunk.ts
  controlCharacter: (code: string) => text(`YAML에 쓸 수 없는 제어 문자(U+${code})가 있습니다: 파일이 깨졌거나 텍스트 파일이 아닙니다`, `control characters are not allowed (U+${code}): the file is damaged or not text`),
  /** A %YAML/%TAG directive at the top of a chunk, left alone once kubectl has cut the file at "---". */
  directiveAlone: text('%YAML/%TAG 지시문 뒤에는 "---"가 와야 하는데, kubectl은 "---" 줄에서 파일을 먼저 나누므로 지시문만 남아 거부됩니다: 지시문을 지우세요', 'a %YAML/%TAG directive needs "---" after it, but kubectl cuts files at "---" lines first and refuses the directive left alone: remove it'),

  // kubectl/objects.ts
  /** What a JSON value is (and what a field must be), for messages. */
  aNull: text('null', 'null'),
  aList: text('목록', 'a list'),
  aBoolean: (v: boolean) => text(`불리언 ${v}`, `the boolean ${v}`),
  aNumber: (v: number) => text(`숫자 ${v}`, `the number ${v}`),
  aString: text('문자열', 'a string'),
  aMapping: text('매핑', 'a mapping'),
  anInteger: text('정수', 'an integer'),
  aListOfStrings: text('문자열 목록', 'a list of strings'),
  aMappingOfStrings: text('문자열 매핑', 'a mapping of strings'),
  /** A field of the wrong JSON type (often a YAML value that is not text unquoted). */
  wrongType: (path: string, want: Text, got: Text) => text(`${path}: ${want.ko}이어야 하는데 ${got.ko}입니다; 글자로 쓰려면 따옴표로 감싸세요 (예: "yes", "1.0")`, `${path} must be ${want.en}, not ${got.en}; quote it to make it text (e.g. "yes", "1.0")`),
  missingKind: text('kind가 없습니다 (예: "kind: Service")', 'missing kind (e.g. "kind: Service")'),
  missingApiVersion: text('apiVersion이 없습니다 (예: "apiVersion: v1")', 'missing apiVersion (e.g. "apiVersion: v1")'),
  missingName: (kind: string) => text(`${kind}: metadata.name이 없습니다`, `${kind}: missing metadata.name`),
  /** A document that is not a mapping. */
  notAnObject: (got: Text) => text(`Kubernetes 객체는 apiVersion, kind, metadata를 가진 매핑이어야 합니다 (지금은 ${got.ko})`, `a Kubernetes object must be a mapping with apiVersion, kind and metadata (this is ${got.en})`),
  listWithoutKind: text('items가 있는 목록에 kind가 없습니다 (예: "kind: List")', 'a list (it has items) needs a kind (e.g. "kind: List")'),
  listInList: (i: number) => text(`items[${i}]: 목록 안의 목록은 kubectl이 펼치지 않고 거부합니다`, `items[${i}]: kubectl refuses a list inside a list`),
  itemMissingField: (i: number, field: string) => text(`items[${i}]: ${field} 필드가 없습니다 (kubectl은 목록 전체를 거부합니다)`, `items[${i}]: missing ${field} (kubectl refuses the whole list)`),

  // kubectl/stream.ts
  jsonSyntaxError: (problem: string) => text(`JSON 문법 오류: ${problem}`, `JSON syntax error: ${problem}`),
  /** A "---" line followed by more than spaces or a comment. */
  badSeparator: (line: string) => text(`"---" 줄에는 공백이나 주석만 올 수 있습니다 (kubectl은 이 파일을 거부합니다): 내용은 다음 줄로 옮기세요`, `invalid document separator "${line}": only spaces or a comment may follow "---" (kubectl refuses the file); put the content on the next line`),

  // kubectl/to-json.ts
  tooDeep: (format: string, maxDepth: number) => text(`${format}: 너무 깊게 중첩되어 있어 읽을 수 없습니다 (${maxDepth}단계 초과)`, `${format}: nested too deeply to be read (more than ${maxDepth} levels)`),
  unknownAnchor: (anchor: string) => text(`정의되지 않은 앵커('${anchor}')를 가리키는 별칭(*)입니다`, `unknown anchor '${anchor}' referenced`),
  mergeWantsMap: text('병합 키(<<)의 값은 매핑이거나 매핑의 목록이어야 합니다', 'map merge requires map or sequence of maps as the value'),
  aliasBomb: text('별칭(*)이 너무 많이 펼쳐집니다 (별칭 폭탄): kubectl도 이 문서를 거부합니다', 'document contains excessive aliasing (an alias bomb); kubectl refuses it too'),
  anchorContainsItself: (anchor: string) => text(`앵커('${anchor}')의 값이 자기 자신을 담고 있습니다`, `anchor '${anchor}' value contains itself`),
  /** A scalar's explicit tag does not fit its value; the English is the resolver's own words. */
  tagMismatch: (error: string) => text(`YAML 태그와 값이 맞지 않습니다: ${error}`, error),
  keyTooLong: (max: number) => text(`키가 ${max}자보다 깁니다`, `a key longer than ${max} characters (kubectl: mapping values are not allowed in this context)`),
  keyNotScalar: text('매핑이나 목록은 키로 쓸 수 없습니다', 'invalid map key: a mapping or a sequence cannot be a key'),
  nullKey: text('빈 키(~, null)는 JSON 키가 될 수 없어 kubectl이 거부합니다 (문자열이면 따옴표로 감싸세요)', 'a null key (~ or null) cannot become a JSON key, so kubectl refuses it (quote it if it is text)'),
  intKeyTooLarge: text('정수 키가 너무 커서 kubectl이 거부합니다', 'an integer key this large (uint64) is refused by kubectl'),
  /** +Inf, -Inf or NaN, which JSON cannot hold. */
  unsupportedFloat: (value: string) => text(`${value} 값은 JSON으로 나타낼 수 없어 kubectl이 거부합니다 (글자라면 따옴표로 감싸세요)`, `json: unsupported value: ${value} (kubectl refuses it; quote it if it is text)`),

  // lab-files.ts
  noSuchFileOrFolder: (path: string) => text(`${path}: 그런 파일이나 폴더가 없습니다`, `${path}: no such file or folder`),
  giveALabFolder: text('랩 폴더, lab.yaml, 또는 랩들이 든 폴더를 주세요.', 'Give a lab folder, a lab.yaml, or a folder of labs.'),

  // load-labs.ts
  labIdTwice: (id: string, otherFile: string) => text(`랩 id "${id}"는 ${otherFile}의 id이기도 합니다`, `lab id "${id}" is also the id of ${otherFile}`),
  noSuchLab: (id: string) => text(`"${id}" 랩이 없습니다`, `no lab "${id}"`),
  /** Hint for a lab id that is not there. */
  knownLabs: (ids: readonly string[]) => text(`있는 랩: ${ids.join(', ')}. \`labs list\`로 보세요.`, `Known labs: ${ids.join(', ')}. Run \`labs list\`.`),
  manifestNotInLabDir: (name: string, dir: string) => text(`매니페스트 "${name}"이(가) ${dir}에 없습니다`, `manifest "${name}" not found in ${dir}`),
  stepIdTwice: (id: string) => text(`단계 id "${id}"가 두 번 쓰였습니다`, `step id "${id}" is used twice`),
  noSuchProbe: (probe: string) => text(`probes에 "${probe}"가 없습니다`, `no probe "${probe}" under probes`),
  checkRunsTwice: (id: string, step: string | undefined) => text(`체크 "${id}"는 이미 "${step}" 단계에서 실행됩니다`, `check "${id}" already runs in step "${step}"`),
  noCheckFile: (id: string, lab: string) => text(`체크 "${id}"가 없습니다: checks/${lab}/${id}.yaml 또는 .ts (또는 lab.yaml 옆의 checks/${id}.yaml, .ts)가 있어야 합니다`, `no check "${id}": expected checks/${lab}/${id}.yaml or .ts (or checks/${id}.yaml or .ts beside lab.yaml)`),

  // manifests.ts
  internalReadError: (error: string) => text(`이 파일을 읽다가 내부 오류가 났습니다: ${error}`, `internal error while reading this file: ${error}`),
  moreProblems: (more: number, shown: number) => text(`이 파일에는 문제가 ${more}개 더 있습니다 (앞의 ${shown}개만 보여 줍니다)`, `${more} more problems in this file are not listed (only the first ${shown} are)`),

  // variables.ts
  noSuchVariable: (name: string) => text(`variables에 "${name}"가 없습니다 ({{var ${name}}})`, `no variable "${name}" under variables ({{var ${name}}})`),
  minOverMax: text('min이 max보다 큽니다', 'min is greater than max'),
  valueMustHoldVar: (name: string) => text(`value에 {{var ${name}}}가 있어야 합니다`, `value must hold {{var ${name}}}`),
  manifestNotFound: (file: string) => text(`매니페스트 "${file}"이(가) 없습니다`, `manifest "${file}" not found`),
  noObjectInFile: (file: string, object: string) => text(`${file}에 ${object}가 없습니다`, `${file} has no ${object}`),
  noPathInObject: (file: string, object: string, path: string) => text(`${file}의 ${object}에 ${path}가 없습니다`, `${object} in ${file} has no ${path}`),
  /** A variable's site does not hold the value the defaults give (`holds` is its JSON). */
  siteNotDefault: (object: string, path: string, holds: string, want: string) => text(`${object} ${path}의 값이 ${holds}입니다: 기본값으로는 "${want}"여야 합니다 (기본 변형은 시드의 파일 그대로입니다)`, `${object} ${path} holds ${holds}: with the defaults it must be "${want}" (the default variant is the seed's file as it is)`),

  // yaml-errors.ts
  /** The parser's words in English, their meaning in Korean (YAML_ERRORS_KO, below). */
  yamlError: (meaning: string | undefined, parserLine: string) => text(`YAML: ${meaning ?? '해석 오류'}`, `YAML: ${parserLine}`),
  /** The parser ran out of stack: its English is the JavaScript engine's, so it has its own. */
  yamlTooDeep: (meaning: string) => text(`YAML: ${meaning}`, 'YAML: nested too deeply to be read'),
} as const;

/** yaml-errors.ts: what each YAML parser error means, in Korean (the English comes from the parser itself), by the parser's error code. */
export const YAML_ERRORS_KO = {
  ALIAS_PROPS: '별칭(*)에는 태그나 앵커를 붙일 수 없습니다',
  BAD_ALIAS: '정의되지 않은 앵커를 가리키는 별칭(*)입니다',
  BAD_DIRECTIVE: '잘못된 YAML 지시문(%)입니다',
  BAD_DQ_ESCAPE: '큰따옴표 문자열 안의 이스케이프(\\)가 잘못되었습니다',
  BAD_INDENT: '들여쓰기가 맞지 않습니다',
  BAD_PROP_ORDER: '앵커와 태그는 값 앞에 와야 합니다',
  BAD_SCALAR_START: '값이 쓸 수 없는 문자로 시작합니다 (따옴표로 감싸세요)',
  BLOCK_AS_IMPLICIT_KEY: '블록 값은 키로 쓸 수 없습니다',
  BLOCK_IN_FLOW: '{ } 나 [ ] 안에는 블록 값을 쓸 수 없습니다',
  DUPLICATE_KEY: '같은 키가 두 번 나옵니다',
  IMPOSSIBLE: 'YAML을 해석할 수 없습니다',
  KEY_OVER_1024_CHARS: '키가 1024자보다 깁니다',
  MISSING_CHAR: '닫는 문자(따옴표, 괄호 등)가 빠졌습니다',
  MULTILINE_IMPLICIT_KEY: '키가 여러 줄에 걸쳐 있습니다 (들여쓰기나 콜론을 확인하세요)',
  MULTIPLE_ANCHORS: '한 값에 앵커(&)가 둘 이상입니다',
  MULTIPLE_DOCS: '문서가 하나여야 하는 곳에 여러 문서가 있습니다',
  MULTIPLE_TAGS: '한 값에 태그(!)가 둘 이상입니다',
  NON_STRING_KEY: '키는 문자열이어야 합니다',
  RESOURCE_EXHAUSTION: '너무 깊게 중첩되어 있어 읽을 수 없습니다',
  TAB_AS_INDENT: '들여쓰기에 탭을 쓸 수 없습니다 (공백을 쓰세요)',
  TAG_RESOLVE_FAILED: '태그(!)를 해석할 수 없습니다',
  UNEXPECTED_TOKEN: '예상하지 못한 기호가 있습니다',
  BAD_COLLECTION_TYPE: '이 태그는 이런 값에 쓸 수 없습니다',
} as const;
