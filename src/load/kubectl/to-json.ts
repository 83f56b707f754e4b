// Turns one parsed YAML document into the JSON kubectl would send, walking the syntax tree the way go-yaml v2 decodes
// into interface{} and sigs.k8s.io/yaml converts to JSON: scalars resolved as YAML 1.1 (scalar.ts), the last of
// duplicate keys wins, `<<` merges in go-yaml's order, keys become strings (yes → "true", 0755 → "493"), and an alias
// bomb stops at go-yaml's own ratio rule instead of exhausting memory.
import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { type Text } from '../../model/text.ts';
import { MSG } from '../messages.ts';
import { floatKey } from './float-key.ts';
import { resolveScalar, type Resolved } from './scalar.ts';

/** A document kubectl would refuse, with the offset (in the parsed text) of the node at fault. */
export class YamlValueError extends Error {
  constructor(readonly text: Text, readonly offset: number) {
    super(text.en);
  }
}

/** The JSON value of a document, and where each mapping of it starts in the parsed text. */
export interface JsonDocument {
  value: unknown;
  offsets: WeakMap<object, number>;
}

const INT64_MAX = 2n ** 63n - 1n;
/**
 * How deep a document may nest (mappings and lists), YAML or JSON. kubectl allows 10000 (go-yaml's and encoding/json's
 * limit); here the YAML parser runs out of stack near 800, and what comes after reading (structuredClone in the
 * policy, JSON.stringify when applying) recurses in native code and fails between 1000 and 2000 levels on Node's
 * default stack. No Kubernetes object comes near 500 levels, so deeper documents are refused where they are read,
 * YAML (counted through aliases) or JSON: nothing past reading ever sees one.
 */
export const MAX_DEPTH = 500;

/** Why a document that nests deeper than MAX_DEPTH is refused, in the words of the YAML parser's own depth error. */
export function tooDeep(format: 'YAML' | 'JSON'): Text {
  return MSG.tooDeep(format, MAX_DEPTH);
}
/** go-yaml's scanner gives up on a key when its ':' is more than 1024 characters after the key's start. */
const MAX_KEY = 1024;

/** go-yaml v2's allowed share of alias-driven decodes: 99% for small documents, down to 10% for very large ones. */
function allowedAliasRatio(decodes: number): number {
  if (decodes <= 400_000) return 0.99;
  if (decodes >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodes - 400_000) / 3_600_000);
}

const at = (n: Node | null | undefined): number => n?.range?.[0] ?? 0;

/** Which anchored node each alias names: the nearest one before it, as the document is read. */
function anchorsOf(doc: Document): Map<Alias, Node> {
  const seen = new Map<string, Node>();
  const out = new Map<Alias, Node>();
  const stack: (Node | null | undefined)[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n) continue;
    if (isAlias(n)) {
      const target = seen.get(n.source);
      if (!target) throw new YamlValueError(MSG.unknownAnchor(n.source), at(n));
      out.set(n, target);
      continue;
    }
    if (n.anchor) seen.set(n.anchor, n);
    if (isMap(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]!.value as Node, n.items[i]!.key as Node);
    else if (isSeq(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i] as Node);
  }
  return out;
}

function isMergeKey(k: unknown): boolean {
  return isScalar(k) && k.value === '<<' && ((k.type === 'PLAIN' && (k.tag === undefined || k.tag === '!')) || k.tag === 'tag:yaml.org,2002:merge');
}

