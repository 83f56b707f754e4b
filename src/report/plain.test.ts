import { describe, expect, it } from 'vitest';
import { text } from '../model/text.ts';
import { type RunEvent } from '../run/events.ts';
import { type CheckResult } from '../run/result.ts';
import { plainRenderer, summaryLine } from './plain.ts';
import { styleFor } from './style.ts';

const failed: CheckResult = {
  id: 'probes', step: 'deploy', title: text('프로브', 'probes'), status: 'fail', points: 0, maxPoints: 1, attempts: 3, durationMs: 10,
  mismatches: [{ object: 'Deployment/mysql', path: 'spec.template.spec.containers[mysql].readinessProbe', want: { present: true }, got: { absent: true } }],
  evidence: [{ pod: 'mysql-1', events: ['Unhealthy: Readiness probe failed: Access denied'], log: ['[ERROR] bad'] }],
  hint: text('추가하세요', 'add one'),
};

function render(events: RunEvent[], lang: 'ko' | 'en', env: NodeJS.ProcessEnv = { NO_COLOR: '1' }) {
  const lines: string[] = [];
  const sink = plainRenderer((l) => lines.push(l), lang, styleFor({ isTTY: true }, env));
  events.forEach(sink);
  return lines;
}

const progress = (n: number, got: string, waiting: string[]): RunEvent => ({
  type: 'check-progress', step: 'deploy', id: 'probes', attempt: n, elapsedMs: n * 1000, deadlineMs: 60_000, waiting: waiting.map((w) => text(w, w)),
  outcome: { status: 'fail', mismatches: [{ object: 'Pod/p', path: 'status.phase', want: 'Running', got }], hint: text('h', 'h') },
});

describe('plainRenderer', () => {
  it('prints a failure as machine-built mismatches, the cluster\'s evidence, and the hint, in the chosen language', () => {
    expect(render([{ type: 'check-end', result: failed }], 'en')).toEqual([
      '  ✖ probes: probes',
      '      Deployment/mysql spec.template.spec.containers[mysql].readinessProbe: want (present), got (none)',
      '      mysql-1 events: Unhealthy "Readiness probe failed: Access denied"',
      '      mysql-1 log: "[ERROR] bad"',
      '      hint: add one',
    ]);
    expect(render([{ type: 'check-end', result: failed }], 'ko')).toEqual([
      '  ✖ probes: 프로브',
      '      Deployment/mysql spec.template.spec.containers[mysql].readinessProbe: 기대 (있음), 실제 (없음)',
      '      mysql-1 이벤트: Unhealthy "Readiness probe failed: Access denied"',
      '      mysql-1 로그: "[ERROR] bad"',
      '      힌트: 추가하세요',
    ]);
  });

  it('prints a line while waiting each time what the check waits on changes, not on every attempt', () => {
    const lines = render([progress(1, 'Pending', ['Pod/p: ContainerCreating']), progress(2, 'Pending', ['Pod/p: ContainerCreating']), progress(3, 'Running', [])], 'en');
    expect(lines).toEqual([
      '  … probes: Pod/p status.phase: want Running, got Pending — waiting for: Pod/p: ContainerCreating (1s/60s)',
      '  … probes: Pod/p status.phase: want Running, got Running (3s/60s)',
    ]);
  });

  it('shows a blocked check apart from a failure, naming the check it follows from', () => {
    const r: CheckResult = { ...failed, status: 'blocked', blockedBy: 'deployment-available', evidence: [] };
    expect(render([{ type: 'check-end', result: r }], 'en').slice(0, 2)).toEqual(['  ⊘ probes: probes', '      cannot be judged: blocked by deployment-available']);
  });

  it('marks an infrastructure error as not the student\'s mistake', () => {
    const r: CheckResult = { ...failed, status: 'error', error: text('API 서버에 닿을 수 없습니다', 'cannot reach the API server') };
    expect(render([{ type: 'check-end', result: r }], 'en')[1]).toBe('      infrastructure error (not your mistake): cannot reach the API server');
  });

  it('uses colour on a terminal unless NO_COLOR is set', () => {
    const pass: CheckResult = { ...failed, status: 'pass', points: 1 };
    expect(render([{ type: 'check-end', result: pass }], 'en', {})[0]).toContain('\u001b[32m✔\u001b[39m');
    expect(render([{ type: 'check-end', result: pass }], 'en')[0]).toBe('  ✔ probes: probes');
    expect(styleFor({ isTTY: false }, {}).ok('x')).toBe('x');
  });
});

describe('the final line', () => {
  const at = (ms: number) => new Date(ms).toISOString();
  const end = (o: { durationMs: number; interrupted?: boolean; quit?: boolean; verdicts: Extract<RunEvent, { type: 'lab-end' }>['verdicts'] }): Extract<RunEvent, { type: 'lab-end' }> => ({
    type: 'lab-end',
    result: { lab: 'week3-day3/mysql-pvc', title: text('랩', 'lab'), namespace: 'n', context: 'c', status: 'skipped', durationMs: o.durationMs, steps: [], interrupted: o.interrupted, quit: o.quit },
    verdicts: o.verdicts,
  });

  it('counts a step quit after a failed attempt in this session, not as an earlier session\'s', () => {
    const now = Date.parse('2025-01-01T10:00:00Z');
    const e = end({
      durationMs: 20_000, quit: true,
      verdicts: {
        'pvc-spec': { status: 'fail', points: 0, maxPoints: 1, at: at(now - 5_000), earlier: false },
        'pvc-bindable': { status: 'pass', points: 1, maxPoints: 1, at: at(now - 5_000), earlier: false },
      },
    });
    expect(summaryLine(e, 'en')).toBe('week3-day3/mysql-pvc: 1 passed, 1 failed, 0 blocked, 0 errors, 0 skipped');
    expect(summaryLine(e, 'ko')).toBe('week3-day3/mysql-pvc: 통과 1, 실패 1, 판단 불가 0, 오류 0, 건너뜀 0');
  });

  it('says how many verdicts come from earlier sessions', () => {
    const now = Date.parse('2025-01-01T10:00:00Z');
    const e = end({
      durationMs: 20_000,
      verdicts: {
        'pvc-spec': { status: 'pass', points: 1, maxPoints: 1, at: at(now - 3_600_000), earlier: true },
        'pvc-bindable': { status: 'pass', points: 1, maxPoints: 1, at: at(now - 3_600_000), earlier: true },
      },
    });
    expect(summaryLine(e, 'en')).toBe('week3-day3/mysql-pvc: 2 passed, 0 failed, 0 blocked, 0 errors, 0 skipped (2 from earlier sessions)');
  });

  it('is left out after Ctrl-C: the interruption\'s own line is the only one', () => {
    expect(render([end({ durationMs: 1_000, interrupted: true, verdicts: {} })], 'ko')).toEqual([]);
    expect(render([end({ durationMs: 1_000, verdicts: {} })], 'ko')).toHaveLength(1);
  });
});
