import { ABSENT, blocked, defineCheck, fail, literal, mismatch, pass, PRESENT, text } from 'labs/check';
import { errorTail, mysqlPod, runSql } from './lib/mysql.ts';

export default defineCheck({
  id: 'mysql-answers',
  title: text('MySQL이 SELECT 1에 답함', 'MySQL answers SELECT 1'),
  async run(ctx) {
    const { dep, pod } = await mysqlPod(ctx);
    if (!pod) return blocked('deployment-available', [mismatch('Pod/-l app=mysql', 'status.conditions.Ready', PRESENT, ABSENT)], text('Ready인 MySQL Pod가 필요합니다.', 'A Ready MySQL pod is needed.'));
    const r = await runSql(ctx, dep, pod, 'SELECT 1');
    if (r.exitCode === 0 && r.stdout.trim() === '1') return pass(literal(`${pod.name}: 1`));
    return fail([mismatch(`Pod/${pod.name}`, 'mysql -u root -e "SELECT 1"', '1', r.exitCode === 0 ? r.stdout.trim() || ABSENT : `exit ${r.exitCode}: ${errorTail(r)}`)], text(
      'Access denied라면 MYSQL_ROOT_PASSWORD가 probe와 같은지 보세요. 데이터 디렉터리가 이전 비밀번호로 초기화되었다면 PVC를 지우고 다시 만들어야 합니다.',
      'On "Access denied", check MYSQL_ROOT_PASSWORD matches the probes. A data directory initialised with another password keeps it: delete and recreate the PVC.',
    ));
  },
});
