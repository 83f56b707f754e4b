import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { checkPolicy, smokePolicy, studentPolicy } from './policy.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeKube } from '../kube/fake.ts';
import { type KindRef } from '../model/kube.ts';
import { loadLab } from '../load/load-labs.ts';
import { type RunEvent } from './events.ts';
import { runLab, type Interaction } from './runner.ts';
import { StateStore } from './state-store.ts';

/** A lab of its own with a check beside it: the ConfigMap "answer" must hold 42. */
function tinyLab() {
  const dir = join(mkdtempSync(join(tmpdir(), 'tiny-')), 'week0', 'tiny');
  mkdirSync(join(dir, 'checks'), { recursive: true });
  writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: answer}\ndata: {value: "42"}\n');
  writeFileSync(join(dir, 'lab.yaml'), `title: {ko: 작은 랩, en: Tiny lab}
summary: {ko: 요약, en: Summary}
steps:
  - id: write
    title: {ko: 쓰기, en: Write}
    instructions: {ko: 적용하세요, en: Apply it}
    commands: [kubectl apply -f cm.yaml]
    solution: [{apply: cm.yaml}]
    checks: [{id: answer, points: 3}]
    timeout: 1
  - id: clean
    title: {ko: 정리, en: Clean}
    instructions: {ko: 지우세요, en: Delete it}
    solution: [{delete: {kind: ConfigMap, name: answer}}]
    checks: []
    timeout: 1
`);
  writeFileSync(join(dir, 'checks', 'answer.ts'), `
export default {
  id: 'answer',
  title: { ko: '답', en: 'answer' },
  async run(ctx) {
    const cm = await ctx.kube.get({ apiVersion: 'v1', kind: 'ConfigMap' }, 'answer', ctx.namespace);
    if (cm?.data?.value === '42') return { status: 'pass', remember: { answerUid: 'seen' } };
    return { status: 'fail', mismatches: [{ object: 'ConfigMap/answer', path: 'data.value', want: '42', got: String(cm?.data?.value) }], hint: { ko: '힌트', en: 'hint' } };
  },
};
`);
  return loadLab(join(dir, 'lab.yaml'));
}

const NS = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' }, status: { phase: 'Active' } };
const fake = () => new FakeKube([NS]);

describe('runLab', () => {
  it('--auto performs each solution, runs the checks, and saves progress and remembered state', async () => {
    const lab = tinyLab();
    const kube = fake();
    const store = new StateStore(mkdtempSync(join(tmpdir(), 'state-')));
    const events: RunEvent['type'][] = [];
    const r = await runLab({ lab, kube, namespace: 'ns', context: 'fake', lang: 'en', policy: smokePolicy(), store, emit: (e) => void events.push(e.type) });
    expect(r.steps.map((s) => s.actionError)).toEqual([undefined, undefined]);
    expect(r.status).toBe('pass');
    expect(r.steps[0]!.checks[0]).toMatchObject({ id: 'answer', status: 'pass', points: 3, maxPoints: 3 });
    expect(kube.objects.filter((o) => o.kind === 'ConfigMap')).toEqual([]);
    expect(store.load('fake', 'ns', lab.id)).toMatchObject({ completedSteps: ['write', 'clean'], memory: { write: { attempt: 1, checks: { answer: { answerUid: 'seen' } } } }, verdicts: { answer: { status: 'pass', points: 3 } } });
    expect(events).toEqual(['lab-start', 'step-start', 'action-start', 'action-end', 'check-start', 'check-end', 'step-end', 'step-start', 'action-start', 'action-end', 'step-end', 'lab-end']);
  });

  it('interactive: waits for the student, offers retry on failure, and stops on quit', async () => {
    const lab = tinyLab();
    const kube = fake();
    const asked: string[] = [];
    const interaction: Interaction = {
      async awaitStudent(step) {
        asked.push(`await ${step.id}`);
        if (step.id === 'clean') return false; // quit before the second step
        return true;
      },
      async onFailure(step, result) {
        asked.push(`failed ${step.id}: ${result.checks.map((c) => c.status).join(',')}`);
        // The student fixes it, then asks for a retry: the checks run again without a second prompt.
        await kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'answer' }, data: { value: '42' } }, 'ns', { fieldManager: 't' });
        return 'retry';
      },
    };
    const r = await runLab({ lab, kube, namespace: 'ns', context: 'fake', lang: 'en', policy: studentPolicy(false), interaction, emit: () => undefined });
    expect(asked).toEqual(['await write', 'failed write: fail', 'await clean']);
    expect(r.steps.map((s) => [s.id, s.status, s.number])).toEqual([['write', 'pass', 1]]);
    expect(r.status).toBe('skipped'); // not every step ran
    expect(r.quit).toBe(true); // the student chose to stop: nothing failed
  });

  it('a skipped step is reported as skipped, never as passed', async () => {
    const lab = tinyLab();
    const interaction: Interaction = { awaitStudent: async () => true, onFailure: async () => 'skip' };
    const r = await runLab({ lab, kube: fake(), namespace: 'ns', context: 'fake', lang: 'en', policy: studentPolicy(false), interaction, emit: () => undefined });
    expect(r.steps[0]!.checks[0]).toMatchObject({ status: 'skipped', points: 0 });
    expect(r.status).toBe('skipped');
  });

  it('reports a failed action at once when nothing in the namespace would make it succeed, and still runs the checks', async () => {
    const lab = tinyLab();
    lab.steps[0]!.solution = [{ exec: { target: 'pod/missing', command: ['true'] } }];
    const r = await runLab({ lab, kube: fake(), namespace: 'ns', context: 'fake', lang: 'en', policy: smokePolicy(), steps: ['write'], emit: () => undefined });
    expect(r.steps[0]!.actionError?.en).toMatch(/a ready pod for pod\/missing: the namespace settled without it/);
    expect(r.steps[0]!.checks[0]!.status).toBe('fail');
    expect(r.status).toBe('error');
  });
});

