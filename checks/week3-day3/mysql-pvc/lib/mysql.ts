import { type ApiObject, type CheckContext, type ExecResultLike, KIND, livePods, selectorOf, templateContainers, type PodView } from './deps.ts';

/** Names the lab uses, as the seed's manifests write them. */
export const NAMES = { pvc: 'mysql-pvc', deployment: 'mysql', mountPath: '/var/lib/mysql', selector: 'app=mysql' } as const;

/** The Deployment (when it exists), its live pods, and the first Ready one. */
export async function mysqlPod(ctx: CheckContext): Promise<{ dep?: ApiObject; pod?: PodView; pods: PodView[] }> {
  const dep = await ctx.kube.get(KIND.deployment, NAMES.deployment, ctx.namespace);
  const pods = await livePods(ctx, dep ? selectorOf(dep) || NAMES.selector : NAMES.selector);
  return { dep, pod: pods.find((p) => p.ready), pods };
}

/**
 * Runs SQL as root in the pod, with the password the Deployment gives the container: a literal value is
 * passed as is; a value from a Secret is read from the container's environment by a shell.
 */
export async function runSql(ctx: CheckContext, dep: ApiObject | undefined, pod: PodView, sql: string): Promise<ExecResultLike> {
  const env = (dep ? templateContainers(dep) : pod.containers).flatMap((c) => c.env ?? []);
  const pw = env.find((e) => e.name === 'MYSQL_ROOT_PASSWORD');
  if (pw?.value !== undefined) return ctx.kube.exec(ctx.namespace, pod.name, ['mysql', '-h', 'localhost', '-u', 'root', `-p${pw.value}`, '-N', '-B', '-e', sql]);
  const quoted = sql.replace(/'/g, `'\\''`);
  return ctx.kube.exec(ctx.namespace, pod.name, ['sh', '-c', `mysql -h localhost -u root -p"$MYSQL_ROOT_PASSWORD" -N -B -e '${quoted}'`]);
}

/** The last lines of a command's error output, without the password warning every mysql call prints. */
export function errorTail(r: ExecResultLike): string {
  const lines = r.stderr.split('\n').filter((l) => l.trim() && !/Using a password on the command line/.test(l));
  return lines.slice(-2).join(' ').slice(0, 300) || `exit code ${r.exitCode}`;
}
