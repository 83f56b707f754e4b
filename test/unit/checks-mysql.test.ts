import { describe, expect, it } from 'vitest';
import { type FakeKube } from '../../src/kube/fake.ts';
import { checkTable, runOnce, stateAfter, type CheckRow } from './check-harness.ts';
import { all, fixtureKube, obj, readFixture } from './fixture-kube.ts';

const LAB = 'week3-day3/mysql-pvc';

const mysqlPod = (k: FakeKube) => all(k, 'Pod').find((p) => p.metadata.labels?.app === 'mysql' && !p.metadata.deletionTimestamp)!;
const execAnswer = (k: FakeKube, match: string, result: { stdout?: string; stderr?: string; exitCode: number }) =>
  k.execHandlers.unshift((_ns, _pod, cmd) => (cmd.join(' ').includes(match) ? { stdout: '', stderr: '', ...result } : undefined));

const rows: CheckRow[] = [
  {
    check: 'pvc-spec', step: 'pvc', bad: [
      { name: '2Gi instead of 1Gi', mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'mysql-pvc').spec.resources.requests.storage = '2Gi'), found: /storage: 2Gi/ },
      { name: 'ReadWriteMany', mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'mysql-pvc').spec.accessModes = ['ReadWriteMany']), found: /ReadWriteMany/ },
      { name: 'the default class', mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'mysql-pvc').spec.storageClassName = 'standard'), found: /storageClassName: standard/ },
      { name: 'no PVC', mutate: (k) => k.delete({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, 'mysql-pvc'), found: /no PVC mysql-pvc/ },
    ],
  },
  {
    check: 'pvc-bindable', step: 'pvc', bad: [
      {
        name: 'Pending on an Immediate class', found: /Pending \(StorageClass hostpath, volumeBindingMode Immediate\)/,
        mutate: (k) => {
          const pvc = obj(k, 'PersistentVolumeClaim', 'mysql-pvc');
          pvc.status.phase = 'Pending';
          delete pvc.spec.volumeName;
        },
      },
      {
        name: 'a class that does not exist', found: /StorageClass fast does not exist/,
        mutate: (k) => Object.assign(obj(k, 'PersistentVolumeClaim', 'mysql-pvc'), { spec: { ...obj(k, 'PersistentVolumeClaim', 'mysql-pvc').spec, storageClassName: 'fast' }, status: { phase: 'Pending' } }),
      },
    ],
  },
  {
    check: 'deployment-available', step: 'deploy', bad: [
      {
        name: 'a crashing pod', found: /ready 0, available 0; pods: mysql-\S+ \(Running, not Ready, CrashLoopBackOff\)/, hint: /kubectl logs/,
        mutate: (k) => {
          const d = obj(k, 'Deployment', 'mysql');
          d.status = { ...d.status, readyReplicas: 0, availableReplicas: 0, conditions: [{ type: 'Available', status: 'False' }] };
          const p = mysqlPod(k);
          p.status.conditions = p.status.conditions.map((c: { type: string }) => (c.type === 'Ready' ? { ...c, status: 'False' } : c));
          p.status.containerStatuses[0].state = { waiting: { reason: 'CrashLoopBackOff' } };
        },
      },
      { name: 'no Deployment', mutate: (k) => k.delete({ apiVersion: 'apps/v1', kind: 'Deployment' }, 'mysql'), found: /no Deployment mysql/ },
    ],
  },
  {
    check: 'pod-mounts-pvc', step: 'deploy', bad: [
      {
        name: 'emptyDir instead of the PVC', found: /\/var\/lib\/mysql holds emptyDir/, hint: /emptyDir dies with the pod/,
        mutate: (k) => (mysqlPod(k).spec.volumes = mysqlPod(k).spec.volumes.map((v: { name: string; persistentVolumeClaim?: unknown }) => (v.persistentVolumeClaim ? { name: v.name, emptyDir: {} } : v))),
      },
      { name: 'mounted elsewhere', mutate: (k) => (mysqlPod(k).spec.containers[0].volumeMounts[0].mountPath = '/data'), found: /nothing is mounted at \/var\/lib\/mysql/ },
    ],
  },
  {
    check: 'pvc-bound', step: 'deploy', bad: [
      { name: 'Pending', mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'mysql-pvc').status.phase = 'Pending'), found: /^Pending$/ },
    ],
  },
  {
    check: 'probes', step: 'deploy', bad: [
      { name: 'no liveness probe', mutate: (k) => delete obj(k, 'Deployment', 'mysql').spec.template.spec.containers[0].livenessProbe, found: /no livenessProbe/ },
      { name: 'no readiness probe', mutate: (k) => delete obj(k, 'Deployment', 'mysql').spec.template.spec.containers[0].readinessProbe, found: /no readinessProbe/ },
      { name: 'a TCP liveness probe', mutate: (k) => (obj(k, 'Deployment', 'mysql').spec.template.spec.containers[0].livenessProbe = { tcpSocket: { port: 3306 } }), found: /livenessProbe: tcpSocket/ },
    ],
  },
  {
    check: 'mysql-answers', step: 'deploy', bad: [
      {
        name: 'a wrong password', found: /exit 1: ERROR 1045 \(28000\): Access denied/, hint: /MYSQL_ROOT_PASSWORD/,
        mutate: (k) => execAnswer(k, 'SELECT 1', { stderr: "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)", exitCode: 1 }),
      },
      { name: 'no ready pod', mutate: (k) => (mysqlPod(k).status.conditions = []), found: /not Ready/ },
    ],
  },
  {
    check: 'rows-present', step: 'persist', bad: [
      { name: 'only Alice', mutate: (k) => execAnswer(k, 'FROM testdb.users', { stdout: '1\tAlice', exitCode: 0 }), found: /^1 Alice$/ },
      { name: 'no table', mutate: (k) => execAnswer(k, 'FROM testdb.users', { stderr: "ERROR 1146 (42S02) at line 1: Table 'testdb.users' doesn't exist", exitCode: 1 }), found: /doesn't exist/, hint: /emptyDir/ },
    ],
  },
  {
    check: 'pod-replaced', step: 'persist', stateFrom: ['deploy'], bad: [
      { name: 'the pod was not deleted', mutate: (k, s) => (s.mysqlPodUid = mysqlPod(k).metadata.uid), found: /the same pod/ },
      { name: 'no saved state', mutate: (_k, s) => delete s.mysqlPodUid, error: /the checks of step "deploy" have not passed/ },
    ],
  },
  {
    check: 'same-volume', step: 'persist', stateFrom: ['deploy'], bad: [
      { name: 'a recreated PVC', mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'mysql-pvc').spec.volumeName = 'pvc-new'), found: /→ pvc-new/, hint: /new, empty PV/ },
    ],
  },
  {
    check: 'no-leftovers', step: 'cleanup', bad: [
      { name: 'the PVC left behind', mutate: (k) => k.objects.push(obj(fixtureKube(readFixture('mysql-pvc', 'deploy')), 'PersistentVolumeClaim', 'mysql-pvc')), found: /pvc\/mysql-pvc/ },
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

describe('remembered state', () => {
  it('pvc-bound remembers the PV and deployment-available the pod UID', async () => {
    const state = await stateAfter(LAB, ['deploy']);
    const f = readFixture('mysql-pvc', 'deploy');
    const kube = fixtureKube(f);
    expect(state.mysqlPv).toBe(obj(kube, 'PersistentVolumeClaim', 'mysql-pvc').spec.volumeName);
    expect(state.mysqlPodUid).toBe(mysqlPod(kube).metadata.uid);
  });
});
