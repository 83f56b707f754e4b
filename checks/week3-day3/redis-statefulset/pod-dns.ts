// Code, not data: one DNS lookup per pod, from the grader's dns probe, compared with that pod's IP, asked only once
// the Service's EndpointSlices name that pod (the cluster's DNS serves a record from them; asked earlier, it would
// cache "no such name"); the resolver's output is read by resolvedAddresses below.
import { ABSENT, defineCheck, fail, KIND, literal, mismatch, pass, PRESENT, text, view, type Mismatch } from 'labs/check';
import { NAMES, noPods, noStatefulSet, ORDINALS, redisSet } from './lib/redis.ts';

export default defineCheck({
  id: 'pod-dns',
  title: text('redis-N.redis-headless.<ns>.svc.cluster.local이 각 Pod IP로 해석됨', 'redis-N.redis-headless.<ns>.svc.cluster.local resolves to each pod IP'),
  async run(ctx) {
    const { sts, pods } = await redisSet(ctx);
    if (!sts) return noStatefulSet();
    if (pods.length === 0) return noPods();
    // What the cluster's DNS serves per-pod names from: the Service's ready endpoints that carry a hostname.
    type Slice = { endpoints?: { addresses?: string[]; hostname?: string; conditions?: { ready?: boolean } }[] };
    const slices = (await ctx.kube.list(KIND.endpointSlice, ctx.namespace, `kubernetes.io/service-name=${NAMES.service}`)).map((x) => view<Slice>(x));
    const named = new Map(slices.flatMap((x) => x.endpoints ?? []).filter((e) => e.hostname && e.conditions?.ready !== false).map((e) => [e.hostname!, e.addresses ?? []]));
    const results = await Promise.all(ORDINALS.map(async (name): Promise<Mismatch | string> => {
      const fqdn = `${name}.${NAMES.service}.${ctx.namespace}.svc.cluster.local`;
      const pod = pods.find((p) => p.name === name);
      if (!pod?.ip) return mismatch(`Pod/${name}`, pod ? 'status.podIP' : '', PRESENT, ABSENT);
      if (!named.get(name)?.includes(pod.ip)) return mismatch(`DNS ${fqdn}`, 'A', pod.ip, 'NXDOMAIN');
      // Asked from the grader's own probe pod, through the cluster's DNS.
      const r = await ctx.probe('dns', ['nslookup', fqdn], 5);
      const ips = resolvedAddresses(r.stdout);
      return ips.includes(pod.ip) ? `${name}→${pod.ip}` : mismatch(`DNS ${fqdn}`, 'A', pod.ip, ips.length ? ips : 'NXDOMAIN');
    }));
    const problems = results.filter((r): r is Mismatch => typeof r !== 'string');
    const seen = results.filter((r): r is string => typeof r === 'string');
    if (problems.length === 0) return pass(literal(seen.join(', ')));
    return fail(problems, text(
      'Pod별 DNS 이름은 StatefulSet의 serviceName이 Service 이름(redis-headless)과 같아야 생깁니다. Kubernetes DNS 규격상 그 Service는 Headless(clusterIP: None)여야 합니다.',
      'Per-pod DNS names exist only when the StatefulSet\'s serviceName names the Service (redis-headless); the Kubernetes DNS spec gives them to headless Services (clusterIP: None).',
    ));
  },
});

/** Addresses from `getent hosts` ("IP name") or from nslookup (the Address lines after "Name:", not the server's). */
export function resolvedAddresses(output: string): string[] {
  const ipv4 = /(\d+\.\d+\.\d+\.\d+)/;
  const nameAt = output.search(/^Name:/m);
  if (nameAt >= 0) {
    return output
      .slice(nameAt)
      .split('\n')
      .filter((l) => /^Address/.test(l))
      .map((l) => ipv4.exec(l)?.[1])
      .filter((ip): ip is string => Boolean(ip));
  }
  return output
    .split('\n')
    .map((l) => ipv4.exec(l.trim().split(/\s+/)[0] ?? '')?.[1])
    .filter((ip): ip is string => Boolean(ip));
}
