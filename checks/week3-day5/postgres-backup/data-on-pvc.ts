// Code, not data: where PostgreSQL keeps its data is the variable PGDATA as the kubelet gives it (the image's
// /var/lib/postgresql/data when unset), and what holds that directory is the mount whose path is its longest prefix,
// the image's own VOLUME among them (the container runtime mounts it, empty, wherever no volume of the pod is mounted
// at that very path): a path, a variable and the StatefulSet's claim templates judged together.
import { ABSENT, blocked, defineCheck, fail, KIND, kubectl, literal, mismatch, oneOf, orAbsent, pass, podEnv, PRESENT, text, view, workloadPods, type RawClaim, type RawStatefulSet } from 'labs/check';

const STS = 'postgres';
const POD = `${STS}-0`;
/** Where the postgres image keeps its data when PGDATA is not set: also the image's VOLUME. */
const IMAGE_PGDATA = '/var/lib/postgresql/data';
/** A mount of the image's VOLUME: gone with the container. */
const IMAGE_VOLUME = '(VOLUME /var/lib/postgresql/data)';

/** The mount that holds `dir`: the one whose path is the longest prefix of it. */
function mountHolding(mounts: readonly { name?: string; mountPath?: string }[], dir: string) {
  const under = (p: string) => dir === p || dir.startsWith(p.endsWith('/') ? p : `${p}/`);
  return mounts.filter((m) => m.mountPath && under(m.mountPath.replace(/(.)\/+$/, '$1'))).sort((a, b) => b.mountPath!.length - a.mountPath!.length)[0];
}

export default defineCheck({
  id: 'data-on-pvc',
  title: text('PGDATA가 postgres-0 자신의 PVC(volumeClaimTemplates)에 있음', 'PGDATA is on postgres-0\'s own PVC, from volumeClaimTemplates'),
  async run(ctx) {
    const sts = await ctx.kube.get(KIND.statefulSet, STS, ctx.namespace);
    const pod = sts ? (await workloadPods(ctx, sts)).find((p) => p.name === POD) : undefined;
    if (!sts || !pod) return blocked('statefulset-ready', [mismatch(sts ? `Pod/${POD}` : `StatefulSet/${STS}`, '', PRESENT, ABSENT)], text('먼저 StatefulSet postgres가 postgres-0을 만들어야 합니다.', 'The StatefulSet postgres must make postgres-0 first.'));
    const env = await podEnv(ctx, pod);
    // Without an environment the container does not start (password-from-secret says why): nothing to judge yet.
    if (!env.ok) return blocked('password-from-secret', [mismatch(`Pod/${POD}`, 'env', PRESENT, env.error)], text('kubelet이 컨테이너 환경을 만들 수 없어 PGDATA를 알 수 없습니다.', 'The kubelet cannot build the container\'s environment, so PGDATA is not known.'));
    const pgdata = env.vars.get('PGDATA') || IMAGE_PGDATA;
    const container = pod.containers[0];
    const own = container?.volumeMounts ?? [];
    const imageVolume = own.some((m) => m.mountPath?.replace(/(.)\/+$/, '$1') === IMAGE_PGDATA) ? [] : [{ name: IMAGE_VOLUME, mountPath: IMAGE_PGDATA }];
    const mount = mountHolding([...own, ...imageVolume], pgdata);
    const volume = pod.volumes.find((v) => v.name === mount?.name);
    const templates = (view<RawStatefulSet>(sts).spec?.volumeClaimTemplates ?? []).map((t) => t.metadata?.name ?? '');
    const claims = templates.map((t) => `${t}-${POD}`);
    const path = `PGDATA ${pgdata}`;
    const redo = `${kubectl(ctx.namespace, 'delete statefulset postgres')}; ${kubectl(ctx.namespace, 'apply -f postgres-statefulset.yaml')}`;
    if (!volume?.claimName || !claims.includes(volume.claimName)) {
      const got = volume?.claimName ? `persistentVolumeClaim ${volume.claimName}` : volume?.emptyDir ? 'emptyDir' : mount ? (mount.name === IMAGE_VOLUME ? IMAGE_VOLUME : `volume ${mount.name}`) : ABSENT;
      return fail([mismatch(`Pod/${POD}`, path, claims.length ? oneOf(...claims.map((c) => `persistentVolumeClaim ${c}`)) : 'volumeClaimTemplates', got)], text(
        `PGDATA(${pgdata})가 Pod와 함께 사라지지 않으려면 volumeClaimTemplates로 만든 PVC에 있어야 합니다. PVC를 그 디렉터리(또는 상위 디렉터리)에 마운트하세요. 이미지의 VOLUME(/var/lib/postgresql/data) 아래라면 PVC를 바로 그 경로에 마운트해야 합니다. volumeClaimTemplates는 바꿀 수 없으니 파일을 고친 뒤 StatefulSet을 다시 만드세요: ${redo}`,
        `PGDATA (${pgdata}) outlives the pod only on a PVC made from volumeClaimTemplates: mount it at that directory or one above it (under the image's VOLUME /var/lib/postgresql/data, at that very path). volumeClaimTemplates cannot change: fix the file and create the StatefulSet again: ${redo}`,
      ));
    }
    const claim = view<RawClaim | undefined>(await ctx.kube.get(KIND.pvc, volume.claimName, ctx.namespace));
    const pv = claim?.spec?.volumeName;
    if (claim?.status?.phase !== 'Bound' || !pv) {
      return fail([mismatch(`PersistentVolumeClaim/${volume.claimName}`, 'status.phase', 'Bound', orAbsent(claim?.status?.phase))], text(
        `${kubectl(ctx.namespace, `describe pvc ${volume.claimName}`)}의 Events에서 바인딩되지 않는 이유를 보세요.`,
        `Read why it is not bound in the Events of ${kubectl(ctx.namespace, `describe pvc ${volume.claimName}`)}.`,
      ));
    }
    // same-volume compares with this PV after the pod is replaced.
    return pass(literal(`${pgdata} → ${volume.claimName} → ${pv}`), { pvc: volume.claimName, pv });
  },
});
