// The instructor's dashboard in a real browser (headless Chromium): what is rendered, the filters and sorting by
// keyboard, and a student's page. The screenshot is kept under out/ for people to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradedChecks } from '../../src/grade/grade.ts';
import { toHtml } from '../../src/report/class.ts';
import { type SubmissionResult } from '../../src/grade/result.ts';
import { findLab, PROJECT_ROOT } from '../../src/load/load-labs.ts';
import { variantOf } from '../../src/run/variants.ts';
import { openPage, type Page } from './chromium.ts';

const lab = findLab('week3-day3/mysql-pvc');
const klass = 'class-seed';
const OUT = join(PROJECT_ROOT, 'out', 'dashboard');

/** A graded student: failing `fail`, blocked `blocked`, with flags. */
function student(name: string, fail: string[], blocked: string[] = [], flags: NonNullable<SubmissionResult['review']>['flags'] = []): SubmissionResult {
  const checks = gradedChecks(lab).map((c) => {
    const status = fail.includes(c.id) ? 'fail' as const : blocked.includes(c.id) ? 'blocked' as const : 'pass' as const;
    return {
      id: c.id, step: c.step, title: { ko: c.id, en: c.id }, status, points: status === 'pass' ? c.points : 0, maxPoints: c.points, attempts: 1, durationMs: 10,
      ...(status === 'fail' ? { mismatches: [{ object: 'PersistentVolumeClaim/mysql-pvc', path: 'spec.resources.requests.storage', want: '2Gi', got: '1Gi' }], hint: { ko: '`kubectl get pvc`', en: '`kubectl get pvc`' } } : {}),
      ...(status === 'blocked' ? { blockedBy: fail[0], mismatches: [] } : {}),
    };
  });
  const score = checks.reduce((a, c) => a + c.points, 0);
  return {
    student: name, lab: lab.id, status: 'graded', score, maxScore: checks.length, namespace: `labs-mysql-pvc-${name}`, kept: false, checks, policy: [], fileIssues: [], applyErrors: [],
    startedAt: '2026-11-20T09:00:00Z', durationMs: 1000,
    review: {
      source: 'archive', variant: variantOf(lab, name, klass), flags,
      steps: lab.steps.filter((s) => s.graded).map((s, i) => ({ step: s.id, attempts: i + 1, hints: i, solutionViewed: i === 2, skipped: false, timeToPassMs: 60_000 * (i + 1) })),
      timeline: [{ at: '2026-11-20T09:00:00.000Z', type: 'session' }, { at: '2026-11-20T09:01:00.000Z', type: 'attempt', step: 'pvc', status: 'fail', detail: 'pvc-spec: fail' }],
    },
  };
}

const results: SubmissionResult[] = [
  student('ahn', []),
  student('baek', ['pvc-spec']),
  student('cho', ['deployment-available'], ['pod-mounts-pvc', 'probes', 'mysql-answers']),
  student('kim', [], [], [{ kind: 'chain-broken', seq: 4, why: 'hash' }, { kind: 'claimed-pass', checks: ['rows-present'] }]),
  student('kimura', ['rows-present']),
  student('lee', ['pvc-spec', 'rows-present'], [], [{ kind: 'other-variant', students: ['kim'], vars: variantOf(lab, 'kim', klass).vars }]),
  { ...student('moon', []), status: 'error', error: { ko: 'API 서버에 닿지 않음', en: 'cannot reach the API server' }, checks: [], score: 0 },
];

