import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, LabFileError } from '../errors.ts';
import { LABS_ROOT, loadLab, loadLabs } from './load-labs.ts';

function brokenCopy(lab: string, edit: (text: string) => string, extra?: (dir: string) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'lab-')), lab);
  cpSync(join(LABS_ROOT, 'week3-day3', lab), dir, { recursive: true });
  writeFileSync(join(dir, 'lab.yaml'), edit(readFileSync(join(dir, 'lab.yaml'), 'utf8')));
  extra?.(dir);
  return join(dir, 'lab.yaml');
}

function issuesOf(file: string): string[] {
  try {
    loadLab(file);
  } catch (e) {
    if (e instanceof LabFileError) return e.issues.map((i) => formatIssue(i, 'en').replace(file, 'lab.yaml').replace(/\/tmp\/\S+?\/(mysql-pvc|redis-statefulset)\//, ''));
    throw e;
  }
  return [];
}

describe('loadLabs', () => {
  it('loads the bundled labs', () => {
    const labs = loadLabs();
    expect(labs.map((l) => l.id)).toEqual(['week3-day3/mysql-pvc', 'week3-day3/redis-statefulset', 'week3-day3/static-pv', 'week3-day4/jobs-cronjobs', 'week3-day5/postgres-backup']);
    expect(labs[1]!.steps.map((s) => s.id)).toEqual(['service', 'statefulset', 'identity', 'cleanup', 'cleanup-pvcs']);
  });

  it('keeps the seed manifests verbatim', () => {
    const text = readFileSync(join(LABS_ROOT, 'week3-day3/mysql-pvc/mysql-pvc.yaml'), 'utf8');
    expect(text).toContain('storageClassName: hostpath  # Docker Desktop 기본 StorageClass');
  });

  it.each([
    ['a misspelt check id', (t: string) => t.replace('[rows-present, pod-replaced, same-volume]', '[rows-present, pod-replacd, same-volume]'),
      'lab.yaml:100:28 steps.2.checks.1: no check "pod-replacd": expected checks/week3-day3/mysql-pvc/pod-replacd.yaml or .ts (or checks/pod-replacd.yaml or .ts beside lab.yaml)'],
    ['a missing manifest', (t: string) => t.replace('- apply: mysql-deployment.yaml', '- apply: mysql-deploy.yaml'),
      'lab.yaml:55:16 steps.1.solution.0.apply: manifest "mysql-deploy.yaml" not found in '],
    ['a step id used twice', (t: string) => t.replace('id: persist', 'id: deploy'), 'lab.yaml:64:9 steps.2.id: step id "deploy" is used twice'],
    ['a check run twice', (t: string) => t.replace('checks: [no-leftovers]', 'checks: [no-leftovers, probes]'), 'lab.yaml:114:28 steps.3.checks.1: check "probes" already runs in step "deploy"'],
    ['a patch of a kind labs does not know', (t: string) => t.replace(/^(\s*)- apply: mysql-deployment.yaml/m, '$1- patch: { kind: Gadget, name: x, merge: {} }\n$1- apply: mysql-deployment.yaml'),
      'lab.yaml:55:24 steps.1.solution.0.patch.kind: labs does not know the kind "Gadget"'],
    ['a file written out of a volume', (t: string) => t.replace(/^(\s*)- apply: mysql-deployment.yaml/m, '$1- writeVolume: { claim: mysql-pvc, path: ../x, content: y }\n$1- apply: mysql-deployment.yaml'),
      'lab.yaml:55:48 steps.1.solution.0.writeVolume.path: the path leads outside the volume (..)'],
  ])('reports %s with file:line:col', (_name, edit, expected) => {
    expect(issuesOf(brokenCopy('mysql-pvc', edit))).toContainEqual(expect.stringContaining(expected));
  });

  it('reports a broken manifest at its own line', () => {
    const file = brokenCopy('mysql-pvc', (t) => t, (dir) => writeFileSync(join(dir, 'mysql-pvc.yaml'), 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: [x\n'));
    expect(issuesOf(file)[0]).toMatch(/mysql-pvc\.yaml:5:1: YAML: Flow sequence in block collection must be sufficiently indented and end with a \]/);
  });

  it('reports every problem, not just the first', () => {
    const file = brokenCopy('redis-statefulset', (t) => t.replace('checks: [service-headless]', 'checks: [service-headles]').replace('timeout: 300', 'timeout: -1'));
    expect(issuesOf(file)).toHaveLength(1); // schema problems stop before cross-file rules
    expect(issuesOf(file)[0]).toMatch(/steps\.1\.timeout: Too small/);
  });
});
