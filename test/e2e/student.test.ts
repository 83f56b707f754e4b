import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteNamespace, namespaceName } from '../../src/cluster/namespace.ts';
import { KIND } from '../../src/model/kube.ts';
import { StateStore, type RunState } from '../../src/run/state-store.ts';
import { E2E, e2eKube } from './cluster.ts';
import { cursorRestored, type Pty } from './pty.ts';
import { foreignLines } from '../one-language.ts';
import { applyAtPrompt, foreignWords, hintCommands, KEY, kubectl, labsInTerminal, lastPodReady, linesAfter, SCREEN, STACK_TRACE, studentFolder, swap } from './student.ts';

const REDIS = 'week3-day3/redis-statefulset';
const MYSQL = 'week3-day3/mysql-pvc';
const kube = e2eKube();
const cleanups: (() => unknown)[] = [];
let sessions = 0;

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** One student: a LABS_HOME and a namespace of their own, removed after the case. */
function student(name: string) {
  const home = mkdtempSync(join(tmpdir(), `labs-home-${name}-`));
  const ns = namespaceName('labs-e2e-student', name);
  cleanups.push(() => rmSync(home, { recursive: true, force: true }));
  cleanups.push(() => deleteNamespace(kube, ns, 240).catch(() => undefined));
  return {
    ns,
    home,
    labs(args: string[], cwd?: string, cols?: number): Pty {
      const p = labsInTerminal(args, { home, cwd, cols });
      const n = ++sessions;
      cleanups.push(() => {
        p.kill();
        // LABS_E2E_SCREENS=<dir> keeps every session's screen (control sequences removed) for a look afterwards.
        const dir = process.env.LABS_E2E_SCREENS;
        if (dir) {
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, `${name}-${n}.txt`), `$ labs ${args.join(' ')}\n${p.text()}`);
        }
      });
      return p;
    },
    folder(lab: 'mysql-pvc' | 'redis-statefulset', edits?: Record<string, (yaml: string) => string>) {
      const f = studentFolder(lab, edits);
      cleanups.push(() => f.remove());
      return f;
    },
    state(lab: string): RunState {
      return new StateStore(join(home, 'state')).load(E2E.context, ns, lab);
    },
  };
}

