import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { createNamespace, deleteNamespace, namespaceName } from '../../src/cluster/namespace.ts';
import { ensureSeedStorageClass } from '../../src/cluster/storage-class.ts';
import { type Kube } from '../../src/kube/client.ts';
import { LABS_ROOT, loadLab } from '../../src/load/load-labs.ts';
import { normaliseCheckRef, type Action, type Lab } from '../../src/model/lab.ts';
import { renderEvidence, renderMismatch } from '../../src/report/mismatch.ts';
import { smokePolicy } from '../../src/run/policy.ts';
import { type CheckResult } from '../../src/run/result.ts';
import { runLab } from '../../src/run/runner.ts';

/** A known-bad copy of a lab: changed manifests or solution, and the checks it must fail. */
export interface Variant {
  name: string;
  lab: 'mysql-pvc' | 'redis-statefulset';
  /** Steps to run, in order. */
  steps: string[];
  /** Edits to the seed's manifest files, by file name. */
  files?: Record<string, (yaml: string) => string>;
  /** Replacement solutions, by step id. */
  solutions?: Record<string, Action[]>;
  /** Checks that must fail (everything else that runs must pass). */
  fail: string[];
  /** Checks that must be blocked (they cannot be judged because of another check's failure). */
  blocked?: string[];
  /** Actions expected to fail, by their English message (none by default: the solution must run). */
  actionErrors?: string[];
  /** What the failures must say, by check id, in English (mismatches, evidence and hint, one per line). */
  says?: Record<string, RegExp>;
}

/** A known-bad copy of any lab, by its id. */
export type LabVariant = Omit<Variant, 'lab'> & { lab: string };

/** A solution step that applies these files, in order. */
export const applyAll = (...files: string[]): Action[] => files.map((apply) => ({ apply }));

/**
 * Writes the variant as a lab folder (same id, so the same check modules run). Checks expected to fail get
 * a short deadline, so a failure is not waited out for minutes; everything else keeps the lab's deadlines.
 */
export function materialise(v: Pick<Variant, 'name' | 'steps' | 'files' | 'solutions' | 'fail' | 'blocked'> & { lab: string }): Lab {
  // A lab of Week 3 Day 3 by its name, any other by its id.
  const id = v.lab.includes('/') ? v.lab : `week3-day3/${v.lab}`;
  const dir = join(mkdtempSync(join(tmpdir(), `variant-${v.name}-`)), id.split('/')[1]!);
  cpSync(join(LABS_ROOT, id), dir, { recursive: true });
  for (const [file, edit] of Object.entries(v.files ?? {})) writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  const raw = parseDocument(readFileSync(join(dir, 'lab.yaml'), 'utf8')).toJS() as {
    steps: { id: string; solution: Action[]; checks: unknown[] }[];
    variables?: Record<string, { manifests?: unknown[] }>;
  };
  // A variant's files are not the seed's, so the sites where a student's variant writes its values may be gone or
  // hold other text; the variables stay (checks read their defaults), their sites go.
  for (const spec of Object.values(raw.variables ?? {})) spec.manifests = [];
  const bad = new Set([...v.fail, ...(v.blocked ?? [])]);
  raw.steps = raw.steps
    .filter((s) => v.steps.includes(s.id))
    .map((s) => ({
      ...s,
      solution: v.solutions?.[s.id] ?? s.solution,
      checks: s.checks.map((ref) => {
        const n = normaliseCheckRef(ref as never);
        return bad.has(n.id) ? { ...n, timeout: 20 } : ref;
      }),
    }));
  writeFileSync(join(dir, 'lab.yaml'), stringify(raw));
  return loadLab(join(dir, 'lab.yaml'));
}

/** Replaces the first occurrence of `from` and fails loudly when it is not there (the seed changed?). */
export function swap(from: string, to: string): (s: string) => string {
  return (s) => {
    if (!s.includes(from)) throw new Error(`variant edit: "${from}" not found`);
    return s.replace(from, to);
  };
}

/** The ids of the checks with this status, sorted. */
export const byStatus = (checks: CheckResult[], status: CheckResult['status']) => checks.filter((c) => c.status === status).map((c) => c.id).sort();

/**
 * Runs a known-bad copy of a lab (any lab, by id) as smoke does, in a namespace of its own that is deleted after, and
 * holds it to its verdicts: the solution ran (or failed with `actionErrors`), no check broke, exactly `fail` failed and
 * `blocked` were blocked, every other check passed, and each failure says what differs (in the words `says` asks for) with a Korean hint of its own. Returns the namespace.
 */
export async function runVariant(kube: Kube, v: LabVariant): Promise<string> {
  await ensureSeedStorageClass(kube);
  const lab = materialise(v);
  const namespace = namespaceName('labs-e2e', v.name);
  await createNamespace(kube, namespace);
  try {
    const result = await runLab({ lab, kube, namespace, context: kube.context, lang: 'en', policy: smokePolicy(), emit: () => undefined });
    const checks = result.steps.flatMap((s) => s.checks);
    if (process.env.LABS_E2E_DEBUG) for (const c of checks.filter((x) => x.status !== 'pass')) console.log(v.name, c.id, c.status, JSON.stringify(c.mismatches), c.durationMs, c.attempts);
    const ran = checks.map((c) => c.id).sort();
    expect(result.steps.map((s) => s.actionError?.en).filter(Boolean), 'the solution ran').toEqual(v.actionErrors ?? []);
    expect(byStatus(checks, 'error'), checks.filter((c) => c.status === 'error').map((c) => `${c.id}: ${c.error?.en}`).join('; ')).toEqual([]);
    expect(byStatus(checks, 'fail')).toEqual([...v.fail].sort());
    expect(byStatus(checks, 'blocked')).toEqual([...(v.blocked ?? [])].sort());
    expect(byStatus(checks, 'pass')).toEqual(ran.filter((id) => !v.fail.includes(id) && !(v.blocked ?? []).includes(id)));
    for (const c of checks.filter((x) => x.status === 'fail' || x.status === 'blocked')) {
      expect(c.mismatches?.length, `${c.id} says what differs`).toBeGreaterThan(0);
      expect(c.hint?.en, `${c.id} says what to try`).toBeTruthy();
      expect(c.hint?.ko, `${c.id} has a Korean hint`).not.toBe(c.hint?.en);
      const said = [...(c.mismatches ?? []).map((m) => renderMismatch(m, 'en')), ...renderEvidence(c.evidence ?? [], 'en'), c.hint?.en ?? ''].join('\n');
      if (v.says?.[c.id]) expect(said, c.id).toMatch(v.says[c.id]!);
    }
  } finally {
    await deleteNamespace(kube, namespace, 240).catch(() => undefined);
  }
  return namespace;
}
