import { type ErrorCode, type LineCounter, type YAMLError } from 'yaml';
import { type FileIssue } from '../errors.ts';
import { type Text } from '../model/text.ts';
import { MSG, YAML_ERRORS_KO } from './messages.ts';

/** What each YAML parser error means, in Korean (the English comes from the parser itself); every code has one. */
const KO: Record<ErrorCode, string> = YAML_ERRORS_KO;

/** A parser error as Text: the parser's own first line in English, its meaning in Korean. */
export function yamlErrorText(e: YAMLError): Text {
  // The parser reports running out of stack (on very deep nesting) in the words of the JavaScript engine.
  if (e.code === 'RESOURCE_EXHAUSTION') return MSG.yamlTooDeep(KO.RESOURCE_EXHAUSTION);
  const en = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return MSG.yamlError(KO[e.code], en);
}

/** A parser error as a file issue at its line and column. */
export function yamlIssue(e: YAMLError, lines: LineCounter, file: string): FileIssue {
  const pos = lines.linePos(e.pos[0]);
  return { file, line: pos.line, col: pos.col, message: yamlErrorText(e) };
}