/** What every screen of a session must be: one language, no stack trace, the cursor left visible. */
function expectCleanScreen(p: Pty, lang: 'ko' | 'en') {
  expect(foreignLines(p.text(), lang), `lines not in ${lang}`).toEqual([]);
  expect(foreignWords(p.text(), lang), `words not in ${lang}`).toEqual([]);
  expect(p.text()).not.toMatch(STACK_TRACE);
  expect(cursorRestored(p.raw()), 'the cursor is shown again').toBe(true);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

describe('the language check itself', () => {
  it('catches a line in the other language, and lets commands, names and quoted tool output through', () => {
    expect(foreignWords('  › StatefulSet/redis pods: 기대 [redis-0, redis-1], 실제 no pod redis-1', 'ko')).toHaveLength(1);
    expect(foreignWords('      PersistentVolumeClaim/mysql-pvc: 기대 (있음), 실제 (missing)', 'ko')).toHaveLength(1);
    expect(foreignWords('week3-day3/mysql-pvc: 4 passed, 0 failed', 'ko')).toHaveLength(1);
    expect(foreignWords('labs: interactive mode needs a terminal', 'ko')).toHaveLength(1);
    expect(foreignWords('    힌트: 이 필드는 바꿀 수 없으므로 (다시 apply하면 "updates to statefulset spec … are forbidden") 지우세요: kubectl -n ns delete statefulset redis; kubectl -n ns apply -f redis-statefulset.yaml', 'ko')).toEqual([]);
    expect(foreignWords('  storageClassName: hostpath # Docker Desktop 기본 StorageClass', 'en')).toEqual([]);
    expect(foreignWords('  ✖ pvc-spec: 기대 1Gi', 'en')).toHaveLength(1);
  });
});

describe('a student at a terminal: labs start in a pseudo-terminal on the offline cluster', () => {
  it('Parallel StatefulSet (Korean, the default): the failure ≤ 15 s after the last pod is Ready, the hint\'s commands fix it, r passes the step, q saves', async () => {
    const w = SCREEN.ko;
    const s = student('parallel');
    const folder = s.folder('redis-statefulset', { 'redis-statefulset.yaml': swap('  replicas: 3\n', '  replicas: 3\n  podManagementPolicy: Parallel\n') });
    const p = s.labs(['start', REDIS, '--namespace', s.ns], folder.dir);

    let { mark } = await applyAtPrompt(p, w.prompt, s.ns, folder.dir, ['redis-headless-service.yaml']);
    await p.waitFor('[2/5]', { from: mark });
    ({ mark } = await applyAtPrompt(p, w.prompt, s.ns, folder.dir, ['redis-statefulset.yaml'], mark));
    const [readyAt, failure] = await Promise.all([
      lastPodReady(kube, s.ns, 'app=redis', 3, 300),
      p.waitFor('✖ ordered-start', { from: mark, timeoutMs: 330_000 }),
    ]);
    const menu = await p.waitFor(w.menu, { from: mark, timeoutMs: 60_000 });
    console.log(`Parallel: failure on screen ${seconds(failure.at - readyAt)} after the last pod was Ready`);
    expect(failure.at - readyAt).toBeLessThanOrEqual(15_000);
    const round = p.text().slice(mark, menu.start);
    for (const id of ['statefulset-ready', 'ordinal-names', 'per-pod-pvcs']) expect(round).toContain(`✔ ${id}`);
    expect(round).toContain('spec.podManagementPolicy: 기대 OrderedReady, 실제 Parallel');

    // The hint says delete and re-create, with the commands for this namespace: the student follows it.
    const commands = hintCommands(round, 'ko');
    expect(commands.length).toBeGreaterThanOrEqual(2);
    for (const c of commands) expect(c).toMatch(new RegExp(`^kubectl -n ${s.ns} `));
    expect(commands.some((c) => / delete statefulset redis$/.test(c))).toBe(true);
    expect(commands.at(-1)).toBe(`kubectl -n ${s.ns} apply -f redis-statefulset.yaml`);
    folder.reset('redis-statefulset.yaml');
    for (const c of commands) await kubectl(c.split(/\s+/).slice(1), folder.dir);

    mark = p.text().length;
    p.type(`r${KEY.enter}`);
    const after = await p.waitFor(/\[3\/5\]|\[r\] 다시 확인/, { from: mark, timeoutMs: 330_000 });
    const retry = p.text().slice(mark, after.start);
    expect(after.match[0], `the retry did not pass:\n${retry.slice(-3000)}`).toBe('[3/5]');
    expect(retry, 'the retry shows live progress').toMatch(/\(\d+초\/300초\)/);
    expect(retry).toContain('✔ ordered-start');

    await p.waitFor(w.prompt, { from: after.end });
    mark = p.text().length;
    p.type(`q${KEY.enter}`);
    expect((await p.exited).code).toBe(0);
    expect(p.text().slice(mark)).toContain(w.saved);
    expect(s.state(REDIS).completedSteps).toEqual(['service', 'statefulset']);
    expectCleanScreen(p, 'ko');
  });

  it('2Gi PVC (English): the failure ≤ 5 s after the apply, the hint\'s commands fix it, r passes the step', async () => {
    const w = SCREEN.en;
    const s = student('pvc-2gi');
    const folder = s.folder('mysql-pvc', { 'mysql-pvc.yaml': swap('storage: 1Gi', 'storage: 2Gi') });
    const p = s.labs(['start', MYSQL, '--namespace', s.ns, '--lang', 'en'], folder.dir);

    let { mark, applied } = await applyAtPrompt(p, w.prompt, s.ns, folder.dir, ['mysql-pvc.yaml']);
    const failure = await p.waitFor('✖ pvc-spec', { from: mark, timeoutMs: 90_000 });
    const menu = await p.waitFor(w.menu, { from: mark, timeoutMs: 90_000 });
    console.log(`2Gi PVC: failure on screen ${seconds(failure.at - applied)} after the apply`);
    expect(failure.at - applied).toBeLessThanOrEqual(5_000);
    const round = p.text().slice(mark, menu.start);
    expect(round).toContain('spec.resources.requests.storage: want 1Gi, got 2Gi');

    const commands = hintCommands(round, 'en');
    for (const c of commands) expect(c).toMatch(new RegExp(`^kubectl -n ${s.ns} `));
    expect(commands.some((c) => / delete pvc mysql-pvc\b/.test(c))).toBe(true);
    expect(commands.at(-1)).toBe(`kubectl -n ${s.ns} apply -f mysql-pvc.yaml`);
    folder.reset('mysql-pvc.yaml');
    for (const c of commands) await kubectl(c.split(/\s+/).slice(1), folder.dir);

    mark = p.text().length;
    p.type(`r${KEY.enter}`);
    const after = await p.waitFor(/\[2\/4\]|\[r\] retry/, { from: mark, timeoutMs: 90_000 });
    expect(after.match[0], `the retry did not pass:\n${p.text().slice(mark).slice(-3000)}`).toBe('[2/4]');
    expect(p.text().slice(mark, after.start)).toContain('✔ pvc-spec');
    await p.waitFor(w.prompt, { from: after.end });
    p.type(`q${KEY.enter}`);
    expect((await p.exited).code).toBe(0);
    expect(s.state(MYSQL).completedSteps).toEqual(['pvc']);
    expectCleanScreen(p, 'en');
  });

  it('Ctrl-C at the prompt (Korean): exit 130 with one line and the cursor shown; start again resumes at [2/5]; q (and Ctrl-D) exit 0 and keep it', async () => {
    const w = SCREEN.ko;
    const s = student('ctrl-c-prompt');
    const folder = s.folder('redis-statefulset');
    const first = s.labs(['start', REDIS, '--namespace', s.ns], folder.dir);
    const { mark } = await applyAtPrompt(first, w.prompt, s.ns, folder.dir, ['redis-headless-service.yaml']);
    await first.waitFor('[2/5]', { from: mark });
    const prompt = await first.waitFor(w.prompt, { from: mark });
    first.type(KEY.ctrlC);
    const stopped = await first.exited;
    expect(stopped.code).toBe(130);
    expect(linesAfter(first, prompt.end)).toEqual([w.stopping]);
    expectCleanScreen(first, 'ko');
    expect(s.state(REDIS).completedSteps).toEqual(['service']);

    const again = s.labs(['start', REDIS, '--namespace', s.ns], folder.dir);
    await again.waitFor(w.prompt);
    expect(again.text()).toContain(w.resuming(2, 5, 'statefulset'));
    expect(again.text()).toMatch(/^\[2\/5\] Step 2: /m);
    expect(again.text()).not.toContain('[1/5]');
    const quitAt = again.text().length;
    again.type(`q${KEY.enter}`);
    expect((await again.exited).code).toBe(0);
    expect(again.text().slice(quitAt)).toContain(w.saved);
    expectCleanScreen(again, 'ko');

    // Ctrl-D (end of input) at the prompt is a quit too.
    const third = s.labs(['start', REDIS, '--namespace', s.ns], folder.dir);
    const prompt3 = await third.waitFor(w.prompt);
    expect(third.text()).toMatch(/^\[2\/5\] Step 2: /m);
    third.type(KEY.ctrlD);
    expect((await third.exited).code).toBe(0);
    expect(linesAfter(third, prompt3.end)[0]).toContain(w.saved);
    expectCleanScreen(third, 'ko');
    expect(s.state(REDIS).completedSteps).toEqual(['service']);
  });

  it('Ctrl-C while the checks wait (English): exit 130 within a second, the checks shown as interrupted, and the step resumes', async () => {
    const w = SCREEN.en;
    const s = student('ctrl-c-wait');
    const folder = s.folder('redis-statefulset');
    const p = s.labs(['start', REDIS, '--namespace', s.ns, '--lang', 'en'], folder.dir);
    let { mark } = await applyAtPrompt(p, w.prompt, s.ns, folder.dir, ['redis-headless-service.yaml']);
    await p.waitFor('[2/5]', { from: mark });
    ({ mark } = await applyAtPrompt(p, w.prompt, s.ns, folder.dir, ['redis-statefulset.yaml'], mark));
    // The checks are waiting once their progress (elapsed/deadline) is on screen.
    await p.waitFor(/\(\d+s\/300s\)/, { from: mark, timeoutMs: 60_000 });
    const pressedAt = p.text().length;
    const pressed = Date.now();
    p.type(KEY.ctrlC);
    const stopped = await p.exited;
    console.log(`Ctrl-C during a wait: exited ${stopped.at - pressed} ms after the key`);
    expect(stopped.code).toBe(130);
    expect(stopped.at - pressed).toBeLessThanOrEqual(1_000);
    const after = p.text().slice(pressedAt);
    expect(after.split(w.stopping).length - 1, 'the interruption is said once').toBe(1);
    expect(after).toContain(`— ${w.interrupted}`);
    // Nothing but the live view's last frame and that one line.
    expect(linesAfter(p, pressedAt).filter((l) => !/^\s*[↓✔⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏◼›]/.test(l) && !/^\s{2,}\S/.test(l))).toEqual([w.stopping]);
    expectCleanScreen(p, 'en');
    expect(s.state(REDIS).completedSteps).toEqual(['service']);

    const again = s.labs(['start', REDIS, '--namespace', s.ns, '--lang', 'en'], folder.dir);
    await again.waitFor(w.prompt);
    expect(again.text()).toContain(w.resuming(2, 5, 'statefulset'));
    again.type(`q${KEY.enter}`);
    expect((await again.exited).code).toBe(0);
    expectCleanScreen(again, 'en');
  });

  it('--namespace that does not exist (Korean): created, said so, and every command shown is for it', async () => {
    const w = SCREEN.ko;
    const s = student('new-ns');
    expect(await kube.get(KIND.namespace, s.ns)).toBeUndefined();
    const p = s.labs(['start', REDIS, '--namespace', s.ns, '--from', 'identity']);
    const prompt = await p.waitFor(w.prompt);
    expect(p.text()).toContain(w.created(s.ns));
    expect(p.text()).toMatch(/^\[3\/5\] Step 3: /m);
    expect(await kube.get(KIND.namespace, s.ns)).toBeDefined();
    expect(s.state(REDIS).createdNamespace).toBe(true);

    const shown = p.text().slice(0, prompt.start);
    const commands = shown.slice(shown.lastIndexOf('입력할 명령:')).split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
    expect(commands).toHaveLength(6);
    for (const c of commands) expect(c).toMatch(new RegExp(`^kubectl -n ${s.ns} `));
    expect(commands[0]).toContain(` -- nslookup redis-0.redis-headless.${s.ns}.svc.cluster.local`);
    expect(commands).toContain(`kubectl -n ${s.ns} exec redis-0 -- redis-cli set key1 "value1"`);
    expect(shown).not.toMatch(new RegExp(`\\(-n ${s.ns}\\)`));

    p.type(`q${KEY.enter}`);
    expect((await p.exited).code).toBe(0);
    expectCleanScreen(p, 'ko');
  });
});
