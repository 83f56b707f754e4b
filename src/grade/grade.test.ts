import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FakeKube } from '../kube/fake.ts';
import { findLab } from '../load/load-labs.ts';
import { writeJson } from '../files.ts';
import { gradeAll, gradedChecks, readResults, resultFile, type GradeOptions } from './grade.ts';
import { csvField, toCsv, toHtml, toMarkdown, writeReports } from '../report/class.ts';
import { refusalsToShow } from '../report/class-summary.ts';
import { type SubmissionResult } from './result.ts';

const lab = findLab('week3-day3/redis-statefulset');
const t = (s: string) => ({ ko: `(ko) ${s}`, en: s });

function result(student: string, failing: string[], status: SubmissionResult['status'] = 'graded'): SubmissionResult {
  const checks = gradedChecks(lab).map((c) => {
    const pass = !failing.includes(c.id);
    return {
      id: c.id, step: c.step, title: t(c.id), status: pass ? ('pass' as const) : ('fail' as const), points: pass ? c.points : 0, maxPoints: c.points,
      attempts: 1, durationMs: 100, ...(pass ? {} : { mismatches: [{ object: 'Service/redis-headless', path: 'spec.clusterIP', want: 'None', got: `10.96.${student.length}.1, "quoted", <b>` }], hint: t('use clusterIP: None') }),
    };
  });
  return {
    student, lab: lab.id, status, score: checks.reduce((a, c) => a + c.points, 0), maxScore: checks.length, namespace: `labs-x-${student}`, kept: false, checks,
    policy: student === 'mallory' ? [{ file: 'mallory/evil.yaml', line: 3, object: 'ClusterRoleBinding/pwn', reason: t('ClusterRoleBinding is cluster-scoped') }] : [],
    fileIssues: [], applyErrors: [], startedAt: '2026-11-22T00:00:00Z', durationMs: 1000, ...(status === 'error' ? { error: t('cannot reach the API server') } : {}),
  };
}

const results = [result('alice', []), result('bob', ['service-headless', 'pod-dns']), result('mallory', ['service-headless']), result('zed,"x"', [], 'error')];
results[1]!.checks.find((c) => c.id === 'data-survived')!.status = 'blocked';
results[1]!.checks.find((c) => c.id === 'data-survived')!.blockedBy = 'per-pod-pvcs';
results[1]!.checks.find((c) => c.id === 'data-survived')!.points = 0;
results[1]!.score -= 1;

describe('grade reports', () => {
  it('gradebook.csv parses back: a row per student, a column per check, total and max', () => {
    const csv = toCsv(lab, results);
    const rows = parseCsv(csv);
    const steps = lab.steps.filter((s) => s.graded).map((s) => s.id);
    expect(rows[0]).toEqual(['student', 'status', ...gradedChecks(lab).map((c) => c.id), 'total', 'max', 'source', 'variant', 'flags',
      ...steps.flatMap((s) => [`${s} seconds to pass`, `${s} attempts`, `${s} hints`, `${s} solution viewed`])]);
    expect(rows[0]).toHaveLength(2 + 9 + 2 + 3 + 4 * steps.length);
    expect(rows[2]!.slice(0, 3)).toEqual(['bob', 'graded', '0']);
    expect(rows[2]!.slice(11, 13)).toEqual(['6', '9']);
    expect(rows[4]![0]).toBe('zed,"x"');
    expect(csvField('a"b')).toBe('"a""b"');
  });

  it('report.md has pass rates, failures grouped by object and field, every lost point, and blocked checks apart', () => {
    const md = toMarkdown(lab, results, 'en');
    expect(md).toContain('| service-headless | service | 1 | 1/3 | 0 | 33% |');
    expect(md).toContain('| data-survived | identity | 1 | 2/3 | 1 | 67% |');
    // bob's 10.96.3.1 and mallory's 10.96.7.1 are one group: the same object and field.
    expect(md).toContain('1. **service-headless** `field` — `Service/redis-headless spec.clusterIP` (2): Service/redis-headless spec.clusterIP: want None, got 10.96.3.1');
    expect(md).toContain('### bob — 6 / 9');
    expect(md).toMatch(/- ✖ pod-dns \(identity\): use clusterIP: None\n {2}- Service\/redis-headless spec\.clusterIP: want None/);
    expect(md).toMatch(/- ⊘ data-survived \(identity\): blocked by per-pod-pvcs/);
    expect(md.indexOf('⊘ data-survived')).toBeGreaterThan(md.indexOf('✖ pod-dns'));
    expect(md).toContain('- Refused ClusterRoleBinding/pwn (mallory/evil.yaml:3): ClusterRoleBinding is cluster-scoped');
    expect(md).toContain('not graded (error)');
    const ko = toMarkdown(lab, results, 'ko');
    expect(ko).toContain('(ko) use clusterIP: None');
    expect(ko).toContain('per-pod-pvcs 때문에 판단할 수 없음');
    expect(ko).toContain('기대 None, 실제 10.96.3.1');
  });

  it('report.html is one well-formed, offline page: the matrix, every student\'s page, escaped', () => {
    const html = toHtml(lab, results, 'en');
    expect(XMLValidator.validate(html.replace('<!DOCTYPE html>', ''))).toBe(true);
    expect(html).toContain('&lt;b&gt;');
    // Nothing fetched: no external scripts, styles, images or links out.
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=|href="(?!#)/);
    expect(html).toContain('bob <span class="score">6 / 9</span>');
    expect(html.match(/<tr data-student=/g)).toHaveLength(results.length);
    expect(html).toContain('data-check="service-headless" data-status="fail"');
  });

  it('junit.xml has a suite per student and a case per check', () => {
    const out = mkdtempSync(join(tmpdir(), 'grades-'));
    writeReports(out, lab, results, 'en');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(join(out, 'junit.xml'), 'utf8'));
    const suites = doc.testsuites.testsuite as { name: string; tests: string; failures: string }[];
    expect(suites.map((s) => [s.name, s.tests, s.failures])).toEqual([['alice', '9', '0'], ['bob', '9', '2'], ['mallory', '9', '1'], ['zed,"x"', '9', '0']]);
    for (const f of ['gradebook.csv', 'report.md', 'report.html', 'results.json']) expect(existsSync(join(out, f))).toBe(true);
  });
});

