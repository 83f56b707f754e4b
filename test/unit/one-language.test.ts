import { describe, expect, it } from 'vitest';
import { foreignLines } from '../one-language.ts';

describe('foreignLines', () => {
  it.each([
    ['labs: "week9/nope" 랩이 없습니다', 'ko', []],
    ['labs: no lab "week9/nope"', 'ko', ['labs: no lab "week9/nope"']],
    ['  ✔ service-headless: Headless Service redis-headless (clusterIP None, app=redis, 6379)', 'ko', []],
    ['  $ kubectl -n ns apply -f redis-statefulset.yaml', 'ko', []],
    ['week3-day3/redis-statefulset: 11 passed, 0 failed', 'ko', ['week3-day3/redis-statefulset: 11 passed, 0 failed']],
    ['      Pod/redis-1 status.conditions.Ready: want True, got Running', 'en', []],
    ['      Pod/redis-1 status.conditions.Ready: 기대 True, 실제 Running', 'en', ['      Pod/redis-1 status.conditions.Ready: 기대 True, 실제 Running']],
    ['  redis-0 events: Unhealthy "Readiness probe failed: 준비 안 됨"', 'en', []],
  ] as const)('%s (%s)', (line, lang, foreign) => {
    expect(foreignLines(line, lang)).toEqual(foreign);
  });
});
