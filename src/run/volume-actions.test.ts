import { afterEach, describe, expect, it } from 'vitest';
import { NamespaceCache } from '../kube/cache.ts';
import { FakeKube } from '../kube/fake.ts';
import { readFixture } from '../../test/unit/fixture-kube.ts';
import { type ApiObject } from '../model/kube.ts';
import { ActionSchema, type Action } from '../model/lab.ts';
import { type Probes } from './probes.ts';
import { describeAction, performAction, type ActionContext } from './actions.ts';
import { renamedVolumes } from './volume-names.ts';
import { VolumePods } from './volume-pods.ts';

// The actions of the static-PV lab: patch (kubectl patch --type=merge) and writeVolume (a file written by a pod of
// labs' own), on the objects the offline cluster returned after the MySQL lab's deploy step (a Bound claim and its PV).
const deploy = readFixture('mysql-pvc', 'deploy');
const NS = deploy.namespace;
const PV = deploy.objects.find((o) => o.kind === 'PersistentVolume')!;
const caches: NamespaceCache[] = [];
afterEach(() => caches.splice(0).forEach((c) => c.close()));

/**
 * A fake whose volume pods start at once (Running, or Failed when `fails`) and whose files live in a map: `sh -c` of
 * a write stores its content, of a read prints it (exit 3 when there is no such file).
 */
async function context(o: { fails?: boolean; names?: ActionContext['names']; volumes?: boolean } = {}): Promise<{ kube: FakeKube; ctx: ActionContext; made: ApiObject[]; files: Map<string, string> }> {
  const kube = new FakeKube([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS }, status: { phase: 'Active' } }, ...deploy.objects]);
  const made: ApiObject[] = [];
  const files = new Map<string, string>();
  const create = kube.create.bind(kube);
  kube.create = async (object, ns, c) => {
    const out = await create(object, ns, c);
    made.push(structuredClone(object));
    const status = o.fails ? { phase: 'Failed' } : { phase: 'Running', containerStatuses: [{ name: 'v', state: { running: { startedAt: new Date().toISOString() } } }] };
    setTimeout(() => void kube.apply({ ...out, status }, ns ?? '', { fieldManager: 'kubelet' }), 5);
    return out;
  };
  kube.execHandlers.push((_ns, pod, command) => {
    const claim = ((made.find((m) => m.metadata.name === pod)?.spec as any)?.volumes?.[0]?.persistentVolumeClaim?.claimName) as string;
    const [, , script, , path, content] = command;
    if (script?.includes('printf')) return (files.set(`${claim}:${path}`, content!), { stdout: '', stderr: '', exitCode: 0 });
    const have = files.get(`${claim}:${path}`);
    return have === undefined ? { stdout: '', stderr: '', exitCode: 3 } : { stdout: have, stderr: '', exitCode: 0 };
  });
  const cache = await new NamespaceCache(kube, NS).start();
  caches.push(cache);
  const volumes = o.volumes ? new VolumePods(kube, cache) : undefined;
  return { kube, made, files, ctx: { kube, cache, probes: {} as Probes, volumes, namespace: NS, labDir: '.', timeoutSeconds: 10, fieldManager: 'labs', values: { greeting: 'k3x9' }, names: o.names } };
}

