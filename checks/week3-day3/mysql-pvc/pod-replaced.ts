import { ABSENT, blocked, defineCheck, fail, KIND, kubectl, literal, mismatch, not, notReady, pass, PRESENT, text, type Mismatch } from 'labs/check';
import { mysqlPod } from './lib/mysql.ts';

export default defineCheck({
  id: 'pod-replaced',
  title: text('Pod가 지워지고 새 Pod로 바뀜 (UID가 다름)', 'The pod was deleted and replaced (a new UID)'),
  async run(ctx) {
    const before = ctx.recall('deployment-available') as { uid: string; name: string } | undefined;
    if (!before) return blocked('deployment-available', [mismatch('Pod/-l app=mysql', 'metadata.uid', PRESENT, ABSENT)], text('Deploy 단계에서 Ready인 Pod가 있어야 비교할 수 있습니다.', 'The deploy step needs a Ready pod to compare with.'));
    const { pod, pods } = await mysqlPod(ctx);
    // The old pod must be gone, not merely joined by a new one (scaling up is not replacing).
    const old = (await ctx.kube.list(KIND.pod, ctx.namespace)).find((p) => p.metadata.uid === before.uid);
    const problems: Mismatch[] = [];
    if (old) problems.push(mismatch(`Pod/${before.name}`, 'metadata.uid', not(before.uid), before.uid));
    if (!pod) problems.push(...(pods.length ? notReady(pods) : [mismatch('Pod/-l app=mysql', '', PRESENT, ABSENT)]));
    if (problems.length === 0) return pass(literal(`${before.name} → ${pod!.name} ${pod!.uid}`));
    return fail(problems, text(
      `${kubectl(ctx.namespace, 'delete pod -l app=mysql')} 로 Pod를 지우고 ${kubectl(ctx.namespace, 'wait --for=condition=ready pod -l app=mysql')} 로 새 Pod를 기다리세요.`,
      `Delete the pod with ${kubectl(ctx.namespace, 'delete pod -l app=mysql')}, then wait for the new one: ${kubectl(ctx.namespace, 'wait --for=condition=ready pod -l app=mysql')}`,
    ));
  },
});
