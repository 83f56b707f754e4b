import { describe, expect, it } from 'vitest';
import { type FakeKube } from '../../src/kube/fake.ts';
import { checkTable, memoryAfter, runOnce, type CheckRow } from './check-harness.ts';
import { all, fixtureKube, obj, readFixture } from './fixture-kube.ts';

const LAB = 'week3-day3/mysql-pvc';

const mysqlPod = (k: FakeKube) => all(k, 'Pod').find((p) => p.metadata.labels?.app === 'mysql' && !p.metadata.deletionTimestamp)!;
const noPvc = (k: FakeKube) => k.delete({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, 'mysql-pvc');
const noDeployment = (k: FakeKube) => {
  k.delete({ apiVersion: 'apps/v1', kind: 'Deployment' }, 'mysql');
  for (const p of all(k, 'Pod')) k.delete(p, p.metadata.name!);
};
const notReady = (k: FakeKube) => {
  const p = mysqlPod(k);
  p.status.conditions = p.status.conditions.map((c: { type: string }) => (c.type === 'Ready' ? { ...c, status: 'False' } : c));
};

const rows: CheckRow[] = [
  {
    check: 'pvc-spec', step: 'pvc', bad: [
      { name: '2Gi instead of 1Gi', mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'mysql-pvc').spec.resources.requests.storage = '2Gi'), mismatch: /PersistentVolumeClaim\/mysql-pvc spec\.resources\.requests\.storage: want 1Gi, got 2Gi/, hint: /cannot change.*delete pvc mysql-pvc/ },
      { name: 'ReadWriteMany', mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'mysql-pvc').spec.accessModes = ['ReadWriteMany']), mismatch: /spec\.accessModes: want \[ReadWriteOnce\], got \[ReadWriteMany\]/ },
      { name: 'the default class', mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'mysql-pvc').spec.storageClassName = 'standard'), mismatch: /spec\.storageClassName: want hostpath, got standard/ },
      { name: 'no PVC', mutate: noPvc, mismatch: /PersistentVolumeClaim\/mysql-pvc: want \(present\), got \(none\)/ },
    ],
  },
  {
    check: 'pvc-bindable', step: 'pvc', bad: [
      {
        name: 'Pending on an Immediate class', mismatch: /status\.phase: want Bound \| Pending \(WaitForFirstConsumer\), got Pending \(hostpath, Immediate\)/,
        mutate: (k) => {
          const pvc = obj(k, 'PersistentVolumeClaim', 'mysql-pvc');
          pvc.status.phase = 'Pending';
          delete pvc.spec.volumeName;
        },
      },
      {
        name: 'a class that does not exist', mismatch: /StorageClass\/fast: want \(present\), got \(none\)/,
        mutate: (k) => Object.assign(obj(k, 'PersistentVolumeClaim', 'mysql-pvc'), { spec: { ...obj(k, 'PersistentVolumeClaim', 'mysql-pvc').spec, storageClassName: 'fast' }, status: { phase: 'Pending' } }),
      },
      { name: 'no PVC', mutate: noPvc, status: 'blocked', by: 'pvc-spec' },
    ],
  },
  {
    check: 'deployment-available', step: 'deploy', bad: [
      {
        name: 'a crashing pod', mismatch: /Pod\/mysql-\S+ status\.conditions\.Ready: want True, got Running, Ready=False, CrashLoopBackOff/, hint: /kubectl logs/,
        mutate: (k) => {
          const d = obj(k, 'Deployment', 'mysql');
          d.status = { ...d.status, readyReplicas: 0, availableReplicas: 0, conditions: [{ type: 'Available', status: 'False' }] };
          notReady(k);
          mysqlPod(k).status.containerStatuses[0].state = { waiting: { reason: 'CrashLoopBackOff' } };
        },
      },
      { name: 'no Deployment', mutate: noDeployment, mismatch: /Deployment\/mysql: want \(present\), got \(none\)/ },
    ],
  },
  {
    check: 'pod-mounts-pvc', step: 'deploy', bad: [
      {
        name: 'emptyDir instead of the PVC', mismatch: /Pod\/mysql-\S+ mounts\['\/var\/lib\/mysql'\]: want contains \{claim: mysql-pvc\}, got \{.*type: emptyDir\}/, hint: /emptyDir dies with the pod/,
        mutate: (k) => (mysqlPod(k).spec.volumes = mysqlPod(k).spec.volumes.map((v: { name: string; persistentVolumeClaim?: unknown }) => (v.persistentVolumeClaim ? { name: v.name, emptyDir: {} } : v))),
      },
      { name: 'mounted elsewhere', mutate: (k) => (mysqlPod(k).spec.containers[0].volumeMounts[0].mountPath = '/data'), mismatch: /got \(none\)/ },
      { name: 'no Deployment', mutate: noDeployment, status: 'blocked', by: 'deployment-available' },
    ],
  },
  {
    check: 'pvc-bound', step: 'deploy', bad: [
      { name: 'Pending', mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'mysql-pvc').status.phase = 'Pending'), mismatch: /status\.phase: want Bound, got Pending/ },
      { name: 'no PVC', mutate: noPvc, status: 'blocked', by: 'pvc-spec' },
    ],
  },
  {
    check: 'probes', step: 'deploy', bad: [
      { name: 'no liveness probe', mutate: (k) => delete obj(k, 'Deployment', 'mysql').spec.template.spec.containers[0].livenessProbe, mismatch: /livenessProbe\.exec\.command: want matching \/mysqladmin.*\/, got \(none\)/ },
      { name: 'no readiness probe', mutate: (k) => delete obj(k, 'Deployment', 'mysql').spec.template.spec.containers[0].readinessProbe, mismatch: /readinessProbe: want \(present\), got \(none\)/ },
      { name: 'a TCP liveness probe', mutate: (k) => (obj(k, 'Deployment', 'mysql').spec.template.spec.containers[0].livenessProbe = { tcpSocket: { port: 3306 } }), mismatch: /livenessProbe\.exec\.command: want matching .*, got \(none\)/ },
      { name: 'no Deployment', mutate: noDeployment, status: 'blocked', by: 'deployment-available' },
    ],
  },
  {
    check: 'mysql-answers', step: 'deploy', bad: [
      {
        name: 'a wrong password', mismatch: /exit 1: ERROR 1045 \(28000\): Access denied/, hint: /MYSQL_ROOT_PASSWORD/,
        mutate: (_k, _m, p) => p.answer((pr, c) => pr === 'mysql' && c.includes('SELECT 1'), { stderr: "ERROR 1045 (28000): Access denied for user 'root'@'10.244.0.9' (using password: YES)", exitCode: 1 }),
      },
      { name: 'no Ready pod', mutate: notReady, status: 'blocked', by: 'deployment-available' },
    ],
  },
  {
    check: 'rows-present', step: 'persist', bad: [
      { name: 'only Alice', mutate: (_k, _m, p) => p.answer((_pr, c) => c.includes('FROM testdb.users'), { stdout: '1\tAlice', exitCode: 0 }), mismatch: /testdb\.users: want 1 Alice, 2 Bob, got 1 Alice$/ },
      { name: 'no table', mutate: (_k, _m, p) => p.answer((_pr, c) => c.includes('FROM testdb.users'), { stderr: "ERROR 1146 (42S02) at line 1: Table 'testdb.users' doesn't exist", exitCode: 1 }), mismatch: /doesn't exist/, hint: /emptyDir/ },
      { name: 'no Ready pod', mutate: notReady, status: 'blocked', by: 'pod-replaced' },
    ],
  },
  {
    check: 'pod-replaced', step: 'persist', memoryFrom: ['deploy'], bad: [
      { name: 'the pod was not deleted', mutate: (k, m) => (m['deployment-available'].uid = mysqlPod(k).metadata.uid), mismatch: /metadata\.uid: want ≠ \S+, got \S+/ },
      {
        name: 'a second pod added (scaled up) instead of replacing', mismatch: /metadata\.uid: want ≠/,
        mutate: (k, m) => {
          const old = structuredClone(mysqlPod(k));
          old.metadata.name = m['deployment-available'].name;
          old.metadata.uid = m['deployment-available'].uid;
          k.objects.push(old);
        },
      },
      { name: 'nothing remembered of the deploy step', mutate: (_k, m) => delete m['deployment-available'], status: 'blocked', by: 'deployment-available' },
    ],
  },
  {
    check: 'same-volume', step: 'persist', memoryFrom: ['deploy'], bad: [
      { name: 'a recreated PVC', mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'mysql-pvc').spec.volumeName = 'pvc-new'), mismatch: /spec\.volumeName: want pvc-\S+, got pvc-new/, hint: /new, empty PV/ },
      { name: 'the PVC deleted', mutate: noPvc, mismatch: /PersistentVolumeClaim\/mysql-pvc: want \(present\), got \(none\)/ },
      { name: 'nothing remembered of the PV', mutate: (_k, m) => delete m['pvc-bound'], status: 'blocked', by: 'pvc-bound' },
    ],
  },
  {
    check: 'no-leftovers', step: 'cleanup', bad: [
      { name: 'the PVC left behind', mutate: (k) => k.objects.push(obj(fixtureKube(readFixture('mysql-pvc', 'deploy')), 'PersistentVolumeClaim', 'mysql-pvc')), mismatch: /PersistentVolumeClaim\/mysql-pvc: want \(none\), got \(present\)/ },
    ],
  },
];

