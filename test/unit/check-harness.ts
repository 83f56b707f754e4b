import { type FakeKube } from '../../src/kube/fake.ts';
import { loadLab } from '../../src/load/load-labs.ts';
import { join } from 'node:path';
import { LABS_ROOT } from '../../src/load/load-labs.ts';
import { type CheckOutcome } from '../../src/model/check.ts';
import { normaliseCheckRef } from '../../src/model/lab.ts';
import { loadCheck } from '../../src/run/check-loader.ts';
import { fixtureKube, readFixture } from './fixture-kube.ts';

/** One attempt of a check of a bundled lab against a fake, with the given saved state. */
export async function runOnce(labId: string, checkId: string, kube: FakeKube, namespace: string, state: Record<string, unknown> = {}): Promise<CheckOutcome | Error> {
  const lab = loadLab(join(LABS_ROOT, labId, 'lab.yaml'));
  const check = await loadCheck(lab, checkId);
  try {
    return await check.run({ namespace, kube, state });
  } catch (e) {
    return e as Error;
  }
}

/** What the checks of `steps` remember when run on their fixtures: the state a later step starts with. */
export async function stateAfter(labId: string, steps: string[]): Promise<Record<string, unknown>> {
  const lab = loadLab(join(LABS_ROOT, labId, 'lab.yaml'));
  const labName = labId.split('/').pop()!;
  const state: Record<string, unknown> = {};
  for (const stepId of steps) {
    const f = readFixture(labName, stepId);
    const step = lab.steps.find((s) => s.id === stepId)!;
    for (const ref of step.checks) {
      const out = await runOnce(labId, normaliseCheckRef(ref).id, fixtureKube(f), f.namespace, state);
      if (!(out instanceof Error) && out.status === 'pass' && out.remember) Object.assign(state, out.remember);
    }
  }
  return state;
}
