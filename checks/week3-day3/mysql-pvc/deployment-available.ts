import { defineCheck, describePods, fail, literal, notFound, pass, text, troubleHint } from '../../lib/index.ts';
import { mysqlPod, NAMES } from './lib/mysql.ts';

interface DeploymentStatus {
  readyReplicas?: number;
  availableReplicas?: number;
  conditions?: { type: string; status: string }[];
}

export default defineCheck({
  id: 'deployment-available',
  title: text('Deployment mysql: 준비된 가용 replica 1개', 'Deployment mysql has 1 ready, available replica'),
  async run(ctx) {
    const expected = text('Deployment mysql: ready 1, available 1', 'Deployment mysql: 1 ready and available replica');
    const { dep, pod, pods } = await mysqlPod(ctx);
    if (!dep) {
      return fail(expected, notFound(`Deployment ${NAMES.deployment}`, ctx.namespace), text(
        `kubectl apply -f mysql-deployment.yaml -n ${ctx.namespace}`,
        `Run kubectl apply -f mysql-deployment.yaml -n ${ctx.namespace}`,
      ));
    }
    const st = (dep.status ?? {}) as DeploymentStatus;
    const available = st.conditions?.find((c) => c.type === 'Available')?.status === 'True';
    if ((st.readyReplicas ?? 0) >= 1 && (st.availableReplicas ?? 0) >= 1 && available && pod) {
      return pass(literal(`${pod.name} Ready`), { mysqlPodUid: pod.uid, mysqlPodName: pod.name });
    }
    const found = text(
      `ready ${st.readyReplicas ?? 0}, available ${st.availableReplicas ?? 0}; Pod: ${describePods(pods).ko}`,
      `ready ${st.readyReplicas ?? 0}, available ${st.availableReplicas ?? 0}; pods: ${describePods(pods).en}`,
    );
    return fail(expected, found, troubleHint(pods, ctx.namespace));
  },
});
