// The static-PV lab on the offline cluster (week3-day3/static-pv): a PersistentVolume made by hand, bound, Released
// with its data kept (Retain), made Available and bound again, and a dynamically provisioned volume deleted with its
// claim (Delete). Its reference solution passes `labs smoke`; every check fails on a known-bad copy of the lab, for its
// own reason; and a class of realistic submissions is graded with the exact verdicts below. Everything runs at once:
// each test has a namespace (or a grading run) of its own, and the volumes of one never bind the claims of another.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SubmissionResult } from '../../src/grade/result.ts';
import { LABS_ROOT, loadLab, PROJECT_ROOT } from '../../src/load/load-labs.ts';
import { KIND, VOLUME_NAMESPACE_LABEL } from '../../src/model/kube.ts';
import { normaliseCheckRef, type Action } from '../../src/model/lab.ts';
import { type LabResult } from '../../src/run/result.ts';
import { waitOn } from '../../src/run/wait.ts';
import { foreignLines } from '../one-language.ts';
import { e2eKube, labsCli } from './cluster.ts';
import { verdicts, type Verdict } from './results.ts';
import { applyAll, runVariant, swap, type LabVariant } from './variants.ts';

const LAB = 'week3-day3/static-pv';

/** A known-bad copy of the lab: changed manifests or solutions, and the checks it must fail. */
type PvVariant = Omit<LabVariant, 'lab'>;

const write = (claim: string, content: string): Action => ({ writeVolume: { claim, path: 'hello.txt', content } });
const THROUGH_BIND = ['pv', 'bind'];
const THROUGH_REUSE = ['pv', 'bind', 'release', 'reuse'];

/** Every check id of the lab is failed by at least one of these, each for its own reason. */
const variants: PvVariant[] = [
  {
    name: 'pv-delete-policy-released', steps: ['pv', 'bind', 'release'],
    files: { 'pv-static.yaml': swap('persistentVolumeReclaimPolicy: Retain', 'persistentVolumeReclaimPolicy: Delete') },
    fail: ['pv-spec', 'pv-released'],
    says: { 'pv-spec': /PersistentVolume\/pv-static spec\.persistentVolumeReclaimPolicy: want Retain, got Delete/, 'pv-released': /PersistentVolume\/pv-static spec\.persistentVolumeReclaimPolicy: want Retain, got Delete/ },
  },
  {
    // The claim applied with the volume: it is Bound before anyone looked at it Available.
    name: 'pv-bound-at-once', steps: ['pv'],
    solutions: { pv: applyAll('pv-static.yaml', 'pvc-static.yaml') },
    fail: ['pv-available'],
    says: { 'pv-available': /PersistentVolume\/pv-static status\.phase: want Available, got Bound/ },
  },
  {
    // The claim asks the provisioner's class: it gets a new volume of its own, and pv-static stays Available.
    name: 'pvc-dynamic-class', steps: THROUGH_BIND,
    files: { 'pvc-static.yaml': swap('storageClassName: manual', 'storageClassName: hostpath') },
    fail: ['pvc-bound', 'pv-bound'],
    says: { 'pvc-bound': /PersistentVolumeClaim\/pvc-static spec\.volumeName: want \S+-pv-static, got pvc-/, 'pv-bound': /PersistentVolume\/pv-static status\.phase: want Bound, got Available/ },
  },
  {
    name: 'never-written', steps: THROUGH_BIND,
    solutions: { bind: [...applyAll('pvc-static.yaml', 'writer-pod.yaml'), { wait: { target: 'pod/writer' } }, { writeVolume: { claim: 'pvc-static', path: 'hello-world.txt', content: '{{value greeting}}' } }] },
    fail: ['data-written'],
    says: { 'data-written': /PersistentVolumeClaim\/pvc-static volume:\/hello\.txt: want \S+, got \(none\)/ },
  },
  {
    // Only the pod deleted: the claim still holds the volume.
    name: 'claim-kept', steps: ['pv', 'bind', 'release'],
    solutions: { release: [{ delete: { kind: 'Pod', name: 'writer' } }] },
    fail: ['pv-released'],
    says: { 'pv-released': /PersistentVolumeClaim\/pvc-static: want \(none\), got \(present\)/ },
  },
  {
    // The claimRef never removed: the volume stays Released and the new claim waits.
    name: 'still-released', steps: THROUGH_REUSE,
    solutions: { reuse: applyAll('pvc-again.yaml') },
    fail: ['pv-rebound'],
    blocked: ['data-survived'],
    says: { 'pv-rebound': /PersistentVolume\/pv-static status\.phase: want Bound, got Released/ },
  },
  {
    // Bound again, but the file overwritten through the new claim.
    name: 'data-overwritten', steps: THROUGH_REUSE,
    solutions: { reuse: [{ patch: { kind: 'PersistentVolume', name: 'pv-static', merge: { spec: { claimRef: null } } } }, ...applyAll('pvc-again.yaml'), write('pvc-again', 'overwritten')] },
    fail: ['data-survived'],
    says: { 'data-survived': /PersistentVolumeClaim\/pvc-again volume:\/hello\.txt: want \S+, got overwritten/ },
  },
  {
    // The dynamic claim asks the hand-made class: no volume of it is free, so nothing binds it.
    name: 'dynamic-manual-class', steps: ['dynamic'],
    files: { 'pvc-dynamic.yaml': swap('storageClassName: hostpath', 'storageClassName: manual') },
    solutions: { dynamic: applyAll('pvc-dynamic.yaml') },
    fail: ['dynamic-bound'],
    says: { 'dynamic-bound': /PersistentVolumeClaim\/pvc-dynamic storageClass: want hostpath, got manual/ },
  },
  {
    // Only the pod deleted: the claim and its volume stay.
    name: 'dynamic-claim-kept', steps: ['dynamic', 'dynamic-delete'],
    solutions: { 'dynamic-delete': [{ delete: { kind: 'Pod', name: 'dynamic-user' } }] },
    fail: ['dynamic-pv-deleted'],
    says: { 'dynamic-pv-deleted': /PersistentVolume\/pvc-\S+: want \(none\), got \(present\)/ },
  },
  {
    // The claim deleted, the Retain volume left behind.
    name: 'volume-left', steps: [...THROUGH_REUSE, 'cleanup'],
    solutions: { cleanup: [{ delete: { kind: 'PersistentVolumeClaim', name: 'pvc-again' } }] },
    fail: ['no-leftovers'],
    says: { 'no-leftovers': /PersistentVolume\/pv-static: want \(none\), got \(present\)/ },
  },
];

