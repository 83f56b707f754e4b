import { describe, expect, it } from 'vitest';
import { type FakeKube } from '../../src/kube/fake.ts';
import { resolvedAddresses } from '../../checks/week3-day3/redis-statefulset/pod-dns.ts';
import { checkTable, type CheckRow } from './check-harness.ts';
import { all, fixtureKube, obj, readFixture } from './fixture-kube.ts';

const LAB = 'week3-day3/redis-statefulset';

const pod = (k: FakeKube, name: string) => obj(k, 'Pod', name);
const noStatefulSet = (k: FakeKube) => k.delete({ apiVersion: 'apps/v1', kind: 'StatefulSet' }, 'redis');
const redisPods = (k: FakeKube) => all(k, 'Pod').filter((p) => p.metadata.labels?.app === 'redis');

const rows: CheckRow[] = [
  {
    check: 'service-headless', step: 'service', bad: [
      { name: 'a ClusterIP Service', mutate: (k) => (obj(k, 'Service', 'redis-headless').spec.clusterIP = '10.96.0.50'), mismatch: /Service\/redis-headless spec\.clusterIP: want None, got 10\.96\.0\.50/, hint: /clusterIP cannot change.*delete service redis-headless/ },
      { name: 'a wrong selector', mutate: (k) => (obj(k, 'Service', 'redis-headless').spec.selector = { app: 'web' }), mismatch: /spec\.selector: want app=redis, got app=web/ },
      { name: 'a wrong target port', mutate: (k) => (obj(k, 'Service', 'redis-headless').spec.ports[0].targetPort = 80), mismatch: /spec\.ports: want 6379→6379, got 6379→80/ },
      { name: 'no Service', mutate: (k) => k.delete({ apiVersion: 'v1', kind: 'Service' }, 'redis-headless'), mismatch: /Service\/redis-headless: want \(present\), got \(none\)/ },
    ],
  },
  {
    check: 'statefulset-ready', step: 'statefulset', bad: [
      { name: '2 of 3 ready', mutate: (k) => (obj(k, 'StatefulSet', 'redis').status.readyReplicas = 2), mismatch: /status\.readyReplicas: want 3, got 2/ },
      { name: 'replicas: 2', mutate: (k) => Object.assign(obj(k, 'StatefulSet', 'redis').spec, { replicas: 2 }), mismatch: /spec\.replicas: want 3, got 2/, hint: /replicas: 3/ },
      { name: 'another serviceName', mutate: (k) => (obj(k, 'StatefulSet', 'redis').spec.serviceName = 'redis'), mismatch: /spec\.serviceName: want redis-headless, got redis/, hint: /cannot change.*delete statefulset redis/ },
      {
        name: 'a Deployment instead', mismatch: /StatefulSet\/redis: want \(present\), got \(none\)/, hint: /redis is a Deployment/,
        mutate: (k) => {
          const sts = obj(k, 'StatefulSet', 'redis');
          k.objects = k.objects.filter((o) => o !== sts);
          k.objects.push({ ...structuredClone(sts), apiVersion: 'apps/v1', kind: 'Deployment' });
        },
      },
    ],
  },
  {
    check: 'ordinal-names', step: 'statefulset', bad: [
      { name: 'random pod names', mutate: (k) => redisPods(k).forEach((p, i) => (p.metadata.name = `redis-7d9f8-${i}x`)), mismatch: /redis-7d9f8-0x/ },
      { name: 'a missing pod (replicas: 2)', mutate: (k) => k.delete({ apiVersion: 'v1', kind: 'Pod' }, 'redis-2'), mismatch: /want \[redis-0, redis-1, redis-2\] \(in any order\), got \[redis-0, redis-1\]/ },
      { name: 'no StatefulSet at all', mutate: noStatefulSet, status: 'blocked', by: 'statefulset-ready' },
    ],
  },
  {
    check: 'ordered-start', step: 'statefulset', bad: [
      { name: 'Parallel pod management', mutate: (k) => (obj(k, 'StatefulSet', 'redis').spec.podManagementPolicy = 'Parallel'), mismatch: /spec\.podManagementPolicy: want OrderedReady, got Parallel/, hint: /cannot change.*delete statefulset redis/ },
      {
        name: 'redis-1 created before redis-0 was Ready', mismatch: /Pod\/redis-1 metadata\.creationTimestamp: want > .* \(redis-0 Ready after\)/,
        mutate: (k) => (pod(k, 'redis-1').metadata.creationTimestamp = '2020-01-01T00:00:00Z'),
      },
      { name: 'no StatefulSet at all', mutate: noStatefulSet, status: 'blocked', by: 'statefulset-ready' },
      { name: 'fewer than two Ready pods', mutate: (k) => ['redis-1', 'redis-2'].forEach((n) => k.delete({ apiVersion: 'v1', kind: 'Pod' }, n)), status: 'blocked', by: 'statefulset-ready' },
    ],
  },
  {
    check: 'per-pod-pvcs', step: 'statefulset', bad: [
      {
        name: 'emptyDir instead of volumeClaimTemplates', mismatch: /Pod\/redis-0 volumeMounts\[\/data\]: want persistentVolumeClaim redis-data-redis-0, got emptyDir/, hint: /volumeClaimTemplates/,
        mutate: (k) => redisPods(k).forEach((p) => (p.spec.volumes = p.spec.volumes.map((v: { name: string; persistentVolumeClaim?: unknown }) => (v.persistentVolumeClaim ? { name: v.name, emptyDir: {} } : v)))),
      },
      { name: 'a missing PVC', mutate: (k) => k.delete({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, 'redis-data-redis-1'), mismatch: /PersistentVolumeClaim\/redis-data-redis-1: want \(present\), got \(none\)/ },
      {
        name: 'one claim shared by every pod', mismatch: /redis-data-redis-0 mountedBy: want \[redis-0\], got \[redis-0, redis-1, redis-2\]/,
        mutate: (k) => ['redis-1', 'redis-2'].forEach((n) => (pod(k, n).spec.volumes.find((v: { persistentVolumeClaim?: unknown }) => v.persistentVolumeClaim).persistentVolumeClaim.claimName = 'redis-data-redis-0')),
      },
      { name: 'no StatefulSet at all', mutate: noStatefulSet, status: 'blocked', by: 'statefulset-ready' },
    ],
  },
  {
    check: 'pod-dns', step: 'identity', bad: [
      { name: 'no DNS record', mutate: (_k, _m, p) => p.answer((pr, c) => pr === 'dns' && c.includes('redis-1.redis-headless'), { stdout: "** server can't find redis-1: NXDOMAIN", exitCode: 1 }), mismatch: /DNS redis-1\.redis-headless\.\S+ A: want 10\.244\.\d+\.\d+, got NXDOMAIN/, hint: /serviceName names the Service/ },
      { name: 'a stale address', mutate: (_k, _m, p) => p.answer((pr, c) => pr === 'dns' && c.includes('redis-0.redis-headless'), { stdout: 'Name:\tredis-0\nAddress: 10.244.0.250\n', exitCode: 0 }), mismatch: /got \[10\.244\.0\.250\]/ },
      { name: 'redis-2 missing (replicas: 2)', mutate: (k) => k.delete({ apiVersion: 'v1', kind: 'Pod' }, 'redis-2'), mismatch: /Pod\/redis-2: want \(present\), got \(none\)/ },
      { name: 'no StatefulSet at all', mutate: noStatefulSet, status: 'blocked', by: 'statefulset-ready' },
    ],
  },
  {
    check: 'keys-written', step: 'identity', bad: [
      { name: 'key2 never set', mutate: (_k, _m, p) => p.answer((pr, c) => pr === 'redis' && c.endsWith('get key2'), { stdout: '\n', exitCode: 0 }), mismatch: /Pod\/redis-1 redis GET key2: want value2, got \(nil\)/, hint: /set key2/ },
      { name: 'redis does not answer', mutate: (_k, _m, p) => p.answer((pr, c) => pr === 'redis' && c.endsWith('get key2'), { stderr: 'no answer in 5s', exitCode: 124 }), mismatch: /got exit 124: no answer in 5s/ },
      { name: 'no redis-1', mutate: (k) => k.delete({ apiVersion: 'v1', kind: 'Pod' }, 'redis-1'), status: 'blocked', by: 'statefulset-ready' },
    ],
  },
  {
    check: 'same-identity', step: 'identity', memoryFrom: ['statefulset'], bad: [
      { name: 'redis-0 never deleted', mutate: (k, m) => (m['per-pod-pvcs']['redis-0'].uid = pod(k, 'redis-0').metadata.uid), mismatch: /Pod\/redis-0 metadata\.uid: want ≠ \S+, got \S+/ },
      { name: 'the PVC re-created (a new PV)', mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'redis-data-redis-0').spec.volumeName = 'pvc-other'), mismatch: /redis-data-redis-0 spec\.volumeName: want pvc-\S+, got pvc-other/ },
      { name: 'nothing remembered of redis-0 (it had no volume)', mutate: (_k, m) => delete m['per-pod-pvcs']['redis-0'], status: 'blocked', by: 'per-pod-pvcs' },
    ],
  },
  {
    check: 'data-survived', step: 'identity', memoryFrom: ['statefulset'], bad: [
      { name: 'key1 lost', mutate: (_k, _m, p) => p.answer((pr, c) => pr === 'redis' && c.endsWith('get key1'), { stdout: '', exitCode: 0 }), mismatch: /Pod\/redis-0 redis GET key1: want value1, got \(nil\)/, hint: /dump\.rdb/ },
      { name: 'redis-0 never deleted (an emptyDir would still hold key1)', mutate: (k, m) => (m['per-pod-pvcs']['redis-0'].uid = pod(k, 'redis-0').metadata.uid), mismatch: /Pod\/redis-0 metadata\.uid: want ≠/, hint: /delete pod redis-0/ },
      { name: 'nothing remembered of redis-0', mutate: (_k, m) => delete m['per-pod-pvcs'], status: 'blocked', by: 'per-pod-pvcs' },
    ],
  },
  {
    check: 'pvcs-kept', step: 'cleanup', bad: [
      {
        name: 'PVCs owned by the StatefulSet (whenDeleted: Delete), about to be collected', mismatch: /redis-data-redis-0 metadata\.ownerReferences\[kind=StatefulSet\]: want \(none\), got \{.*kind: StatefulSet, name: redis/, hint: /whenDeleted: Delete/,
        mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'redis-data-redis-0').metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'redis', uid: 'x' }]),
      },
      { name: 'PVCs deleted with the StatefulSet', mutate: (k) => all(k, 'PersistentVolumeClaim').forEach((p) => k.delete(p, p.metadata.name!)), mismatch: /redis-data-redis-2: want \(present\), got \(none\)/, hint: /whenDeleted: Delete/ },
      { name: 'the StatefulSet still there', mutate: (k) => k.objects.push(obj(fixtureKube(readFixture('redis-statefulset', 'identity')), 'StatefulSet', 'redis')), mismatch: /StatefulSet\/redis: want \(none\), got \(present\)/ },
    ],
  },
  {
    check: 'no-leftovers', step: 'cleanup-pvcs', bad: [
      { name: 'a PVC left', mutate: (k) => k.objects.push(obj(fixtureKube(readFixture('redis-statefulset', 'cleanup')), 'PersistentVolumeClaim', 'redis-data-redis-2')), mismatch: /PersistentVolumeClaim\/redis-data-redis-2: want \(none\), got \(present\)/ },
    ],
  },
];

checkTable(LAB, rows);

describe('resolvedAddresses', () => {
  it.each([
    ['getent', '10.244.0.7      redis-0.redis-headless.ns.svc.cluster.local\n', ['10.244.0.7']],
    ['busybox nslookup', 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tredis-0.redis-headless.ns.svc.cluster.local\nAddress: 10.244.0.7\n', ['10.244.0.7']],
    ['nothing', "** server can't find x: NXDOMAIN\n", []],
  ])('reads %s output', (_n, output, ips) => {
    expect(resolvedAddresses(output)).toEqual(ips);
  });
});
