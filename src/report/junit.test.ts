import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type CheckResult } from '../run/result.ts';
import { toJUnit, xmlEscape } from './junit.ts';

const t = (s: string) => ({ ko: s, en: s });
const base = { step: 'deploy', title: t('title'), attempts: 1, durationMs: 1500, maxPoints: 1 };
const checks: CheckResult[] = [
  { ...base, id: 'pvc-bound', status: 'pass', points: 1 },
  { ...base, id: 'probes', status: 'fail', code: 'missing', points: 0, mismatches: [{ object: 'Deployment/mysql', path: 'spec.template.spec.containers[mysql].readinessProbe', want: 'a <readinessProbe> & "liveness"', got: { absent: true } }], hint: t('add it\u0007') },
  { ...base, id: 'mysql-answers', status: 'error', code: 'cluster', points: 0, error: t('cannot reach the API server') },
  { ...base, id: 'rows-present', status: 'skipped', points: 0 },
  { ...base, id: 'same-volume', status: 'blocked', points: 0, blockedBy: 'pvc-bound', mismatches: [], hint: t('h') },
];

describe('toJUnit', () => {
  const xml = toJUnit([{ name: 'week3-day3/mysql-pvc', checks, durationMs: 6000, properties: { namespace: 'labs-x' } }]);

  it('is well-formed XML even with markup and control characters in messages', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('parses back to the same counts and cases', () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suite = doc.testsuites.testsuite;
    expect(suite).toMatchObject({ name: 'week3-day3/mysql-pvc', tests: '5', failures: '1', errors: '1', skipped: '2', time: '6.000' });
    const cases = suite.testcase as Record<string, unknown>[];
    expect(cases.map((c) => c.name)).toEqual(['pvc-bound', 'probes', 'mysql-answers', 'rows-present', 'same-volume']);
    expect(cases[1]!.failure).toMatchObject({ message: 'Deployment/mysql spec.template.spec.containers[mysql].readinessProbe: want a <readinessProbe> & "liveness", got (none)', type: 'missing' });
    expect((cases[1]!.failure as { '#text': string })['#text']).toContain('hint: add it');
    expect(cases[2]!.error).toMatchObject({ message: 'cannot reach the API server', type: 'cluster' });
    expect(cases[3]).toHaveProperty('skipped');
    expect(cases[4]!.skipped).toMatchObject({ message: 'blocked by pvc-bound' });
  });

  it('escapes every XML special character', () => {
    expect(xmlEscape(`<a b="c" d='e'>&</a>`)).toBe('&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;&lt;/a&gt;');
  });
});
