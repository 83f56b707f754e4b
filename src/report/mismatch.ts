import { type Evidence, type Mismatch, type Value } from '../model/check.ts';
import { type Lang } from '../model/text.ts';
import { MISMATCH_WORDS as WORDS } from './messages.ts';

/** A value as shown to a person, in the session's language. */
export function renderValue(v: Value, lang: Lang): string {
  const w = WORDS[lang];
  if (Array.isArray(v)) return `[${v.map((x) => renderValue(x, lang)).join(', ')}]`;
  if (typeof v !== 'object' || v === null) return String(v);
  if ('absent' in v) return w.absent;
  if ('present' in v) return w.present;
  if ('not' in v) return `≠ ${renderValue(v.not, lang)}`;
  if ('atLeast' in v) return `≥ ${v.atLeast}`;
  if ('oneOf' in v) return v.oneOf.map((x) => renderValue(x, lang)).join(' | ');
  if ('contains' in v) return `${w.contains} ${renderValue(v.contains, lang)}`;
  if ('matches' in v) return `${w.matches} /${v.matches}/`;
  if ('anyOrder' in v) return `${renderValue(v.anyOrder, lang)} (${w.anyOrder})`;
  if ('count' in v) {
    const c = v.count;
    if (typeof c === 'number') return `${w.count} ${c}`;
    return `${w.count} ${c.min !== undefined && c.max !== undefined ? `${c.min}–${c.max}` : c.min !== undefined ? `≥ ${c.min}` : `≤ ${c.max}`}`;
  }
  return `> ${v.after} (${v.of} ${w.after})`;
}

/** One mismatch on one line: `Kind/name field.path: want X, got Y`. */
export function renderMismatch(m: Mismatch, lang: Lang): string {
  const w = WORDS[lang];
  return `${m.object}${m.path ? ` ${m.path}` : ''}: ${w.want} ${renderValue(m.want, lang)}, ${w.got} ${renderValue(m.got, lang)}`;
}

/** The evidence of a failure as lines: events, then log lines, per pod. */
export function renderEvidence(evidence: Evidence[], lang: Lang): string[] {
  const w = WORDS[lang];
  // The cluster's own words are quoted as they are: they are evidence, not labs' sentences.
  const quoted = (l: string) => {
    const m = /^(\w+): (.*)$/.exec(l);
    return m ? `${m[1]} "${m[2]}"` : `"${l}"`;
  };
  return evidence.flatMap((e) => [...e.events.map((l) => `${e.pod} ${w.events}: ${quoted(l)}`), ...e.log.map((l) => `${e.pod} ${w.log}: "${l}"`)]);
}

/** The kinds whose names a controller generates (a Deployment's ReplicaSets and pods, a Job's pods). */
const GENERATED = /^(Pod|ReplicaSet|Job)\//;

/** What reports group failures by: the object without a generated suffix (only where a controller makes the name), and the path. */
export function mismatchKey(m: Mismatch): string {
  const object = GENERATED.test(m.object) ? m.object.replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}$/, '-*').replace(/-[a-z0-9]{5}$/, '-*') : m.object;
  return `${object} ${m.path}`;
}
