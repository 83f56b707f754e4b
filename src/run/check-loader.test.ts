import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeCompiled, urlUnder, writeOutsideLab } from '../../test/unit/outside-lab.ts';
import * as api from '../check/index.ts';
import { FakeKube } from '../kube/fake.ts';
import { CHECKS_ROOT, checkModulePath, LABS_ROOT, loadLab, PROJECT_ROOT } from '../load/load-labs.ts';
import { text } from '../model/text.ts';
import { CHECK_API_URL, loadCheck } from './check-loader.ts';

describe('check modules', () => {
  it('are found beside an outside lab, else among the bundled checks', () => {
    const dir = writeOutsideLab();
    const outside = loadLab(join(dir, 'lab.yaml'));
    expect(checkModulePath(outside, 'hello')).toBe(join(dir, 'checks', 'hello.ts'));
    expect(checkModulePath(outside, 'nope')).toBeUndefined();
    const redis = loadLab(join(LABS_ROOT, 'week3-day3/redis-statefulset', 'lab.yaml'));
    expect(checkModulePath(redis, 'pod-dns')).toBe(join(CHECKS_ROOT, 'week3-day3/redis-statefulset', 'pod-dns.ts'));
    expect(checkModulePath(redis, 'ordinal-names')).toBe(join(PROJECT_ROOT, 'checks', 'week3-day3/redis-statefulset', 'ordinal-names.yaml'));
  });

  it('of a lab folder outside the package import labs/check and get the runner\'s own copy (sources)', async () => {
    const dir = writeOutsideLab();
    const check = await loadCheck(loadLab(join(dir, 'lab.yaml')), 'hello');
    const mod = (await import(join(dir, 'checks', 'hello.ts'))) as { api: Record<string, unknown> };
    expect(mod.api.fail).toBe(api.fail);
    expect(mod.api.text).toBe(text);
    const outcome = await check.run({ namespace: 'default', kube: new FakeKube(), recall: () => undefined, signal: new AbortController().signal } as never);
    expect(outcome).toEqual({ status: 'pass', detail: text('파드 0개', '0 pods') });
    expect(CHECK_API_URL).toBe(urlUnder(PROJECT_ROOT, 'src/check/index.ts'));
  });
});

describe('compiled (dist/)', () => {
  it('bundled checks and an outside lab\'s .ts check share the runner\'s one copy of labs/check', async () => {
    // The build is incremental: seconds when dist/ is current.
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, [join(PROJECT_ROOT, 'bin', 'build.js'), '--lenient'], { timeout: 240_000 }, (e, _out, err) => (e ? reject(new Error(`${e.message}\n${err}`)) : resolve()));
    });
    const dir = writeOutsideLab();
    const p = await probeCompiled(PROJECT_ROOT, dir);
    const apiUrl = urlUnder(PROJECT_ROOT, 'dist/src/check/index.js');

    expect(p.bundled).toHaveLength(56);
    // Compiled bundled checks: no TypeScript, no tsx, and labs/check is the one module the runner uses.
    expect(p.seenBundled.filter((u) => u.endsWith('.ts') || u.includes('/tsx/'))).toEqual([]);
    expect(p.seenBundled.filter((u) => /\/check\/index\.[jt]s$/.test(u))).toEqual([apiUrl]);
    // Every check written as code was loaded compiled; those written as data are read as they are.
    const codeChecks = readdirSync(join(PROJECT_ROOT, 'checks'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.includes('lib/') && !f.endsWith('.test.ts'));
    expect(codeChecks.length).toBeGreaterThan(0);
    expect(p.seenBundled.filter((u) => u.startsWith(urlUnder(PROJECT_ROOT, 'dist/checks/')) && !u.includes('/lib/'))).toHaveLength(codeChecks.length);

    // The outside check came through tsx and got that same module.
    expect(p.apiUrl).toBe(apiUrl);
    expect(p.seen.filter((u) => /\/check\/index\.[jt]s$/.test(u))).toEqual([apiUrl]);
    expect(p.seen.filter((u) => u.startsWith(urlUnder(PROJECT_ROOT, 'src/')))).toEqual([]);
    expect(p.same).toEqual({ fail: true, pass: true, text: true });
    expect(p.outcome).toEqual({ status: 'pass', detail: { ko: '파드 0개', en: '0 pods' } });
  }, 300_000);
});
