import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifests, type ManifestObject } from '../load/manifests.ts';
import { type Lab } from '../model/lab.ts';
import { applyPolicy, type Rejection } from './policy.ts';

/** What of a submission is applied, in which wave, and what is refused. */
export interface Decision {
  /** Objects that are the lab's own (same kind and name as a reference object): applied first. */
  own: ManifestObject[];
  /** Everything else that was allowed: applied once the lab's own objects have settled. */
  extra: ManifestObject[];
  rejected: Rejection[];
}

/** The lab's reference objects (kind and name), which a submission is expected to provide. */
export function referenceKeys(lab: Lab): Set<string> {
  const keys = new Set<string>();
  for (const m of lab.manifests) for (const o of parseManifests(readFileSync(join(lab.dir, m), 'utf8'), m).objects) keys.add(`${o.object.kind}/${o.object.metadata.name}`);
  return keys;
}

/** Applies the policy to a submission and splits what may be applied into the lab's own objects and extras. */
export function decide(lab: Lab, objects: ManifestObject[]): Decision {
  const policy = applyPolicy(objects, lab.namespace);
  const keys = referenceKeys(lab);
  const own = policy.allowed.filter((m) => keys.has(`${m.object.kind}/${m.object.metadata.name}`));
  const extra = policy.allowed.filter((m) => !keys.has(`${m.object.kind}/${m.object.metadata.name}`));
  return { own, extra, rejected: policy.rejected };
}
