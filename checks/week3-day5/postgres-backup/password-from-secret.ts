// Code, not data: where a variable's value comes from is not a field. The kubelet builds the environment from env,
// envFrom (with prefixes), Secret and ConfigMap keys and $(VAR); this check builds it twice, once with the
// namespace's Secrets as they are and once with every Secret value replaced by a marker naming its Secret and key:
// a password that turns into a marker came from that Secret, however the manifest says so.
import { ABSENT, blocked, defineCheck, fail, KIND, kubectl, literal, mismatch, oneOf, pass, podEnv, podView, PRESENT, text, view, workloadPods, type ApiObject, type CheckContext, type RawPod, type RawStatefulSet } from 'labs/check';

const STS = 'postgres';
const VAR = 'POSTGRES_PASSWORD';
const MARK = '\u0000labs-secret:';

/** A reader that answers Secrets with each value replaced by a marker naming the Secret and the key. */
function marked(kube: CheckContext['kube']): CheckContext['kube'] {
  return {
    list: (ref, ns, selector, o) => kube.list(ref, ns, selector, o),
    async get(ref, name, ns, o) {
      const obj = await kube.get(ref, name, ns, o);
      if (!obj || ref.kind !== 'Secret') return obj;
      const data = (obj as { data?: Record<string, string> }).data ?? {};
      const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
      return { ...obj, data: Object.fromEntries(Object.keys(data).map((k) => [k, b64(`${MARK}${name}/${k}`)])) } as ApiObject;
    },
  };
}

export default defineCheck({
  id: 'password-from-secret',
  title: text('POSTGRES_PASSWORD가 Secret에서 옴', 'POSTGRES_PASSWORD comes from a Secret'),
  async run(ctx) {
    const sts = await ctx.kube.get(KIND.statefulSet, STS, ctx.namespace);
    if (!sts) return blocked('statefulset-ready', [mismatch(`StatefulSet/${STS}`, '', PRESENT, ABSENT)], text('먼저 StatefulSet postgres를 만드세요.', 'Create the StatefulSet postgres first.'));
    // The pod as the kubelet has it; before there is one, the pod the StatefulSet's template makes.
    const pods = await workloadPods(ctx, sts);
    const template = view<RawStatefulSet>(sts).spec?.template as RawPod | undefined;
    const pod = pods[0] ?? podView({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${STS}-0`, namespace: ctx.namespace }, spec: template?.spec ?? {} } as ApiObject);
    const subject = pods[0] ? `Pod/${pod.name}` : `StatefulSet/${STS}`;
    const real = await podEnv(ctx, pod);
    if (!real.ok) {
      const look = kubectl(ctx.namespace, 'get secret postgres-secret -o yaml');
      return fail([mismatch(subject, 'env', PRESENT, real.error)], text(
        `kubelet이 컨테이너 환경을 만들 수 없습니다 (CreateContainerConfigError). Secret과 키 이름을 확인하세요: ${look}`,
        `The kubelet cannot build the container's environment (CreateContainerConfigError). Check the Secret and key names: ${look}`,
      ));
    }
    const value = real.vars.get(VAR);
    if (value === undefined || value === '') {
      return fail([mismatch(subject, `env ${VAR}`, PRESENT, ABSENT)], text(
        'POSTGRES_PASSWORD가 없으면 PostgreSQL은 빈 데이터 디렉터리를 초기화하지 않습니다. secretKeyRef(또는 envFrom의 secretRef)로 Secret postgres-secret에서 받으세요.',
        'Without POSTGRES_PASSWORD, PostgreSQL does not initialise an empty data directory. Take it from the Secret postgres-secret with secretKeyRef (or envFrom with secretRef).',
      ));
    }
    const from = (await podEnv({ kube: marked(ctx.kube), namespace: ctx.namespace }, pod)) as { ok: boolean; vars?: Map<string, string> };
    const source = from.vars?.get(VAR);
    if (source?.startsWith(MARK)) return pass(literal(`${VAR} ← Secret ${source.slice(MARK.length).replace('/', ' key ')}`));
    const apply = kubectl(ctx.namespace, 'apply -f postgres-statefulset.yaml');
    return fail([mismatch(subject, `env ${VAR}`, oneOf('valueFrom.secretKeyRef', 'envFrom.secretRef'), 'value')], text(
      `비밀번호를 매니페스트에 그대로 쓰면 파일을 보는 누구나 읽을 수 있습니다. valueFrom.secretKeyRef {name: postgres-secret, key: POSTGRES_PASSWORD}로 Secret에서 받으세요: ${apply}`,
      `A password written in the manifest can be read by anyone who reads the file. Take it from the Secret with valueFrom.secretKeyRef {name: postgres-secret, key: POSTGRES_PASSWORD}, then ${apply}`,
    ));
  },
});
