import { KubeError } from '../errors.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { type ManifestObject } from '../load/manifests.ts';
import { actionFiles, isAction, type Lab } from '../model/lab.ts';
import { KIND, type ApiObject, type KubeClient } from '../model/kube.ts';
import { readManifest } from '../run/actions.ts';
import { AS_WRITTEN, rebaseObjects, type ClusterNames } from '../run/volume-names.ts';
import { objectKey } from './quota.ts';
import { MSG } from './messages.ts';
import { type ApplyError } from './result.ts';

/**
 * Applies a submission as the student's own identity: every allowed object created once, in the plan's dependency order
 * (ConfigMaps, Secrets and claims before the workloads that use them). The preflight already refused what would
 * not fit beside the lab's own objects, so nothing has to wait for anything else to settle.
 */
export async function applySubmission(kube: KubeClient, cache: NamespaceCache, namespace: string, _student: string, d: { apply: readonly ManifestObject[] }, signal?: AbortSignal, volumes: { admin?: KubeClient; names?: ClusterNames } = {}): Promise<{ errors: ApplyError[] }> {
  const errors: ApplyError[] = [];
  // A claim of no StorageClass of the cluster's binds only to the volumes made for this namespace (rebaseObjects).
  const classes = volumes.names ? new Set((await cache.list(KIND.storageClass)).map((c) => c.metadata.name!)) : undefined;
  for (const m of d.apply) {
    try {
      // A PersistentVolume is the grader's to make (the student's identity reaches only its namespace), under a name
      // and a host folder of the namespace's; a claim that names one by volumeName names that copy.
      const [object] = rebaseObjects([m.object as ApiObject], namespace, volumes.names ?? AS_WRITTEN, classes);
      const as = object!.kind === 'PersistentVolume' ? volumes.admin ?? kube : kube;
      // Created, as `kubectl apply` creates what does not exist yet: a server-side apply would refuse what the API
      // server itself accepts (two env entries of one name). What comes next reads the watches: they must see it.
      await cache.observed(await as.create(object!, object!.kind === 'PersistentVolume' ? undefined : namespace, { signal }));
    } catch (e) {
      // The API server refusing an object is the submission's problem; anything else is the grader's.
      if (e instanceof KubeError && e.status !== undefined && e.status >= 400 && e.status < 500) {
        errors.push({ file: m.file, line: m.line, object: `${m.object.kind}/${m.object.metadata.name}`, message: MSG.apiServerRefused(e.text.en) });
      } else {
        throw e;
      }
    }
  }
  return { errors };
}

/** A submission's objects by when grading applies them: before the first step, or when a step applies a file. */
export interface ApplyStages {
  /** Applied before the first step: every object no graded step's `apply` stands for. */
  upFront: ManifestObject[];
  /** By reference file: the objects of the submission with the kind and name of that file's objects, in apply order. */
  byFile: Map<string, ManifestObject[]>;
}

/**
 * When grading applies each object of a submission. `together` (the default): all before the first step. `steps`:
 * an object of the kind and name of an object of a file a graded step applies is applied at that step, the first
 * time the file is applied, whatever file the student wrote it in; the rest before the first step.
 */
export function applyStages(lab: Pick<Lab, 'steps' | 'dir' | 'gradeApply'>, objects: readonly ManifestObject[]): ApplyStages {
  if (lab.gradeApply !== 'steps') return { upFront: [...objects], byFile: new Map() };
  const fileOf = new Map<string, string>();
  for (const step of lab.steps.filter((s) => s.graded)) {
    for (const action of step.solution.filter((a) => isAction(a, 'apply'))) {
      for (const file of actionFiles(action)) for (const o of readManifest(lab.dir, file)) if (!fileOf.has(objectKey(o))) fileOf.set(objectKey(o), file);
    }
  }
  const out: ApplyStages = { upFront: [], byFile: new Map() };
  for (const m of objects) {
    const file = fileOf.get(objectKey(m.object));
    if (file) out.byFile.set(file, [...(out.byFile.get(file) ?? []), m]);
    else out.upFront.push(m);
  }
  return out;
}
