import { ABSENT, blocked, defineCheck, fail, kubectl, literal, mismatch, pass, PRESENT, text } from 'labs/check';
import { noStatefulSet, redisGet, redisSet } from './lib/redis.ts';

export default defineCheck({
  id: 'keys-written',
  title: text('redis-1에 key2 = value2', 'key2 = value2 on redis-1'),
  async run(ctx) {
    const { sts, pods } = await redisSet(ctx);
    if (!sts) return noStatefulSet();
    const pod = pods.find((p) => p.name === 'redis-1' && p.ready);
    if (!pod) return blocked('statefulset-ready', [mismatch('Pod/redis-1', 'status.conditions.Ready', PRESENT, ABSENT)], text('redis-1이 Ready여야 합니다.', 'redis-1 must be Ready.'));
    const r = await redisGet(ctx, pod, 'key2');
    if (r.ok && r.value === 'value2') return pass(literal('value2'));
    return fail([mismatch('Pod/redis-1', 'redis GET key2', 'value2', r.ok ? r.value || '(nil)' : r.why)], text(
      `${kubectl(ctx.namespace, 'exec redis-1 -- redis-cli set key2 "value2"')} 를 실행하세요.`,
      `Run ${kubectl(ctx.namespace, 'exec redis-1 -- redis-cli set key2 "value2"')}`,
    ));
  },
});
