import { defineCheck, fail, literal, pass, text } from '../../lib/index.ts';

export default defineCheck({
  id: 'keys-written',
  title: text('redis-1에 key2 = value2', 'key2 = value2 on redis-1'),
  async run(ctx) {
    const expected = literal('redis-1: GET key2 → value2');
    const r = await ctx.kube.exec(ctx.namespace, 'redis-1', ['redis-cli', 'get', 'key2']);
    const value = r.stdout.trim();
    if (r.exitCode === 0 && value === 'value2') return pass(literal('value2'));
    return fail(expected, literal(r.exitCode === 0 ? value || '(nil)' : `exit ${r.exitCode}: ${r.stderr.trim().slice(0, 200)}`), text(
      'kubectl exec redis-1 -- redis-cli set key2 "value2" 를 실행하세요.',
      'Run kubectl exec redis-1 -- redis-cli set key2 "value2".',
    ));
  },
});