describe('patch: kubectl patch --type=merge', () => {
  const action = ActionSchema.parse({ patch: { kind: 'pv', name: 'pv-static', merge: { spec: { claimRef: null } } } }) as Action;

  it('removes a field set to null on the volume the run named, and is shown as the student types it', async () => {
    const { kube, ctx } = await context({ names: { of: (_k, n) => (n === 'pv-static' ? PV.metadata.name! : n), shown: (_k, n) => n } });
    await performAction(action, ctx);
    const after = kube.objects.find((o) => o.metadata.name === PV.metadata.name)!;
    expect((after.spec as Record<string, unknown>).claimRef).toBeUndefined();
    expect((after.spec as Record<string, unknown>).hostPath).toEqual((PV.spec as Record<string, unknown>).hostPath);
    expect(describeAction(action, NS)).toBe(`kubectl patch pv pv-static --type=merge -p '{"spec":{"claimRef":null}}'`);
    expect(describeAction(ActionSchema.parse({ patch: { kind: 'Job', name: 'j', merge: { spec: { suspend: false } } } }) as Action, NS)).toBe(`kubectl -n ${NS} patch job j --type=merge -p '{"spec":{"suspend":false}}'`);
  });

  it('says the object is not there as the student\'s error, and an unknown kind as the lab\'s', async () => {
    const { ctx } = await context();
    await expect(performAction(action, ctx)).rejects.toMatchObject({ text: { en: expect.stringMatching(/PersistentVolume pv-static not found to patch/) } });
    await expect(performAction({ patch: { kind: 'Gadget', name: 'x', merge: {} } }, ctx)).rejects.toMatchObject({ text: { en: expect.stringMatching(/unknown kind "Gadget"/) } });
  });
});

describe('writeVolume: a file written into a claim\'s volume by a pod of labs\' own', () => {
  const action: Action = { writeVolume: { claim: 'mysql-pvc', path: 'data/hello.txt', content: '{{value greeting}}' } };

  it('mounts the claim writable in a pod of labs\' own, writes the run\'s value through it, and deletes the pod', async () => {
    const { kube, ctx, made, files } = await context();
    await performAction(action, ctx);
    const pod = made[0]! as ApiObject & { spec: any };
    expect(pod.metadata.labels).toMatchObject({ 'labs.dev/role': 'volume' });
    expect(pod.spec.volumes).toEqual([{ name: 'v', persistentVolumeClaim: { claimName: 'mysql-pvc', readOnly: false } }]);
    expect(pod.spec.activeDeadlineSeconds).toBeGreaterThan(0);
    expect(files.get('mysql-pvc:data/hello.txt')).toBe('k3x9');
    expect(kube.execCalls.map((c) => c.pod)).toEqual([pod.metadata.name]);
    expect(kube.objects.some((o) => o.metadata.name === pod.metadata.name)).toBe(false);
    expect(describeAction(action, NS)).toBe("(volume mysql-pvc) printf %s '{{value greeting}}' > data/hello.txt");
  });

  it('fails when the pod could not start, and refuses a path out of the volume before making any pod', async () => {
    const failing = await context({ fails: true });
    await expect(performAction(action, failing.ctx)).rejects.toMatchObject({ text: { en: expect.stringMatching(/volume pod labs-volume-\w+ cannot start: Failed/) } });
    expect(failing.kube.objects.some((o) => o.kind === 'Pod' && o.metadata.name?.startsWith('labs-volume-'))).toBe(false);
    const { ctx, made } = await context();
    await expect(performAction({ writeVolume: { claim: 'mysql-pvc', path: '../etc/passwd', content: 'x' } }, ctx)).rejects.toMatchObject({ text: { en: expect.stringMatching(/not a path inside a volume/) } });
    expect(made).toEqual([]);
  });

  it('shares one pod per claim with the reads of the same round, and leaves none after close', async () => {
    const { kube, ctx, made } = await context({ volumes: true });
    await performAction(action, ctx);
    expect(await ctx.volumes!.read('mysql-pvc', '/data/hello.txt')).toBe('k3x9');
    expect(await ctx.volumes!.read('mysql-pvc', 'data/absent.txt')).toBeUndefined();
    expect(made).toHaveLength(1);
    expect(kube.execCalls).toHaveLength(3);
    await ctx.volumes!.close();
    expect(kube.objects.some((o) => o.kind === 'Pod' && o.metadata.name === made[0]!.metadata.name)).toBe(false);
  });

  it('mounts a claim read-only for reads alone, and makes a writable pod in its place for a write', async () => {
    const { ctx, made } = await context({ volumes: true });
    expect(await ctx.volumes!.read('mysql-pvc', 'data/hello.txt')).toBeUndefined();
    await performAction(action, ctx);
    expect(made.map((m) => (m.spec as any).volumes[0].persistentVolumeClaim.readOnly)).toEqual([true, false]);
    expect(await ctx.volumes!.read('mysql-pvc', 'data/hello.txt')).toBe('k3x9');
    expect(made).toHaveLength(2);
    await ctx.volumes!.close();
  });
});

