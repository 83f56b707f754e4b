import { type ErrorCode, type LineCounter, type YAMLError } from 'yaml';
import { type FileIssue } from '../errors.ts';
import { text, type Text } from '../model/text.ts';

/** What each YAML parser error means, in Korean (the English comes from the parser itself). */
const KO: Record<ErrorCode, string> = {
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
};

/** A parser error as Text: the parser's own first line in English, its meaning in Korean. */
export function yamlErrorText(e: YAMLError): Text {
  // The parser reports running out of stack (on very deep nesting) in the words of the JavaScript engine.
  if (e.code === 'RESOURCE_EXHAUSTION') return text(`YAML: ${KO.RESOURCE_EXHAUSTION}`, 'YAML: nested too deeply to be read');
  const en = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return text(`YAML: ${KO[e.code] ?? '해석 오류'}`, `YAML: ${en}`);
}

/** A parser error as a file issue at its line and column. */
export function yamlIssue(e: YAMLError, lines: LineCounter, file: string): FileIssue {
  const pos = lines.linePos(e.pos[0]);
  return { file, line: pos.line, col: pos.col, message: yamlErrorText(e) };
}
