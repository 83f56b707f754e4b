import { defineCheck, fail, literal, pass, text } from '../../lib/index.ts';
import { redisCli } from './lib/redis.ts';

export default defineCheck({
  id: 'data-survived',
  title: text('새 redis-0에서 GET key1 → value1', 'GET key1 on the new redis-0 returns value1'),
  async run(ctx) {
    const r = await redisCli(ctx, 'redis-0', ['get', 'key1']);
    if (r.ok && r.value === 'value1') return pass(literal('value1'));
    return fail(literal('redis-0: GET key1 → value1'), literal(r.ok ? r.value || '(nil)' : r.why), text(
      'key1이 사라졌다면 /data가 PVC가 아니었거나(emptyDir 등), key1을 쓰기 전에 redis-0을 지웠을 수 있습니다. Redis는 종료할 때 /data/dump.rdb에 저장합니다.',
      'If key1 is gone, /data was not on the PVC (an emptyDir?) or redis-0 was deleted before key1 was set. Redis saves to /data/dump.rdb when it shuts down.',
    ));
  },
});
