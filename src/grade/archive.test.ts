import { describe, expect, it } from 'vitest';
import { findLab } from '../load/load-labs.ts';
import { type ManifestObject } from '../load/manifests.ts';
import { type ApiObject } from '../model/kube.ts';
import { captureObjects, cleanObject, mergeObjects } from '../run/capture.ts';
import { FakeKube } from '../kube/fake.ts';
import { readManifest } from '../run/actions.ts';
import { Timeline } from '../run/timeline.ts';
import { renderObjects, variantOf } from '../run/variants.ts';
import { packArchive, readArchive } from './archive.ts';
import { review, variablesIn } from './review.ts';
import { readTarGz, writeTarGz } from './tar.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lab = findLab('week3-day3/mysql-pvc');
const klass = { seed: 'class-2026', students: ['kim', 'lee', 'park'], from: 'test' };
const live = (o: ApiObject): ApiObject => ({
  ...o, metadata: { ...o.metadata, namespace: 'ns-kim', uid: 'u-1', resourceVersion: '77', creationTimestamp: '2026-11-20T09:00:00Z', managedFields: [{ manager: 'kubectl' }],
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"secret":"x"}', 'pv.kubernetes.io/bind-completed': 'yes', mine: 'kept' }, finalizers: ['kubernetes.io/pvc-protection'] } as never,
  status: { phase: 'Bound' },
});

function kimObjects(): ApiObject[] {
  const v = variantOf(lab, 'kim', klass.seed);
  return [...renderObjects(lab, 'mysql-pvc.yaml', readManifest(lab.dir, 'mysql-pvc.yaml'), v), ...renderObjects(lab, 'mysql-deployment.yaml', readManifest(lab.dir, 'mysql-deployment.yaml'), v)];
}

describe('tar', () => {
  it('reads back what it wrote, and refuses what is not an archive or too big', () => {
    const gz = writeTarGz([{ name: 'a.txt', data: Buffer.from('hello') }, { name: 'objects/b.yaml', data: Buffer.alloc(1000, 65) }]);
    expect(readTarGz(gz, 1e6, 10).map((e) => [e.name, e.data.length])).toEqual([['a.txt', 5], ['objects/b.yaml', 1000]]);
    expect(() => readTarGz(Buffer.from('nope'), 1e6, 10)).toThrow(/not a gzip file/);
    expect(() => readTarGz(gz, 100, 10)).toThrow(/larger than/);
    expect(() => readTarGz(gz, 1e6, 1)).toThrow(/more than 1 files/);
  });
});

describe('capturing a student\'s objects', () => {
  it('leaves out status and what the server set, keeps a headless Service\'s None and the student\'s own annotations', () => {
    const [pvc] = kimObjects();
    const clean = cleanObject(live(pvc!), 'include') as any;
    expect(clean.status).toBeUndefined();
    expect(clean.metadata).toEqual({ name: 'mysql-pvc', annotations: { mine: 'kept' } });
    const svc = cleanObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'h' }, spec: { clusterIP: 'None', clusterIPs: ['None'], ports: [] } } as never, 'include') as any;
    expect(svc.spec).toEqual({ clusterIP: 'None', ports: [] });
    // What defaulting filled in and the grading policy refuses when written: the default scheduler.
    const dep = cleanObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { metadata: { creationTimestamp: null }, spec: { schedulerName: 'default-scheduler', dnsPolicy: 'ClusterFirst', containers: [] } } } } as never, 'include') as any;
    expect(dep.spec.template).toEqual({ metadata: {}, spec: { dnsPolicy: 'ClusterFirst', containers: [] } });
  });

  it('redacts a Secret\'s values unless the lab asks for them', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { pw: Buffer.from('hunter2').toString('base64') } } as never;
    const red = cleanObject(secret, 'redact') as any;
    expect(JSON.stringify(red)).not.toContain(Buffer.from('hunter2').toString('base64'));
    expect(red.metadata.annotations['labs.dev/redacted']).toMatch(/^pw=sha256:[0-9a-f]{16}$/);
    expect((cleanObject(secret, 'include') as any).data.pw).toBe(Buffer.from('hunter2').toString('base64'));
  });

  it('takes the student\'s objects only: not what controllers, the cluster or the grader made', async () => {
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'redis', namespace: 'ns' }, spec: { volumeClaimTemplates: [{ metadata: { name: 'data' } }] } };
    const kube = new FakeKube([
      sts,
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-redis-0', namespace: 'ns' } },
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'mine', namespace: 'ns' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'redis-0', namespace: 'ns', ownerReferences: [{ kind: 'StatefulSet', name: 'redis' }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probe', namespace: 'ns', labels: { 'labs.dev/role': 'probe' } } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'ns' } },
    ] as never);
    expect((await captureObjects(kube, 'ns', 'redact')).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['PersistentVolumeClaim/mine', 'StatefulSet/redis']);
  });

  it('takes, for a lab that makes PersistentVolumes, its own by name and those claimed from the namespace, without the controller\'s binding', async () => {
    const pv = (name: string, spec: Record<string, unknown>, annotations?: Record<string, string>) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name, annotations }, spec: { hostPath: { path: '/mnt/x' }, ...spec } });
    const kube = new FakeKube([
      pv('pv-static', { claimRef: { name: 'pvc-again', namespace: 'ns', uid: 'u1' } }),
      pv('pv-mine', { claimRef: { name: 'pvc-static', namespace: 'ns' } }),
      pv('pvc-1234', { claimRef: { name: 'pvc-dynamic', namespace: 'ns', uid: 'u2' } }, { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' }),
      pv('someone-elses', { claimRef: { name: 'x', namespace: 'other', uid: 'u3' } }),
    ] as never);
    const got = await captureObjects(kube, 'ns', 'redact', undefined, ['pv-static']);
    expect(got.map((o) => [o.metadata.name, (o.spec as any).claimRef])).toEqual([['pv-mine', { name: 'pvc-static', namespace: 'ns' }], ['pv-static', undefined]]);
    expect((await captureObjects(kube, 'ns', 'redact')).length).toBe(0);
  });

  it('merges the captures of a lab graded step by step: each object once, as it was first kept', () => {
    const o = (kind: string, name: string, v: number) => ({ apiVersion: 'v1', kind, metadata: { name }, v }) as never;
    expect(mergeObjects([o('PersistentVolumeClaim', 'pvc-static', 1), o('Pod', 'writer', 1)], [o('Pod', 'writer', 2), o('PersistentVolumeClaim', 'pvc-again', 2)]).map((x: any) => `${x.metadata.name}@${x.v}`)).toEqual(['pvc-static@1', 'writer@1', 'pvc-again@2']);
  });
});

