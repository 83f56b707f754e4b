import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FakeKube } from '../../src/kube/fake.ts';
import { LABS_ROOT, loadLab } from '../../src/load/load-labs.ts';
import { type CheckOutcome } from '../../src/model/check.ts';
import { normaliseCheckRef } from '../../src/model/lab.ts';
import { renderMismatch } from '../../src/report/mismatch.ts';
import { loadCheck } from '../../src/run/check-loader.ts';
import { studentValues } from '../../src/run/values.ts';
import { fixtureKube, ProbeReplay, readFixture, type Fixture } from './fixture-kube.ts';

/** What earlier checks remembered, by check id. */
export type Memory = Record<string, any>;

/** One attempt of a check of a bundled lab against a fake, with the given memory and probe answers. */
export async function runOnce(labId: string, checkId: string, kube: FakeKube, namespace: string, memory: Memory = {}, probes = new ProbeReplay([])): Promise<CheckOutcome | Error> {
  const lab = loadLab(join(LABS_ROOT, labId, 'lab.yaml'));
  const check = await loadCheck(lab, checkId);
  // The fixtures were captured with the instructions' own values (scripts/capture-fixtures.ts).
  const values = studentValues(lab.values).values;
  try {
    return await check.run({
      namespace, kube, recall: (id) => memory[id], signal: new AbortController().signal,
      probe: async (name, command) => probes.run(name, command),
      evidence: async (pods) => pods.map((pod) => ({ pod, events: [`Unhealthy: probe of ${pod} failed`], log: [] })),
      values,
    });
  } catch (e) {
    return e as Error;
  }
}

/** What the checks of `steps` remember when run on their fixtures: the memory a later step starts with. */
export async function memoryAfter(labId: string, steps: string[]): Promise<Memory> {
  const lab = loadLab(join(LABS_ROOT, labId, 'lab.yaml'));
  const labName = labId.split('/').pop()!;
  const memory: Memory = {};
  for (const stepId of steps) {
    const f = readFixture(labName, stepId);
    for (const ref of lab.steps.find((s) => s.id === stepId)!.checks) {
      const id = normaliseCheckRef(ref).id;
      const out = await runOnce(labId, id, fixtureKube(f), f.namespace, memory, new ProbeReplay(f.probes));
      if (!(out instanceof Error) && out.status !== 'blocked' && out.remember !== undefined) memory[id] = out.remember;
    }
  }
  return memory;
}

/** A known-bad mutation of a captured state, and what the verdict must say. */
export interface BadCase {
  name: string;
  mutate: (k: FakeKube, memory: Memory, probes: ProbeReplay, f: Fixture) => void;
  /** The verdict (fail unless said). */
  status?: 'fail' | 'blocked';
  /** For blocked: the check it is blocked by. */
  by?: string;
  /** Matched against the English mismatches, one per line. */
  mismatch?: RegExp;
  hint?: RegExp;
}

/** One check: the step whose fixture it runs on, the steps whose memory it needs, its known-bad cases. */
export interface CheckRow {
  check: string;
  step: string;
  memoryFrom?: string[];
  bad: BadCase[];
}

/**
 * The table every check test follows: the check passes on the real state captured after its step, and
 * fails (or is blocked) on each known-bad mutation of that state, with mismatches rendered in both languages.
 */
export function checkTable(labId: string, rows: CheckRow[]): void {
  const labName = labId.split('/').pop()!;
  describe.each(rows)('check $check (after step $step)', ({ check, step, memoryFrom, bad }) => {
    const f = readFixture(labName, step);

    it('passes on the real cluster state of the reference solution', async () => {
      const out = await runOnce(labId, check, fixtureKube(f), f.namespace, await memoryAfter(labId, memoryFrom ?? []), new ProbeReplay(f.probes));
      expect(out).toMatchObject({ status: 'pass' });
    });

    it.each(bad)('$name', async ({ mutate, status, by, mismatch, hint }) => {
      const kube = fixtureKube(f);
      const memory = await memoryAfter(labId, memoryFrom ?? []);
      const probes = new ProbeReplay(f.probes);
      mutate(kube, memory, probes, f);
      const out = await runOnce(labId, check, kube, f.namespace, memory, probes);
      expect(out).toMatchObject({ status: status ?? 'fail' });
      if (out instanceof Error || out.status === 'pass') return;
      if (out.status === 'blocked') expect(out.by).toBe(by);
      const rendered = out.mismatches.map((m) => renderMismatch(m, 'en')).join('\n');
      if (mismatch) expect(rendered).toMatch(mismatch);
      if (hint) expect(out.hint.en).toMatch(hint);
      expect(out.mismatches.length).toBeGreaterThan(0);
      expect(out.mismatches.map((m) => renderMismatch(m, 'ko')).join('\n')).toMatch(/기대 .*, 실제 /);
      expect(out.hint.ko).not.toBe(out.hint.en);
    });
  });
}
