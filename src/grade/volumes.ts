import { randomBytes } from 'node:crypto';
import { errorMessage, KubeError } from '../errors.ts';
import { formatAmount, whole } from '../k8s/quantity.ts';
import { view, type RawClaim, type RawPod } from '../k8s/raw.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { KIND, PROBE_LABEL, type ApiObject, type KubeClient } from '../model/kube.ts';
import { type Text } from '../model/text.ts';
import { waitOn } from '../run/wait.ts';
import { MSG } from './messages.ts';

/** The image the grader measures volumes with (it is also in `labs images save`). */
export const MEASURE_IMAGE = 'busybox';

/** A claim whose volume holds more than it asked for. */
export interface Overuse {
  claim: string;
  usedBytes: number;
  requestedBytes: number;
}

/** The pod that measures a namespace's claims: each mounted read-only, `du` over each, nothing else. */
export function measurePod(claims: readonly string[]): ApiObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `labs-measure-${randomBytes(3).toString('hex')}`, labels: { [PROBE_LABEL.key]: 'measure', 'app.kubernetes.io/managed-by': 'labs' } },
    spec: {
      automountServiceAccountToken: false, enableServiceLinks: false, terminationGracePeriodSeconds: 0, restartPolicy: 'Never',
      containers: [{
        name: 'du', image: MEASURE_IMAGE, imagePullPolicy: 'IfNotPresent',
        command: ['sh', '-c', claims.map((_, i) => `du -sk /v/${i} | cut -f1`).join('; ')],
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        volumeMounts: claims.map((_, i) => ({ name: `v${i}`, mountPath: `/v/${i}`, readOnly: true })),
      }],
      volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c, readOnly: true } })),
    },
  };
}

/**
 * What each Bound claim of a namespace holds, measured from inside the cluster (a pod that mounts them read-only and
 * runs `du`), against what it asked for: host-path provisioners do not enforce a claim's size, so a 1Gi claim could
 * fill the node's disk. Returns the claims over their request; nothing when there are none to measure.
 */
export async function overusedClaims(kube: KubeClient, cache: NamespaceCache, signal?: AbortSignal): Promise<Overuse[]> {
  // A ReadWriteOncePod claim cannot be mounted a second time: it is left unmeasured.
  const claims = (await cache.list(KIND.pvc, cache.namespace)).map((c) => view<RawClaim>(c)).filter((c) => c.status?.phase === 'Bound' && !c.metadata?.deletionTimestamp && !(c.spec?.accessModes ?? []).includes('ReadWriteOncePod'));
  if (claims.length === 0) return [];
  const names = claims.map((c) => c.metadata!.name!);
  const made = await kube.create(measurePod(names), cache.namespace, { signal });
  const pod = made.metadata.name!;
  try {
    const done = await waitOn(cache, `measuring volumes (${pod})`, 120, async () => {
      const p = view<RawPod | undefined>(await cache.get(KIND.pod, pod, cache.namespace));
      const phase = p?.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return { done: true, value: phase };
      return { done: false, why: phase ?? 'not created' };
    }, signal);
    if (done === 'Failed') throw new KubeError(MSG.cannotMeasure(pod));
    const kib = (await kube.logs(cache.namespace, pod, { signal, timeoutMs: 10_000 })).trim().split('\n').map(Number);
    return claims.flatMap((c, i) => {
      const usedBytes = (kib[i] ?? 0) * 1024;
      const requestedBytes = whole(c.spec?.resources?.requests?.storage);
      return Number.isFinite(usedBytes) && requestedBytes > 0 && usedBytes > requestedBytes ? [{ claim: names[i]!, usedBytes, requestedBytes }] : [];
    });
  } finally {
    await kube.delete(KIND.pod, pod, cache.namespace, { timeoutMs: 10_000 }).catch(() => undefined);
  }
}

/** A claim over its size, as a sentence in both languages. */
export function overuseText(o: Overuse): Text {
  const used = formatAmount('storage', Math.ceil(o.usedBytes / 2 ** 20) * 2 ** 20);
  const asked = formatAmount('storage', o.requestedBytes);
  return MSG.overuse(o.claim, used, asked);
}

/** Measuring failed for the grader's reasons (no image, the API server): said, never the student's fault. */
export function measureFailed(e: unknown): Text {
  const m = errorMessage(e);
  return MSG.measureFailed(m);
}
