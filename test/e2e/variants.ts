import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { LABS_ROOT, loadLab } from '../../src/load/load-labs.ts';
import { normaliseCheckRef, type Action, type Lab } from '../../src/model/lab.ts';

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
