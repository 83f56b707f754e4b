import { defineCheck, fail, literal, pass, text } from '../../lib/index.ts';
import { redisCli } from './lib/redis.ts';

export default defineCheck({
  id: 'keys-written',
  title: text('redis-1에 key2 = value2', 'key2 = value2 on redis-1'),
  async run(ctx) {
    const expected = literal('redis-1: GET key2 → value2');
    const r = await redisCli(ctx, 'redis-1', ['get', 'key2']);
    if (r.ok && r.value === 'value2') return pass(literal('value2'));
    return fail(expected, literal(r.ok ? r.value || '(nil)' : r.why), text(
      'kubectl exec redis-1 -- redis-cli set key2 "value2" 를 실행하세요.',
      'Run kubectl exec redis-1 -- redis-cli set key2 "value2".',
    ));
  },
});
