import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/unit/fixture-kube.ts';
import { FakeKube } from '../kube/fake.ts';
import { mismatchCode } from '../check/outcome.ts';
import { CheckFileSchema, type CheckFile } from '../model/assert.ts';
import { type CheckContext, type CheckOutcome } from '../model/check.ts';
import { type ExecResult } from '../model/kube.ts';
import { renderMismatch } from '../report/mismatch.ts';
import { renderHint, runDeclarative } from './engine.ts';
import { parsePath, PathError, valuesAt } from './path.ts';

// Every matcher and target of the declarative form, against objects the offline cluster returned after the MySQL
// lab's deploy step (test/fixtures/mysql-pvc/deploy.json, captured by scripts/capture-fixtures.ts).
const deploy = readFixture('mysql-pvc', 'deploy');
const NS = deploy.namespace;
const HINT = { ko: '고치세요', en: 'fix it' };

function ctx(o: { memory?: Record<string, unknown>; probe?: (command: string[]) => ExecResult; values?: Record<string, string>; kube?: FakeKube } = {}): CheckContext {
  return {
    namespace: NS,
    kube: o.kube ?? new FakeKube(deploy.objects),
    recall: (id) => o.memory?.[id],
    probe: async (_name, command) => o.probe?.(command) ?? { stdout: '', stderr: 'no answer', exitCode: 1 },
    evidence: async (pods, workload) => [...(workload ? [{ pod: `${workload.kind}/${workload.metadata.name}`, events: ['FailedCreate: quota'], log: [] }] : []), ...pods.map((pod) => ({ pod, events: ['Unhealthy: probe failed'], log: [] }))],
    signal: new AbortController().signal,
    values: o.values ?? {},
  };
}

const check = (asserts: unknown[], extra: Record<string, unknown> = {}): CheckFile => CheckFileSchema.parse({ title: { ko: 't', en: 't' }, hint: HINT, asserts, ...extra });
const lines = (out: CheckOutcome) => (out.status === 'pass' ? [] : out.mismatches.map((m) => renderMismatch(m, 'en')));
/** The mismatches' codes, as reports group them. */
const codes = (out: CheckOutcome) => (out.status === 'pass' ? [] : out.mismatches.map(mismatchCode));
const PVC = { object: { kind: 'PersistentVolumeClaim', name: 'mysql-pvc' } };

describe('paths', () => {
  const pod = deploy.objects.find((o) => o.kind === 'Pod')!;
  it.each([
    ['spec.containers[0].name', ['mysql']],
    ['spec.containers[name=mysql].image', ['mysql:8.0']],
    ["metadata.labels['app']", ['mysql']],
    ['spec.containers[*].volumeMounts[mountPath=/var/lib/mysql].name', ['mysql-storage']],
    ['status.conditions[type=Ready].status', ['True']],
    ['spec.containers[name=nope].image', []],
    ['spec.nothing.here', []],
  ])('%s', (path, want) => {
    expect(valuesAt(pod, path)).toEqual(want);
  });

  it.each(['spec..name', 'spec.containers[0', 'spec.containers[=x]', '.spec', 'spec.'])('refuses %s', (path) => {
    expect(() => parsePath(path)).toThrow(PathError);
  });
});