describe('volume pods of a round', () => {
  it('write and read through one pod per claim, which is gone before the round deletes anything and at its end', async () => {
    const lab = tinyLab();
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'ns' }, spec: { accessModes: ['ReadWriteOnce'] }, status: { phase: 'Bound' } };
    lab.steps[0]!.solution = [{ writeVolume: { claim: 'data', path: 'f.txt', content: 'hi' } }, { delete: { kind: 'ConfigMap', name: 'answer' } }, { writeVolume: { claim: 'data', path: 'g.txt', content: 'ho' } }];
    lab.steps[0]!.checks = [];
    const kube = fake();
    await kube.apply(claim, 'ns', { fieldManager: 't' });
    const log: string[] = [];
    const create = kube.create.bind(kube);
    kube.create = async (object, ns, c) => {
      const out = await create(object, ns, c);
      log.push(`create ${object.kind}`);
      setTimeout(() => void kube.apply({ ...out, status: { phase: 'Running', containerStatuses: [{ name: 'v', state: { running: {} } }] } }, ns ?? '', { fieldManager: 'kubelet' }), 5);
      return out;
    };
    const del = kube.delete.bind(kube);
    kube.delete = async (ref: KindRef, name: string, ns?: string) => (log.push(`delete ${ref.kind}`), del(ref, name, ns));
    kube.execHandlers.push((_ns, _pod, command) => (log.push(`exec ${command.at(-2)}`), { stdout: '', stderr: '', exitCode: 0 }));
    const r = await runLab({ lab, kube, namespace: 'ns', context: 'fake', lang: 'en', policy: smokePolicy(), steps: ['write'], emit: () => undefined });
    expect(r.steps[0]!.actionError).toBeUndefined();
    expect(log).toEqual(['create Pod', 'exec f.txt', 'delete Pod', 'delete ConfigMap', 'create Pod', 'exec g.txt', 'delete Pod']);
    expect(kube.objects.filter((o) => o.kind === 'Pod')).toEqual([]);
  });
});

describe('memory per step attempt', () => {
  it('a re-check of an earlier step never rewrites what a later step built on', async () => {
    const lab = tinyLab();
    const store = new StateStore(mkdtempSync(join(tmpdir(), 'state-')));
    const kube = fake();
    await runLab({ lab, kube, namespace: 'ns', context: 'fake', lang: 'en', policy: smokePolicy(), store, emit: () => undefined });
    const before = store.load('fake', 'ns', lab.id).memory.write!;
    // The lab is done (step clean remembered nothing but ran); a later `labs check --step write` must not rewrite step write's memory.
    store.save({ ...store.load('fake', 'ns', lab.id), memory: { ...store.load('fake', 'ns', lab.id).memory, clean: { attempt: 1, at: 'x', checks: {} } } });
    await kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'answer' }, data: { value: '42' } }, 'ns', { fieldManager: 't' });
    await runLab({ lab, kube, namespace: 'ns', context: 'fake', lang: 'en', policy: checkPolicy(), steps: ['write'], store, emit: () => undefined });
    expect(store.load('fake', 'ns', lab.id).memory.write).toEqual(before);
  });

  it('the final summary counts the whole lab, earlier sessions\' verdicts shown as such', async () => {
    const lab = tinyLab();
    const store = new StateStore(mkdtempSync(join(tmpdir(), 'state-')));
    await runLab({ lab, kube: fake(), namespace: 'ns', context: 'fake', lang: 'en', policy: smokePolicy(), store, steps: ['write'], emit: () => undefined });
    let end: Extract<RunEvent, { type: 'lab-end' }> | undefined;
    await runLab({ lab, kube: fake(), namespace: 'ns', context: 'fake', lang: 'en', policy: smokePolicy(), store, steps: ['clean'], emit: (e) => void (e.type === 'lab-end' && (end = e)) });
    expect(end?.verdicts).toMatchObject({ answer: { status: 'pass', earlier: true } });
  });
});
