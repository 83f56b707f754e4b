import { execa } from 'execa';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabs, PROJECT_ROOT } from '../../src/load/load-labs.ts';
import { probeCompiled, urlUnder, writeOutsideLab } from '../unit/outside-lab.ts';
import { E2E } from './cluster.ts';

// The packed tarball, installed into an empty folder as on a machine that has only Node and npm: nothing of
// the clone (sources, devDependencies, tsx's registration) is reachable from there.
describe('npm pack', () => {
  const work = mkdtempSync(join(tmpdir(), 'labs-pack-'));
  const app = join(work, 'app');
  const pkg = join(app, 'node_modules', 'labs');
  const env = { CI: '1', NO_COLOR: '1', LABS_HOME: join(work, 'home'), npm_config_update_notifier: 'false' };
  const labs = (args: string[], timeout = 60_000) => execa(join(app, 'node_modules', '.bin', 'labs'), args, { cwd: app, env, reject: false, all: true, timeout });
  const npm = (args: string[], cwd: string, timeout: number) => execa('npm', [...args, '--no-audit', '--no-fund'], { cwd, env, all: true, timeout });

  beforeAll(async () => {
    // `npm pack` builds dist/ first (prepare).
    const packed = await npm(['pack', '--pack-destination', work], PROJECT_ROOT, 5 * 60_000);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball, packed.all).toBeDefined();
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    await npm(['install', '--prefer-offline', join(work, tarball!)], app, 5 * 60_000);
  }, 12 * 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the compiled code, the labs and the schema, and no sources', () => {
    for (const f of ['bin/labs.js', 'dist/src/cli/main.js', 'dist/src/check/index.js', 'dist/src/check/index.d.ts', 'dist/checks/week3-day3/redis-statefulset/pod-dns.js', 'checks/week3-day3/redis-statefulset/ordinal-names.yaml', 'labs/week3-day3/mysql-pvc/lab.yaml', 'schema/lab.schema.json', 'schema/check.schema.json']) {
      expect(existsSync(join(pkg, f)), f).toBe(true);
    }
    for (const f of ['src', 'test', 'bin/build.js', 'dist/.tsbuildinfo']) expect(existsSync(join(pkg, f)), f).toBe(false);
    // Tests and the fake client stay home.
    expect(readdirSync(join(pkg, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.test\.|(^|\/)fake\.(js|d\.ts)$/.test(f))).toEqual([]);
    // The checks written as data are read as they are; those written as code come compiled, never as sources.
    expect(readdirSync(join(pkg, 'checks'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))).toEqual([]);
    // Only the runtime dependencies came along.
    for (const dev of ['typescript', 'vitest']) expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
  });

  it('runs labs --help, list and validate', async () => {
    const help = await labs(['--help', '--lang', 'en']);
    expect(help.exitCode, help.all).toBe(0);
    expect(help.stdout).toMatch(/Usage: labs/);
    const list = await labs(['list', '--lang', 'en']);
    expect(list.exitCode, list.all).toBe(0);
    expect(list.stdout).toMatch(/^week3-day3\/mysql-pvc\t/m);
    expect(list.stdout).toMatch(/^week3-day3\/redis-statefulset\t/m);
    const validate = await labs(['validate', '--lang', 'en']);
    expect(validate.exitCode, validate.all).toBe(0);
    expect(validate.stdout).toMatch(/^ok {2}week3-day3\/redis-statefulset /m);
  });

  it('validates a lab folder that brings its own .ts check', async () => {
    const r = await labs(['validate', writeOutsideLab(), '--lang', 'en']);
    expect(r.exitCode, r.all).toBe(0);
    expect(r.stdout).toMatch(/^ok {2}outside\/hello /m);
  });

  it('shares one copy of labs/check between the runner, its bundled checks and an outside check', async () => {
    const p = await probeCompiled(pkg, writeOutsideLab());
    const api = urlUnder(pkg, 'dist/src/check/index.js');
    // Every check of every shipped lab, as the sources list them.
    expect(p.bundled.sort()).toEqual(loadLabs().flatMap((l) => l.steps.flatMap((s) => s.checks.map((c) => `${l.id}/${typeof c === 'string' ? c : c.id}`))).sort());
    expect(p.seenBundled.filter((u) => u.endsWith('.ts') || u.includes('/tsx/'))).toEqual([]);
    expect(p.seen.filter((u) => /\/check\/index\.[jt]s$/.test(u))).toEqual([api]);
    expect(p.apiUrl).toBe(api);
    expect(p.same).toEqual({ fail: true, pass: true, text: true });
  });

  it('runs an outside lab\'s .ts check against the cluster', async () => {
    const r = await labs(['check', writeOutsideLab(), '--namespace', 'default', '--context', E2E.context, '--kubeconfig', E2E.kubeconfig, '--lang', 'en'], 120_000);
    expect(r.exitCode, r.all).toBe(0);
    expect(r.all).toMatch(/hello/);
  }, 180_000);

  it('smokes the MySQL lab on the offline cluster', async () => {
    const r = await labs(['smoke', 'week3-day3/mysql-pvc', '--context', E2E.context, '--kubeconfig', E2E.kubeconfig], 10 * 60_000);
    expect(r.all).toMatch(/smoke: 1 lab\(s\), 11 checks passed, 0 failed,/);
    expect(r.exitCode).toBe(0);
  }, 11 * 60_000);
});
