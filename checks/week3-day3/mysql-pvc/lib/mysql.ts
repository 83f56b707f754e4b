import { type ApiObject, type CheckContext, type ExecResult, KIND, livePods, type PodView, selectorOf, templateContainers } from 'labs/check';

/** Names the lab uses, as the seed's manifests write them. */
export const NAMES = { pvc: 'mysql-pvc', deployment: 'mysql', mountPath: '/var/lib/mysql', selector: 'app=mysql' } as const;
/** The objects the checks talk about. */
export const OBJ = { pvc: `PersistentVolumeClaim/${NAMES.pvc}`, deployment: `Deployment/${NAMES.deployment}` } as const;

/** The Deployment (when it exists), its live pods, and the first Ready one. */
export async function mysqlPod(ctx: CheckContext): Promise<{ dep?: ApiObject; pod?: PodView; pods: PodView[] }> {
  const dep = await ctx.kube.get(KIND.deployment, NAMES.deployment, ctx.namespace);
  const pods = await livePods(ctx, dep ? selectorOf(dep) || NAMES.selector : NAMES.selector);
  return { dep, pod: pods.find((p) => p.ready), pods };
}

/** The root password the Deployment gives MySQL: a literal value, or the value of its Secret. */
async function rootPassword(ctx: CheckContext, dep: ApiObject | undefined, pod: PodView): Promise<string | undefined> {
  const env = (dep ? templateContainers(dep) : pod.containers).flatMap((c) => c.env ?? []).find((e) => e.name === 'MYSQL_ROOT_PASSWORD');
  if (env?.value !== undefined) return env.value;
  const ref = env?.valueFrom?.secretKeyRef;
  if (!ref) return undefined;
  const secret = await ctx.kube.get(KIND.secret, ref.name, ctx.namespace);
  const raw = (secret as { data?: Record<string, string> } | undefined)?.data?.[ref.key];
  return raw === undefined ? undefined : Buffer.from(raw, 'base64').toString('utf8');
}

/**
 * Runs SQL as root against the pod's MySQL over the network, from the grader's own mysql probe pod (never
 * inside the student's container), with the password the Deployment gives it.
 */
export async function runSql(ctx: CheckContext, dep: ApiObject | undefined, pod: PodView, sql: string): Promise<ExecResult> {
  const pw = await rootPassword(ctx, dep, pod);
  if (!pod.ip) return { stdout: '', stderr: `${pod.name} has no IP`, exitCode: 1 };
  return ctx.probe('mysql', ['mysql', '-h', pod.ip, '-u', 'root', ...(pw ? [`-p${pw}`] : []), '--connect-timeout=5', '-N', '-B', '-e', sql], 10);
}

/** The last lines of a command's error output, without the password warning every mysql call prints. */
export function errorTail(r: ExecResult): string {
  const lines = r.stderr.split('\n').filter((l) => l.trim() && !/Using a password on the command line/.test(l));
  return lines.slice(-2).join(' ').slice(0, 300) || `exit code ${r.exitCode}`;
}
