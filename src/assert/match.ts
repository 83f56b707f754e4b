import { ABSENT, PRESENT } from '../check/outcome.ts';
import { sameQuantity } from '../k8s/quantity.ts';
import { MATCHERS, type Matcher } from '../model/assert.ts';
import { type Value } from '../model/check.ts';

/** What one matcher made of the values at a path: whether it holds, and what to show when it does not. */
export interface Verdict {
  ok: boolean;
  want: Value;
  got: Value;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Equality as an author means it: a number and the same number as text are equal (placeholders give text). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => same(a[k], b[k]));
  }
  const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
  return scalar(a) && scalar(b) && (typeof a === 'string' || typeof b === 'string') && String(a) === String(b);
}

/** Whether `item` has every field `want` names, with the same values (maps: recursively; anything else: equal). */
export function partial(item: unknown, want: unknown): boolean {
  if (isMap(want)) return isMap(item) && Object.entries(want).every(([k, v]) => partial(item[k], v));
  return same(item, want);
}

/** A value as a mismatch shows it: scalars as they are, lists item by item, maps in flow style. */
export function toValue(x: unknown): Value {
  if (x === undefined || x === null) return ABSENT;
  if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return x;
  if (Array.isArray(x)) return x.map(toValue);
  if (isMap(x)) return `{${Object.entries(x).map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`).join(', ')}}`;
  return String(x);
}

/** The single value a path gave: none, the one, or the list of several. */
export function single(found: readonly unknown[]): unknown {
  return found.length === 0 ? undefined : found.length === 1 ? found[0] : [...found];
}

/** How many values a path gave: the items of a list it points at, else the values themselves. */
function howMany(found: readonly unknown[]): number {
  return found.length === 1 && Array.isArray(found[0]) ? found[0].length : found.length;
}

const asText = (v: unknown) => (Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(' ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? ''));

/** The one matcher field a matcher sets. */
export function matcherName(m: Matcher): (typeof MATCHERS)[number] | undefined {
  return MATCHERS.find((k) => (m as Record<string, unknown>)[k] !== undefined);
}

/** Applies a matcher (its wants already filled in) to the values found at a path. */
export function apply(m: Matcher, found: readonly unknown[]): Verdict {
  const v = single(found);
  const got = toValue(v);
  switch (matcherName(m)) {
    case 'equals':
      return { ok: v !== undefined && same(v, m.equals), want: toValue(m.equals), got };
    case 'oneOf':
      return { ok: v !== undefined && m.oneOf!.some((w) => same(v, w)), want: { oneOf: m.oneOf!.map(toValue) }, got };
    case 'quantity':
      return { ok: sameQuantity(v, m.quantity), want: toValue(m.quantity), got };
    case 'present':
      return { ok: v !== undefined, want: PRESENT, got: v === undefined ? ABSENT : got };
    case 'absent':
      return { ok: v === undefined, want: ABSENT, got };
    case 'contains': {
      const wants = Array.isArray(m.contains) ? m.contains : [m.contains];
      const ok = Array.isArray(v) ? wants.every((w) => v.some((item) => partial(item, w))) : typeof v === 'string' ? wants.every((w) => v.includes(String(w))) : v !== undefined && wants.every((w) => partial(v, w));
      return { ok, want: { contains: toValue(m.contains) }, got };
    }
    case 'exactly': {
      const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
      const left = [...list];
      const ok = list.length === m.exactly!.length && m.exactly!.every((w) => {
        const i = left.findIndex((x) => same(x, w));
        return i >= 0 && left.splice(i, 1).length === 1;
      });
      return { ok, want: { anyOrder: m.exactly!.map(toValue) }, got: list.map(toValue) };
    }
    case 'count': {
      const n = howMany(found);
      const c = m.count!;
      const ok = typeof c === 'number' ? n === c : (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max);
      return { ok, want: { count: c }, got: { count: n } };
    }
    case 'matches':
      return { ok: v !== undefined && new RegExp(m.matches!).test(asText(v)), want: { matches: m.matches! }, got };
    case 'not': {
      const inner = apply(m.not!, found);
      return { ok: !inner.ok, want: { not: inner.want }, got };
    }
    default:
      return { ok: false, want: PRESENT, got };
  }
}
