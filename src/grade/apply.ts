import { KubeError } from '../errors.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { type ManifestObject } from '../load/manifests.ts';
import { type ApiObject, type KubeClient } from '../model/kube.ts';
import { text } from '../model/text.ts';
import { settlednessOf } from '../run/namespace-state.ts';
import { waitOn } from '../run/wait.ts';
import { type Plan } from './dry-run.ts';
import { type ApplyError } from './result.ts';

/** Apply order within a wave: what others depend on first. */
const KIND_ORDER = ['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'Service'];

async function applyWave(kube: KubeClient, cache: NamespaceCache, namespace: string, student: string, objects: ManifestObject[], signal?: AbortSignal): Promise<ApplyError[]> {
  const rank = (k: string) => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length);
  const sorted = [...objects].sort((a, b) => rank(a.object.kind) - rank(b.object.kind) || a.file.localeCompare(b.file) || a.line - b.line);
  const errors: ApplyError[] = [];
  for (const m of sorted) {
    try {
      // What comes next reads the watches: they must see this write.
      await cache.observed(await kube.apply(m.object as ApiObject, namespace, { fieldManager: `student-${student}`.slice(0, 128), signal }));
    } catch (e) {
      // The API server refusing an object is the submission's problem; anything else is the grader's.
      if (e instanceof KubeError && e.status !== undefined && e.status >= 400 && e.status < 500) {
        errors.push({ file: m.file, line: m.line, object: `${m.object.kind}/${m.object.metadata.name}`, message: text(`API 서버가 거부했습니다: ${e.text.en}`, `refused by the API server: ${e.text.en}`) });
      } else {
        throw e;
      }
    }
  }
  return errors;
}

/**
 * Applies a submission as the student's own identity, in two waves: the lab's own objects, then — once the
 * namespace has settled — the extras, so an extra workload can never take the quota the lab's objects need,
 * whatever the files are called or however fast the cluster is.
 */
export async function applySubmission(kube: KubeClient, cache: NamespaceCache, namespace: string, student: string, d: Plan, signal: AbortSignal | undefined, settleCapSeconds: number): Promise<{ errors: ApplyError[]; settleMs: number }> {
  const errors = await applyWave(kube, cache, namespace, student, d.own, signal);
  if (d.extra.length === 0) return { errors, settleMs: 0 };
  const t0 = Date.now();
  await waitOn(cache, 'the lab\'s own objects settled', settleCapSeconds, async () => ((await settlednessOf(cache)).settled ? { done: true, value: undefined } : { done: false, why: 'not settled' }), signal).catch(() => undefined);
  const settleMs = Date.now() - t0;
  return { errors: [...errors, ...(await applyWave(kube, cache, namespace, student, d.extra, signal))], settleMs };
}
