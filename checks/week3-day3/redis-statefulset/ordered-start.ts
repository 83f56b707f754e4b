import { defineCheck, fail, joinText, literal, pass, text, type Text } from '../../lib/index.ts';
import { ORDINALS, redisPods } from './lib/redis.ts';

export default defineCheck({
  id: 'ordered-start',
  title: text('redis-N이 Ready가 된 뒤에 redis-N+1이 생성됨', 'Each redis-N+1 was created only after redis-N was Ready'),
  async run(ctx) {
    const expected = text('redis-1은 redis-0이 Ready가 된 뒤, redis-2는 redis-1이 Ready가 된 뒤 생성', 'redis-1 created after redis-0 was Ready, redis-2 after redis-1 was Ready');
    const pods = new Map((await redisPods(ctx)).map((p) => [p.name, p]));
    const problems: Text[] = [];
    let missing = false;
    for (let n = 0; n + 1 < ORDINALS.length; n++) {
      const prev = pods.get(ORDINALS[n]!);
      const next = pods.get(ORDINALS[n + 1]!);
      if (!prev?.readySince || !next?.created) {
        missing = true;
        problems.push(text(`${ORDINALS[n]} 또는 ${ORDINALS[n + 1]}이(가) 없거나 아직 Ready가 아님`, `${ORDINALS[n]} or ${ORDINALS[n + 1]} missing or not Ready yet`));
        continue;
      }
      // Timestamps have one-second resolution, so "the same second" counts as in order.
      if (Date.parse(next.created) < Date.parse(prev.readySince)) {
        problems.push(literal(`${next.name} created ${next.created} < ${prev.name} Ready ${prev.readySince}`));
      }
    }
    if (problems.length === 0) return pass(text('순서대로 시작됨', 'started in order'));
    const hint = missing
      ? text('StatefulSet redis의 Pod redis-0..2가 모두 Ready가 된 뒤에 확인할 수 있습니다: kubectl get pods -l app=redis', 'This can be judged once the StatefulSet\'s pods redis-0..2 are all Ready: kubectl get pods -l app=redis')
      : text(
          'podManagementPolicy: Parallel은 모든 Pod를 동시에 만듭니다. 기본값 OrderedReady를 쓰세요(필드를 지우면 됩니다).',
          'podManagementPolicy: Parallel starts every pod at once; use the default OrderedReady (remove the field).',
        );
    return fail(expected, joinText(problems), hint);
  },
});
