import { ABSENT, blocked, defineCheck, fail, KIND, kubectl, literal, mismatch, not, pass, PRESENT, text } from 'labs/check';
import { redisGet, redisSet, type PodIdentity } from './lib/redis.ts';

export default defineCheck({
  id: 'data-survived',
  title: text('지웠다가 새로 만들어진 redis-0에서 GET key1 → value1', 'GET key1 on the new redis-0 (after deletion) returns value1'),
  async run(ctx) {
    const before = (ctx.recall('per-pod-pvcs') as Record<string, PodIdentity> | undefined)?.['redis-0'];
    // Only redis-0's UID then is needed: an emptyDir is judged here too, by whether key1 survives.
    if (!before) return blocked('per-pod-pvcs', [mismatch('Pod/redis-0', 'metadata.uid', PRESENT, ABSENT)], text('statefulset 단계에서 redis-0이 있어야 비교할 수 있습니다.', 'redis-0 must have existed in step statefulset to compare with.'));
    // Surviving means surviving a deletion: the redis-0 seen in step statefulset must be gone.
    if ((await ctx.kube.list(KIND.pod, ctx.namespace)).some((p) => p.metadata.uid === before.uid)) {
      return fail([mismatch('Pod/redis-0', 'metadata.uid', not(before.uid), before.uid)], text(
        `redis-0을 아직 지우지 않았습니다: ${kubectl(ctx.namespace, 'delete pod redis-0')}`,
        `redis-0 has not been deleted yet: ${kubectl(ctx.namespace, 'delete pod redis-0')}`,
      ));
    }
    const { pods } = await redisSet(ctx);
    const pod = pods.find((p) => p.name === 'redis-0' && p.ready);
    if (!pod) return blocked('same-identity', [mismatch('Pod/redis-0', 'status.conditions.Ready', PRESENT, ABSENT)], text('새 redis-0이 Ready가 될 때까지 기다리세요.', 'Wait for the new redis-0 to be Ready.'));
    const r = await redisGet(ctx, pod, 'key1');
    if (r.ok && r.value === 'value1') return pass(literal('value1'));
    return fail([mismatch('Pod/redis-0', 'redis GET key1', 'value1', r.ok ? r.value || '(nil)' : r.why)], text(
      'key1이 사라졌다면 /data가 PVC가 아니었거나(emptyDir 등), key1을 쓰기 전에 redis-0을 지웠을 수 있습니다. Redis는 종료할 때 /data/dump.rdb에 저장합니다.',
      'If key1 is gone, /data was not on the PVC (an emptyDir?) or redis-0 was deleted before key1 was set. Redis saves to /data/dump.rdb when it shuts down.',
    ));
  },
});
