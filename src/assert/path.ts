// Field paths of declarative checks: `spec.template.spec.containers[name=mysql].livenessProbe.exec.command`,
// `spec.ports[port=6379].targetPort`, `metadata.labels['app.kubernetes.io/name']`, `items[0]`, `containers[*].image`.

/** One step of a path. */
export type Segment =
  | { key: string }
  | { index: number }
  | { all: true }
  | { where: string; is: string };

/** A path that cannot be read, and where. */
export class PathError extends Error {}

/** Parses a path; throws PathError when it is not one. */
export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new PathError(`${why} at column ${i + 1} of "${path}"`);
  };
  while (i < path.length) {
    if (path[i] === '.') {
      if (i === 0 || i === path.length - 1) fail('a dot without a field');
      i++;
      if (path[i] === '.' || path[i] === '[') fail('an empty field');
      continue;
    }
    if (path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) fail('a [ without its ]');
      const inner = path.slice(i + 1, close).trim();
      const quoted = /^'(.*)'$|^"(.*)"$/.exec(inner);
      if (quoted) out.push({ key: quoted[1] ?? quoted[2]! });
      else if (inner === '*') out.push({ all: true });
      else if (/^[0-9]+$/.test(inner)) out.push({ index: Number(inner) });
      else {
        const eq = /^([^=\s]+)\s*=\s*(?:'(.*)'|"(.*)"|(.*))$/.exec(inner);
        if (!eq) fail('a filter must be [n], [*], [\'key\'] or [field=value]');
        out.push({ where: eq![1]!, is: (eq![2] ?? eq![3] ?? eq![4] ?? '').trim() });
      }
      i = close + 1;
      continue;
    }
    const m = /^[^.[\]]+/.exec(path.slice(i));
    if (!m) fail('an unexpected character');
    out.push({ key: m![0] });
    i += m![0].length;
  }
  return out;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every value at `path` in `root` (a filter or [*] can give several; a missing field gives none). `[field=value]`
 * keeps the list items whose field, as text, is the value; on a map it is a condition on the map itself.
 */
export function valuesAt(root: unknown, path: string | Segment[]): unknown[] {
  let current: unknown[] = [root];
  for (const seg of typeof path === 'string' ? parsePath(path) : path) {
    const next: unknown[] = [];
    for (const v of current) {
      if ('key' in seg) {
        if (isMap(v) && Object.prototype.hasOwnProperty.call(v, seg.key) && v[seg.key] !== undefined && v[seg.key] !== null) next.push(v[seg.key]);
      } else if ('index' in seg) {
        if (Array.isArray(v) && seg.index < v.length) next.push(v[seg.index]);
      } else if ('all' in seg) {
        if (Array.isArray(v)) next.push(...v);
        else if (isMap(v)) next.push(...Object.values(v));
      } else {
        const hit = (x: unknown) => isMap(x) && x[seg.where] !== undefined && x[seg.where] !== null && String(x[seg.where]) === seg.is;
        if (Array.isArray(v)) next.push(...v.filter(hit));
        else if (hit(v)) next.push(v);
      }
    }
    current = next;
  }
  return current;
}
