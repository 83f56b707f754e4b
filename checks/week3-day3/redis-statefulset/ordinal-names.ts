import { defineCheck, fail, literal, mismatch, pass, text } from 'labs/check';
import { noStatefulSet, OBJ, ORDINALS, redisSet } from './lib/redis.ts';

export default defineCheck({
  id: 'ordinal-names',
  title: text('Pod 이름이 redis-0, redis-1, redis-2', 'The pods are exactly redis-0, redis-1, redis-2'),
  async run(ctx) {
    const { sts, pods } = await redisSet(ctx);
    if (!sts) return noStatefulSet();
    const names = pods.map((p) => p.name);
    if (names.join(',') === ORDINALS.join(',')) return pass(literal(names.join(', ')));
    return fail([mismatch(`${OBJ.statefulSet} pods`, 'metadata.name', ORDINALS, names)], text(
      'StatefulSet은 이름-순번(redis-0, redis-1…)으로 Pod를 만듭니다. replicas: 3인지, 모든 Pod가 만들어졌는지 보세요: kubectl get pods -l app=redis',
      'A StatefulSet names pods name-ordinal (redis-0, redis-1, …). Check replicas: 3 and that every pod was created: kubectl get pods -l app=redis',
    ));
  },
});
