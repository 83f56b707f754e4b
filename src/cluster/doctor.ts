import { loadKubeConfig, Kube } from '../kube/client.ts';
import { KIND } from '../model/kube.ts';
import { type Runner } from '../exec/run.ts';
import { KIND_CONTEXT } from './kind.ts';
import { SEED_CLASS } from './storage-class.ts';

/** One line of `labs doctor`. */
export interface Diagnosis {
  name: string;
  ok: boolean;
  /** What was seen (a version, an error). */
  detail: string;
  /** How to fix it, when not ok. */
  fix?: string;
}

/** Checks the tools and the cluster; never throws, each problem is a line with its fix. */
export async function diagnose(run: Runner, o: { context?: string; kubeconfig?: string }): Promise<Diagnosis[]> {
  const out: Diagnosis[] = [];
  const tool = async (name: string, cmd: string, args: string[], fix: string, needed: boolean) => {
    const r = await run(cmd, args, { timeoutMs: 20_000 });
    const first = (r.stdout || r.stderr).trim().split('\n')[0] ?? '';
    out.push({ name, ok: r.exitCode === 0 || !needed, detail: r.exitCode === 0 ? first : `${needed ? '' : '(not needed with --context) '}${first || `exit ${r.exitCode}`}`, fix: r.exitCode === 0 ? undefined : fix });
  };
  const ownCluster = !o.context;
  await tool('docker', 'docker', ['info', '--format', '{{.ServerVersion}}'], 'Install Docker and start it (Docker Desktop, or `sudo systemctl start docker`).', ownCluster);
  await tool('kind', 'kind', ['version'], 'Install kind: https://kind.sigs.k8s.io/docs/user/quick-start/#installation', ownCluster);
  await tool('kubectl', 'kubectl', ['version', '--client'], 'Install kubectl: the lab steps use it.', true);
  try {
    const kube = new Kube(loadKubeConfig(o.context ?? KIND_CONTEXT, o.kubeconfig));
    out.push({ name: 'cluster', ok: true, detail: `${kube.context}: Kubernetes ${await kube.version()}` });
    const classes = await kube.list(KIND.storageClass);
    const names = classes.map((c) => c.metadata.name!);
    out.push({
      name: 'storageclass',
      ok: classes.length > 0,
      detail: names.length ? `${names.join(', ')}${names.includes(SEED_CLASS) ? '' : ` (no "${SEED_CLASS}": labs adds it on start)`}` : 'none',
      fix: classes.length ? undefined : 'Install a dynamic provisioner (kind ships local-path); PVCs cannot bind without one.',
    });
  } catch (e) {
    out.push({ name: 'cluster', ok: false, detail: (e as Error).message, fix: o.context ? `Check that context "${o.context}" works: kubectl --context ${o.context} get nodes` : 'Run `labs start <lab>` to create the kind cluster, or pass --context.' });
  }
  return out;
}
