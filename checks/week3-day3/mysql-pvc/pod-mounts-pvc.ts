import { ABSENT, blocked, defineCheck, fail, literal, mismatch, pass, PRESENT, text, volumeAt } from 'labs/check';
import { mysqlPod, NAMES, OBJ } from './lib/mysql.ts';

export default defineCheck({
  id: 'pod-mounts-pvc',
  title: text('실행 중인 Pod가 mysql-pvc를 /var/lib/mysql에 마운트', 'The running pod mounts mysql-pvc at /var/lib/mysql'),
  async run(ctx) {
    const { dep, pods } = await mysqlPod(ctx);
    const pod = pods.find((p) => p.phase === 'Running') ?? pods[0];
    if (!dep || !pod) return blocked('deployment-available', [mismatch(dep ? 'Pod/-l app=mysql' : OBJ.deployment, '', PRESENT, ABSENT)], text('Deployment mysql을 먼저 배포하세요.', 'Deploy the mysql Deployment first.'));
    const at = volumeAt(pod, NAMES.mountPath);
    if (at.claim === NAMES.pvc) return pass(literal(`${pod.name}: ${NAMES.pvc} → ${NAMES.mountPath}`));
    const got = !at.volume ? ABSENT : at.claim ? `persistentVolumeClaim ${at.claim}` : at.emptyDir ? 'emptyDir' : `volume ${at.volume}`;
    return fail([mismatch(`Pod/${pod.name}`, `volumeMounts[${NAMES.mountPath}]`, `persistentVolumeClaim ${NAMES.pvc}`, got)], text(
      'volumes에 persistentVolumeClaim: {claimName: mysql-pvc}를 두고 volumeMounts의 mountPath를 /var/lib/mysql로 하세요. emptyDir는 Pod와 함께 사라집니다.',
      'Give the pod a volume persistentVolumeClaim: {claimName: mysql-pvc} and mount it at /var/lib/mysql. An emptyDir dies with the pod.',
    ));
  },
});
