import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type LabResult } from '../../src/run/result.ts';
import { foreignLines } from '../one-language.ts';
import { labsCli } from './cluster.ts';

describe('labs smoke on the offline cluster', () => {
  it('passes every check of both labs with the seed\'s reference solution, unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smoke-'));
    const r = await labsCli(['smoke', '--junit', join(dir, 'junit.xml'), '--json', join(dir, 'results.json')]);
    expect(r.all).toMatch(/smoke: 5 lab\(s\), 56 checks passed, 0 failed, 0 blocked, 0 errors/);
    expect(r.exitCode).toBe(0);
    expect(foreignLines(String(r.all), 'en')).toEqual([]);
    expect(String(r.all)).not.toMatch(/MaxListenersExceeded|Warning:/);

    const { results } = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { results: LabResult[] };
    // Every step of the reference run says where its time went: the cluster's floor and labs' own part.
    for (const l of results) for (const st of l.steps) expect(st.timings?.totalMs, `${l.lab}/${st.id}`).toBeGreaterThanOrEqual(0);
    const ids = results.map((l) => [l.lab, l.steps.flatMap((s) => s.checks.filter((c) => c.status === 'pass').map((c) => c.id))]);
    expect(ids).toEqual([
      ['week3-day3/mysql-pvc', ['pvc-spec', 'pvc-bindable', 'deployment-available', 'pod-mounts-pvc', 'pvc-bound', 'probes', 'mysql-answers', 'rows-present', 'pod-replaced', 'same-volume', 'no-leftovers']],
      ['week3-day3/redis-statefulset', ['service-headless', 'statefulset-ready', 'ordinal-names', 'ordered-start', 'per-pod-pvcs', 'pod-dns', 'keys-written', 'same-identity', 'data-survived', 'pvcs-kept', 'no-leftovers']],
      ['week3-day3/static-pv', ['pv-spec', 'pv-available', 'pvc-bound', 'pv-bound', 'data-written', 'pv-released', 'pv-rebound', 'data-survived', 'dynamic-bound', 'dynamic-pv-deleted', 'no-leftovers']],
      ['week3-day4/jobs-cronjobs', ['job-spec', 'job-complete', 'job-logs', 'job-failed', 'failure-in-logs', 'cronjob-spec', 'cronjob-runs', 'no-leftovers']],
      ['week3-day5/postgres-backup', ['secret-keys', 'statefulset-ready', 'password-from-secret', 'data-on-pvc', 'services', 'service-answers', 'pod-replaced', 'rows-survived', 'same-volume', 'backup-pvc', 'cronjob-spec', 'backup-job-done', 'restore-complete', 'restored-rows', 'no-leftovers']],
    ].map(([lab, checks]) => [lab, checks]));

    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: '56', failures: '0', errors: '0' });
  });
});

describe('labs smoke in Korean', () => {
  it('speaks Korean only, with the timings table', async () => {
    const r = await labsCli(['smoke', 'week3-day3/mysql-pvc', '--lang', 'ko', '--timings']);
    expect(r.exitCode).toBe(0);
    expect(r.all).toMatch(/smoke: 랩 1개, 체크 통과 11, 실패 0/);
    expect(r.all).toMatch(/클러스터 최소/);
    expect(foreignLines(String(r.all), 'ko')).toEqual([]);
  });
});
