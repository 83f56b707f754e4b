import { describe, expect, it } from 'vitest';
import { text } from '../model/text.ts';
import { type RunEvent } from '../run/events.ts';
import { type CheckResult } from '../run/result.ts';
import { plainRenderer } from './plain.ts';
import { styleFor } from './style.ts';

const failed: CheckResult = {
  id: 'probes', step: 'deploy', title: text('프로브', 'probes'), status: 'fail', points: 0, maxPoints: 1, attempts: 3, durationMs: 10,
  expected: text('둘 다', 'both probes'), found: text('readinessProbe 없음', 'no readinessProbe'), hint: text('추가하세요', 'add one'),
};

function render(events: RunEvent[], lang: 'ko' | 'en', env: NodeJS.ProcessEnv = { NO_COLOR: '1' }) {
  const lines: string[] = [];
  const sink = plainRenderer((l) => lines.push(l), lang, styleFor({ isTTY: true }, env));
  events.forEach(sink);
  return lines;
}

describe('plainRenderer', () => {
  it('prints a failure with expected, found and hint in the chosen language', () => {
    expect(render([{ type: 'check-end', result: failed }], 'en')).toEqual([
      '  ✖ probes: probes', '      expected: both probes', '      found: no readinessProbe', '      hint: add one',
    ]);
    expect(render([{ type: 'check-end', result: failed }], 'ko')[3]).toBe('      힌트: 추가하세요');
  });

  it('shows retries once per check, not once per attempt', () => {
    const attempt = (n: number): RunEvent => ({ type: 'check-attempt', step: 'deploy', id: 'probes', attempt: n, summary: 'not yet' });
    expect(render([attempt(1), attempt(2), attempt(3)], 'en')).toEqual(['  … probes: retrying (not yet)']);
  });

  it('marks an infrastructure error as not the student\'s mistake', () => {
    const r: CheckResult = { ...failed, status: 'error', error: 'cannot reach the API server' };
    expect(render([{ type: 'check-end', result: r }], 'en')[1]).toBe('      infrastructure error (not your mistake): cannot reach the API server');
  });

  it('uses colour on a terminal unless NO_COLOR is set', () => {
    const pass: CheckResult = { ...failed, status: 'pass', points: 1 };
    expect(render([{ type: 'check-end', result: pass }], 'en', {})[0]).toContain('\u001b[32m✔\u001b[39m');
    expect(render([{ type: 'check-end', result: pass }], 'en')[0]).toBe('  ✔ probes: probes');
    expect(styleFor({ isTTY: false }, {}).ok('x')).toBe('x');
  });
});
