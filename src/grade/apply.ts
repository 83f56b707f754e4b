import { KubeError } from '../errors.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { type ApiObject, type KubeClient } from '../model/kube.ts';
import { text } from '../model/text.ts';
import { type Plan } from './dry-run.ts';
import { type ApplyError } from './result.ts';

/**
 * Applies a submission as the student's own identity: every allowed object once, in the plan's dependency order
 * (ConfigMaps, Secrets and claims before the workloads that use them). The preflight already refused what would
 * not fit beside the lab's own objects, so nothing has to wait for anything else to settle.
 */
export async function applySubmission(kube: KubeClient, cache: NamespaceCache, namespace: string, student: string, d: Plan, signal?: AbortSignal): Promise<{ errors: ApplyError[] }> {
  const errors: ApplyError[] = [];
  for (const m of d.apply) {
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
  return { errors };
}