const allChecks = () => loadLab(join(LABS_ROOT, LAB, 'lab.yaml')).steps.flatMap((s) => s.checks.map((c) => normaliseCheckRef(c).id));

/** The exact grade of each fixture student: the checks failed, and those blocked by another's failure. */
const EXPECTED: Record<string, Verdict> = {
  'ref-seed': { score: 10, fail: [], blocked: [] },
  'kim-other-ways': { score: 10, fail: [], blocked: [] },
  'lee-delete-policy': { score: 8, fail: ['pv-spec', 'pv-released'], blocked: [] },
  'park-wrong-class': { score: 6, fail: ['pvc-bound', 'pv-bound', 'pv-released', 'data-survived'], blocked: [] },
  'choi-rwx': { score: 3, fail: ['pv-spec', 'pvc-bound', 'pv-bound', 'pv-released', 'pv-rebound'], blocked: ['data-written', 'data-survived'] },
  'jung-no-pv': { score: 2, fail: ['pv-spec', 'pvc-bound', 'pv-released'], blocked: ['pv-available', 'pv-bound', 'data-written', 'pv-rebound', 'data-survived'] },
};

describe.concurrent('the static-PV lab on the offline cluster', () => {
  const kube = e2eKube();

  it('labs smoke passes with the reference solution, in English only, with the timings, and leaves no volume', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smoke-static-pv-'));
    const r = await labsCli(['smoke', LAB, '--json', join(dir, 'results.json'), '--timings']);
    expect(r.all).toMatch(/smoke: 1 lab\(s\), 11 checks passed, 0 failed, 0 blocked, 0 errors/);
    expect(r.exitCode).toBe(0);
    expect(foreignLines(String(r.all), 'en')).toEqual([]);
    const { results } = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { results: LabResult[] };
    expect(results.map((l) => [l.lab, l.steps.flatMap((s) => s.checks.filter((c) => c.status === 'pass').map((c) => c.id))])).toEqual([[LAB, allChecks()]]);
    await noVolumesOf([results[0]!.namespace]);
  });

  it('every check id fails in a known-bad variant', () => {
    const failed = new Set(variants.flatMap((v) => v.fail));
    for (const id of allChecks()) expect(failed, `no variant fails ${id}`).toContain(id);
  });

  it.each(variants)('$name fails exactly its checks', async (v) => {
    await noVolumesOf([await runVariant(kube, { ...v, lab: LAB })]);
  });

  it('labs grade --parallel 4 gives the class its exact verdicts, and leaves no volume of it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'grades-static-pv-'));
    const r = await labsCli(['grade', LAB, join(PROJECT_ROOT, 'test', 'fixtures', 'class-static-pv'), '--out', out, '--parallel', '4', '--lang', 'en']);
    expect(r.all).toMatch(new RegExp(`graded ${Object.keys(EXPECTED).length} of ${Object.keys(EXPECTED).length}`));
    expect(r.exitCode).toBe(0);
    expect(foreignLines(String(r.all), 'en')).toEqual([]);
    expect(verdicts(out)).toEqual(EXPECTED);
    const { results } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { results: SubmissionResult[] };
    expect(JSON.parse(readFileSync(join(out, 'leftovers.json'), 'utf8'))).toEqual({ namespaces: [], volumes: [] });
    await noVolumesOf(results.map((s) => s.namespace));
  });

  /** No volume labs made for these namespaces' runs is left (a Retain volume is deleted with its namespace). */
  async function noVolumesOf(namespaces: string[]): Promise<void> {
    const mine = new Set(namespaces);
    await waitOn(undefined, 'the runs\' volumes deleted', 120, async () => {
      const left = (await kube.list(KIND.pv)).filter((pv) => mine.has(pv.metadata.labels?.[VOLUME_NAMESPACE_LABEL] ?? '') || mine.has(String((pv.spec as { claimRef?: { namespace?: string } }).claimRef?.namespace)));
      return left.length === 0 ? { done: true, value: undefined } : { done: false, why: left.map((pv) => pv.metadata.name).join(', ') };
    });
  }
});
