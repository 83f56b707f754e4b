import { defineCheck, fail, joinText, literal, pass, text, type Text } from '../../lib/index.ts';
import { NAMES, ORDINALS, redisPods } from './lib/redis.ts';

export default defineCheck({
  id: 'pod-dns',
  title: text('redis-N.redis-headless.<ns>.svc.cluster.local이 각 Pod IP로 해석됨', 'redis-N.redis-headless.<ns>.svc.cluster.local resolves to each pod IP'),
  async run(ctx) {
    const expected = text('클러스터 안에서 redis-0..2.redis-headless가 각 Pod의 현재 IP로 해석', 'inside the cluster, redis-0..2.redis-headless resolve to each pod\'s current IP');
    const pods = await redisPods(ctx);
    const ready = pods.filter((p) => p.ready);
    if (ready.length === 0) return fail(expected, text('Ready인 redis Pod가 없음', 'no Ready redis pod to ask from'), text('StatefulSet이 Ready가 될 때까지 기다리세요.', 'Wait for the StatefulSet to be ready.'));
    const problems: Text[] = [];
    const seen: string[] = [];
    for (const [n, name] of ORDINALS.entries()) {
      const fqdn = `${name}.${NAMES.service}.${ctx.namespace}.svc.cluster.local`;
      const pod = pods.find((p) => p.name === name);
      // Ask from another pod, so the answer comes from cluster DNS rather than the pod's own /etc/hosts.
      const from = ready.find((p) => p.name !== name) ?? ready[n % ready.length]!;
      const r = await ctx.kube.exec(ctx.namespace, from.name, ['sh', '-c', `getent hosts ${fqdn} || nslookup ${fqdn}`]);
      const ips = resolvedAddresses(r.stdout);
      if (!pod?.ip) problems.push(text(`${name}: Pod IP 없음`, `${name}: the pod has no IP`));
      else if (!ips.includes(pod.ip)) problems.push(literal(`${fqdn} → ${ips.join(', ') || 'NXDOMAIN'} (pod IP ${pod.ip})`));
      else seen.push(`${name}→${pod.ip}`);
    }
    if (problems.length === 0) return pass(literal(seen.join(', ')));
    return fail(expected, joinText(problems), text(
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
