import { type RawLabelSelector } from './raw.ts';

// Label selectors as Kubernetes reads them: the object form of workloads (matchLabels and matchExpressions,
// metav1.LabelSelectorAsSelector) and the string form of kubectl's -l (labels.Parse).

/** One requirement of a selector: `key op values`. */
export interface Requirement {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values: string[];
}

/** A selector that matches nothing: what Kubernetes makes of a missing selector. */
export const NOTHING: readonly Requirement[] | undefined = undefined;

/**
 * The requirements of an object-form selector. A missing selector selects nothing (undefined); an empty one
 * ({}) selects everything (no requirements), as metav1.LabelSelectorAsSelector has it. An operator Kubernetes
 * does not know makes the selector select nothing (the API server refuses such an object anyway).
 */
export function requirementsOf(sel: RawLabelSelector | null | undefined): Requirement[] | undefined {
  if (sel === null || sel === undefined || typeof sel !== 'object') return undefined;
  const out: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) out.push({ key, op: 'In', values: [String(value)] });
  for (const e of sel.matchExpressions ?? []) {
    if (!e || typeof e.key !== 'string') return undefined;
    const op = e.operator;
    if (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist') return undefined;
    out.push({ key: e.key, op, values: (e.values ?? []).map(String) });
  }
  return out;
}

/** Whether labels satisfy requirements (undefined requirements: nothing matches). */
export function matchesRequirements(reqs: readonly Requirement[] | undefined, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (!reqs) return false;
  return reqs.every((r) => {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? labels![r.key]! : undefined;
    switch (r.op) {
      case 'In':
        return has && r.values.includes(v!);
      case 'NotIn':
        return !has || !r.values.includes(v!);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      case 'Gt':
      case 'Lt': {
        // labels.Requirement: both sides read as 64-bit integers; a label that is not one never matches.
        if (!has || !/^-?[0-9]+$/.test(v!)) return false;
        const n = BigInt(v!);
        const bound = BigInt(r.values[0]!);
        return r.op === 'Gt' ? n > bound : n < bound;
      }
    }
  });
}

/** Whether labels match an object-form selector (a missing selector matches nothing). */
export function selectorMatches(sel: RawLabelSelector | null | undefined, labels: Readonly<Record<string, string>> | undefined): boolean {
  return matchesRequirements(requirementsOf(sel), labels);
}

/**
 * The requirements of a kubectl-style selector string: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`,
 * `!a`, joined by commas. An empty string selects everything. Undefined when it cannot be parsed.
 */
export function parseSelector(s: string): Requirement[] | undefined {
  const out: Requirement[] = [];
  let rest = s.trim();
  while (rest.length > 0) {
    let m: RegExpExecArray | null;
    if ((m = /^([^\s,!=()<>]+)\s+(in|notin)\s*\(([^)]*)\)\s*/.exec(rest))) {
      // An empty value in the set is a value: `app in (web,)` also matches app="".
      out.push({ key: m[1]!, op: m[2] === 'in' ? 'In' : 'NotIn', values: m[3]!.split(',').map((v) => v.trim()) });
    } else if ((m = /^([^\s,!=()<>]+)\s*([<>])\s*(-?[0-9]+)\s*/.exec(rest))) {
      out.push({ key: m[1]!, op: m[2] === '>' ? 'Gt' : 'Lt', values: [m[3]!] });
    } else if ((m = /^([^\s,!=()<>]+)\s*(!=|==|=)\s*([^\s,!=()<>]*)\s*/.exec(rest))) {
      // `a!=b` is NotIn (a pod without the label matches too), as labels.Parse reads it.
      out.push({ key: m[1]!, op: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]!] });
    } else if ((m = /^!\s*([^\s,!=()<>]+)\s*/.exec(rest))) {
      out.push({ key: m[1]!, op: 'DoesNotExist', values: [] });
    } else if ((m = /^([^\s,!=()<>]+)\s*/.exec(rest))) {
      out.push({ key: m[1]!, op: 'Exists', values: [] });
    } else {
      return undefined;
    }
    rest = rest.slice(m[0].length);
    if (rest.startsWith(',')) {
      rest = rest.slice(1).trimStart();
      // A comma needs a requirement after it.
      if (rest.length === 0) return undefined;
    } else if (rest.length > 0) return undefined;
  }
  return out;
}

/** Whether labels match a kubectl-style selector string (an empty or missing one matches everything, as `-l ''` does). */
export function matchesSelector(labels: Readonly<Record<string, string>> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  return matchesRequirements(parseSelector(selector), labels);
}

/** A selector as the student would type it after -l (`app=mysql,tier in (db)`), for messages. */
export function formatSelector(reqs: readonly Requirement[] | undefined): string {
  if (!reqs) return '(nothing)';
  return reqs
    .map((r) => {
      switch (r.op) {
        case 'In':
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
        case 'NotIn':
          return `${r.key} notin (${r.values.join(',')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        case 'Gt':
          return `${r.key}>${r.values[0]}`;
        case 'Lt':
          return `${r.key}<${r.values[0]}`;
      }
    })
    .join(',');
}
