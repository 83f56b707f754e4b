import { afterEach, describe, expect, it } from 'vitest';
import { NamespaceCache } from '../kube/cache.ts';
import { FakeKube } from '../kube/fake.ts';
import { readFixture } from '../../test/unit/fixture-kube.ts';
import { type ApiObject } from '../model/kube.ts';
import { ActionSchema, type Action } from '../model/lab.ts';
import { type Probes } from './probes.ts';
import { describeAction, performAction, type ActionContext } from './actions.ts';
import { renamedVolumes } from './volume-names.ts';

// The actions of the static-PV lab: patch (kubectl patch --type=merge) and writeVolume (a file written by a pod of
// labs' own), on the objects the offline cluster returned after the MySQL lab's deploy step (a Bound claim and its PV).
const deploy = readFixture('mysql-pvc', 'deploy');
const NS = deploy.namespace;
const PV = deploy.objects.find((o) => o.kind === 'PersistentVolume')!;
const caches: NamespaceCache[] = [];
afterEach(() => caches.splice(0).forEach((c) => c.close()));

/** A fake whose one-shot pods run to the end at once (Succeeded, or Failed when `fails`). */
async function context(o: { fails?: boolean; names?: ActionContext['names'] } = {}): Promise<{ kube: FakeKube; ctx: ActionContext; made: ApiObject[] }> {
  const kube = new FakeKube([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS }, status: { phase: 'Active' } }, ...deploy.objects]);
  const made: ApiObject[] = [];
  const create = kube.create.bind(kube);
  kube.create = async (object, ns, c) => {
    const out = await create(object, ns, c);
    made.push(structuredClone(object));
    setTimeout(() => void kube.apply({ ...out, status: { phase: o.fails ? 'Failed' : 'Succeeded' } }, ns ?? '', { fieldManager: 'kubelet' }), 5);
    return out;
  };
  const cache = await new NamespaceCache(kube, NS).start();
  caches.push(cache);
  return { kube, made, ctx: { kube, cache, probes: {} as Probes, namespace: NS, labDir: '.', timeoutSeconds: 10, fieldManager: 'labs', values: { greeting: 'k3x9' }, names: o.names } };
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

  it('mounts the claim writable, writes the run\'s value, and deletes the pod', async () => {
    const { kube, ctx, made } = await context();
    await performAction(action, ctx);
    const pod = made[0]! as ApiObject & { spec: any };
    expect(pod.metadata.labels).toMatchObject({ 'labs.dev/role': 'volume' });
    expect(pod.spec.volumes).toEqual([{ name: 'v', persistentVolumeClaim: { claimName: 'mysql-pvc', readOnly: false } }]);
    expect(pod.spec.containers[0].env).toEqual([{ name: 'F', value: 'data/hello.txt' }, { name: 'C', value: 'k3x9' }]);
    expect(kube.objects.some((o) => o.metadata.name === pod.metadata.name)).toBe(false);
    expect(describeAction(action, NS)).toBe("(volume mysql-pvc) printf %s '{{value greeting}}' > data/hello.txt");
  });

  it('fails when the pod could not write, and refuses a path out of the volume before making any pod', async () => {
    const failing = await context({ fails: true });
    await expect(performAction(action, failing.ctx)).rejects.toMatchObject({ text: { en: expect.stringMatching(/could not write data\/hello.txt into the volume of mysql-pvc/) } });
    const { ctx, made } = await context();
    await expect(performAction({ writeVolume: { claim: 'mysql-pvc', path: '../etc/passwd', content: 'x' } }, ctx)).rejects.toMatchObject({ text: { en: expect.stringMatching(/not a path inside a volume/) } });
    expect(made).toEqual([]);
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
