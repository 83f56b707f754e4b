import { defineCheck, describePods, fail, literal, pass, text } from '../../lib/index.ts';
import { errorTail, mysqlPod, runSql } from './lib/mysql.ts';

const WANT = '1\tAlice\n2\tBob';

export default defineCheck({
  id: 'rows-present',
  title: text("testdb.users에 (1,'Alice'), (2,'Bob')", "testdb.users holds (1,'Alice') and (2,'Bob')"),
  async run(ctx) {
    const expected = text("testdb.users: (1,'Alice'), (2,'Bob')", "testdb.users: (1,'Alice'), (2,'Bob')");
    const { dep, pod, pods } = await mysqlPod(ctx);
    if (!pod) return fail(expected, describePods(pods), text('새 Pod가 Ready가 될 때까지 기다리세요: kubectl wait --for=condition=ready pod -l app=mysql', 'Wait for the new pod: kubectl wait --for=condition=ready pod -l app=mysql'));
    const r = await runSql(ctx, dep, pod, 'SELECT id, name FROM testdb.users WHERE id IN (1, 2) ORDER BY id');
    const rows = r.stdout.trim();
    if (r.exitCode === 0 && rows === WANT) return pass(literal(`${pod.name}: ${rows.replace(/\n/g, ', ').replace(/\t/g, ' ')}`));
    if (r.exitCode !== 0) {
      return fail(expected, literal(errorTail(r)), text(
        "테이블이 없다면 Step 3의 CREATE TABLE/INSERT를 실행하세요. Pod 삭제 후 테이블이 사라졌다면 데이터가 PVC가 아닌 곳(emptyDir 등)에 있었던 것입니다.",
        'If the table does not exist, run the CREATE TABLE/INSERT of step 3. If it vanished after the pod was deleted, the data was not on the PVC (an emptyDir?).',
      ));
    }
    return fail(expected, literal(rows ? rows.replace(/\n/g, ', ').replace(/\t/g, ' ') : '(no rows)'), text(
      "INSERT INTO testdb.users VALUES (1, 'Alice'), (2, 'Bob'); 를 실행했는지 보세요.",
      "Check you ran INSERT INTO testdb.users VALUES (1, 'Alice'), (2, 'Bob');",
    ));
  },
});