describe('submission archives', () => {
  function archive(edit?: (lines: string[]) => string[]) {
    const file = join(mkdtempSync(join(tmpdir(), 'tl-')), 't.jsonl');
    const t = new Timeline(file);
    t.append({ type: 'session', mode: 'auto', lab: lab.id, labVersion: 'v1', student: 'kim', resumed: false });
    t.append({ type: 'step-start', step: 'pvc' });
    t.append({ type: 'attempt', step: 'pvc', n: 1, status: 'pass', checks: [{ id: 'pvc-spec', status: 'pass' }, { id: 'pvc-bindable', status: 'pass' }] });
    const lines = t.text().trim().split('\n');
    const { data } = packArchive({ student: 'kim', lab: lab.id, labVersion: 'v1', variant: variantOf(lab, 'kim', klass.seed), createdAt: 'now', secrets: 'include' }, kimObjects().map((o) => cleanObject(live(o), 'include')), `${(edit ? edit(lines) : lines).join('\n')}\n`);
    return readArchive('/x/kim.labs.tgz', 'kim.labs.tgz', data, 'kim');
  }

  it('round-trips: the objects as a submission (file:line inside the archive), the timeline with its chain, the manifest', () => {
    const { submission, facts } = archive();
    expect(submission.issues).toEqual([]);
    expect(submission.objects.map((o) => `${o.object.kind}/${o.object.metadata.name} ${o.file}:${o.line}`)).toEqual([
      'PersistentVolumeClaim/mysql-pvc kim.labs.tgz:objects/01-persistentvolumeclaim-mysql-pvc.yaml:1', 'Deployment/mysql kim.labs.tgz:objects/02-deployment-mysql.yaml:1',
    ]);
    expect(facts.chain).toEqual({ ok: true, events: 3 });
    expect(facts.manifest).toMatchObject({ format: 1, student: 'kim', lab: lab.id, variant: { student: 'kim' } });
    expect(variablesIn(lab, submission.objects)).toEqual(variantOf(lab, 'kim', klass.seed).vars);
  });

  it('flags exactly: a verdict edited by hand (the chain breaks), a claimed pass the re-grade fails, another student\'s variant', () => {
    const { submission, facts } = archive((l) => l.map((x, i) => (i === 2 ? x.replace('"status":"pass"', '"status":"pass" ') : x)));
    const failing = [{ id: 'pvc-spec', step: 'pvc', title: { ko: '', en: '' }, status: 'fail' as const, points: 0, maxPoints: 1, attempts: 1, durationMs: 1 }];
    const clean = review({ lab, student: 'kim', klass, classmates: klass.students, objects: submission.objects, checks: [], archive: archive().facts, labVersion: 'v1' });
    expect(clean.flags).toEqual([]);
    expect(clean.steps?.find((s) => s.step === 'pvc')).toMatchObject({ attempts: 1, hints: 0, solutionViewed: false });
    const edited = review({ lab, student: 'kim', klass, classmates: klass.students, objects: submission.objects, checks: failing, archive: { ...facts, events: facts.events.map((e) => (e.seq === 3 ? { ...e, n: 9 } : e)) as never, chain: { ok: false, seq: 3, why: 'hash' } }, labVersion: 'v1' });
    expect(edited.flags.map((f) => f.kind).sort()).toEqual(['chain-broken', 'claimed-pass']);
    // lee hands in kim's files: judged against lee's variant, and named as kim's.
    const copied = review({ lab, student: 'lee', klass, classmates: klass.students, objects: submission.objects as ManifestObject[], checks: [], labVersion: 'v1' });
    expect(copied.flags).toEqual([{ kind: 'other-variant', students: ['kim'], vars: variantOf(lab, 'kim', klass.seed).vars }]);
    expect(copied.variant.vars).toEqual(variantOf(lab, 'lee', klass.seed).vars);
  });

  it('leaves a redacted Secret out of what is graded, saying why', () => {
    const secret = cleanObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { pw: 'eA==' } } as never, 'redact');
    const { data } = packArchive({ student: 'kim', lab: lab.id, labVersion: 'v1', createdAt: 'now', secrets: 'redact' }, [secret, ...kimObjects()], '');
    const { submission } = readArchive('/x/a.tgz', 'a.tgz', data, 'kim');
    expect(submission.objects.map((o) => o.object.kind)).toEqual(['PersistentVolumeClaim', 'Deployment']);
    expect(submission.issues[0]!.message.en).toMatch(/Secret\/db: its values are not in the archive/);
  });
});
