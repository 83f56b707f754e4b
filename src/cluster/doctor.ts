import { loadKubeConfig, Kube } from '../kube/client.ts';
import { KIND } from '../model/kube.ts';
import { text, type Text } from '../model/text.ts';
import { type Diagnosis } from './diagnosis.ts';
import { type Runner } from '../exec/run.ts';
import { clusterImageDiagnoses } from './images.ts';
import { KIND_CONTEXT } from './kind.ts';
import { SEED_CLASS } from './storage-class.ts';

/** Checks the tools and the cluster; never throws, each problem is a line with its fix. */
export async function diagnose(run: Runner, o: { context?: string; kubeconfig?: string }): Promise<Diagnosis[]> {
  const out: Diagnosis[] = [];
  const ownCluster = !o.context;
  const tool = async (name: string, cmd: string, args: string[], fix: Text, needed: boolean) => {
    const r = await run(cmd, args, { timeoutMs: 20_000 });
    const first = (r.exitCode === 0 ? r.stdout || r.stderr : r.stderr || r.stdout).trim().split('\n')[0] ?? '';
    if (r.exitCode === 0) return void out.push({ name, status: 'ok', detail: text('있음', 'found'), output: first });
    const detail = r.exitCode === 127 ? text(`${cmd}을(를) 찾을 수 없습니다`, `${cmd} is not installed`) : text(`\`${[cmd, ...args].join(' ')}\` 실패 (종료 코드 ${r.exitCode})`, `\`${[cmd, ...args].join(' ')}\` failed (exit ${r.exitCode})`);
    if (!needed) return void out.push({ name, status: 'skip', detail: text(`--context를 쓰면 필요 없음: ${detail.ko}`, `not needed with --context: ${detail.en}`) });
    out.push({ name, status: 'fail', detail, output: r.exitCode === 127 ? undefined : first, fix });
  };
  await tool('docker', 'docker', ['info', '--format', '{{.ServerVersion}}'], text('Docker를 설치하고 실행하세요 (Docker Desktop, 또는 `sudo systemctl start docker`).', 'Install Docker and start it (Docker Desktop, or `sudo systemctl start docker`).'), ownCluster);
  await tool('kind', 'kind', ['version'], text('kind를 설치하세요: https://kind.sigs.k8s.io/docs/user/quick-start/#installation', 'Install kind: https://kind.sigs.k8s.io/docs/user/quick-start/#installation'), ownCluster);
  await tool('kubectl', 'kubectl', ['version', '--client'], text('kubectl을 설치하세요: 랩의 단계에서 씁니다.', 'Install kubectl: the lab steps use it.'), true);
  try {
    const kube = new Kube(loadKubeConfig(o.context ?? KIND_CONTEXT, o.kubeconfig));
    const version = await kube.version({ timeoutMs: 10_000 });
    out.push({ name: 'cluster', status: 'ok', detail: text(`${kube.context}: Kubernetes ${version}`, `${kube.context}: Kubernetes ${version}`) });
    const classes = await kube.list(KIND.storageClass, undefined, undefined, { timeoutMs: 10_000 });
    const names = classes.map((c) => c.metadata.name!);
    if (classes.length === 0) {
      out.push({ name: 'storageclass', status: 'fail', detail: text('StorageClass가 없습니다', 'no StorageClass'), fix: text('동적 프로비저너를 설치하세요 (kind에는 local-path가 있습니다). 없으면 PVC가 바인딩되지 않습니다.', 'Install a dynamic provisioner (kind ships local-path); PVCs cannot bind without one.') });
    } else {
      const extra = names.includes(SEED_CLASS) ? { ko: '', en: '' } : { ko: ` ("${SEED_CLASS}" 없음: labs start가 만듭니다)`, en: ` (no "${SEED_CLASS}": labs adds it on start)` };
      out.push({ name: 'storageclass', status: 'ok', detail: text(`${names.join(', ')}${extra.ko}`, `${names.join(', ')}${extra.en}`) });
    }
    out.push(...(await clusterImageDiagnoses(kube, { kindCluster: ownCluster || /^kind-/.test(o.context ?? '') })));
  } catch (e) {
    out.push({
      name: 'cluster', status: 'fail', detail: text('클러스터에 연결할 수 없습니다', 'cannot reach the cluster'), output: (e as Error).message,
      fix: o.context
        ? text(`컨텍스트 "${o.context}"가 동작하는지 보세요: kubectl --context ${o.context} get nodes`, `Check that context "${o.context}" works: kubectl --context ${o.context} get nodes`)
        : text('`labs start <lab>`로 kind 클러스터를 만들거나 --context를 주세요.', 'Run `labs start <lab>` to create the kind cluster, or pass --context.'),
    });
  }
  return out;
}
