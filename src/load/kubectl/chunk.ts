// Parses one piece of a manifest file (a YAML chunk between `---` lines, or one JSON value) into its JSON document,
// or the problems kubectl would have with it, each at an offset in the piece.
import { LineCounter, parseAllDocuments, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { type Text } from '../../model/text.ts';
import { MSG } from '../messages.ts';
import { yamlErrorText } from '../yaml-errors.ts';
import { MAX_DEPTH, toJson, tooDeep, YamlValueError, type JsonDocument } from './to-json.ts';

/** A parsed piece: its document, and how to turn offsets in it into lines. */
export type ParsedPiece = { doc: JsonDocument; lines: LineCounter } | { problems: { offset: number; message: Text }[]; lines: LineCounter };

/** Characters go-yaml's reader refuses ("control characters are not allowed"). */
const CONTROL = /[^\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]/;
/** The first line with something on it: a directive there has no `---` after it once kubectl has cut the file. */
const FIRST_CONTENT = /^(?:[ \t]*(?:#.*)?\n)*(%)/;

// Every scalar stays text (scalar.ts resolves it as go-yaml would); explicit !!binary, !!timestamp… too.
const OPTIONS = { schema: 'failsafe', resolveKnownTags: false, uniqueKeys: false, prettyErrors: false, strict: false } as const;

/** Parses a YAML chunk as kubectl would its first document (kubectl ignores anything after a `...` in a chunk). */
export function parseYamlChunk(chunk: string): ParsedPiece {
  const lines = new LineCounter();
  const control = CONTROL.exec(chunk);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return { lines: countLines(chunk, lines), problems: [{ offset: control.index, message: MSG.controlCharacter(code) }] };
  }
  const directive = FIRST_CONTENT.exec(chunk);
  if (directive) {
    return { lines: countLines(chunk, lines), problems: [{ offset: directive.index + directive[0].length - 1, message: MSG.directiveAlone }] };
  }
  const docs = parseAllDocuments(chunk, { ...OPTIONS, lineCounter: lines });
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (!doc) return { doc: { value: null, offsets: new WeakMap() }, lines };
  if (doc.errors.length > 0) return { lines, problems: doc.errors.map((e) => ({ offset: e.pos[0], message: yamlErrorText(e) })) };
  try {
    return { doc: toJson(doc), lines };
  } catch (e) {
    if (e instanceof YamlValueError) return { lines, problems: [{ offset: e.offset, message: e.text }] };
    throw e;
  }
}

/**
 * Parses one JSON value (already checked by JSON.parse); the YAML parser only supplies where each mapping starts.
 * A value nested deeper than MAX_DEPTH is refused at the bracket that crosses it, as a YAML document is.
 */
export function parseJsonPiece(json: string): ParsedPiece {
  const lines = new LineCounter();
  const deep = tooDeepAt(json);
  if (deep !== undefined) return { lines: countLines(json, lines), problems: [{ offset: deep, message: tooDeep('JSON') }] };
  const value = JSON.parse(json) as unknown;
  const offsets = new WeakMap<object, number>();
  const doc = parseDocument(json, { ...OPTIONS, lineCounter: lines });
  if (doc.errors.length === 0) attach(value, doc.contents as Node | null, offsets);
  return { doc: { value, offsets }, lines };
}

/** Records, for each mapping of `value`, where the matching YAML node starts (the last of duplicate keys wins, as in JSON.parse). */
function attach(value: unknown, node: Node | null, offsets: WeakMap<object, number>): void {
  const stack: [unknown, Node | null][] = [[value, node]];
  while (stack.length > 0) {
    const [v, n] = stack.pop()!;
    if (typeof v !== 'object' || v === null || !n) continue;
    if (Array.isArray(v) && isSeq(n)) v.forEach((x, i) => stack.push([x, n.items[i] as Node]));
    else if (!Array.isArray(v) && isMap(n)) {
      offsets.set(v, n.range?.[0] ?? 0);
      const seen = new Set<string>();
      for (const p of [...n.items].reverse()) {
        const k = isScalar(p.key) ? String(p.key.value) : undefined;
        if (k === undefined || seen.has(k)) continue;
        seen.add(k);
        stack.push([(v as Record<string, unknown>)[k], p.value as Node]);
      }
    }
  }
}

/** Where a JSON text first nests deeper than MAX_DEPTH (the offset of that bracket), by one pass over its characters. */
function tooDeepAt(json: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote, over escapes.
      for (i++; i < json.length && json.charCodeAt(i) !== 0x22; i++) if (json.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return undefined;
}

function countLines(s: string, lines: LineCounter): LineCounter {
  lines.addNewLine(0);
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}
