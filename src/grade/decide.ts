import { type ManifestObject } from '../load/manifests.ts';
import { type Lab } from '../model/lab.ts';
import { labReference, plan, type Plan } from './dry-run.ts';
import { BASELINE_USAGE } from './quota.ts';
import { gradingLimitRange } from './limits.ts';
import { limitItems } from '../k8s/admission.ts';
import { objectUsage } from '../k8s/quota.ts';
import { probePod } from '../run/probes.ts';
import { type Usage } from '../k8s/quota.ts';

/** What the grader's probe pods take of the quota before the submission's objects (see src/run/probes.ts). */
export function probeUsage(lab: Pick<Lab, 'probes'>): Usage {
  const items = limitItems(gradingLimitRange());
  // The probe pods, and the ConfigMap they belong to.
  return lab.probes.reduce<Usage>((u, p) => {
    for (const [k, v] of Object.entries(objectUsage(probePod(p), items).usage)) u[k] = (u[k] ?? 0) + v;
    return u;
  }, { ...BASELINE_USAGE, configmaps: (BASELINE_USAGE.configmaps ?? 0) + (lab.probes.length ? 1 : 0) });
}

/** What grading applies of a submission, and in which order: the same plan a dry run shows. */
export function decide(lab: Lab, objects: ManifestObject[]): Plan {
  return plan(lab, objects, labReference(lab).objects.map((m) => m.object), lab.images, probeUsage(lab));
}
