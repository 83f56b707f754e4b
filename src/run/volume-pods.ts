import { randomBytes } from 'node:crypto';
import { isAbort, KubeError } from '../errors.ts';
import { view, type RawClaim, type RawPod } from '../k8s/raw.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { KIND, PROBE_LABEL, type ApiObject, type ExecResult, type KubeClient } from '../model/kube.ts';
import { MSG } from './messages.ts';
import { waitOn } from './wait.ts';

/** The image the grader's volume pods run (it is also in `labs images save`). */
export const VOLUME_POD_IMAGE = 'busybox';

/** How long a volume pod may live at most: it ends by itself even if labs is killed and never deletes it (s). */
const LIFETIME_S = 900;

/** The most of a file a read returns. */
const READ_LIMIT = 65_536;

/** A path inside a volume, as given: relative, without `..`. */
function inside(path: string): string {
  const p = path.replace(/^\/+/, '');
  if (!p || p.split('/').includes('..')) throw new KubeError(MSG.notPathInVolume(path));
  return p;
}

/**
 * A pod of the grader's that mounts one claim at /v (read-only unless it is for writing) and waits, to be exec'd into;
 * it ends by itself after `seconds` (activeDeadlineSeconds), whatever becomes of labs.
 */
function volumePod(claim: string, readOnly: boolean, seconds = LIFETIME_S): ApiObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `labs-volume-${randomBytes(3).toString('hex')}`, labels: { [PROBE_LABEL.key]: 'volume', 'app.kubernetes.io/managed-by': 'labs' } },
    spec: {
      automountServiceAccountToken: false, enableServiceLinks: false, terminationGracePeriodSeconds: 0, restartPolicy: 'Never',
      activeDeadlineSeconds: seconds,
      containers: [{
        name: 'v', image: VOLUME_POD_IMAGE, imagePullPolicy: 'IfNotPresent', command: ['sleep', String(seconds)],
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        volumeMounts: [{ name: 'v', mountPath: '/v', readOnly }],
      }],
      volumes: [{ name: 'v', persistentVolumeClaim: { claimName: claim, readOnly } }],
    },
  };
}

type Made = { name: string; readOnly: boolean };

/**
 * The grader's volume pods of one round of a step (its solution and its checks): one per claim, made when a file of
 * that claim is first read or written and reused for every read and write after it, deleted by close() before the
 * next step (a pod of the grader's that still mounts a claim would hold it from being deleted). The student's
 * containers are never used.
 */
export class VolumePods {
  private readonly pods = new Map<string, Promise<Made>>();
  private stopExpecting?: () => void;

  constructor(private readonly kube: KubeClient, private readonly cache: NamespaceCache) {}

