import { describe, expect, it } from 'vitest';
import { findLab } from '../../load/load-labs.ts';
import { freshState } from '../../run/state-store.ts';
import { stepsToCheck } from './check.ts';

const lab = findLab('week3-day3/redis-statefulset');
const state = (completed: string[]) => ({ ...freshState(lab.id, 'ctx', 'ns'), completedSteps: completed });

describe('labs check: which steps the cluster can show', () => {
  it('checks the step asked for', () => {
    expect(stepsToCheck(lab, state([]), 'identity')).toEqual({ steps: ['identity'], stopAtFailure: false });
  });

  it('checks the step the saved progress is at', () => {
    const plan = stepsToCheck(lab, state(['service', 'statefulset']), undefined);
    expect(plan).toMatchObject({ steps: ['identity'], stopAtFailure: false });
    expect(plan.note?.en).toMatch(/step 3\/5 "identity", the one you are on/);
  });

  it('checks only the last step of a finished lab (cleanup and cleanup-pvcs cannot both hold)', () => {
    const plan = stepsToCheck(lab, state(lab.steps.map((s) => s.id)), undefined);
    expect(plan).toMatchObject({ steps: ['cleanup-pvcs'] });
    expect(plan.note?.ko).toMatch(/마지막 5\/5단계/);
  });

  it('without progress, walks the steps up to the first that does not pass', () => {
    expect(stepsToCheck(lab, state([]), undefined)).toMatchObject({ steps: lab.steps.map((s) => s.id), stopAtFailure: true });
  });
});
