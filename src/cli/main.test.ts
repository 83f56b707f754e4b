import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROJECT_ROOT } from '../load/load-labs.ts';
import { checkJsonSchema, labJsonSchema } from '../model/json-schema.ts';
import { runCli } from './main.ts';
import { foreignLines } from '../../test/one-language.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  return { out, err };
}

// Commands keep files in LABS_HOME (`down` even deletes the kind cluster labs made): never the user's own.
process.env.LABS_HOME = mkdtempSync(join(tmpdir(), 'labs-home-'));

describe('labs CLI', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists both labs', async () => {
    const { out } = capture();
    expect(await runCli(['node', 'labs', 'list', '--lang', 'en'])).toBe(0);
    expect(out.join('')).toMatch(/week3-day3\/mysql-pvc\tLab 1: A database on a PV\/PVC\n\tsteps: pvc → deploy → persist → cleanup/);
    expect(out.join('')).toMatch(/week3-day3\/redis-statefulset/);
  });

  it.each([
    [['start', '--lang', 'en'], /^labs: missing required argument 'lab'\nhint: See `labs --help`/],
    [['start'], /^labs: 필수 인자 'lab'가 없습니다\n힌트: /],
    [['start', 'x', '--lang', 'fr'], /^labs: 옵션 '--lang <lang>'의 값 'fr'는 쓸 수 없습니다\. 선택지: ko, en/],
    [['frobnicate', '--lang=en'], /^labs: unknown command 'frobnicate'/],
  ])('exits 2 on bad usage, in the session\'s language: %j', async (args, message) => {
    const { err } = capture();
    expect(await runCli(['node', 'labs', ...args])).toBe(2);
    expect(err.join('')).toMatch(message);
  });

  it('exits 2 with a hint for an unknown lab, without a stack trace', async () => {
    const { err } = capture();
    expect(await runCli(['node', 'labs', 'check', 'week9/nope', '--lang', 'en'])).toBe(2);
    expect(err.join('')).toBe('labs: no lab "week9/nope"\nhint: Known labs: week3-day3/mysql-pvc, week3-day3/redis-statefulset, week3-day3/static-pv, week3-day4/jobs-cronjobs, week3-day5/postgres-backup. Run `labs list`.\n');
    err.length = 0;
    expect(await runCli(['node', 'labs', 'check', 'week9/nope'])).toBe(2);
    expect(err.join('')).toBe('labs: "week9/nope" 랩이 없습니다\n힌트: 있는 랩: week3-day3/mysql-pvc, week3-day3/redis-statefulset, week3-day3/static-pv, week3-day4/jobs-cronjobs, week3-day5/postgres-backup. `labs list`로 보세요.\n');
  });

  it('exits 2 for an unknown step, naming the steps', async () => {
    const { err } = capture();
    expect(await runCli(['node', 'labs', 'check', 'week3-day3/mysql-pvc', '--step', 'nope', '--lang', 'en'])).toBe(2);
    expect(err.join('')).toMatch(/no step "nope"\nhint: Steps: pvc, deploy, persist, cleanup\./);
  });

  it('prints its help in the session\'s language', async () => {
    const { out } = capture();
    expect(await runCli(['node', 'labs', '--help'])).toBe(0);
    expect(out.join('')).toMatch(/^사용법: labs \[옵션\] \[명령\]|^사용법: labs/);
    expect(out.join('')).toMatch(/명령:\n/);
    expect(out.join('')).not.toMatch(/Usage|Options|Commands/);
    out.length = 0;
    expect(await runCli(['node', 'labs', 'start', '--help', '--lang', 'en'])).toBe(0);
    expect(out.join('')).toMatch(/--auto +let labs perform each step's solution/);
  });

  it('grade --dry-run reads a class folder and applies the policy with no cluster', async () => {
    const { out } = capture();
    expect(await runCli(['node', 'labs', 'grade', 'week3-day3/redis-statefulset', join(PROJECT_ROOT, 'test', 'fixtures', 'class-redis'), '--dry-run', '--lang', 'en'])).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/dry run \(nothing was applied to any cluster\)/);
    expect(text).toMatch(/refused mallory-hostile\/extras\.yaml:39 Pod\/root-shell: spec\.containers\[shell\]: privileged containers control the node/);
    expect(text).toMatch(/file issue han-malformed\/redis-statefulset\.yaml:7/);
    expect(text).toMatch(/apply \(lab\) +ref-kim\/redis-statefulset\.yaml:2 StatefulSet\/redis/);
  });

  it('validates the bundled labs', async () => {
    const { out } = capture();
    expect(await runCli(['node', 'labs', 'validate'])).toBe(0);
    expect(out.join('')).toMatch(/ok {2}week3-day3\/mysql-pvc/);
  });

  it('exits 3 with a hint when the context does not exist', async () => {
    const { err } = capture();
    process.env.KUBECONFIG = join(PROJECT_ROOT, 'test', 'unit', 'kubeconfig-empty.yaml');
    expect(await runCli(['node', 'labs', 'check', 'week3-day3/mysql-pvc', '--context', 'nowhere', '--lang', 'en'])).toBe(3);
    delete process.env.KUBECONFIG;
    expect(err.join('')).toMatch(/labs: no context "nowhere" in kubeconfig\nhint: Known contexts: one\./);
  });
});

describe('one language per session', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(['ko', 'en'] as const)('every line of every command is in %s', async (lang) => {
    const { out, err } = capture();
    const runs = [
      ['list'], ['validate'], ['--help'], ['start', '--help'], ['grade', '--help'], ['start'], ['check', 'week9/nope'], ['frobnicate'],
      ['check', 'week3-day3/mysql-pvc', '--step', 'nope'], ['down'],
    ];
    for (const args of runs) await runCli(['node', 'labs', ...args, ...(args.includes('--lang') ? [] : ['--lang', lang])]);
    expect(foreignLines([...out, ...err].join(''), lang)).toEqual([]);
  });
});

describe('schema/lab.schema.json and schema/check.schema.json', () => {
  it('are fresh: regenerate with `npm run schema` after changing src/model/lab.ts or src/model/assert.ts', () => {
    expect(readFileSync(join(PROJECT_ROOT, 'schema', 'lab.schema.json'), 'utf8')).toBe(labJsonSchema());
    expect(readFileSync(join(PROJECT_ROOT, 'schema', 'check.schema.json'), 'utf8')).toBe(checkJsonSchema());
  });

  it('describe the declarative form: every matcher, target and field an author writes', () => {
    const schema = JSON.parse(checkJsonSchema()) as { properties: Record<string, unknown>; required: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(['title', 'hint', 'asserts']));
    const text = checkJsonSchema();
    for (const word of ['equals', 'oneOf', 'quantity', 'present', 'absent', 'contains', 'exactly', 'count', 'matches', 'podsOf', 'probe', 'ifAbsent', 'blockedBy', 'remember', 'ready', 'answer']) {
      expect(text, word).toContain(`"${word}"`);
    }
  });
});

describe('exit codes of runs', () => {
  it.each([
    [['pass', 'pass'], 0],
    [['pass', 'fail'], 1],
    [['pass', 'skipped'], 1],
    [['pass', 'blocked'], 1],
    [['fail', 'error'], 3],
  ] as const)('%j → %i', async (statuses, code) => {
    const { exitCodeOf } = await import('./session.ts');
    expect(exitCodeOf([...statuses])).toBe(code);
  });
});
