import { LineCounter, parseAllDocuments } from 'yaml';
import { type FileIssue } from '../errors.ts';
import { type KubeObject } from '../model/kube.ts';
import { text, type Text } from '../model/text.ts';
import { yamlIssue } from './yaml-errors.ts';

export type { KubeObject };


/** One object of a manifest file, with where it came from. */
export interface ManifestObject {
  object: KubeObject;
  file: string;
  /** 1-based line where the document starts. */
  line: number;
}

/** Every object of a (multi-document) manifest file, and every problem with its line. */
export interface ParsedManifests {
  objects: ManifestObject[];
  issues: FileIssue[];
}

/**
 * Parses a manifest file of one or more YAML documents. A broken document is reported and skipped;
 * the others are kept, so one typo does not hide the rest of a file.
 */
export function parseManifests(source: string, file: string): ParsedManifests {
  const lines = new LineCounter();
  const docs = parseAllDocuments(source, { lineCounter: lines, prettyErrors: false });
  const out: ParsedManifests = { objects: [], issues: [] };
  if (!Array.isArray(docs)) return out; // an empty stream
  for (const doc of docs) {
    const start = lines.linePos(doc.contents?.range?.[0] ?? doc.range[0]).line;
    if (doc.errors.length > 0) {
      for (const e of doc.errors) out.issues.push(yamlIssue(e, lines, file));
      continue;
    }
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue; // an empty document, e.g. after a trailing ---
    const problem = objectProblem(value);
    if (problem) {
      out.issues.push({ file, line: start, col: 1, message: problem });
      continue;
    }
    out.objects.push({ object: value as KubeObject, file, line: start });
  }
  return out;
}

function objectProblem(value: unknown): Text | undefined {
  if (typeof value !== 'object' || Array.isArray(value)) return text('Kubernetes 객체는 apiVersion, kind, metadata를 가진 매핑이어야 합니다', 'a Kubernetes object must be a mapping with apiVersion, kind and metadata');
  const v = value as Record<string, unknown>;
  if (typeof v.apiVersion !== 'string' || !v.apiVersion) return text('apiVersion이 없습니다 (예: "apiVersion: v1")', 'missing apiVersion (e.g. "apiVersion: v1")');
  if (typeof v.kind !== 'string' || !v.kind) return text('kind가 없습니다 (예: "kind: Service")', 'missing kind (e.g. "kind: Service")');
  const md = v.metadata as Record<string, unknown> | undefined;
  if (typeof md !== 'object' || md === null || typeof md.name !== 'string' || !md.name) {
    return text(`${v.kind}: metadata.name이 없습니다`, `${v.kind}: missing metadata.name`);
  }
  return undefined;
}
