import { type FileIssue } from '../errors.ts';
import { type KubeObject } from '../model/kube.ts';
import { parseJsonPiece, parseYamlChunk, type ParsedPiece } from './kubectl/chunk.ts';
import { decodeManifestBytes } from './kubectl/decode.ts';
import { documentObjects } from './kubectl/objects.ts';
import { splitManifest } from './kubectl/stream.ts';
import { MSG } from './messages.ts';

export type { KubeObject };
export { decodeManifestBytes };

/** One object of a manifest file, with where it came from. */
export interface ManifestObject {
  object: KubeObject;
  file: string;
  /** 1-based line where the object starts (its mapping; for a list's items, the item's). */
  line: number;
}

/** How many more documents and objects the caller takes from this file; parsing stops where one runs out. */
export interface ManifestBudget {
  documents: number;
  objects: number;
}

/** Every object of a (multi-document) manifest file, and every problem with its line. */
export interface ParsedManifests {
  objects: ManifestObject[];
  issues: FileIssue[];
  /** Documents read (empty ones are not counted). */
  documents: number;
  /** Where a budget ran out, if one did: nothing at or after that line was read. */
  stopped?: { budget: keyof ManifestBudget; line: number };
}

/** Problems listed per file: a file of garbage (200 000 bad `---` lines) says so without a 40 MB report. */
export const MAX_FILE_ISSUES = 100;

/**
 * Parses a manifest file as `kubectl apply -f` reads it: the same documents, the same YAML 1.1 values (0755 is 493,
 * yes is true), lists expanded into their items. Unlike kubectl, a broken document is reported with its line and the
 * others are kept, so one typo does not hide the rest of a file. Never throws.
 */
export function parseManifests(source: string, file: string, budget: ManifestBudget = { documents: Infinity, objects: Infinity }): ParsedManifests {
  const out: ParsedManifests = { objects: [], issues: [], documents: 0 };
  let line = 1;
  try {
    for (const piece of splitManifest(source.startsWith('\uFEFF') ? source.slice(1) : source)) {
      line = piece.line;
      if (piece.kind === 'error') {
        out.issues.push({ file, line: piece.line, col: piece.col, message: piece.message });
        continue;
      }
      if (piece.kind === 'yaml' && /^([ \t]*(#.*)?\n)*$/.test(piece.text)) continue; // blank or only comments: no document
      if (out.documents >= budget.documents) {
        out.stopped = { budget: 'documents', line: piece.line };
        break;
      }
      out.documents++;
      const parsed = piece.kind === 'yaml' ? parseYamlChunk(piece.text) : parseJsonPiece(piece.text);
      const lineOf = (offset: number) => piece.line + parsed.lines.linePos(offset).line - 1;
      const colOf = (offset: number) => parsed.lines.linePos(offset).col + (piece.kind === 'json' && parsed.lines.linePos(offset).line === 1 ? piece.col - 1 : 0);
      if ('problems' in parsed) {
        for (const p of parsed.problems) out.issues.push({ file, line: lineOf(p.offset), col: colOf(p.offset), message: p.message });
        continue;
      }
      if (!collect(parsed, piece.line, lineOf, file, budget, out)) break;
    }
  } catch (e) {
    // A defect here must cost only this file: report it at the document being read.
    out.issues.push({ file, line, message: MSG.internalReadError(String(e)) });
  }
  if (out.issues.length > MAX_FILE_ISSUES) {
    const more = out.issues.length - MAX_FILE_ISSUES;
    const first = out.issues[MAX_FILE_ISSUES]!;
    out.issues = [...out.issues.slice(0, MAX_FILE_ISSUES), { file, ...(first.line ? { line: first.line } : {}), message: MSG.moreProblems(more, MAX_FILE_ISSUES) }];
  }
  return out;
}

/** Adds a document's objects (or its problems); false when the object budget ran out. */
function collect(parsed: Extract<ParsedPiece, { doc: unknown }>, pieceLine: number, lineOf: (offset: number) => number, file: string, budget: ManifestBudget, out: ParsedManifests): boolean {
  const { value, offsets } = parsed.doc;
  const where = (node: object | undefined) => {
    const offset = node ? offsets.get(node) : undefined;
    return offset === undefined ? pieceLine : lineOf(offset);
  };
  const objects = documentObjects(value);
  if (!Array.isArray(objects)) {
    out.issues.push({ file, line: where(objects.node ?? (value as object)), message: objects.problem });
    return true;
  }
  for (const o of objects) {
    const line = where(o.node);
    if ('problem' in o) {
      out.issues.push({ file, line, message: o.problem });
      continue;
    }
    if (out.objects.length >= budget.objects) {
      out.stopped = { budget: 'objects', line };
      return false;
    }
    out.objects.push({ object: o.object, file, line });
  }
  return true;
}
