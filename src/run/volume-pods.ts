import { randomBytes } from 'node:crypto';
import { KubeError } from '../errors.ts';
import { view, type RawPod } from '../k8s/raw.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { KIND, PROBE_LABEL, type ApiObject, type KubeClient } from '../model/kube.ts';
import { text } from '../model/text.ts';
import { waitOn } from './wait.ts';

/** The image the grader's one-shot volume pods run (it is also in `labs images save`). */
export const VOLUME_POD_IMAGE = 'busybox';

/** A path inside a volume, as given: relative, without `..`. */
function inside(path: string): string {
  const p = path.replace(/^\/+/, '');
  if (!p || p.split('/').includes('..')) throw new KubeError(text(`볼륨 안의 경로가 아닙니다: ${path}`, `not a path inside a volume: ${path}`));
  return p;
}

/** A pod of the grader's that mounts one claim at /v and runs one shell command, then stops. */
function volumePod(claim: string, script: string, env: Record<string, string>, readOnly: boolean): ApiObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `labs-volume-${randomBytes(3).toString('hex')}`, labels: { [PROBE_LABEL.key]: 'volume', 'app.kubernetes.io/managed-by': 'labs' } },
    spec: {
      automountServiceAccountToken: false, enableServiceLinks: false, terminationGracePeriodSeconds: 0, restartPolicy: 'Never',
      containers: [{
        name: 'v', image: VOLUME_POD_IMAGE, imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', script],
        env: Object.entries(env).map(([name, value]) => ({ name, value })),
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        volumeMounts: [{ name: 'v', mountPath: '/v', readOnly }],
      }],
      volumes: [{ name: 'v', persistentVolumeClaim: { claimName: claim, readOnly } }],
    },
  };
}

/** Runs a volume pod to its end; returns what it printed and whether it succeeded. The pod is always deleted. */
async function runVolumePod(kube: KubeClient, cache: NamespaceCache, pod: ApiObject, seconds: number, signal?: AbortSignal): Promise<{ ok: boolean; out: string }> {
  const made = await kube.create(pod, cache.namespace, { signal });
  const name = made.metadata.name!;
  try {
    const phase = await waitOn(cache, `volume pod ${name}`, seconds, async () => {
      const p = view<RawPod | undefined>(await cache.get(KIND.pod, name, cache.namespace));
      const ph = p?.status?.phase;
      return ph === 'Succeeded' || ph === 'Failed' ? { done: true, value: ph } : { done: false, why: ph ?? 'not created' };
    }, signal);
    const out = await kube.logs(cache.namespace, name, { signal, timeoutMs: 10_000, limitBytes: 65_536 });
    return { ok: phase === 'Succeeded', out };
  } finally {
    await kube.delete(KIND.pod, name, cache.namespace, { gracePeriodSeconds: 0, timeoutMs: 10_000 }).catch(() => undefined);
  }
}

/** What a file in a claim's volume holds, read by a pod of the grader's that mounts it read-only; undefined when there is no such file. */
export async function readVolumeFile(kube: KubeClient, cache: NamespaceCache, claim: string, path: string, signal?: AbortSignal, seconds = 120): Promise<string | undefined> {
  const r = await runVolumePod(kube, cache, volumePod(claim, 'if [ -f "/v/$F" ]; then cat "/v/$F"; else exit 3; fi', { F: inside(path) }, true), seconds, signal);
  return r.ok ? r.out : undefined;
}

/** Writes a file into a claim's volume from a pod of the grader's (the student's containers are never used). */
export async function writeVolumeFile(kube: KubeClient, cache: NamespaceCache, claim: string, path: string, content: string, signal?: AbortSignal, seconds = 120): Promise<void> {
  const r = await runVolumePod(kube, cache, volumePod(claim, 'mkdir -p "$(dirname "/v/$F")" && printf %s "$C" > "/v/$F" && sync', { F: inside(path), C: content }, false), seconds, signal);
  if (!r.ok) throw new KubeError(text(`볼륨 ${claim}에 ${path}를 쓰지 못했습니다: ${r.out.trim()}`, `could not write ${path} into the volume of ${claim}: ${r.out.trim()}`));
}
