import { describe, expect, it } from 'vitest';
import { type FakeKube } from '../../src/kube/fake.ts';
import { resolvedAddresses } from '../../checks/week3-day3/redis-statefulset/pod-dns.ts';
import { checkTable, type CheckRow } from './check-harness.ts';
import { all, fixtureKube, obj, readFixture } from './fixture-kube.ts';

const LAB = 'week3-day3/redis-statefulset';

const pod = (k: FakeKube, name: string) => obj(k, 'Pod', name);
const execAnswer = (k: FakeKube, match: (pod: string, cmd: string) => boolean, result: { stdout?: string; stderr?: string; exitCode: number }) =>
  k.execHandlers.unshift((_ns, p, cmd) => (match(p, cmd.join(' ')) ? { stdout: '', stderr: '', ...result } : undefined));

const rows: CheckRow[] = [
  {
    check: 'service-headless', step: 'service', bad: [
      { name: 'a ClusterIP Service', mutate: (k) => (obj(k, 'Service', 'redis-headless').spec.clusterIP = '10.96.0.50'), found: /clusterIP 10\.96\.0\.50 \(not headless\)/, hint: /clusterIP cannot change/ },
      { name: 'a wrong selector', mutate: (k) => (obj(k, 'Service', 'redis-headless').spec.selector = { app: 'web' }), found: /selector \{"app":"web"\}/ },
      { name: 'a wrong target port', mutate: (k) => (obj(k, 'Service', 'redis-headless').spec.ports[0].targetPort = 80), found: /ports 6379→80/ },
    ],
  },
  {
    check: 'statefulset-ready', step: 'statefulset', bad: [
      { name: '2 of 3 ready', mutate: (k) => (obj(k, 'StatefulSet', 'redis').status.readyReplicas = 2), found: /^2\/3 ready/ },
      { name: 'another serviceName', mutate: (k) => (obj(k, 'StatefulSet', 'redis').spec.serviceName = 'redis'), found: /serviceName redis$/ },
      {
        name: 'a Deployment instead', found: /no StatefulSet redis/, hint: /redis is a Deployment/,
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
      { name: 'random pod names', mutate: (k) => all(k, 'Pod').filter((p) => p.metadata.labels?.app === 'redis').forEach((p, i) => (p.metadata.name = `redis-7d9f8-${i}x`)), found: /redis-7d9f8-0x/ },
      { name: 'a missing pod', mutate: (k) => k.delete({ apiVersion: 'v1', kind: 'Pod' }, 'redis-2'), found: /^redis-0, redis-1$/ },
    ],
  },
  {
    check: 'ordered-start', step: 'statefulset', bad: [
      {
        name: 'Parallel pod management', found: /redis-1 created .* < redis-0 Ready/, hint: /Parallel/,
        mutate: (k) => (pod(k, 'redis-1').metadata.creationTimestamp = pod(k, 'redis-0').metadata.creationTimestamp),
      },
      { name: 'pods missing (a Deployment)', mutate: (k) => all(k, 'Pod').forEach((p) => k.delete(p, p.metadata.name!)), found: /redis-0 or redis-1 missing or not Ready yet/, hint: /once the StatefulSet's pods/ },
    ],
  },
  {
    check: 'per-pod-pvcs', step: 'statefulset', bad: [
      {
        name: 'emptyDir instead of volumeClaimTemplates', found: /redis-0: \/data ← volume redis-data \(not a PVC\)/, hint: /volumeClaimTemplates/,
        mutate: (k) => all(k, 'Pod').forEach((p) => (p.spec.volumes = p.spec.volumes.map((v: { name: string; persistentVolumeClaim?: unknown }) => (v.persistentVolumeClaim ? { name: v.name, emptyDir: {} } : v)))),
      },
      { name: 'a missing PVC', mutate: (k) => k.delete({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, 'redis-data-redis-1'), found: /no PVC redis-data-redis-1/ },
      {
        name: 'one claim shared by every pod', found: /redis-data-redis-0 also mounted by redis-1, redis-2/,
        mutate: (k) => ['redis-1', 'redis-2'].forEach((n) => (pod(k, n).spec.volumes.find((v: { persistentVolumeClaim?: unknown }) => v.persistentVolumeClaim).persistentVolumeClaim.claimName = 'redis-data-redis-0')),
      },
    ],
  },
  {
    check: 'pod-dns', step: 'identity', bad: [
      { name: 'no DNS record', mutate: (k) => execAnswer(k, (_p, c) => c.includes('redis-1.redis-headless'), { stderr: "nslookup: can't resolve", exitCode: 1 }), found: /redis-1\.redis-headless\.\S+ → NXDOMAIN/, hint: /serviceName names the Service/ },
      { name: 'a stale address', mutate: (k) => execAnswer(k, (_p, c) => c.includes('redis-0.redis-headless'), { stdout: '10.244.0.250    redis-0.redis-headless', exitCode: 0 }), found: /→ 10\.244\.0\.250 \(pod IP/ },
    ],
  },
  {
    check: 'keys-written', step: 'identity', bad: [
      { name: 'key2 never set', mutate: (k) => execAnswer(k, (p, c) => p === 'redis-1' && c === 'redis-cli get key2', { stdout: '\n', exitCode: 0 }), found: /^\(nil\)$/, hint: /set key2/ },
    ],
  },
  {
    check: 'same-identity', step: 'identity', stateFrom: ['statefulset'], bad: [
      { name: 'redis-0 not deleted', mutate: (k, s) => (s.redisPods['redis-0'].uid = pod(k, 'redis-0').metadata.uid), found: /redis-0 was not deleted/ },
      { name: 'a new PV', mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'redis-data-redis-0').spec.volumeName = 'pvc-other'), found: /redis-data-redis-0 → pvc-other/ },
      { name: 'no saved state', mutate: (_k, s) => delete s.redisPods, error: /the checks of step "statefulset" have not passed/ },
    ],
  },
  {
    check: 'data-survived', step: 'identity', bad: [
      { name: 'key1 lost', mutate: (k) => execAnswer(k, (p, c) => p === 'redis-0' && c === 'redis-cli get key1', { stdout: '', exitCode: 0 }), found: /^\(nil\)$/, hint: /dump\.rdb/ },
    ],
  },
  {
    check: 'pvcs-kept', step: 'cleanup', bad: [
      {
        name: 'PVCs owned by the StatefulSet (whenDeleted: Delete), about to be collected', found: /PVCs being deleted: redis-data-redis-0/, hint: /whenDeleted: Delete/,
        mutate: (k) => (obj(k, 'PersistentVolumeClaim', 'redis-data-redis-0').metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'redis', uid: 'x' }]),
      },
      { name: 'PVCs deleted with the StatefulSet', mutate: (k) => all(k, 'PersistentVolumeClaim').forEach((p) => k.delete(p, p.metadata.name!)), found: /PVCs gone: redis-data-redis-0, redis-data-redis-1, redis-data-redis-2/, hint: /whenDeleted: Delete/ },
      { name: 'the StatefulSet still there', mutate: (k) => k.objects.push(obj(fixtureKube(readFixture('redis-statefulset', 'identity')), 'StatefulSet', 'redis')), found: /StatefulSet redis still exists/ },
    ],
  },
  {
    check: 'no-leftovers', step: 'cleanup-pvcs', bad: [
      { name: 'a PVC left', mutate: (k) => k.objects.push(obj(fixtureKube(readFixture('redis-statefulset', 'cleanup')), 'PersistentVolumeClaim', 'redis-data-redis-2')), found: /pvc\/redis-data-redis-2/ },
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
