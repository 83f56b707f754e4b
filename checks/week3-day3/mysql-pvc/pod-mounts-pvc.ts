import { defineCheck, describePods, fail, literal, pass, text } from '../../lib/index.ts';
import { mysqlPod, NAMES } from './lib/mysql.ts';

export default defineCheck({
  id: 'pod-mounts-pvc',
  title: text('실행 중인 Pod가 mysql-pvc를 /var/lib/mysql에 마운트', 'The running pod mounts mysql-pvc at /var/lib/mysql'),
  async run(ctx) {
    const expected = text('MySQL Pod가 persistentVolumeClaim mysql-pvc를 /var/lib/mysql에 마운트', 'the MySQL pod mounts persistentVolumeClaim mysql-pvc at /var/lib/mysql');
    const { pods } = await mysqlPod(ctx);
    const pod = pods.find((p) => p.phase === 'Running') ?? pods[0];
    if (!pod) return fail(expected, describePods(pods), text('Deployment mysql을 먼저 배포하세요.', 'Deploy the mysql Deployment first.'));
    const mounts = pod.containers.flatMap((c) => c.volumeMounts ?? []).filter((m) => m.mountPath === NAMES.mountPath);
    const volumes = mounts.map((m) => pod.volumes.find((v) => v.name === m.name));
    if (volumes.some((v) => v?.claimName === NAMES.pvc)) return pass(literal(`${pod.name}: ${NAMES.pvc} → ${NAMES.mountPath}`));
    const what = mounts.length === 0
      ? text(`${pod.name}: ${NAMES.mountPath}에 마운트된 볼륨이 없습니다`, `${pod.name}: nothing is mounted at ${NAMES.mountPath}`)
      : text(
          `${pod.name}: ${NAMES.mountPath}에 ${volumes.map((v) => (v?.claimName ? `PVC ${v.claimName}` : v?.emptyDir ? 'emptyDir' : v?.name)).join(', ')}`,
          `${pod.name}: ${NAMES.mountPath} holds ${volumes.map((v) => (v?.claimName ? `PVC ${v.claimName}` : v?.emptyDir ? 'emptyDir' : v?.name)).join(', ')}`,
        );
    return fail(expected, what, text(
      'volumes에 persistentVolumeClaim: {claimName: mysql-pvc}를 두고 volumeMounts의 mountPath를 /var/lib/mysql로 하세요. emptyDir는 Pod와 함께 사라집니다.',
      'Give the pod a volume persistentVolumeClaim: {claimName: mysql-pvc} and mount it at /var/lib/mysql. An emptyDir dies with the pod.',
    ));
  },
});