/** Sets a key, even "__proto__", as plain data. */
function put(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

const WANT_MAP = () => MSG.mergeWantsMap;

class Walker {
  private decodes = 1; // the document node itself
  private aliased = 0;
  private aliasDepth = 0;
  private depth = 0;
  private readonly active = new Set<Alias>();
  readonly offsets = new WeakMap<object, number>();
  constructor(private readonly anchors: Map<Alias, Node>) {}

  /** go-yaml's bookkeeping for every node it decodes, with its alias-bomb rule. */
  private count(n: Node | null | undefined): void {
    this.decodes++;
    if (this.aliasDepth > 0) this.aliased++;
    if (this.aliased > 100 && this.decodes > 1000 && this.aliased / this.decodes > allowedAliasRatio(this.decodes)) {
      throw new YamlValueError(MSG.aliasBomb, at(n));
    }
  }

  /** Follows an alias as go-yaml does, refusing one that contains itself. */
  private through<T>(a: Alias, fn: (target: Node) => T): T {
    if (this.active.has(a)) throw new YamlValueError(MSG.anchorContainsItself(a.source), at(a));
    this.active.add(a);
    this.aliasDepth++;
    try {
      return fn(this.anchors.get(a)!);
    } finally {
      this.aliasDepth--;
      this.active.delete(a);
    }
  }

  /** A node's value; with `into`, a mapping's pairs are merged into that object (for `<<`). */
  value(n: Node | null | undefined, into?: Record<string, unknown>): unknown {
    this.count(n);
    if (isAlias(n)) return this.through(n, (t) => this.value(t, into));
    if (!isMap(n) && !isSeq(n)) return json(this.scalar(n as Scalar | null | undefined), n);
    // Counted through aliases too: a chain of anchors nests deeper than the text does.
    if (++this.depth > MAX_DEPTH) throw new YamlValueError(tooDeep('YAML'), at(n));
    try {
      return isMap(n) ? this.mapping(n, into) : n.items.map((i) => this.value(i as Node));
    } finally {
      this.depth--;
    }
  }

  private scalar(n: Scalar | null | undefined): Resolved {
    if (!n) return { type: 'null' };
    const r = resolveScalar(typeof n.value === 'string' ? n.value : String(n.source ?? ''), n.tag ?? '', n.type === 'PLAIN');
    if ('error' in r) throw new YamlValueError(MSG.tagMismatch(r.error), at(n));
    return r;
  }

  private mapping(n: YAMLMap, into?: Record<string, unknown>): Record<string, unknown> {
    const out = into ?? {};
    if (!into) this.offsets.set(out, at(n));
    for (const pair of n.items) {
      if (isMergeKey(pair.key)) {
        this.merge(pair.value as Node | null, out);
        continue;
      }
      const range = (pair.key as Node | null)?.range;
      if (range && range[1] - range[0] > MAX_KEY) throw new YamlValueError(MSG.keyTooLong(MAX_KEY), range[0]);
      const k = this.key(pair.key as Node | null);
      put(out, k, this.value(pair.value as Node | null));
    }
    return out;
  }

  private merge(v: Node | null, out: Record<string, unknown>): void {
    const isMapping = (n: Node | null | undefined) => isMap(n) || (isAlias(n) && isMap(this.anchors.get(n)));
    if (isMap(v) || isAlias(v)) {
      if (!isMapping(v)) throw new YamlValueError(WANT_MAP(), at(v));
      this.value(v, out);
    } else if (isSeq(v)) {
      // Earlier maps take precedence: go-yaml merges them last.
      for (let i = v.items.length - 1; i >= 0; i--) {
        const item = v.items[i] as Node;
        if (!isMapping(item)) throw new YamlValueError(WANT_MAP(), at(item));
        this.value(item, out);
      }
    } else {
      throw new YamlValueError(WANT_MAP(), at(v));
    }
  }

  /** A key as sigs.k8s.io/yaml writes it into JSON. */
  private key(n: Node | null): string {
    this.count(n);
    if (isAlias(n)) return this.through(n, (t) => this.key(t));
    if (isMap(n) || isSeq(n)) throw new YamlValueError(MSG.keyNotScalar, at(n));
    const r = this.scalar(n as Scalar | null);
    switch (r.type) {
      case 'null':
        throw new YamlValueError(MSG.nullKey, at(n));
      case 'int':
        if (r.value > INT64_MAX) throw new YamlValueError(MSG.intKeyTooLarge, at(n));
        return r.value.toString();
      case 'float':
        return floatKey(r.value);
      case 'bool':
        return String(r.value);
      case 'str':
        return r.value;
    }
  }
}

/** A resolved scalar as a JSON value; infinities and NaN have none, and kubectl fails on them. */
function json(r: Resolved, n: Node | null | undefined): unknown {
  switch (r.type) {
    case 'null':
      return null;
    case 'int':
      return Number(r.value);
    case 'float':
      if (!Number.isFinite(r.value)) {
        const v = Number.isNaN(r.value) ? 'NaN' : r.value > 0 ? '+Inf' : '-Inf';
        throw new YamlValueError(MSG.unsupportedFloat(v), at(n));
      }
      return r.value === 0 ? 0 : r.value; // -0 is sent as 0
    default:
      return r.value;
  }
}

/** The JSON kubectl would make of a document; throws YamlValueError where kubectl would fail. */
export function toJson(doc: Document): JsonDocument {
  const walker = new Walker(anchorsOf(doc));
  const value = walker.value(doc.contents as Node | null);
  return { value, offsets: walker.offsets };
}