describe('the instructor dashboard in headless Chromium', () => {
  let page: Page;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'report.html');
    writeFileSync(file, toHtml(lab, results, 'en'));
    page = await openPage(pathToFileURL(file).href);
  }, 60_000);
  afterAll(async () => {
    await page?.close();
  });

  const visible = () => page.eval<string[]>("Array.from(document.querySelectorAll('#matrix tbody tr')).filter(r => !r.hidden).map(r => r.dataset.student)");

  it('renders a row per student and a column per check, each verdict as a symbol and a word, and the distribution', async () => {
    expect(await visible()).toEqual(['ahn', 'baek', 'cho', 'kim', 'kimura', 'lee', 'moon']);
    expect(await page.eval('document.querySelectorAll("#matrix thead th button[data-sort^=\'c:\']").length')).toBe(gradedChecks(lab).length);
    const cho = await page.eval<string[]>("Array.from(document.querySelectorAll('tr[data-student=cho] td[data-check]')).map(td => td.querySelector('[aria-hidden]').textContent + ' ' + td.querySelector('.sr').textContent)");
    expect(cho.slice(0, 5)).toEqual(['✔ pass', '✔ pass', '✖ fail', '⊘ blocked', '✔ pass']);
    // Without colour the verdict still reads: each cell's accessible text is the word.
    expect(await page.eval("document.querySelector('tr[data-student=cho] td[data-check=deployment-available] .sr').textContent")).toBe('fail');
    expect(await page.eval("getComputedStyle(document.querySelector('td.st-fail')).backgroundColor")).not.toBe(await page.eval("getComputedStyle(document.querySelector('td.st-pass')).backgroundColor"));
    expect(await page.eval("document.querySelector('tr[data-student=lee] .flags').innerText")).toContain("matches another student's variant: kim");
    expect(await page.eval("document.querySelectorAll('#distribution tr').length")).toBe(gradedChecks(lab).length + 1);
    expect(await page.eval("document.querySelector('#common').innerText")).toMatch(/pvc-spec[\s\S]*baek, lee/);
    // Offline: nothing was fetched but the file itself.
    expect(await page.eval("performance.getEntriesByType('resource').length")).toBe(0);
  });

  it('filters by name, by check and status, and by flags, typed and chosen from the keyboard', async () => {
    await page.eval("document.getElementById('f-name').focus()");
    await page.type('kim');
    await page.waitFor("document.getElementById('shown').textContent === '2'");
    expect(await visible()).toEqual(['kim', 'kimura']);
    await page.eval("(() => { const n = document.getElementById('f-name'); n.value = ''; n.dispatchEvent(new Event('input')); })()");
    await page.eval("document.getElementById('f-check').focus()");
    await page.eval("(() => { const c = document.getElementById('f-check'); c.value = 'rows-present'; c.dispatchEvent(new Event('change')); const s = document.getElementById('f-status'); s.value = 'fail'; s.dispatchEvent(new Event('change')); })()");
    await page.waitFor("document.getElementById('shown').textContent === '2'");
    expect(await visible()).toEqual(['kimura', 'lee']);
    await page.eval("(() => { const c = document.getElementById('f-check'); c.value = ''; c.dispatchEvent(new Event('change')); const s = document.getElementById('f-status'); s.value = 'blocked'; s.dispatchEvent(new Event('change')); })()");
    expect(await visible()).toEqual(['cho']);
    await page.eval("(() => { const s = document.getElementById('f-status'); s.value = 'flagged'; s.dispatchEvent(new Event('change')); })()");
    expect(await visible()).toEqual(['kim', 'lee']);
    await page.eval("(() => { const s = document.getElementById('f-status'); s.value = ''; s.dispatchEvent(new Event('change')); })()");
    expect(await visible()).toHaveLength(results.length);
  });

  it('sorts by score with Enter on the column\'s button, and says so to assistive technology', async () => {
    await page.eval("document.querySelector('button[data-sort=score]').focus()");
    await page.press('Enter');
    await page.waitFor("document.querySelector('button[data-sort=score]').parentNode.getAttribute('aria-sort') === 'ascending'");
    expect((await visible())[0]).toBe('moon');
    await page.press('Enter');
    await page.waitFor("document.querySelector('button[data-sort=score]').parentNode.getAttribute('aria-sort') === 'descending'");
    const order = await visible();
    expect(order.slice(0, 2).sort()).toEqual(['ahn', 'kim']);
    expect(order.at(-1)).toBe('moon');
  });

  it('opens a student\'s page from the matrix: timeline, per-step figures, what to look at, and no commands for namespaces that are gone', async () => {
    await page.eval("document.querySelector('a[href=\"#s-lee\"]').focus()");
    await page.press('Enter');
    await page.waitFor("location.hash === '#s-lee' && getComputedStyle(document.getElementById('s-lee')).display === 'block'");
    const text = await page.eval<string>("document.getElementById('s-lee').innerText");
    expect(text).toMatch(/time to pass/);
    expect(text).toMatch(/PersistentVolumeClaim\/mysql-pvc spec\.resources\.requests\.storage: want 2Gi, got 1Gi/);
    expect(text).toMatch(/Timeline/);
    expect(text).not.toMatch(/kubectl|labs-mysql-pvc-lee/);
    expect(await page.eval("getComputedStyle(document.getElementById('s-kim')).display")).toBe('none');
    writeFileSync(join(OUT, 'student-lee.png'), await page.screenshot());
    await page.eval("location.hash = '#matrix'");
    writeFileSync(join(OUT, 'dashboard.png'), await page.screenshot());
  });
});
