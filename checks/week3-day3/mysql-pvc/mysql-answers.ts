import { defineCheck, describePods, fail, literal, pass, text } from '../../lib/index.ts';
import { errorTail, mysqlPod, runSql } from './lib/mysql.ts';

export default defineCheck({
  id: 'mysql-answers',
  title: text('Pod 안에서 SELECT 1이 성공', 'SELECT 1 succeeds inside the pod'),
  async run(ctx) {
    const expected = text('mysql -u root -e "SELECT 1" → 1', 'mysql -u root -e "SELECT 1" prints 1');
    const { dep, pod, pods } = await mysqlPod(ctx);
    if (!pod) return fail(expected, describePods(pods), text('Ready인 MySQL Pod가 필요합니다. 이전 단계의 체크를 먼저 통과하세요.', 'A Ready MySQL pod is needed; pass the earlier checks first.'));
    const r = await runSql(ctx, dep, pod, 'SELECT 1');
    if (r.exitCode === 0 && r.stdout.trim() === '1') return pass(literal(`${pod.name}: 1`));
    return fail(expected, literal(`exit ${r.exitCode}: ${errorTail(r)}`), text(
      'Access denied라면 MYSQL_ROOT_PASSWORD가 probe와 같은지 보세요. 데이터 디렉터리가 이전 비밀번호로 초기화되었다면 PVC를 지우고 다시 만들어야 합니다.',
      'On "Access denied", check MYSQL_ROOT_PASSWORD matches the probes. A data directory initialised with another password keeps it: delete and recreate the PVC.',
    ));
  },
});
