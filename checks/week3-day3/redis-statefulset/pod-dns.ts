// Code, not data: one DNS lookup per pod, from the grader's dns probe, compared with that pod's IP; the resolver's
// output is read by resolvedAddresses below (nslookup and getent print it differently).
import { ABSENT, defineCheck, fail, literal, mismatch, pass, PRESENT, text, type Mismatch } from 'labs/check';
import { NAMES, noPods, noStatefulSet, ORDINALS, redisSet } from './lib/redis.ts';

export default defineCheck({
  id: 'pod-dns',
  title: text('redis-N.redis-headless.<ns>.svc.cluster.local이 각 Pod IP로 해석됨', 'redis-N.redis-headless.<ns>.svc.cluster.local resolves to each pod IP'),
  // An early lookup, before the records exist, would be cached as "no such name" by the cluster's DNS.
  whenSettled: true,
  async run(ctx) {
    const { sts, pods } = await redisSet(ctx);
    if (!sts) return noStatefulSet();
    if (pods.length === 0) return noPods();
    const problems: Mismatch[] = [];
    const seen: string[] = [];
    for (const name of ORDINALS) {
      const fqdn = `${name}.${NAMES.service}.${ctx.namespace}.svc.cluster.local`;
      const pod = pods.find((p) => p.name === name);
      if (!pod?.ip) {
        problems.push(mismatch(`Pod/${name}`, pod ? 'status.podIP' : '', PRESENT, ABSENT));
        continue;
      }
      // Asked from the grader's own probe pod, through the cluster's DNS.
      const r = await ctx.probe('dns', ['nslookup', fqdn], 5);
      const ips = resolvedAddresses(r.stdout);
      if (!ips.includes(pod.ip)) problems.push(mismatch(`DNS ${fqdn}`, 'A', pod.ip, ips.length ? ips : 'NXDOMAIN'));
      else seen.push(`${name}→${pod.ip}`);
    }
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
