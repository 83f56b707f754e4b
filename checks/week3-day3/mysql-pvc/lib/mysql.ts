import { type ApiObject, type CheckContext, type ExecResult, KIND, livePods, podEnv, type PodView, workloadPods } from 'labs/check';

/** Names the lab uses, as the seed's manifests write them. */
export const NAMES = { pvc: 'mysql-pvc', deployment: 'mysql', mountPath: '/var/lib/mysql', selector: 'app=mysql' } as const;
/** The objects the checks talk about. */
export const OBJ = { pvc: `PersistentVolumeClaim/${NAMES.pvc}`, deployment: `Deployment/${NAMES.deployment}` } as const;

/** The Deployment (when it exists), its live pods, and the first Ready one. */
export async function mysqlPod(ctx: CheckContext): Promise<{ dep?: ApiObject; pod?: PodView; pods: PodView[] }> {
  const dep = await ctx.kube.get(KIND.deployment, NAMES.deployment, ctx.namespace);
  const pods = dep ? await workloadPods(ctx, dep) : await livePods(ctx, NAMES.selector);
  return { dep, pod: pods.find((p) => p.ready), pods };
}

/** The root password the kubelet gives MySQL: MYSQL_ROOT_PASSWORD in the container's environment, however it is written. */
async function rootPassword(ctx: CheckContext, pod: PodView): Promise<string | undefined> {
  const env = await podEnv(ctx, pod);
  return env.ok ? env.vars.get('MYSQL_ROOT_PASSWORD') : undefined;
}

/**
 * Runs SQL as root against the pod's MySQL over the network, from the grader's own mysql probe pod (never
 * inside the student's container), with the password the Deployment gives it.
 */
export async function runSql(ctx: CheckContext, dep: ApiObject | undefined, pod: PodView, sql: string): Promise<ExecResult> {
  const pw = await rootPassword(ctx, pod);
  if (!pod.ip) return { stdout: '', stderr: `${pod.name} has no IP`, exitCode: 1 };
  return ctx.probe('mysql', ['mysql', '-h', pod.ip, '-u', 'root', ...(pw ? [`-p${pw}`] : []), '--connect-timeout=5', '-N', '-B', '-e', sql], 10);
}

/** The last lines of a command's error output, without the password warning every mysql call prints. */
export function errorTail(r: ExecResult): string {
  const lines = r.stderr.split('\n').filter((l) => l.trim() && !/Using a password on the command line/.test(l));
  return lines.slice(-2).join(' ').slice(0, 300) || `exit code ${r.exitCode}`;
}