  /**
   * Makes each claim's pod as soon as the claim is Bound (and not being deleted), ahead of its first read or write:
   * the pod starts beside the round's other work. Only Bound claims: a pod of labs' own must never be the consumer
   * that makes a claim bind. Until close().
   */
  expect(claims: readonly { claim: string; writes: boolean }[], signal?: AbortSignal): void {
    const want = new Map<string, boolean>();
    for (const c of claims) if (!c.claim.includes('{{')) want.set(c.claim, (want.get(c.claim) ?? false) || c.writes);
    if (want.size === 0) return;
    const look = () => {
      for (const [claim, writes] of want) {
        const pvc = this.cache.objects().find((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === claim);
        if (!pvc || pvc.metadata.deletionTimestamp || view<RawClaim>(pvc).status?.phase !== 'Bound') continue;
        want.delete(claim);
        void this.pod(claim, writes, signal, 120).catch(() => undefined); // a failure is met again, and said, by the read or write
      }
      if (want.size === 0) this.stopExpecting?.();
    };
    this.stopExpecting = this.cache.subscribe(look);
    look();
  }

  /** Deletes the pods made so far (before the round deletes something: a pod of labs' own must not hold a claim). */
  async release(): Promise<void> {
    const entries = [...this.pods.entries()];
    for (const [claim, p] of entries) if (this.pods.get(claim) === p) this.pods.delete(claim);
    const made = await Promise.all(entries.map(([, p]) => p.catch(() => undefined)));
    await Promise.all(made.filter((m): m is Made => Boolean(m)).map((m) => this.remove(m.name)));
  }

  /** What a file in a claim's volume holds (at most 64 KiB); undefined when there is no such file. */
  async read(claim: string, path: string, signal?: AbortSignal, seconds = 60): Promise<string | undefined> {
    const f = inside(path);
    const r = await this.exec(claim, false, ['sh', '-c', `if [ -f "/v/$1" ]; then head -c ${READ_LIMIT} "/v/$1"; else exit 3; fi`, 'sh', f], signal, seconds);
    return r.exitCode === 0 ? r.stdout : undefined;
  }

  /** Writes a file into a claim's volume. */
  async write(claim: string, path: string, content: string, signal?: AbortSignal, seconds = 120): Promise<void> {
    const f = inside(path);
    const r = await this.exec(claim, true, ['sh', '-c', 'mkdir -p "$(dirname "/v/$1")" && printf %s "$2" > "/v/$1" && sync', 'sh', f, content], signal, seconds);
    if (r.exitCode !== 0) {
      const why = `${r.stdout}${r.stderr}`.trim();
      throw new KubeError(MSG.volumeWriteFailed(claim, path, why));
    }
  }

  /** Stops expecting claims, deletes every volume pod of the round and waits until none holds its claim any more. */
  async close(): Promise<void> {
    this.stopExpecting?.();
    this.stopExpecting = undefined;
    await this.release();
  }

  /** Runs a command in the claim's pod; a pod gone in the meantime (deleted by someone else, past its lifetime) is made again once. */
  private async exec(claim: string, writes: boolean, command: string[], signal: AbortSignal | undefined, seconds: number, again = true): Promise<ExecResult> {
    const pod = await this.pod(claim, writes, signal, seconds);
    try {
      return await this.kube.exec(this.cache.namespace, pod, command, 'v', { signal, timeoutMs: Math.min(30, seconds) * 1000 });
    } catch (e) {
      if (isAbort(e) || signal?.aborted || !again) throw e;
      const now = view<RawPod | undefined>(await this.cache.get(KIND.pod, pod, this.cache.namespace));
      if (now?.status?.containerStatuses?.[0]?.state?.running && !now.metadata?.deletionTimestamp) throw e;
      this.pods.delete(claim);
      await this.remove(pod);
      return this.exec(claim, writes, command, signal, seconds, false);
    }
  }

  /** The claim's pod: a read uses any, a write one that mounts the claim writable (made in place of a read-only one). */
  private async pod(claim: string, writes: boolean, signal: AbortSignal | undefined, seconds: number): Promise<string> {
    let p = this.pods.get(claim);
    const have = p ? await p.catch(() => undefined) : undefined;
    if (have && writes && have.readOnly) {
      this.pods.delete(claim);
      await this.remove(have.name);
      p = undefined;
    } else if (!have) p = undefined;
    if (!p) {
      p = this.make(claim, !writes, signal, seconds);
      this.pods.set(claim, p);
      p.catch(() => this.pods.get(claim) === p && this.pods.delete(claim)); // a failed start is tried again next time
    }
    return (await p).name;
  }

  private async make(claim: string, readOnly: boolean, signal: AbortSignal | undefined, seconds: number): Promise<Made> {
    const made = await this.kube.create(volumePod(claim, readOnly), this.cache.namespace, { signal });
    const name = made.metadata.name!;
    try {
      await waitOn(this.cache, `volume pod ${name}`, seconds, async () => {
        const p = view<RawPod | undefined>(await this.cache.get(KIND.pod, name, this.cache.namespace));
        const waiting = p?.status?.containerStatuses?.[0]?.state?.waiting?.reason;
        if (p?.status?.phase === 'Failed' || p?.status?.phase === 'Succeeded' || (waiting && /Image|Err/.test(waiting))) {
          throw new KubeError(MSG.volumePodCannotStart(name, String(waiting ?? p?.status?.phase), VOLUME_POD_IMAGE), MSG.clusterNeedsImage);
        }
        return p?.status?.containerStatuses?.[0]?.state?.running ? { done: true, value: undefined } : { done: false, why: p?.status?.phase ?? 'not created' };
      }, signal);
    } catch (e) {
      await this.remove(name);
      throw e;
    }
    return { name, readOnly };
  }

  /** Deletes a pod at once (no grace: it only sleeps) and waits until the API server no longer has it. */
  private async remove(name: string): Promise<void> {
    await this.kube.delete(KIND.pod, name, this.cache.namespace, { gracePeriodSeconds: 0, timeoutMs: 10_000 }).catch(() => undefined);
    await this.cache.observedDeleting(KIND.pod, name, 10_000);
  }
}