checkTable(LAB, rows);

describe('pvc-bindable explains WaitForFirstConsumer', () => {
  it('passes a Pending claim whose class waits for its first consumer, and says why', async () => {
    const f = readFixture('mysql-pvc', 'pvc');
    const kube = fixtureKube(f);
    const pvc = obj(kube, 'PersistentVolumeClaim', 'mysql-pvc');
    pvc.status.phase = 'Pending';
    delete pvc.spec.volumeName;
    obj(kube, 'StorageClass', 'hostpath').volumeBindingMode = 'WaitForFirstConsumer';
    const out = await runOnce(LAB, 'pvc-bindable', kube, f.namespace);
    expect(out).toMatchObject({ status: 'pass' });
    if (!(out instanceof Error) && out.status === 'pass') {
      expect(out.detail?.en).toMatch(/WaitForFirstConsumer.*Immediate classes bind as soon as the PVC exists/);
    }
  });
});

describe('what the deploy step remembers', () => {
  it('pvc-bound remembers the PV and deployment-available the pod', async () => {
    const memory = await memoryAfter(LAB, ['deploy']);
    const kube = fixtureKube(readFixture('mysql-pvc', 'deploy'));
    expect(memory['pvc-bound']).toEqual({ pv: obj(kube, 'PersistentVolumeClaim', 'mysql-pvc').spec.volumeName });
    expect(memory['deployment-available']).toEqual({ uid: mysqlPod(kube).metadata.uid, name: mysqlPod(kube).metadata.name });
  });
});
