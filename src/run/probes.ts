import { randomBytes } from 'node:crypto';
import { isAbort, KubeError } from '../errors.ts';
import { EXEC_TIMEOUT } from '../kube/deadline.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { KIND, PROBE_LABEL, type ApiObject, type ExecResult, type KubeClient } from '../model/kube.ts';
import { MSG } from './messages.ts';
import { serviceNamesIn } from '../assert/dns-ready.ts';
import { waitOn } from './wait.ts';

/** A probe the lab declares: a name and the image its pod runs. */
export interface ProbeSpec {
  name: string;
  image: string;
  /** Seconds the server it talks to may take from its container's start before it answers (10 when omitted). */
  startup?: number;
  /** A regular expression for its tools' output when the server is not listening yet. */
  unreachable?: string;
}

/** What the usual clients print when nothing listens yet (mysql, redis-cli, nc, wget, curl, psql). */
export const UNREACHABLE = /connection refused|can't connect|could not connect|couldn't connect|lost connection|no route to host|connection reset|server closed the connection|no answer in/i;

/**
 * How long after a Service's EndpointSlices change its address may still refuse: the node's proxy programs the change
 * within a second or two, more on a loaded node. The slices' own time of change (the annotation below) is whole seconds.
 */
export const DATA_PATH_MS = 10_000;
const LAST_CHANGE = 'endpoints.kubernetes.io/last-change-trigger-time';

type ObjJson = ApiObject & {
  spec?: { containers?: { readinessProbe?: unknown }[] };
  status?: { podIP?: string; containerStatuses?: { state?: { running?: { startedAt?: string } } }[] };
  endpoints?: { hostname?: string; targetRef?: { kind?: string; name?: string } }[];
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export { PROBE_LABEL } from '../model/kube.ts';

/** The object the probe pods belong to: with a controller of their own, no ReplicaSet or StatefulSet can adopt them. */
export const PROBE_OWNER = 'labs-probes';

/** The pod a probe runs in: idle, no service-account token, small, nothing privileged, owned by the grader. */
export function probePod(spec: ProbeSpec, owner?: { uid: string }): ApiObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `labs-probe-${spec.name}-${randomBytes(3).toString('hex')}`,
      labels: { [PROBE_LABEL.key]: PROBE_LABEL.value, 'labs.dev/probe': spec.name, 'app.kubernetes.io/managed-by': 'labs' },
      ...(owner ? { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: PROBE_OWNER, uid: owner.uid, controller: true, blockOwnerDeletion: false }] } : {}),
    },
    spec: {
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      terminationGracePeriodSeconds: 0,
      containers: [
        {
          name: 'probe',
          image: spec.image,
          imagePullPolicy: 'IfNotPresent',
          command: ['sh', '-c', 'trap "exit 0" TERM INT; while :; do sleep 3600 & wait $!; done'],
          resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          securityContext: { allowPrivilegeEscalation: false },
        },
      ],
    },
  };
}

/**
 * The lab's probe pods in one namespace: made on first use (or up front, to hold their place in a quota),
 * reused for every command, deleted by close(). Commands run with the grader's credentials in pods the
 * grader made, so nothing a student put in their own containers can answer for them.
 */
export class Probes {
  private readonly pods = new Map<string, Promise<string>>();
  private owner?: Promise<{ uid: string }>;
  /** Probes whose pod was deleted by someone else once already (it is made again only once). */
  private readonly remade = new Set<string>();

  constructor(private readonly kube: KubeClient, private readonly cache: NamespaceCache, private readonly specs: ProbeSpec[]) {}

  /** Makes every declared probe pod now and waits until each is Ready. */
  async prepare(signal?: AbortSignal): Promise<void> {
    await Promise.all(this.specs.map((s) => this.pod(s.name, signal)));
  }

  /** Runs a command in probe `name`'s pod. A command that does not answer in time is exit 124, like `timeout`. */
  async run(name: string, command: string[], timeoutSeconds = 10, signal?: AbortSignal): Promise<ExecResult> {
    const pod = await this.pod(name, signal);
    try {
      return await this.kube.exec(this.cache.namespace, pod, command, 'probe', { signal, timeoutMs: timeoutSeconds * 1000 });
    } catch (e) {
      if (isAbort(e) || signal?.aborted) throw e;
      if (e instanceof KubeError && e.reason === EXEC_TIMEOUT) return { stdout: '', stderr: `no answer in ${timeoutSeconds}s`, exitCode: 124 };
      // The pod itself is gone (deleted by something other than the grader): said as it is, and made again once.
      if (await this.gone(pod, signal)) {
        if (this.remade.has(name)) {
          throw new KubeError(MSG.probePodDeletedAgain(pod), undefined, 404, 'ProbeDeleted');
        }
        this.remade.add(name);
        this.pods.delete(name);
        return this.run(name, command, timeoutSeconds, signal);
      }
      throw e;
    }
  }

  private async gone(pod: string, signal?: AbortSignal): Promise<boolean> {
    const p = await this.kube.get(KIND.pod, pod, this.cache.namespace, { signal, timeoutMs: 10_000 }).catch(() => ({ metadata: {} }) as ApiObject);
    return !p || Boolean(p.metadata.deletionTimestamp);
  }

