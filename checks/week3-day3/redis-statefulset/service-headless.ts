// Code, not data: the Service's target port may be a name (targetPort: redis), which only the pods it selects (or,
// before they exist, the StatefulSet's template) turn into a number, as the EndpointSlice controller does. The
// Service's port is the student's variant (6379 without a class seed); Redis itself always listens on 6379.
import { ABSENT, defineCheck, fail, KIND, kubectl, literal, mismatch, orAbsent, pass, PRESENT, selectorMatches, targetPortOf, text, view, type Mismatch, type RawPod, type RawService } from 'labs/check';
import { NAMES, OBJ } from './lib/redis.ts';

export default defineCheck({
  id: 'service-headless',
  title: text('Headless Service redis-headless (clusterIP None, app=redis, {{var port}} → 6379)', 'Headless Service redis-headless: clusterIP None, selector app=redis, port {{var port}} → 6379'),
  async run(ctx) {
    const found = await ctx.kube.get(KIND.service, NAMES.service, ctx.namespace);
    if (!found) return fail([mismatch(OBJ.service, '', PRESENT, ABSENT)], text(`${kubectl(ctx.namespace, 'apply -f redis-headless-service.yaml')} 로 만드세요.`, `Create it: ${kubectl(ctx.namespace, 'apply -f redis-headless-service.yaml')}`));
    const svc = view<RawService>(found);
    const spec = svc.spec ?? {};
    const want = Number(ctx.variables?.port ?? 6379);
    const problems: Mismatch[] = [];
    if (spec.clusterIP !== 'None') problems.push(mismatch(OBJ.service, 'spec.clusterIP', 'None', orAbsent(spec.clusterIP)));
    const sel = spec.selector ?? {};
    if (sel.app !== 'redis' || Object.keys(sel).length !== 1) problems.push(mismatch(OBJ.service, 'spec.selector', 'app=redis', Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',') || ABSENT));
    // A named target port means what the pods the Service selects call it; before there are pods, what the
    // StatefulSet's template does; before that, it cannot be judged yet (Kubernetes resolves it per pod).
    const selected = Object.keys(sel).length ? (await ctx.kube.list(KIND.pod, ctx.namespace)).map((p) => view<RawPod>(p)).filter((p) => selectorMatches({ matchLabels: sel }, p.metadata?.labels)) : [];
    const template = view<{ spec?: { template?: RawPod } }>(await ctx.kube.get(KIND.statefulSet, NAMES.statefulSet, ctx.namespace)).spec?.template;
    const resolver = selected[0] ?? template;
    const ports = spec.ports ?? [];
    const port = ports.find((p) => p.port === want);
    const named = typeof port?.targetPort === 'string';
    const target = !port ? undefined : named && !resolver ? 'unresolved' : targetPortOf(port, resolver ?? {});
    if (!port || (target !== 6379 && target !== 'unresolved')) {
      problems.push(mismatch(OBJ.service, 'spec.ports', `${want}→6379`, ports.map((p) => `${p.port}→${p.targetPort ?? p.port}${typeof p.targetPort === 'string' && p.port === want ? ` (${target ?? '?'})` : ''}`).join(', ') || ABSENT));
    }
    if (problems.length === 0) return pass(literal(`clusterIP None, app=redis, ${want}→${port?.targetPort ?? 6379}`));
    const redo = `${kubectl(ctx.namespace, `delete service ${NAMES.service}`)}; ${kubectl(ctx.namespace, 'apply -f redis-headless-service.yaml')}`;
    const hint = spec.clusterIP !== 'None'
      ? text(
          `clusterIP는 만든 뒤 바꿀 수 없습니다 (다시 apply하면 "field is immutable" 오류). 파일을 고치고 Service를 지운 뒤 다시 만드세요: ${redo}. ClusterIP Service는 하나의 가상 IP로 로드밸런싱하지만, Headless Service는 DNS가 각 Pod의 IP를 직접 돌려주고 Pod별 이름(redis-0.redis-headless)을 줍니다.`,
          `clusterIP cannot change after creation (applying again fails with "field is immutable"). Fix the file, delete the Service and create it again: ${redo}. A ClusterIP Service load-balances behind one virtual IP; a headless one makes DNS return each pod's own IP and gives per-pod names (redis-0.redis-headless).`,
        )
      : text(`selector는 StatefulSet Pod 라벨(app: redis)과, port는 ${want}, targetPort는 6379(또는 Pod의 6379 포트 이름)와 같아야 합니다.`, `The selector must match the pods (app: redis); port must be ${want}, and targetPort 6379 (or the name of the pods' port 6379).`);
    return fail(problems, hint);
  },
});
