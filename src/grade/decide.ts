import { type ManifestObject } from '../load/manifests.ts';
import { type Lab } from '../model/lab.ts';
import { type FileIssue } from '../errors.ts';
import { labReference } from './dry-run.ts';
import { applyPolicy, type Rejection } from './policy.ts';
import { applyWaves, BASELINE_USAGE, quotaPreflight } from './quota.ts';
import { type Usage } from './usage.ts';

/** What of a submission is applied, in which wave, and what is refused. */
export interface Decision {
  /** Objects that are the lab's own (same kind and name as a reference object): applied first. */
  own: ManifestObject[];
  /** Everything else that was allowed: applied once the lab's own objects have settled. */
  extra: ManifestObject[];
  rejected: Rejection[];
  /** The lab's own objects alone exceed the quota: the lab author's problem. */
  warnings: FileIssue[];
}

/** What the grader's probe pods take of the quota before the submission's objects. */
export function probeUsage(lab: Lab): Usage {
  const n = lab.probes.length;
  return { ...BASELINE_USAGE, pods: n, 'requests.cpu': 10 * n, 'requests.memory': 32 * 2 ** 20 * n, 'limits.cpu': 500 * n, 'limits.memory': 256 * 2 ** 20 * n };
}

/**
 * The policy, then the quota preflight (extra workloads that would crowd out the lab's own are refused before
 * anything is applied), then the two waves: the lab's own objects, and the extras.
 */
export function decide(lab: Lab, objects: ManifestObject[]): Decision {
  const labObjects = labReference(lab).objects.map((m) => m.object);
  const policy = applyPolicy(objects, { labNamespace: lab.namespace, images: lab.images });
  const quota = quotaPreflight(policy.allowed, labObjects, { reserved: probeUsage(lab) });
  const waves = applyWaves(quota.allowed, labObjects);
  return { own: waves.lab, extra: waves.extra, rejected: [...policy.rejected, ...quota.refused], warnings: quota.warnings };
}
