import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SubmissionResult } from '../../src/grade/result.ts';

/** One student's verdict: score, and which checks failed or were blocked. */
export interface Verdict {
  score: number;
  fail: string[];
  blocked: string[];
}

/** Each student's verdict, from a grade's results.json. */
export function verdicts(out: string): Record<string, Verdict> {
  const { results } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { results: SubmissionResult[] };
  const ids = (s: SubmissionResult, st: string) => s.checks.filter((c) => c.status === st).map((c) => c.id);
  return Object.fromEntries(results.map((s) => [s.student, { score: s.score, fail: ids(s, 'fail'), blocked: ids(s, 'blocked') }]));
}
