import { ABSENT, defineCheck, fail, kubectl, mismatch, notReady, pass, PRESENT, literal, text, troubleHint } from 'labs/check';
import { mysqlPod, OBJ } from './lib/mysql.ts';

interface DeploymentStatus {
  readyReplicas?: number;
  availableReplicas?: number;
  conditions?: { type: string; status: string }[];
}

export default defineCheck({
  id: 'deployment-available',
  title: text('Deployment mysql: 준비된 가용 replica 1개', 'Deployment mysql has 1 ready, available replica'),
  async run(ctx) {
    const { dep, pod, pods } = await mysqlPod(ctx);
    if (!dep) {
      return fail([mismatch(OBJ.deployment, '', PRESENT, ABSENT)], text(
        `${kubectl(ctx.namespace, 'apply -f mysql-deployment.yaml')} 로 만드세요.`,
        `Create it: ${kubectl(ctx.namespace, 'apply -f mysql-deployment.yaml')}`,
      ));
    }
    const st = (dep.status ?? {}) as DeploymentStatus;
    const available = st.conditions?.find((c) => c.type === 'Available')?.status === 'True';
    if ((st.readyReplicas ?? 0) >= 1 && (st.availableReplicas ?? 0) >= 1 && available && pod) {
      return pass(literal(`${pod.name} Ready`), { uid: pod.uid, name: pod.name });
    }
    const problems = [mismatch(OBJ.deployment, 'status.availableReplicas', 1, st.availableReplicas ?? 0), ...notReady(pods)];
    if (pods.length === 0) problems.push(mismatch('Pod/-l app=mysql', '', PRESENT, ABSENT));
    return fail(problems, troubleHint(pods, ctx.namespace), { evidence: await ctx.evidence(pods.filter((p) => !p.ready).map((p) => p.name)) });
  },
});
