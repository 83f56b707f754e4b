import { type ManifestObject } from '../load/manifests.ts';
import { type Lab } from '../model/lab.ts';
import { labReference, plan, type Plan } from './dry-run.ts';
import { BASELINE_USAGE } from './quota.ts';
import { type Usage } from './usage.ts';

/** What the grader's probe pods take of the quota before the submission's objects (see src/run/probes.ts). */
export function probeUsage(lab: Pick<Lab, 'probes'>): Usage {
  const n = lab.probes.length;
  return { ...BASELINE_USAGE, pods: n, 'requests.cpu': 10 * n, 'requests.memory': 32 * 2 ** 20 * n, 'limits.cpu': 500 * n, 'limits.memory': 256 * 2 ** 20 * n };
}

/** What grading applies of a submission, and in which wave: the same plan a dry run shows. */
export function decide(lab: Lab, objects: ManifestObject[]): Plan {
  return plan(lab, objects, labReference(lab).objects.map((m) => m.object), lab.images, probeUsage(lab));
}
