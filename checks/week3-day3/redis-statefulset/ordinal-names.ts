import { defineCheck, fail, literal, pass, text } from '../../lib/index.ts';
import { ORDINALS, redisPods } from './lib/redis.ts';

export default defineCheck({
  id: 'ordinal-names',
  title: text('Pod 이름이 redis-0, redis-1, redis-2', 'The pods are exactly redis-0, redis-1, redis-2'),
  async run(ctx) {
    const names = (await redisPods(ctx)).map((p) => p.name);
    if (names.join(',') === ORDINALS.join(',')) return pass(literal(names.join(', ')));
    return fail(literal(ORDINALS.join(', ')), literal(names.join(', ') || '-'), text(
      'StatefulSet은 이름-순번(redis-0, redis-1…)으로 Pod를 만듭니다. 랜덤 해시 이름이면 Deployment입니다. replicas: 3인지도 보세요.',
      'A StatefulSet names pods name-ordinal (redis-0, redis-1, …); random hashes mean a Deployment. Also check replicas: 3.',
    ));
  },
});
