import { defineCheck, describePods, fail, literal, MissingStateError, pass, text } from '../../lib/index.ts';
import { mysqlPod } from './lib/mysql.ts';

export default defineCheck({
  id: 'pod-replaced',
  title: text('Pod가 새로 만들어짐 (UID가 다름)', 'The pod was replaced (a new UID)'),
  async run(ctx) {
    const before = ctx.state.mysqlPodUid as string | undefined;
    if (!before) throw new MissingStateError('mysqlPodUid', 'deploy');
    const expected = text(`Ready인 새 Pod (UID ≠ ${before})`, `a Ready pod with a new UID (not ${before})`);
    const { pod, pods } = await mysqlPod(ctx);
    if (pod && pod.uid !== before) return pass(literal(`${pod.name} ${pod.uid}`));
    const found = pod ? text(`같은 Pod ${pod.name} (UID ${pod.uid})`, `the same pod ${pod.name} (UID ${pod.uid})`) : describePods(pods);
    return fail(expected, found, text(
      'kubectl delete pod -l app=mysql 로 Pod를 지우고 kubectl wait --for=condition=ready pod -l app=mysql 로 새 Pod를 기다리세요.',
      'Delete the pod with kubectl delete pod -l app=mysql, then wait for the new one: kubectl wait --for=condition=ready pod -l app=mysql',
    ));
  },
});
