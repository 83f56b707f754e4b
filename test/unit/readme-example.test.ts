import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainDeclarative } from '../../src/assert/explain.ts';
import { formatIssue, LabFileError } from '../../src/errors.ts';
import { loadLab, PROJECT_ROOT, readCheckFile } from '../../src/load/load-labs.ts';
import { readmeExample, writeReadmeExample } from './readme-example.ts';

// README's worked example ("From an empty folder to a smoke-tested lab") is a lab that loads, and the mistakes it
// quotes are reported as quoted. test/e2e/semantic.test.ts smoke-tests it on the cluster.
const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

function issues(dir: string): string[] {
  try {
    loadLab(join(dir, 'lab.yaml'));
    return [];
  } catch (e) {
    if (!(e instanceof LabFileError)) throw e;
    return e.issues.map((i) => formatIssue(i, 'en').replace(`${dir}/`, ''));
  }
}

describe("README's worked example", () => {
  it('has its five files', () => {
    expect(Object.keys(readmeExample()).sort()).toEqual(['checks/greeting-stored.yaml', 'checks/redis-ready.yaml', 'checks/service-port.yaml', 'lab.yaml', 'redis.yaml']);
  });

  it('validates, and its checks explain themselves', () => {
    const dir = writeReadmeExample();
    expect(issues(dir)).toEqual([]);
    const lab = loadLab(join(dir, 'lab.yaml'));
    const r = readCheckFile(lab, join(dir, 'checks', 'service-port.yaml'), 'service-port');
    expect(r.ok).toBe(true);
    if (r.ok) expect(explainDeclarative('service-port', 'service-port.yaml', r.check, 'en').join('\n')).toMatch(/object Service\/redis[\s\S]*spec\.ports: contains \{"port":6379\}/);
  });

  it.each([
    ['an expectation without a matcher', (f: Record<string, string>) => (f['checks/service-port.yaml'] = f['checks/service-port.yaml']!.replace('      - { path: spec.ports, contains: { port: 6379 } }', '      - { path: spec.ports }'))],
    ['a misspelt value', (f: Record<string, string>) => (f['checks/greeting-stored.yaml'] = f['checks/greeting-stored.yaml']!.replace('answer: { stdout: "{{value greeting}}" }', 'answer: { stdout: "{{value greting}}" }'))],
  ])('reports %s exactly as README quotes it', (_name, edit) => {
    const [issue] = issues(writeReadmeExample(edit));
    expect(issue).toBeDefined();
    expect(readme).toContain(`\`${issue}\``);
  });
});
