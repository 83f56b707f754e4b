// Per-student variables, the pure part: {{var <name>}} in strings, and the places in a manifest a variable sets.
// No I/O here: the loader validates sites against the files, the runner renders manifests with them.

const VAR = /\{\{\s*var\s+([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Every {{var <name>}} in a string, by name. */
export function varNames(s: string): string[] {
  return [...s.matchAll(VAR)].map((m) => m[1]!);
}

/** `s` with each {{var <name>}} replaced by its value; names without a value are left as they are. */
export function fillVars(s: string, vars: Readonly<Record<string, string>>): string {
  return s.replace(VAR, (whole, name: string) => vars[name] ?? whole);
}

/** Every string in `x` (arrays and plain objects, deeply) with {{var <name>}} filled. */
export function fillVarsDeep<T>(x: T, vars: Readonly<Record<string, string>>): T {
  if (typeof x === 'string') return fillVars(x, vars) as T;
  if (Array.isArray(x)) return x.map((v) => fillVarsDeep(v, vars)) as T;
  if (typeof x === 'object' && x !== null) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, fillVarsDeep(v, vars)])) as T;
  return x;
}

/** One step of a site's path: a key, a list index, or the first list item whose `key` is `value`. */
export type SiteSegment = { key: string } | { index: number } | { where: string; is: string };

/** A site path could not be read. */
export class SitePathError extends Error {}

/** Parses `spec.template.spec.containers[name=mysql].env[0].value` into segments. */
export function parseSitePath(path: string): SiteSegment[] {
  const out: SiteSegment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[([^=\]]+)=([^\]]*)\]|(\.)/g;
  let last = 0;
  for (const m of path.matchAll(re)) {
    if (m.index !== last) throw new SitePathError(`unexpected "${path.slice(last, m.index)}" at ${last + 1}`);
    last = m.index + m[0].length;
    if (m[1] !== undefined) out.push({ key: m[1] });
    else if (m[2] !== undefined) out.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) out.push({ where: m[3], is: m[4]! });
  }
  if (last !== path.length || out.length === 0 || !('key' in out[0]!)) throw new SitePathError(`cannot read "${path}"`);
  return out;
}

/** The concrete keys and indexes a site path leads to in `obj`, or undefined where it leads nowhere. */
export function resolveSite(obj: unknown, path: string): (string | number)[] | undefined {
  const keys: (string | number)[] = [];
  let at: unknown = obj;
  for (const seg of parseSitePath(path)) {
    if ('key' in seg) {
      if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
      keys.push(seg.key);
      at = (at as Record<string, unknown>)[seg.key];
    } else {
      if (!Array.isArray(at)) return undefined;
      const i = 'index' in seg ? seg.index : at.findIndex((x) => typeof x === 'object' && x !== null && String((x as Record<string, unknown>)[seg.where]) === seg.is);
      if (i < 0 || i >= at.length) return undefined;
      keys.push(i);
      at = at[i];
    }
  }
  return at === undefined ? undefined : keys;
}

/** The value at concrete keys. */
export function valueAtKeys(obj: unknown, keys: readonly (string | number)[]): unknown {
  let at = obj;
  for (const k of keys) at = typeof at === 'object' && at !== null ? (at as Record<string | number, unknown>)[k] : undefined;
  return at;
}

/** Sets the value at concrete keys (they must exist). */
export function setAtKeys(obj: unknown, keys: readonly (string | number)[], value: unknown): void {
  let at = obj as Record<string | number, unknown>;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[keys[keys.length - 1]!] = value;
}

/**
 * The value a site's field gets: its template with the variables filled, a number when the field held a number
 * (a port, a replica count) and the result reads as one.
 */
export function siteValue(template: string, vars: Readonly<Record<string, string>>, was: unknown): unknown {
  const v = fillVars(template, vars);
  return typeof was === 'number' && /^-?\d+$/.test(v) ? Number(v) : v;
}

/** What a template is filled to, read back: the variable's value in a field, or undefined when the field does not fit the template. */
export function readBack(template: string, name: string, field: unknown): string | undefined {
  if (field === undefined || field === null || typeof field === 'object') return undefined;
  const parts = template.split(new RegExp(`\\{\\{\\s*var\\s+${name}\\s*\\}\\}`));
  if (parts.length !== 2) return undefined;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^${esc(parts[0]!)}(.*)${esc(parts[1]!)}$`, 's').exec(String(field));
  return m?.[1];
}
