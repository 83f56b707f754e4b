// The class in figures, shared by every class report: pass rates per check, the most common failures, and which
// refusals to list for a student.
import { type Lab } from '../model/lab.ts';
import { type Lang } from '../model/text.ts';
import { mismatchKey, renderMismatch } from './mismatch.ts';
import { type CheckResult, type OutcomeCode } from '../run/result.ts';
import { gradedChecks } from '../grade/grade.ts';
import { type Rejection } from '../grade/policy.ts';
import { type SubmissionResult } from '../grade/result.ts';

/** One group of lost points: the same check failing the same way (its code) on the same object and field. */
export interface FailureGroup {
  id: string;
  /** Why it failed (missing, field, not-ready, answer…): grouped by, never by the words. */
  code: OutcomeCode;
  /** "Kind/name field.path" (generated name suffixes replaced by *). */
  where: string;
  /** One rendered example of the mismatch. */
  example: string;
  hint: string;
  count: number;
}

/** Class statistics the reports share. */
export interface ClassSummary {
  graded: number;
  errors: number;
  average: number;
  maxScore: number;
  perCheck: { id: string; step: string; points: number; passed: number; blocked: number; rate: number }[];
  /** The most common reasons for lost points, grouped by check, code, object and field path. */
  commonFailures: FailureGroup[];
}

/** Pass rates per check and the most common failures, over graded submissions. */
export function summarise(lab: Lab, results: SubmissionResult[], lang: Lang): ClassSummary {
  const graded = results.filter((r) => r.status === 'graded');
  const perCheck = gradedChecks(lab).map((c) => {
    const of = (st: CheckResult['status']) => graded.filter((r) => r.checks.some((x) => x.id === c.id && x.status === st)).length;
    const passed = of('pass');
    return { id: c.id, step: c.step, points: c.points, passed, blocked: of('blocked'), rate: graded.length ? passed / graded.length : 0 };
  });
  const groups = new Map<string, FailureGroup>();
  for (const r of graded) {
    for (const c of r.checks.filter((x) => x.status === 'fail')) {
      const first = c.mismatches?.[0];
      const code = c.code ?? 'field';
      const key = `${c.id}\u0000${code}\u0000${first ? mismatchKey(first) : ''}`;
      const g = groups.get(key) ?? { id: c.id, code, where: first ? mismatchKey(first) : '', example: first ? renderMismatch(first, lang) : '', hint: c.hint?.[lang] ?? '', count: 0 };
      g.count++;
      groups.set(key, g);
    }
  }
  const commonFailures = [...groups.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)).slice(0, 10);
  const maxScore = gradedChecks(lab).reduce((a, c) => a + c.points, 0);
  const average = graded.length ? graded.reduce((a, r) => a + r.score, 0) / graded.length : 0;
  return { graded: graded.length, errors: results.length - graded.length, average, maxScore, perCheck, commonFailures };
}

/**
 * Refusals to list for a student: when many share one reason (a flood of objects over the quota), the first
 * few stand for the rest, with a count.
 */
export function refusalsToShow(policy: Rejection[], lang: Lang, keep = 3): { shown: Rejection[]; more: { reason: string; count: number }[] } {
  // Grouped by the rule that refused them; the words of the first stand for the rest.
  const kind = (r: Rejection) => `${r.code ?? 'other'} ${r.object.split('/')[0]}`;
  const byKind = new Map<string, Rejection[]>();
  for (const r of policy) byKind.set(kind(r), [...(byKind.get(kind(r)) ?? []), r]);
  const shown: Rejection[] = [];
  const more: { reason: string; count: number }[] = [];
  for (const rs of byKind.values()) {
    shown.push(...(rs.length > keep + 2 ? rs.slice(0, keep) : rs));
    if (rs.length > keep + 2) more.push({ reason: rs[0]!.reason[lang].replace(/\s*\(.*$/, '').trim(), count: rs.length - keep });
  }
  return { shown, more };
}
