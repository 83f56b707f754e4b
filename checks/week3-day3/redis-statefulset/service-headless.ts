import { defineCheck, fail, joinText, KIND, literal, notFound, pass, text, type Text } from '../../lib/index.ts';
import { NAMES } from './lib/redis.ts';

interface ServiceSpec {
  clusterIP?: string;
  selector?: Record<string, string>;
  ports?: { port: number; targetPort?: number | string }[];
}

export default defineCheck({
  id: 'service-headless',
  title: text('Headless Service redis-headless (clusterIP None, app=redis, 6379)', 'Headless Service redis-headless: clusterIP None, selector app=redis, port 6379 → 6379'),
  async run(ctx) {
    const expected = text('Service redis-headless: clusterIP None, selector app=redis, port 6379 → 6379', 'Service redis-headless: clusterIP None, selector app=redis, port 6379 → 6379');
    const svc = await ctx.kube.get(KIND.service, NAMES.service, ctx.namespace);
    if (!svc) return fail(expected, notFound(`Service ${NAMES.service}`, ctx.namespace), text(`kubectl apply -f redis-headless-service.yaml -n ${ctx.namespace}`, `Run kubectl apply -f redis-headless-service.yaml -n ${ctx.namespace}`));
    const spec = svc.spec as ServiceSpec;
    const problems: Text[] = [];
    if (spec.clusterIP !== 'None') {
      problems.push(text(`clusterIP ${spec.clusterIP} (Headless가 아님)`, `clusterIP ${spec.clusterIP} (not headless)`));
    }
    const sel = spec.selector ?? {};
    if (sel.app !== 'redis' || Object.keys(sel).length !== 1) problems.push(literal(`selector ${JSON.stringify(sel)}`));
    const port = (spec.ports ?? []).find((p) => p.port === 6379);
    if (!port || String(port.targetPort ?? 6379) !== '6379') {
      problems.push(literal(`ports ${(spec.ports ?? []).map((p) => `${p.port}→${p.targetPort ?? p.port}`).join(', ') || '-'}`));
    }
    if (problems.length === 0) return pass(literal('clusterIP None, app=redis, 6379→6379'));
    const hint = spec.clusterIP !== 'None'
      ? text(
          'clusterIP는 만든 뒤 바꿀 수 없습니다. Service를 지우고 clusterIP: None으로 다시 만드세요. ClusterIP Service는 하나의 가상 IP로 로드밸런싱하지만, Headless Service는 DNS가 각 Pod의 IP를 직접 돌려주고 Pod별 이름(redis-0.redis-headless)을 줍니다.',
          'clusterIP cannot change after creation: delete the Service and create it with clusterIP: None. A ClusterIP Service load-balances behind one virtual IP; a headless one makes DNS return each pod\'s own IP and gives per-pod names (redis-0.redis-headless).',
        )
      : text('selector는 StatefulSet Pod 라벨(app: redis)과, port/targetPort는 6379와 같아야 합니다.', 'The selector must match the pods (app: redis) and port/targetPort must be 6379.');
    return fail(expected, joinText(problems), hint);
  },
});