describe('refusals in reports', () => {
  it('lists a few of a flood of refusals with one reason, and counts the rest', () => {
    const quota = (i: number) => ({ file: 'f/flood.yaml', line: i, object: `ConfigMap/flood-${i}`, reason: t(`exceeds the grading quota (ResourceQuota labs-grading: configmaps 20; with this object: configmaps ${100 - i})`) });
    const other = { file: 'f/x.yaml', line: 1, object: 'Pod/p', reason: t('spec.hostNetwork: true shares the node\'s namespaces') };
    const r = refusalsToShow([...Array.from({ length: 40 }, (_, i) => quota(i)), other], 'en');
    expect(r.shown.map((x) => x.object)).toEqual(['ConfigMap/flood-0', 'ConfigMap/flood-1', 'ConfigMap/flood-2', 'Pod/p']);
    expect(r.more).toEqual([{ reason: 'exceeds the grading quota', count: 37 }]);
    expect(refusalsToShow([quota(1), quota(2), quota(3), quota(4)], 'en')).toMatchObject({ more: [] });
  });
});

describe('gradeAll', () => {
  function setup() {
    const root = mkdtempSync(join(tmpdir(), 'class-'));
    for (const s of ['ann', 'ben', 'cho']) {
      mkdirSync(join(root, s));
      writeFileSync(join(root, s, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: redis-headless}\nspec: {clusterIP: None, selector: {app: redis}, ports: [{port: 6379, targetPort: 6379}]}\n');
    }
    const out = mkdtempSync(join(tmpdir(), 'grades-'));
    const kube = new FakeKube();
    const o: GradeOptions = {
      lab, root, kube, context: 'fake', parallel: 2, out, keepFailed: false, regrade: false, submissionTimeoutSeconds: 60, lang: 'en',
      log: () => undefined, actionTimeoutCapSeconds: 0.01, checkTimeoutCapSeconds: 0.01,
    };
    return { o, kube, out };
  }

  it('grades each student in a namespace of its own, applies their files, and deletes the namespaces', async () => {
    const { o, kube } = setup();
    // The student's files are created as the student (the fake has one identity): as `kubectl apply` creates them.
    const created: string[] = [];
    const create = kube.create.bind(kube);
    kube.create = async (obj, ns, opt) => (created.push(`${ns} ${obj.kind}/${obj.metadata.name}`), create(obj, ns, opt));
    const rs = await gradeAll(o);
    expect(rs.map((r) => [r.student, r.status, r.checks.find((c) => c.id === 'service-headless')?.status])).toEqual([
      ['ann', 'graded', 'pass'], ['ben', 'graded', 'pass'], ['cho', 'graded', 'pass'],
    ]);
    expect(rs.every((r) => r.score === 1 && r.maxScore === 9)).toBe(true);
    expect(created.filter((a) => a.startsWith('labs-redis-statefulset-ann-') && a.endsWith(' Service/redis-headless'))).toHaveLength(1);
    expect(kube.objects.filter((x) => x.kind === 'Namespace')).toEqual([]);
  });

  it('resumes: students with a result are skipped, errors are graded again, --regrade grades all', async () => {
    const { o, out } = setup();
    writeJson(resultFile(out, 'ann'), { ...result('ann', []), student: 'ann', score: 9 });
    writeJson(resultFile(out, 'ben'), { ...result('ben', [], 'error'), student: 'ben' });
    const before = readFileSync(resultFile(out, 'ann'), 'utf8');
    const rs = await gradeAll(o);
    expect(readFileSync(resultFile(out, 'ann'), 'utf8')).toBe(before);
    expect(rs.map((r) => [r.student, r.status, r.score])).toEqual([['ann', 'graded', 9], ['ben', 'graded', 1], ['cho', 'graded', 1]]);
    const again = await gradeAll({ ...o, regrade: true });
    expect(again.map((r) => r.score)).toEqual([1, 1, 1]);
    expect(readResults(out)).toHaveLength(3);
  });

  it('writes nothing for a submission interrupted half-way, so the next run grades it', async () => {
    const { o, out } = setup();
    const abort = new AbortController();
    abort.abort();
    const rs = await gradeAll({ ...o, signal: abort.signal });
    expect(rs).toEqual([]);
    expect(existsSync(resultFile(out, 'ann'))).toBe(false);
  });
});

/** A small RFC 4180 reader, to prove the CSV parses back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  return rows;
}
