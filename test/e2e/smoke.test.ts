import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type LabResult } from '../../src/run/result.ts';
import { labsCli } from './cluster.ts';

describe('labs smoke on the offline cluster', () => {
  it('passes every check of both labs with the seed\'s reference solution, unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smoke-'));
    const r = await labsCli(['smoke', '--junit', join(dir, 'junit.xml'), '--json', join(dir, 'results.json')]);
    expect(r.all).toMatch(/smoke: 2 lab\(s\), 22 checks passed, 0 failed, 0 errors/);
    expect(r.exitCode).toBe(0);

    const { results } = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { results: LabResult[] };
    const ids = results.map((l) => [l.lab, l.steps.flatMap((s) => s.checks.filter((c) => c.status === 'pass').map((c) => c.id))]);
    expect(ids).toEqual([
      ['week3-day3/mysql-pvc', ['pvc-spec', 'pvc-bindable', 'deployment-available', 'pod-mounts-pvc', 'pvc-bound', 'probes', 'mysql-answers', 'rows-present', 'pod-replaced', 'same-volume', 'no-leftovers']],
      ['week3-day3/redis-statefulset', ['service-headless', 'statefulset-ready', 'ordinal-names', 'ordered-start', 'per-pod-pvcs', 'pod-dns', 'keys-written', 'same-identity', 'data-survived', 'pvcs-kept', 'no-leftovers']],
    ].map(([lab, checks]) => [lab, checks]));

    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: '22', failures: '0', errors: '0' });
  });
});
