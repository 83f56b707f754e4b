import { describe, expect, it } from 'vitest';
import { loadLabs } from '../load/load-labs.ts';
import { text } from '../model/text.ts';
import { type SubmissionResult } from '../grade/result.ts';
import { type CheckResult } from '../run/result.ts';
import { summarise } from './class-summary.ts';

const lab = loadLabs().find((l) => l.id === 'week3-day3/static-pv')!;

function student(name: string, checks: Partial<CheckResult>[]): SubmissionResult {
  return {
    student: name, lab: lab.id, status: 'graded', score: 0, maxScore: 10, namespace: `ns-${name}`, kept: false, policy: [], fileIssues: [], applyErrors: [],
    startedAt: new Date(0).toISOString(), durationMs: 0,
    checks: checks.map((c) => ({ id: 'pvc-bound', step: 'bind', title: text('t', 't'), status: 'fail', points: 0, maxPoints: 1, attempts: 1, durationMs: 0, hint: text('힌트', 'hint'), ...c }) as CheckResult),
  };
}

describe('the class\'s most common failures', () => {
  it('are grouped by check, code, object and field: one field judged two ways is two groups', () => {
    const wrong = { code: 'field' as const, mismatches: [{ object: 'PersistentVolumeClaim/pvc-static', path: 'spec.volumeName', want: 'pv-static', got: 'pvc-1' }] };
    const none = { code: 'missing' as const, mismatches: [{ object: 'PersistentVolumeClaim/pvc-static', path: '', want: { present: true as const }, got: { absent: true as const } }] };
    const unbound = { code: 'field' as const, mismatches: [{ object: 'PersistentVolumeClaim/pvc-static', path: 'spec.volumeName', want: 'pv-static', got: 'pvc-2' }] };
    // The same object and field, judged by a command's answer rather than the field's value.
    const answered = { code: 'answer' as const, mismatches: [{ object: 'PersistentVolumeClaim/pvc-static', path: 'spec.volumeName', want: 'pv-static', got: 'pvc-3' }] };
    const s = summarise(lab, [student('a', [wrong]), student('b', [unbound]), student('c', [none]), student('d', [{ status: 'pass', code: undefined }]), student('e', [answered])], 'en');
    expect(s.commonFailures.map((f) => [f.id, f.code, f.where, f.count])).toEqual([
      ['pvc-bound', 'field', 'PersistentVolumeClaim/pvc-static spec.volumeName', 2],
      ['pvc-bound', 'missing', 'PersistentVolumeClaim/pvc-static ', 1],
      ['pvc-bound', 'answer', 'PersistentVolumeClaim/pvc-static spec.volumeName', 1],
    ]);
  });

  it('keep a name as it is unless a controller made it: pvc-again is no generated name, a Deployment\'s pod is', () => {
    const at = (object: string) => ({ code: 'missing' as const, mismatches: [{ object, path: '', want: { present: true as const }, got: { absent: true as const } }] });
    const s = summarise(lab, [student('a', [at('PersistentVolumeClaim/pvc-again')]), student('b', [at('Pod/mysql-7d9c8b6f4d-x2k9q')]), student('c', [at('Pod/mysql-5f6d7c8b9a-p4r7t')])], 'en');
    expect(s.commonFailures.map((f) => [f.where, f.count])).toEqual([['Pod/mysql-* ', 2], ['PersistentVolumeClaim/pvc-again ', 1]]);
  });
});
