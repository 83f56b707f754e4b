import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SubmissionResult } from '../../src/grade/result.ts';
import { KIND, type KubeClient } from '../../src/model/kube.ts';
import { waitOn } from '../../src/run/wait.ts';

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

/** Waits until no grading namespace and no volume of one is left on the cluster. */
export async function nothingLeft(kube: KubeClient): Promise<void> {
  await waitOn(undefined, 'grading namespaces gone', 300, async () => {
    const left = (await kube.list(KIND.namespace)).filter((n) => n.metadata.labels?.['labs.dev/purpose'] === 'grade');
    const pvs = (await kube.list(KIND.pv)).filter((pv) => String((pv.spec as { claimRef?: { namespace?: string } }).claimRef?.namespace ?? '').startsWith('labs-redis-statefulset-'));
    return left.length + pvs.length === 0 ? { done: true, value: undefined } : { done: false, why: `${left.length} namespaces, ${pvs.length} volumes left` };
  });
}
