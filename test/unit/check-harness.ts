import { describe, expect, it } from 'vitest';
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

/** A known-bad mutation of a captured state, and what the failure must say. */
export interface BadCase {
  name: string;
  mutate: (k: FakeKube, state: Record<string, any>) => void;
  found?: RegExp;
  hint?: RegExp;
  /** The check must throw (an infrastructure error) with this message instead of failing. */
  error?: RegExp;
}

/** One check: the step whose fixture it runs on, the steps whose remembered state it needs, its known-bad cases. */
export interface CheckRow {
  check: string;
  step: string;
  stateFrom?: string[];
  bad: BadCase[];
}

/**
 * The table every check test follows: the check passes on the real state captured after its step, and
 * fails on each known-bad mutation of that state with a message in both languages.
 */
export function checkTable(labId: string, rows: CheckRow[]): void {
  const labName = labId.split('/').pop()!;
  describe.each(rows)('check $check (after step $step)', ({ check, step, stateFrom, bad }) => {
    const f = readFixture(labName, step);

    it('passes on the real cluster state of the reference solution', async () => {
      const out = await runOnce(labId, check, fixtureKube(f), f.namespace, await stateAfter(labId, stateFrom ?? []));
      expect(out).toMatchObject({ status: 'pass' });
    });

    it.each(bad)('fails on $name', async ({ mutate, found, hint, error }) => {
      const kube = fixtureKube(f);
      const state = await stateAfter(labId, stateFrom ?? []);
      mutate(kube, state);
      const out = await runOnce(labId, check, kube, f.namespace, state);
      if (error) {
        expect(out).toBeInstanceOf(Error);
        expect((out as Error).message).toMatch(error);
        return;
      }
      expect(out).toMatchObject({ status: 'fail' });
      if (out instanceof Error || out.status !== 'fail') return;
      if (found) expect(out.found.en).toMatch(found);
      if (hint) expect(out.hint.en).toMatch(hint);
      expect(out.found.ko.length).toBeGreaterThan(0);
      expect(out.hint.ko).not.toBe(out.hint.en);
    });
  });
}
