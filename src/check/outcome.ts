import { type Check, type CheckOutcome, type Evidence, type Mismatch, type MismatchCode, type Value } from '../model/check.ts';
import { type ApiObject } from '../model/kube.ts';
import { type Text } from '../model/text.ts';

/** Declares a check module (typed identity, so modules stay small). */
export function defineCheck(check: Check): Check {
  return check;
}

/** A passing outcome, with what was seen and what to remember for later steps. */
export function pass(detail?: Text, remember?: unknown): CheckOutcome {
  return { status: 'pass', detail, remember };
}

/** A failing outcome: the mismatches (rendered by machine) and what to try (the only prose). */
export function fail(mismatches: Mismatch[], hint: Text, extra: { evidence?: Evidence[]; remember?: unknown } = {}): CheckOutcome {
  return { status: 'fail', mismatches, hint, ...(extra.evidence?.length ? { evidence: extra.evidence } : {}), ...(extra.remember !== undefined ? { remember: extra.remember } : {}) };
}

/** Cannot be judged: what `by` is responsible for is absent. Not the student's second mistake. */
export function blocked(by: string, mismatches: Mismatch[], hint: Text): CheckOutcome {
  return { status: 'blocked', by, mismatches, hint };
}

/** One mismatch: object ("Kind/name", or an ApiObject), field path, what is wanted, what is there. */
export function mismatch(object: string | ApiObject, path: string, want: Value, got: Value): Mismatch {
  return { object: typeof object === 'string' ? object : `${object.kind}/${object.metadata.name}`, path, want, got };
}

/** The object is not there. */
export const ABSENT = { absent: true } as const;
/** The object is there. */
export const PRESENT = { present: true } as const;

const isAbsent = (v: Value) => typeof v === 'object' && v !== null && 'absent' in v;
const isPresent = (v: Value) => typeof v === 'object' && v !== null && 'present' in v;

/** A mismatch's code: the one it was given, or what its want and got say (something wanted and absent is missing). */
export function mismatchCode(m: Mismatch): MismatchCode {
  if (m.code) return m.code;
  if (isAbsent(m.want) && !isAbsent(m.got)) return 'unexpected';
  if (isAbsent(m.got) && (isPresent(m.want) || m.path === '')) return 'missing';
  return 'field';
}

/** Anything but `v`. */
export function not(v: Value): Value {
  return { not: v };
}

/** At least `n`. */
export function atLeast(n: number): Value {
  return { atLeast: n };
}

/** One of several values. */
export function oneOf(...v: Value[]): Value {
  return { oneOf: v };
}

/** A time strictly after `t`, which is when `of` happened. */
export function after(t: string, of: string): Value {
  return { after: t, of };
}

/** A value of a field, or ABSENT when it is not set. */
export function orAbsent(v: Value | undefined | null): Value {
  return v === undefined || v === null || v === '' ? ABSENT : v;
}