describe('volume pods made ahead of the first read', () => {
  it('start once a claim the round reads is Bound, never for one still Pending (labs\' pod must not be its consumer)', async () => {
    const { kube, ctx, made } = await context({ volumes: true });
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'later', namespace: NS }, spec: { accessModes: ['ReadWriteOnce'] }, status: { phase: 'Pending' } };
    await kube.apply(claim, NS, { fieldManager: 't' });
    ctx.volumes!.expect([{ claim: 'later', writes: false }, { claim: 'mysql-pvc', writes: true }, { claim: '{{var claim}}', writes: false }]);
    await expect.poll(() => made.length).toBe(1);
    expect((made[0]!.spec as any).volumes[0].persistentVolumeClaim).toEqual({ claimName: 'mysql-pvc', readOnly: false });
    await new Promise((r) => setTimeout(r, 50));
    expect(made).toHaveLength(1);
    await kube.apply({ ...claim, status: { phase: 'Bound' } }, NS, { fieldManager: 'kube-controller-manager' });
    await expect.poll(() => made.length).toBe(2);
    expect((made[1]!.spec as any).volumes[0].persistentVolumeClaim).toEqual({ claimName: 'later', readOnly: true });
    expect(await ctx.volumes!.read('later', 'x')).toBeUndefined();
    expect(made).toHaveLength(2);
    await ctx.volumes!.release();
    expect(kube.objects.filter((o) => o.kind === 'Pod' && o.metadata.name?.startsWith('labs-volume-'))).toEqual([]);
    await ctx.volumes!.close();
  });
});

describe('delete of a volume the run renamed', () => {
  it('deletes the run\'s copy, never one of the lab\'s name', async () => {
    const { kube, ctx } = await context({ names: renamedVolumes(NS, ['pv-static']) });
    const mine = { ...structuredClone(PV), metadata: { ...PV.metadata, name: `${NS}-pv-static`, uid: 'mine' } };
    const theirs = { ...structuredClone(PV), metadata: { ...PV.metadata, name: 'pv-static', uid: 'theirs' } };
    kube.objects.push(mine, theirs);
    await performAction({ delete: { kind: 'PersistentVolume', name: 'pv-static' } }, ctx);
    expect(kube.objects.filter((o) => o.kind === 'PersistentVolume').map((o) => o.metadata.name).sort()).toEqual([PV.metadata.name, 'pv-static'].sort());
    expect(describeAction({ delete: { kind: 'PersistentVolume', name: 'pv-static' } }, NS)).toBe('kubectl delete PersistentVolume pv-static');
  });
});

describe('the namespace\'s watches and the volumes', () => {
  it('count neither the grader\'s one-shot pods nor another run\'s volumes as changes; a volume of its own or one made by hand is', async () => {
    const { kube, ctx } = await context();
    const cache = ctx.cache;
    const before = cache.version;
    await kube.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'labs-volume-1', labels: { 'labs.dev/role': 'volume' } } }, NS);
    await kube.apply({ ...structuredClone(PV), metadata: { name: 'other-pv', labels: { 'labs.dev/namespace': 'someone-else' } }, spec: {} }, '', { fieldManager: 't' });
    expect(cache.version).toBe(before);
    expect(cache.objects().some((o) => o.metadata.name === 'labs-volume-1' || o.metadata.name === 'other-pv')).toBe(false);
    await kube.apply({ ...structuredClone(PV), metadata: { name: 'by-hand' }, spec: {} }, '', { fieldManager: 't' });
    await kube.apply({ ...structuredClone(PV), metadata: { name: 'mine', labels: { 'labs.dev/namespace': NS } }, spec: {} }, '', { fieldManager: 't' });
    expect(cache.version).toBe(before + 2);
    expect(cache.objects().filter((o) => o.kind === 'PersistentVolume').map((o) => o.metadata.name).sort()).toEqual(['by-hand', 'mine', PV.metadata.name].sort());
  });
});
