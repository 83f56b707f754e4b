// Replays the Redis lab's objects captured on the offline cluster (headless Service, its EndpointSlices with each pod's
// hostname) and changes them as the cluster would before a name is served.
import { describe, expect, it } from 'vitest';
import { FakeKube } from '../kube/fake.ts';
import { type ApiObject } from '../model/kube.ts';
import { readFixture } from '../../test/unit/fixture-kube.ts';
import { namesNotServed, serviceNamesIn } from './dns-ready.ts';

const f = readFixture('redis-statefulset', 'identity');
const NS = f.namespace;
const objects = () => structuredClone(f.objects) as ApiObject[];
const words = (...names: string[]) => ['nslookup', ...names];

describe('the names a command looks up', () => {
  it('finds a Service\'s names and pods\' names of the namespace, in every written form', () => {
    expect(serviceNamesIn([`redis-0.redis-headless.${NS}.svc.cluster.local`, `redis-headless.${NS}.svc`, `x redis.${NS} y`, `-h postgres.${NS}.svc.cluster.local.`], NS)).toEqual([
      { fqdn: `redis-0.redis-headless.${NS}.svc.cluster.local`, service: 'redis-headless', host: 'redis-0' },
      { fqdn: `redis-headless.${NS}.svc`, service: 'redis-headless' },
      { fqdn: `redis.${NS}`, service: 'redis' },
      { fqdn: `postgres.${NS}.svc.cluster.local`, service: 'postgres' },
    ]);
  });

  it('leaves out other namespaces\' names, short names and names that merely contain the namespace', () => {
    expect(serviceNamesIn(['redis-0.redis-headless.other.svc.cluster.local', 'redis-headless', `a.b.c.${NS}.svc`, `x${NS}.svc`, `${NS}-x.svc`], NS)).toEqual([]);
  });
});

describe('whether the cluster\'s DNS serves them yet', () => {
  it('serves each ready pod\'s hostname and the headless Service\'s own name', async () => {
    const kube = new FakeKube(objects());
    expect(await namesNotServed(words(`redis-0.redis-headless.${NS}.svc.cluster.local`, `redis-2.redis-headless.${NS}.svc.cluster.local`, `redis-headless.${NS}.svc.cluster.local`), NS, kube)).toEqual([]);
  });

  it('does not serve a hostname no ready endpoint carries (a pod not yet Ready, a fourth ordinal)', async () => {
    const all = objects();
    for (const s of all.filter((o) => o.kind === 'EndpointSlice')) {
      for (const e of (s as { endpoints?: { hostname?: string; conditions?: { ready?: boolean } }[] }).endpoints ?? []) if (e.hostname === 'redis-2') e.conditions = { ready: false };
    }
    const kube = new FakeKube(all);
    const slices = 'EndpointSlice/-l kubernetes.io/service-name=redis-headless';
    expect(await namesNotServed(words(`redis-2.redis-headless.${NS}.svc.cluster.local`, `redis-3.redis-headless.${NS}.svc.cluster.local`, `redis-0.redis-headless.${NS}.svc.cluster.local`), NS, kube)).toEqual([
      { object: slices, path: 'endpoints[hostname=redis-2].conditions.ready', want: true, got: { absent: true } },
      { object: slices, path: 'endpoints[hostname=redis-3].conditions.ready', want: true, got: { absent: true } },
    ]);
  });

  it('serves a not-ready pod\'s name when the Service publishes not-ready addresses', async () => {
    const all = objects();
    const svc = all.find((o) => o.kind === 'Service' && o.metadata.name === 'redis-headless')!;
    (svc.spec as Record<string, unknown>).publishNotReadyAddresses = true;
    for (const s of all.filter((o) => o.kind === 'EndpointSlice')) for (const e of (s as { endpoints?: { conditions?: { ready?: boolean } }[] }).endpoints ?? []) e.conditions = { ready: false };
    expect(await namesNotServed(words(`redis-1.redis-headless.${NS}.svc.cluster.local`), NS, new FakeKube(all))).toEqual([]);
  });

  it('does not serve a headless Service\'s name without endpoints, nor any name of a Service that is not there', async () => {
    const kube = new FakeKube(objects().filter((o) => o.kind !== 'EndpointSlice'));
    expect(await namesNotServed(words(`redis-headless.${NS}.svc.cluster.local`, `redis.${NS}.svc.cluster.local`), NS, kube)).toEqual([
      { object: 'EndpointSlice/-l kubernetes.io/service-name=redis-headless', path: 'endpoints[*].conditions.ready', want: true, got: { absent: true } },
      { object: 'Service/redis', path: '', want: { present: true }, got: { absent: true } },
    ]);
  });

  // The cluster's DNS (CoreDNS, here and in kind) answers a pod's name under a Service that has an address too, as
  // long as an endpoint of the Service carries that hostname: seen on the offline cluster with a ClusterIP Service
  // `web` and a pod of hostname p0 and subdomain web (p0.web.<ns>.svc.cluster.local → the pod's address).
  it('serves a ClusterIP Service\'s name at once, and a pod\'s name under it once its endpoint is ready', async () => {
    const all = objects();
    const svc = all.find((o) => o.kind === 'Service' && o.metadata.name === 'redis-headless')!;
    (svc.spec as Record<string, unknown>).clusterIP = '10.96.0.99';
    const slices = 'EndpointSlice/-l kubernetes.io/service-name=redis-headless';
    const bare = new FakeKube(all.filter((o) => o.kind !== 'EndpointSlice'));
    expect(await namesNotServed(words(`redis-headless.${NS}.svc.cluster.local`), NS, bare)).toEqual([]);
    expect(await namesNotServed(words(`redis-0.redis-headless.${NS}.svc.cluster.local`), NS, bare)).toEqual([
      { object: slices, path: 'endpoints[hostname=redis-0].conditions.ready', want: true, got: { absent: true } },
    ]);
    expect(await namesNotServed(words(`redis-0.redis-headless.${NS}.svc.cluster.local`), NS, new FakeKube(all))).toEqual([]);
  });

  it('has nothing to say of a command without such names', async () => {
    expect(await namesNotServed(['redis-cli', '-h', '10.0.0.1', 'PING'], NS, new FakeKube([]))).toEqual([]);
  });
});
