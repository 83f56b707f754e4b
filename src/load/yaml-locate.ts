import { isNode, LineCounter, parseDocument, type Document } from 'yaml';

/** A YAML document with what is needed to turn a dotted path into a line and column. */
export interface LocatedDoc {
  doc: Document;
  lines: LineCounter;
}

/** Parses one YAML document, keeping positions. */
export function parseLocated(source: string): LocatedDoc {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { doc, lines };
}

/**
 * Line and column (1-based) of the value at `path`, or of its nearest ancestor that exists,
 * so a missing key points at the object that should hold it.
 */
export function locate(located: LocatedDoc, path: readonly PropertyKey[]): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = located.doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      const pos = located.lines.linePos(node.range[0]);
      return { line: pos.line, col: pos.col };
    }
  }
  return { line: 1, col: 1 };
}