describe('matchers, on captured objects', () => {
  it.each([
    ['equals', { path: 'spec.storageClassName', equals: 'hostpath' }, { path: 'spec.storageClassName', equals: 'fast' }, /spec\.storageClassName: want fast, got hostpath/],
    ['oneOf', { path: 'status.phase', oneOf: ['Bound', 'Pending'] }, { path: 'status.phase', oneOf: ['Lost'] }, /status\.phase: want Lost, got Bound/],
    ['quantity', { path: 'spec.resources.requests.storage', quantity: '1024Mi' }, { path: 'spec.resources.requests.storage', quantity: '2Gi' }, /storage: want 2Gi, got 1Gi/],
    ['present', { path: 'spec.volumeName', present: true }, { path: 'spec.dataSource', present: true }, /spec\.dataSource: want \(present\), got \(none\)/],
    ['absent', { path: 'metadata.deletionTimestamp', absent: true }, { path: 'spec.volumeName', absent: true }, /spec\.volumeName: want \(none\), got pvc-/],
    ['contains (list)', { path: 'spec.accessModes', contains: 'ReadWriteOnce' }, { path: 'spec.accessModes', contains: 'ReadWriteMany' }, /spec\.accessModes: want contains ReadWriteMany, got \[ReadWriteOnce\]/],
    ['contains (map)', { path: 'metadata', contains: { name: 'mysql-pvc' } }, { path: 'metadata', contains: { name: 'other' } }, /metadata: want contains \{name: other\}/],
    ['contains (text)', { path: 'spec.volumeName', contains: 'pvc-' }, { path: 'spec.volumeName', contains: 'nfs' }, /want contains nfs/],
    ['exactly', { path: 'spec.accessModes', exactly: ['ReadWriteOnce'] }, { path: 'spec.accessModes', exactly: ['ReadWriteOnce', 'ReadOnlyMany'] }, /want \[ReadWriteOnce, ReadOnlyMany\] \(in any order\), got \[ReadWriteOnce\]/],
    ['count', { path: 'spec.accessModes', count: 1 }, { path: 'spec.accessModes', count: { min: 2 } }, /spec\.accessModes: want count ≥ 2, got count 1/],
    ['matches', { path: 'spec.volumeName', matches: '^pvc-[0-9a-f-]+$' }, { path: 'spec.volumeName', matches: '^local-' }, /want matching \/\^local-\//],
    ['not', { path: 'status.phase', not: { equals: 'Pending' } }, { path: 'status.phase', not: { equals: 'Bound' } }, /status\.phase: want ≠ Bound, got Bound/],
  ])('%s: holds, and fails with the object, path, want and got', async (_name, good, bad, said) => {
    expect(await runDeclarative(check([{ ...PVC, expect: [good] }]), ctx())).toMatchObject({ status: 'pass' });
    const out = await runDeclarative(check([{ ...PVC, expect: [bad] }]), ctx());
    expect(out.status).toBe('fail');
    expect(lines(out).join('\n')).toMatch(said);
    expect(lines(out)[0]).toMatch(/^PersistentVolumeClaim\/mysql-pvc /);
  });

  it('compares a number with the same number as text (placeholders give text)', async () => {
    expect(await runDeclarative(check([{ object: { kind: 'Deployment', name: 'mysql' }, expect: [{ path: 'spec.replicas', equals: '{{value n}}' }] }]), ctx({ values: { n: '1' } }))).toMatchObject({ status: 'pass' });
  });
});

describe('targets', () => {
  it('podsOf: the pods the Deployment owns (through its ReplicaSet), judged one by one', async () => {
    const ok = await runDeclarative(check([{ podsOf: { kind: 'Deployment', name: 'mysql' }, expect: [{ path: "$.mounts['/var/lib/mysql']", contains: { claim: 'mysql-pvc' } }] }]), ctx());
    expect(ok).toMatchObject({ status: 'pass' });
    const bad = await runDeclarative(check([{ podsOf: { kind: 'Deployment', name: 'mysql' }, expect: [{ path: "$.mounts['/data']", present: true }] }]), ctx());
    expect(lines(bad)).toEqual([expect.stringMatching(/^Pod\/mysql-\S+ mounts\['\/data'\]: want \(present\), got \(none\)$/)]);
  });

  it('podsOf counts as a whole: how many pods, which names', async () => {
    const out = await runDeclarative(check([{ podsOf: { kind: 'Deployment', name: 'mysql' }, expect: [{ count: 2 }] }]), ctx());
    expect(lines(out)).toEqual(['Deployment/mysql pods: want count 2, got count 1']);
  });

  it('a missing target fails with its own hint, or is blocked by the check responsible for it', async () => {
    const missing = { object: { kind: 'Service', name: 'mysql' } };
    const failed = await runDeclarative(check([{ ...missing, ifAbsent: { hint: { ko: '만드세요: `kubectl apply -f s.yaml`', en: 'Create it: `kubectl apply -f s.yaml`' } } }]), ctx());
    expect(failed).toMatchObject({ status: 'fail', hint: { en: `Create it: kubectl -n ${NS} apply -f s.yaml` } });
    expect(lines(failed)).toEqual(['Service/mysql: want (present), got (none)']);
    expect(await runDeclarative(check([{ ...missing, ifAbsent: { blockedBy: 'svc' } }]), ctx())).toMatchObject({ status: 'blocked', by: 'svc' });
  });

  it('absent: anything there is a mismatch', async () => {
    const out = await runDeclarative(check([{ objects: { kind: 'Pod', selector: 'app=mysql' }, absent: true }]), ctx());
    expect(lines(out)).toEqual([expect.stringMatching(/^Pod\/mysql-\S+: want \(none\), got \(present\)$/)]);
    expect(codes(out)).toEqual(['unexpected']);
  });

  it('ready: a workload whose pods are not Ready fails with their state, the controller\'s words and the pods\' evidence', async () => {
    const kube = new FakeKube(deploy.objects);
    const dep = kube.objects.find((o) => o.kind === 'Deployment') as Record<string, any>;
    dep.status = { ...dep.status, availableReplicas: 0, readyReplicas: 0 };
    const pod = kube.objects.find((o) => o.kind === 'Pod') as Record<string, any>;
    pod.status.conditions = pod.status.conditions.map((c: { type: string }) => (c.type === 'Ready' ? { ...c, status: 'False' } : c));
    const out = await runDeclarative(check([{ podsOf: { kind: 'Deployment', name: 'mysql' }, ready: true }]), ctx({ kube }));
    expect(lines(out)).toEqual(['Deployment/mysql status.availableReplicas: want 1, got 0', expect.stringMatching(/^Pod\/mysql-\S+ status\.conditions\.Ready: want True, got Running, Ready=False/)]);
    expect(codes(out)).toEqual(['not-ready', 'not-ready']);
    expect(out.status === 'fail' && out.evidence?.map((e) => e.pod)).toEqual(['Deployment/mysql', expect.stringMatching(/^mysql-/)]);
    expect(out.status === 'fail' && out.hint.en).toMatch(/kubectl describe pod mysql-/);
  });

  it('probe: the answer with the run\'s values; the pod it talks to names the mismatch', async () => {
    const answer = (command: string[]) => ({ stdout: command.at(-1) === 'get k-xyz' ? '' : 'v-abc\n', stderr: '', exitCode: 0 });
    const probe = { probe: { use: 'redis', command: ['redis-cli', '-h', '{{ip deployment/mysql}}', '{{value cmd}}'], label: 'GET {{value key}}' }, answer: { stdout: '{{value value}}' } };
    expect(await runDeclarative(check([probe]), ctx({ values: { cmd: 'get k-1', key: 'k-1', value: 'v-abc' }, probe: answer }))).toMatchObject({ status: 'pass' });
    const out = await runDeclarative(check([probe]), ctx({ values: { cmd: 'get k-xyz', key: 'k-xyz', value: 'v-abc' }, probe: answer }));
    expect(lines(out)).toEqual([expect.stringMatching(/^Pod\/mysql-\S+ GET k-xyz: want v-abc, got \(nil\)$/)]);
    const failed = await runDeclarative(check([probe]), ctx({ values: { cmd: 'x', key: 'k', value: 'v' }, probe: () => ({ stdout: '', stderr: "ERROR 2003: Can't connect", exitCode: 1 }) }));
    expect(lines(failed)).toEqual([expect.stringMatching(/GET k: want v, got exit 1: ERROR 2003: Can't connect$/)]);
    expect([...codes(out), ...codes(failed)]).toEqual(['answer', 'answer']);
  });

  it('probe: no Ready pod to talk to is blocked by the check responsible for it', async () => {
    const probe = { probe: { use: 'mysql', command: ['mysql', '-h', '{{ip deployment/nope}}'] }, ifAbsent: { blockedBy: 'deployment-available' } };
    expect(await runDeclarative(check([probe]), ctx())).toMatchObject({ status: 'blocked', by: 'deployment-available' });
  });
});

describe('memory between steps', () => {
  it('remembers from the first Ready pod, and a later check compares with it', async () => {
    const first = await runDeclarative(check([{ podsOf: { kind: 'Deployment', name: 'mysql' }, ready: true, remember: { uid: 'metadata.uid' } }]), ctx());
    expect(first).toMatchObject({ status: 'pass', remember: { uid: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    const uid = first.status === 'pass' ? (first.remember as { uid: string }).uid : '';
    const replaced = check([{ podsOf: { kind: 'Deployment', name: 'mysql' }, expect: [{ path: 'metadata.uid', not: { equals: '{{recall deployment-available.uid}}' } }] }]);
    expect(lines(await runDeclarative(replaced, ctx({ memory: { 'deployment-available': { uid } } })))).toEqual([expect.stringMatching(/metadata\.uid: want ≠ [0-9a-f-]{36}, got [0-9a-f-]{36}$/)]);
    expect(await runDeclarative(replaced, ctx({ memory: { 'deployment-available': { uid: 'an-old-pod' } } }))).toMatchObject({ status: 'pass' });
    // Nothing remembered: the check that should have remembered is responsible.
    expect(await runDeclarative(replaced, ctx())).toMatchObject({ status: 'blocked', by: 'deployment-available' });
  });
});

describe('failures', () => {
  it('the first failing expectation with a hint of its own says what to try; commands are as typed in the namespace', async () => {
    const out = await runDeclarative(check([{ ...PVC, expect: [{ path: 'status.phase', equals: 'Bound' }, { path: 'spec.storageClassName', equals: 'fast', hint: { ko: '`kubectl delete pvc mysql-pvc`', en: 'Recreate: `kubectl delete pvc mysql-pvc`' } }] }]), ctx());
    expect(out).toMatchObject({ status: 'fail', hint: { en: `Recreate: kubectl -n ${NS} delete pvc mysql-pvc`, ko: `kubectl -n ${NS} delete pvc mysql-pvc` } });
  });

  it('hints name commands for the default namespace as they are', () => {
    expect(renderHint({ ko: '`kubectl get pvc`', en: 'Run `kubectl get pvc`' }, 'default')).toEqual({ ko: 'kubectl get pvc', en: 'Run kubectl get pvc' });
  });
});

describe('$.log: a pod\'s log, as kubectl logs shows it', () => {
  const logs = (text: string) => async () => text;
  const withLogs = (read: (pod: string, container?: string) => Promise<string>) => ({ ...ctx(), logs: read });
  const LOG = { podsOf: { kind: 'Deployment', name: 'mysql' } };

  it('is read from the pod\'s default container, only when a path names it', async () => {
    const asked: [string, string | undefined][] = [];
    const out = await runDeclarative(check([{ ...LOG, expect: [{ path: '$.log', contains: 'ready for connections' }] }]), withLogs(async (pod, container) => (asked.push([pod, container]), 'mariadbd: ready for connections.\n')));
    expect(out).toMatchObject({ status: 'pass' });
    expect(asked).toEqual([[expect.stringMatching(/^mysql-/), 'mysql']]);
    asked.length = 0;
    await runDeclarative(check([{ ...LOG, expect: [{ path: 'status.phase', equals: 'Running' }] }]), withLogs(async (pod, container) => (asked.push([pod, container]), '')));
    expect(asked).toEqual([]);
  });

  it('fails with the log\'s last lines on one line, or (none) for an empty log', async () => {
    const out = await runDeclarative(check([{ ...LOG, expect: [{ path: '$.log', contains: 'Hello' }] }]), withLogs(logs('one\ntwo\nthree\nfour\n')));
    expect(lines(out)).toEqual([expect.stringMatching(/^Pod\/mysql-\S+ log: want contains Hello, got two ⏎ three ⏎ four$/)]);
    const empty = await runDeclarative(check([{ ...LOG, expect: [{ path: '$.log', contains: 'Hello' }] }]), withLogs(logs('')));
    expect(lines(empty)).toEqual([expect.stringMatching(/^Pod\/mysql-\S+ log: want contains Hello, got \(none\)$/)]);
  });

  it('can be remembered, and breaks as infrastructure where nothing reads logs', async () => {
    const out = await runDeclarative(check([{ ...LOG, remember: { said: '$.log' } }]), withLogs(logs('done\n')));
    expect(out).toMatchObject({ status: 'pass', remember: { said: 'done' } });
    await expect(runDeclarative(check([{ ...LOG, expect: [{ path: '$.log', present: true }] }]), ctx())).rejects.toThrow(/logs/);
  });
});

describe('volumeFile: a file in a claim\'s volume', () => {
  const read = (files: Record<string, string>) => async (claim: string, path: string) => (claim === 'mysql-pvc' ? files[path] : undefined);
  const withVolume = (files: Record<string, string>) => ({ ...ctx({ values: { greeting: 'k3x9' } }), readVolume: read(files) });
  const FILE = { volumeFile: { claim: 'mysql-pvc', path: 'hello.txt' }, answer: { stdout: '{{value greeting}}' } };

  it('holds the run\'s value (a trailing newline is no difference)', async () => {
    expect((await runDeclarative(check([FILE]), withVolume({ 'hello.txt': 'k3x9\n' }))).status).toBe('pass');
  });

  it('fails on other content, and on no file, as the claim\'s mismatch', async () => {
    expect(lines(await runDeclarative(check([FILE]), withVolume({ 'hello.txt': 'hello\n' })))).toEqual(['PersistentVolumeClaim/mysql-pvc volume:/hello.txt: want k3x9, got hello']);
    expect(lines(await runDeclarative(check([FILE]), withVolume({})))).toEqual(['PersistentVolumeClaim/mysql-pvc volume:/hello.txt: want k3x9, got (none)']);
    expect([...codes(await runDeclarative(check([FILE]), withVolume({ 'hello.txt': 'hello\n' }))), ...codes(await runDeclarative(check([FILE]), withVolume({})))]).toEqual(['answer', 'missing']);
  });

  it('absent: a file there is a mismatch', async () => {
    const gone = check([{ volumeFile: { claim: 'mysql-pvc', path: 'x' }, absent: true }]);
    expect((await runDeclarative(gone, withVolume({})) ).status).toBe('pass');
    expect(lines(await runDeclarative(gone, withVolume({ x: '1' })))).toEqual(['PersistentVolumeClaim/mysql-pvc volume:/x: want (none), got (present)']);
  });

  it('a claim missing or not Bound is a missing target, blocked by the check responsible, and nothing is read', async () => {
    let reads = 0;
    const counted = { ...withVolume({}), readVolume: async () => (reads++, undefined) };
    const pending = deploy.objects.map((o) => (o.kind === 'PersistentVolumeClaim' ? { ...o, status: { phase: 'Pending' } } : o));
    const out = await runDeclarative(check([{ ...FILE, ifAbsent: { blockedBy: 'pvc-bound' } }]), { ...counted, kube: new FakeKube(pending) });
    expect(out).toMatchObject({ status: 'blocked', by: 'pvc-bound' });
    expect(lines(out)).toEqual(['PersistentVolumeClaim/mysql-pvc status.phase: want Bound, got Pending']);
    const none = await runDeclarative(check([{ ...FILE, volumeFile: { claim: 'nope', path: 'hello.txt' } }]), counted);
    expect(lines(none)).toEqual(['PersistentVolumeClaim/nope: want (present), got (none)']);
    expect(reads).toBe(0);
  });

  it('breaks as infrastructure where nothing can read a volume', async () => {
    await expect(runDeclarative(check([FILE]), ctx())).rejects.toThrow(/nothing here can read one/);
  });
});

describe('cluster-scoped objects the run renamed', () => {
  const pv = deploy.objects.find((o) => o.kind === 'PersistentVolume')!;

  it('are looked up by the run\'s name and shown by the lab\'s', async () => {
    const renamed = { ...ctx(), clusterName: (kind: string, name: string) => (kind === 'PersistentVolume' && name === 'pv-static' ? pv.metadata.name! : name) };
    const c = check([{ object: { kind: 'PersistentVolume', name: 'pv-static' }, expect: [{ path: 'status.phase', equals: 'Released' }] }]);
    expect(lines(await runDeclarative(c, renamed))).toEqual(['PersistentVolume/pv-static status.phase: want Released, got Bound']);
    const gone = check([{ object: { kind: 'PersistentVolume', name: 'pv-static' }, absent: true }]);
    expect(lines(await runDeclarative(gone, renamed))).toEqual(['PersistentVolume/pv-static: want (none), got (present)']);
    // As written (a student's own cluster), there is no pv-static.
    expect((await runDeclarative(gone, ctx())).status).toBe('pass');
  });

  it('{{volume <name>}} is the run\'s name of the lab\'s volume: a claim bound to the copy passes, to another fails', async () => {
    const claim = deploy.objects.find((o) => o.kind === 'PersistentVolumeClaim')!;
    const c = check([{ object: { kind: 'PersistentVolumeClaim', name: claim.metadata.name! }, expect: [{ path: 'spec.volumeName', equals: '{{volume pv-static}}' }] }]);
    const renamed = { ...ctx(), clusterName: (kind: string, name: string) => (kind === 'PersistentVolume' && name === 'pv-static' ? pv.metadata.name! : name) };
    expect((await runDeclarative(c, renamed)).status).toBe('pass');
    expect(lines(await runDeclarative(c, ctx()))).toEqual([`PersistentVolumeClaim/${claim.metadata.name} spec.volumeName: want pv-static, got ${pv.metadata.name}`]);
  });
});

describe('$.storageClass: a volume\'s or a claim\'s class as the volume controller reads it', () => {
  const c = check([{ object: { kind: 'PersistentVolumeClaim', name: 'mysql-pvc' }, expect: [{ path: '$.storageClass', equals: 'manual' }] }]);
  const claim = deploy.objects.find((o) => o.kind === 'PersistentVolumeClaim')!;

  it('is the field, or the beta annotation that wins over it', async () => {
    expect(lines(await runDeclarative(c, ctx()))).toEqual(['PersistentVolumeClaim/mysql-pvc storageClass: want manual, got hostpath']);
    const annotated = { ...claim, metadata: { ...claim.metadata, annotations: { 'volume.beta.kubernetes.io/storage-class': 'manual' } } };
    expect((await runDeclarative(c, ctx({ kube: new FakeKube([annotated]) }))).status).toBe('pass');
  });
});