  /** The grader's object its probe pods belong to, made once per namespace. */
  private ownerOf(signal?: AbortSignal): Promise<{ uid: string }> {
    return (this.owner ??= (async () => {
      const cm: ApiObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: PROBE_OWNER, labels: { 'app.kubernetes.io/managed-by': 'labs' } }, data: { about: 'The grader\'s probe pods belong to this object.' } };
      const made = await this.kube.create(cm, this.cache.namespace, { signal }).catch(async (e: unknown) => {
        if (e instanceof KubeError && e.status === 409) return this.kube.get(KIND.configMap, PROBE_OWNER, this.cache.namespace, { signal });
        throw e;
      });
      return { uid: String(made?.metadata.uid ?? '') };
    })().catch((e: unknown) => {
      this.owner = undefined;
      throw e;
    }));
  }

  /**
   * When a command failed because the server it talks to is not answering yet, and that is still on its way: the
   * server's container started less than the probe's start-up budget ago (a pod behind a Service only when no
   * readiness probe stands between its start and its endpoint), or the command asks for a Service whose
   * EndpointSlices changed less than DATA_PATH_MS ago (the node's proxy rules follow them within seconds, and until
   * then the Service's address refuses). The end of that wait (epoch ms); undefined otherwise: the failure is the
   * server's answer. The server is the pod whose address or name the command names, or the Service's endpoints.
   */
  startingUntil(name: string, command: readonly string[], r: ExecResult, now = Date.now()): number | undefined {
    if (r.exitCode === 0) return undefined;
    const spec = this.specs.find((x) => x.name === name);
    const pattern = spec?.unreachable ? new RegExp(spec.unreachable, 'i') : UNREACHABLE;
    if (r.exitCode !== 124 && !pattern.test(`${r.stdout}\n${r.stderr}`)) return undefined;
    const objects = this.cache.objects() as ObjJson[];
    const pods = objects.filter((o) => o.kind === 'Pod' && !o.metadata.labels?.[PROBE_LABEL.key]);
    const named = (p: ObjJson) => {
      const ip = p.status?.podIP;
      const byIp = ip ? new RegExp(`(^|[^0-9.])${escape(ip)}($|[^0-9])`) : undefined;
      return command.some((a) => (byIp?.test(a) ?? false) || a === p.metadata.name || a.startsWith(`${p.metadata.name}.`));
    };
    const targets = new Set(pods.filter(named));
    let changed = 0;
    for (const svc of serviceNamesIn(command, this.cache.namespace)) {
      const slices = objects.filter((o) => o.kind === 'EndpointSlice' && o.metadata.labels?.['kubernetes.io/service-name'] === svc.service);
      for (const slice of slices) {
        changed = Math.max(changed, Date.parse((slice.metadata.annotations as Record<string, string> | undefined)?.[LAST_CHANGE] ?? '') || 0);
        for (const e of slice.endpoints ?? []) {
          if (svc.host && e.hostname !== svc.host) continue;
          // A pod Ready by its readiness probe has answered it: the server has started. One without a probe is
          // Ready as soon as its containers run, whatever the server behind them is doing.
          const pod = pods.find((p) => e.targetRef?.kind === 'Pod' && p.metadata.name === e.targetRef.name);
          if (pod && !(pod.spec?.containers ?? []).some((c) => c.readinessProbe)) targets.add(pod);
        }
      }
    }
    const started = Math.max(0, ...[...targets].flatMap((p) => (p.status?.containerStatuses ?? []).map((c) => Date.parse(c.state?.running?.startedAt ?? '') || 0)));
    const until = Math.max(started ? started + (spec?.startup ?? 10) * 1000 : 0, changed ? changed + DATA_PATH_MS : 0);
    return until > now ? until : undefined;
  }

  /** Deletes the probe pods and their owner (without waiting for them to go). */
  async close(): Promise<void> {
    const names = await Promise.all([...this.pods.values()].map((p) => p.catch(() => undefined)));
    this.pods.clear();
    await Promise.all(names.filter((n): n is string => Boolean(n)).map((n) => this.kube.delete(KIND.pod, n, this.cache.namespace, { timeoutMs: 10_000 }).catch(() => undefined)));
    if (this.owner) await this.kube.delete(KIND.configMap, PROBE_OWNER, this.cache.namespace, { timeoutMs: 10_000 }).catch(() => undefined);
    this.owner = undefined;
  }

  private pod(name: string, signal?: AbortSignal): Promise<string> {
    let p = this.pods.get(name);
    if (!p) {
      p = this.make(name, signal);
      p.catch(() => this.pods.delete(name)); // a failed start is tried again next time
      this.pods.set(name, p);
    }
    return p;
  }

  private async make(name: string, signal?: AbortSignal): Promise<string> {
    const spec = this.specs.find((s) => s.name === name);
    if (!spec) throw new KubeError(MSG.noSuchProbe(name), MSG.noSuchProbeHint);
    const owner = await this.ownerOf(signal);
    const made = await this.kube.create(probePod(spec, owner.uid ? owner : undefined), this.cache.namespace, { signal });
    const podName = made.metadata.name!;
    await waitOn(this.cache, `probe ${name} Ready`, 120, () => {
      if (this.cache.namespaceLost || !this.cache.namespaceExists()) {
        throw new KubeError(MSG.probeNamespaceGone(this.cache.namespace));
      }
      const pod = this.cache.objects().find((o) => o.kind === 'Pod' && o.metadata.name === podName) as (ApiObject & { status?: { conditions?: { type: string; status: string }[]; containerStatuses?: { state?: { waiting?: { reason?: string } } }[] } }) | undefined;
      const stuck = pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason;
      if (stuck && /Image|Err/.test(stuck)) {
        throw new KubeError(MSG.probePodCannotStart(podName, stuck, spec.image), MSG.clusterNeedsImage);
      }
      return pod?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? { done: true, value: undefined } : { done: false, why: 'not Ready yet' };
    }, signal);
    return podName;
  }
}
