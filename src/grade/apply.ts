import { KubeError } from '../errors.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { type ApiObject, type KubeClient } from '../model/kube.ts';
import { text } from '../model/text.ts';
import { type Plan } from './dry-run.ts';
import { type ApplyError } from './result.ts';

/**
 * Applies a submission as the student's own identity: every allowed object created once, in the plan's dependency order
 * (ConfigMaps, Secrets and claims before the workloads that use them). The preflight already refused what would
 * not fit beside the lab's own objects, so nothing has to wait for anything else to settle.
 */
export async function applySubmission(kube: KubeClient, cache: NamespaceCache, namespace: string, _student: string, d: Plan, signal?: AbortSignal): Promise<{ errors: ApplyError[] }> {
  const errors: ApplyError[] = [];
  for (const m of d.apply) {
    try {
      // Created, as `kubectl apply` creates what does not exist yet: a server-side apply would refuse what the API
      // server itself accepts (two env entries of one name). What comes next reads the watches: they must see it.
      await cache.observed(await kube.create(m.object as ApiObject, namespace, { signal }));
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
