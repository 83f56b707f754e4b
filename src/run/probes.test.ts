// When a probe's failure is "not yet" rather than the server's answer, judged on the Redis lab's objects captured on
// the offline cluster: its pods with their start times, and the headless Service's EndpointSlice with the time the
// endpoint slice controller last changed it (endpoints.kubernetes.io/last-change-trigger-time).
import { describe, expect, it } from 'vitest';
import { type NamespaceCache } from '../kube/cache.ts';
import { type ApiObject, type KubeClient } from '../model/kube.ts';
import { readFixture } from '../../test/unit/fixture-kube.ts';
import { DATA_PATH_MS, Probes } from './probes.ts';

const f = readFixture('redis-statefulset', 'identity');
const NS = f.namespace;
const objects = f.objects as ApiObject[];
const cache = { namespace: NS, objects: () => objects } as unknown as NamespaceCache;
const probes = (startup: number) => new Probes({} as KubeClient, cache, [{ name: 'redis', image: 'redis:7', startup }]);
const refused = { exitCode: 1, stdout: '', stderr: 'Could not connect to Redis at redis-headless:6379: Connection refused' };
const sliceChanged = Date.parse('2026-11-24T01:53:06Z');
const started = (pod: string) => Date.parse(String((objects.find((o) => o.kind === 'Pod' && o.metadata.name === pod) as unknown as { status: { containerStatuses: { state: { running: { startedAt: string } } }[] } }).status.containerStatuses[0]!.state.running.startedAt));
const ask = (host: string) => ['redis-cli', '-h', host, 'PING'];

describe('a probe that could not connect', () => {
  it('waits on a Service\'s address until its EndpointSlices have been still for the data path\'s budget', () => {
    const p = probes(5);
    const name = `redis-headless.${NS}.svc.cluster.local`;
    expect(p.startingUntil('redis', ask(name), refused, sliceChanged + 3_000)).toBe(sliceChanged + DATA_PATH_MS);
    expect(p.startingUntil('redis', ask(name), refused, sliceChanged + DATA_PATH_MS + 1)).toBeUndefined();
  });

  it('waits on the pods behind a Service for their start-up budget only when no readiness probe vouches for them', () => {
    const name = `redis-headless.${NS}.svc.cluster.local`;
    const now = sliceChanged + DATA_PATH_MS + 1;
    // As captured: each redis pod has a readiness probe, so Ready means its server answered.
    expect(probes(60).startingUntil('redis', ask(name), refused, now)).toBeUndefined();
    // The same pods without a readiness probe (Ready as soon as the container runs): the last one started counts.
    const bare = structuredClone(objects);
    for (const o of bare) if (o.kind === 'Pod') for (const c of (o as unknown as { spec: { containers: Record<string, unknown>[] } }).spec.containers) delete c.readinessProbe;
    const p = new Probes({} as KubeClient, { namespace: NS, objects: () => bare } as unknown as NamespaceCache, [{ name: 'redis', image: 'redis:7', startup: 60 }]);
    const last = Math.max(started('redis-0'), started('redis-1'), started('redis-2'));
    expect(p.startingUntil('redis', ask(name), refused, now)).toBe(last + 60_000);
  });

  it('waits on a pod named by its name under a Service, as on one named by its address', () => {
    const name = `redis-1.redis-headless.${NS}.svc.cluster.local`;
    expect(probes(60).startingUntil('redis', ask(name), refused, sliceChanged + 20_000)).toBe(started('redis-1') + 60_000);
    // Only the pod the name leads to counts: redis-0, started later, would still be starting.
    const later = sliceChanged + DATA_PATH_MS + 1;
    expect(started('redis-0') + 20_000).toBeGreaterThan(later);
    expect(probes(20).startingUntil('redis', ask(name), refused, later)).toBeUndefined();
    expect(probes(20).startingUntil('redis', ask(`redis-0.redis-headless.${NS}.svc.cluster.local`), refused, later)).toBe(started('redis-0') + 20_000);
  });

  it('waits on a pod named by its address', () => {
    const ip = String((objects.find((o) => o.metadata.name === 'redis-2') as unknown as { status: { podIP: string } }).status.podIP);
    expect(probes(60).startingUntil('redis', ask(ip), refused, started('redis-2') + 1_000)).toBe(started('redis-2') + 60_000);
  });

  it('takes any other answer, a success, or a name it does not know as the server\'s answer', () => {
    const name = `redis-headless.${NS}.svc.cluster.local`;
    const now = sliceChanged + 1_000;
    expect(probes(60).startingUntil('redis', ask(name), { exitCode: 1, stdout: 'WRONGPASS invalid username-password pair', stderr: '' }, now)).toBeUndefined();
    expect(probes(60).startingUntil('redis', ask(name), { exitCode: 0, stdout: 'PONG', stderr: '' }, now)).toBeUndefined();
    expect(probes(60).startingUntil('redis', ask(`redis-headless.other.svc.cluster.local`), refused, now)).toBeUndefined();
  });
});
