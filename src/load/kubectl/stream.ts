// How kubectl cuts a file into documents (k8s.io/apimachinery's YAMLOrJSONDecoder): a file whose first non-space
// character (within 4 KiB) is `{` is read as a stream of JSON values; if the first or second value is not valid JSON,
// the rest is read as YAML from there. YAML is cut at lines that start with `---`, before any YAML parsing; a `---`
// line followed by anything but spaces or a comment is an error. Lines lose their `\r`.
import { type Text } from '../../model/text.ts';
import { MSG } from '../messages.ts';

/** One piece of a manifest file: a YAML chunk, a JSON value, or a line kubectl refuses. */
export type Piece =
  | { kind: 'yaml'; text: string; line: number }
  | { kind: 'json'; text: string; line: number; col: number }
  | { kind: 'error'; line: number; col: number; message: Text };

/** Go's unicode.IsSpace, which kubectl uses to skip leading space. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const JSON_SPACE = /[ \t\n\r]/;
const SNIFF_BYTES = 4096;

/** 1-based line and column of offsets, asked for in increasing order (one pass over the text in all). */
function positions(s: string): (offset: number) => { line: number; col: number } {
  let line = 1;
  let start = 0;
  return (offset) => {
    for (let i = s.indexOf('\n', start); i !== -1 && i < offset; i = s.indexOf('\n', i + 1)) {
      line++;
      start = i + 1;
    }
    return { line, col: offset - start + 1 };
  };
}

/** Whether kubectl takes the stream for JSON: `{` after leading space, within the bytes it peeks at. */
function looksLikeJson(s: string): boolean {
  let i = 0;
  while (i < s.length && GO_SPACE.test(s[i]!)) i++;
  return s[i] === '{' && Buffer.byteLength(s.slice(0, i)) < SNIFF_BYTES;
}

/** The end of the JSON value starting at `i`, by brackets and strings; JSON.parse judges the rest. */
function jsonEnd(s: string, i: number): number {
  if (s[i] !== '{' && s[i] !== '[') {
    let j = i;
    if (s[j] === '"') {
      for (j++; j < s.length && s[j] !== '"'; j++) if (s[j] === '\\') j++;
      return Math.min(j + 1, s.length);
    }
    while (j < s.length && !JSON_SPACE.test(s[j]!) && !',:]}[{"'.includes(s[j]!)) j++;
    return j;
  }
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j]!;
    if (c === '"') {
      for (j++; j < s.length && s[j] !== '"'; j++) if (s[j] === '\\') j++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (--depth === 0) return j + 1;
    }
  }
  return s.length;
}

function jsonError(slice: string): string | undefined {
  try {
    JSON.parse(slice);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Cuts a decoded manifest file into pieces as kubectl does. Never throws. */
export function* splitManifest(source: string): Generator<Piece> {
  let from = 0;
  const position = positions(source);
  if (looksLikeJson(source)) {
    let count = 0;
    for (;;) {
      let i = from;
      while (i < source.length && JSON_SPACE.test(source[i]!)) i++;
      if (i >= source.length) return;
      const end = jsonEnd(source, i);
      const slice = source.slice(i, end);
      const problem = jsonError(slice);
      if (problem === undefined) {
        yield { kind: 'json', text: slice, ...position(i) };
        count++;
        from = end;
        continue;
      }
      if (count > 1) {
        yield { kind: 'error', ...position(i), message: MSG.jsonSyntaxError(problem) };
        return;
      }
      // Not JSON after all: kubectl reads the rest as YAML, after the space up to the end of this line.
      while (from < source.length && GO_SPACE.test(source[from]!)) if (source[from++] === '\n') break;
      break;
    }
  }
  yield* yamlChunks(source, from, position(from).line);
}

function* yamlChunks(source: string, from: number, firstLine: number): Generator<Piece> {
  let line = firstLine;
  let chunk: string[] = [];
  let start = line;
  const flush = function* (): Generator<Piece> {
    if (chunk.length > 0) yield { kind: 'yaml', text: `${chunk.join('\n')}\n`, line: start };
    chunk = [];
  };
  for (let i = from; i < source.length; line++) {
    const nl = source.indexOf('\n', i);
    const raw = nl === -1 ? source.slice(i) : source.slice(i, nl);
    const l = nl !== -1 && raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    i = nl === -1 ? source.length : nl + 1;
    if (!l.startsWith('---')) {
      chunk.push(l);
      continue;
    }
    const after = l.slice(3).trim();
    if (after && !after.startsWith('#')) {
      yield* flush();
      yield { kind: 'error', line, col: 1, message: MSG.badSeparator(l.slice(0, 40)) };
    } else {
      yield* flush();
    }
    start = line + 1;
  }
  yield* flush();
}
