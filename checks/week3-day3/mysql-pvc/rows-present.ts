import { ABSENT, blocked, defineCheck, fail, literal, mismatch, pass, PRESENT, text } from 'labs/check';
import { errorTail, mysqlPod, runSql } from './lib/mysql.ts';

const WANT = '1\tAlice\n2\tBob';
const SQL = 'SELECT id, name FROM testdb.users WHERE id IN (1, 2) ORDER BY id';

export default defineCheck({
  id: 'rows-present',
  title: text("testdb.users에 (1,'Alice'), (2,'Bob')", "testdb.users holds (1,'Alice') and (2,'Bob')"),
  async run(ctx) {
    const { dep, pod } = await mysqlPod(ctx);
    if (!pod) return blocked('pod-replaced', [mismatch('Pod/-l app=mysql', 'status.conditions.Ready', PRESENT, ABSENT)], text('새 Pod가 Ready가 될 때까지 기다리세요: kubectl wait --for=condition=ready pod -l app=mysql', 'Wait for the new pod: kubectl wait --for=condition=ready pod -l app=mysql'));
    const r = await runSql(ctx, dep, pod, SQL);
    const rows = r.stdout.trim();
    const show = (s: string) => s.replace(/\n/g, ', ').replace(/\t/g, ' ');
    if (r.exitCode === 0 && rows === WANT) return pass(literal(`${pod.name}: ${show(rows)}`));
    const got = r.exitCode !== 0 ? errorTail(r) : rows ? show(rows) : ABSENT;
    return fail([mismatch(`Pod/${pod.name}`, 'testdb.users', show(WANT), got)], r.exitCode !== 0
      ? text(
          '테이블이 없다면 Step 3의 CREATE TABLE/INSERT를 실행하세요. Pod 삭제 후 테이블이 사라졌다면 데이터가 PVC가 아닌 곳(emptyDir 등)에 있었던 것입니다.',
          'If the table does not exist, run the CREATE TABLE/INSERT of step 3. If it vanished after the pod was deleted, the data was not on the PVC (an emptyDir?).',
        )
      : text("INSERT INTO testdb.users VALUES (1, 'Alice'), (2, 'Bob'); 를 실행했는지 보세요.", "Check you ran INSERT INTO testdb.users VALUES (1, 'Alice'), (2, 'Bob');"));
  },
});
