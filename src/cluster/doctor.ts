import { loadKubeConfig, Kube } from '../kube/client.ts';
import { KIND } from '../model/kube.ts';
import { type Text } from '../model/text.ts';
import { type Diagnosis } from './diagnosis.ts';
import { type Runner } from '../exec/run.ts';
import { clusterImageDiagnoses } from './images.ts';
import { KIND_CONTEXT } from './kind.ts';
import { MSG } from './messages.ts';
import { SEED_CLASS } from './storage-class.ts';

/** Checks the tools and the cluster; never throws, each problem is a line with its fix. */
export async function diagnose(run: Runner, o: { context?: string; kubeconfig?: string }): Promise<Diagnosis[]> {
  const out: Diagnosis[] = [];
  const ownCluster = !o.context;
  const tool = async (name: string, cmd: string, args: string[], fix: Text, needed: boolean) => {
    const r = await run(cmd, args, { timeoutMs: 20_000 });
    const first = (r.exitCode === 0 ? r.stdout || r.stderr : r.stderr || r.stdout).trim().split('\n')[0] ?? '';
    if (r.exitCode === 0) return void out.push({ name, status: 'ok', detail: MSG.toolFound, output: first });
    const detail = r.exitCode === 127 ? MSG.toolNotInstalled(cmd) : MSG.toolFailed([cmd, ...args].join(' '), r.exitCode);
    if (!needed) return void out.push({ name, status: 'skip', detail: MSG.toolNotNeeded(detail) });
    out.push({ name, status: 'fail', detail, output: r.exitCode === 127 ? undefined : first, fix });
  };
  await tool('docker', 'docker', ['info', '--format', '{{.ServerVersion}}'], MSG.installDocker, ownCluster);
  await tool('kind', 'kind', ['version'], MSG.installKind, ownCluster);
  await tool('kubectl', 'kubectl', ['version', '--client'], MSG.installKubectl, true);
  try {
    const kube = new Kube(loadKubeConfig(o.context ?? KIND_CONTEXT, o.kubeconfig));
    const version = await kube.version({ timeoutMs: 10_000 });
    out.push({ name: 'cluster', status: 'ok', detail: MSG.clusterVersion(kube.context, version) });
    const classes = await kube.list(KIND.storageClass, undefined, undefined, { timeoutMs: 10_000 });
    const names = classes.map((c) => c.metadata.name!);
    if (classes.length === 0) {
      out.push({ name: 'storageclass', status: 'fail', detail: MSG.noStorageClass, fix: MSG.noStorageClassFix });
    } else {
      out.push({ name: 'storageclass', status: 'ok', detail: MSG.storageClasses(names.join(', '), SEED_CLASS, names.includes(SEED_CLASS)) });
    }
    out.push(...(await clusterImageDiagnoses(kube, { kindCluster: ownCluster || /^kind-/.test(o.context ?? '') })));
  } catch (e) {
    out.push({
      name: 'cluster', status: 'fail', detail: MSG.cannotReachCluster, output: (e as Error).message,
      fix: o.context
        ? MSG.checkContext(o.context)
        : MSG.createKindOrPassContext,
    });
  }
  return out;
}
