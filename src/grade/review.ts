// What grading says beside the score: whose variant a submission is, what its archive claimed against what the
// re-grade found, whether its timeline's hash chain holds, and what each step took the student. The student's own
// verdicts are never used for the score: only compared with it.
import { type ManifestObject } from '../load/manifests.ts';
import { type Lab } from '../model/lab.ts';
import { type Text } from '../model/text.ts';
import { readBack, resolveSite, valueAtKeys } from '../model/variables.ts';
import { type CheckResult, type CheckStatus } from '../run/result.ts';
import { claimedVerdicts, stepStats, type StepStats } from '../run/timeline.ts';
import { identifying, seedId, variantOf, type ClassSeed, type Variant } from '../run/variants.ts';
import { type ArchiveFacts } from './archive.ts';
import { MSG } from './messages.ts';

/** Something the instructor should look at, by kind. */
export type Flag =
  | { kind: 'claimed-pass'; checks: string[] }
  | { kind: 'chain-broken'; seq: number; why: string }
  | { kind: 'variant-edited'; claimed: Record<string, string> }
  | { kind: 'other-seed' }
  | { kind: 'other-student'; claimed: string }
  | { kind: 'other-variant'; students: string[]; vars: Record<string, string> }
  | { kind: 'not-own-variant'; vars: { name: string; want: string; got: string }[] }
  | { kind: 'lab-version'; archive: string; grader: string };

/** The review of one submission. */
export interface Review {
  source: 'folder' | 'archive';
  /** The variant it was judged against (derived from the student id and the class seed, never read from the archive). */
  variant: Variant;
  flags: Flag[];
  /** From the archive's timeline: per step, time to pass, attempts, hints and solution viewed. */
  steps?: StepStats[];
  /** From the archive's timeline: the latest verdict the student's own sessions gave each check. */
  claimed?: Record<string, CheckStatus>;
  /** From the archive's timeline: how the student walked the lab (auto, interactive, or both). */
  modes?: string[];
  /** From the archive's timeline: the events, for the student's page. */
  timeline?: { at: string; type: string; step?: string; status?: string; detail?: string }[];
}

/** The variables a submission's objects hold at the lab's sites (by kind and name, where the student wrote them). */
export function variablesIn(lab: Pick<Lab, 'variables'>, objects: readonly ManifestObject[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [name, spec] of Object.entries(lab.variables ?? {})) {
    for (const site of spec.manifests) {
      const obj = objects.map((o) => o.object as Record<string, any>).find((o) => `${o.kind}/${o.metadata?.name}` === site.object);
      const keys = obj ? resolveSite(obj, site.path) : undefined;
      const got = keys ? readBack(site.value ?? `{{var ${name}}}`, name, valueAtKeys(obj, keys)) : undefined;
      if (got !== undefined) {
        found[name] = got;
        break;
      }
    }
  }
  return found;
}

const STUDENT_FAULT: CheckStatus[] = ['fail', 'blocked'];

/** Reviews one graded submission. */
export function review(o: {
  lab: Lab; student: string; klass?: ClassSeed; classmates: readonly string[]; objects: readonly ManifestObject[]; checks: readonly CheckResult[];
  archive?: ArchiveFacts; labVersion: string;
}): Review {
  const variant = o.klass ? variantOf(o.lab, o.student, o.klass.seed) : variantOf(o.lab, o.student);
  const r: Review = { source: o.archive ? 'archive' : 'folder', variant, flags: [] };
  if (o.klass && Object.keys(o.lab.variables ?? {}).length > 0) {
    const found = variablesIn(o.lab, o.objects);
    const wrong = Object.entries(found).filter(([k, v]) => v !== variant.vars[k]).map(([name, got]) => ({ name, want: variant.vars[name]!, got }));
    if (wrong.length > 0) {
      const others = [...new Set(o.classmates)].filter((s) => s !== o.student).map((s) => variantOf(o.lab, s, o.klass!.seed));
      const matches = others.filter((v) => Object.entries(found).every(([k, x]) => v.vars[k] === x));
      const telling = wrong.some((w) => identifying(o.lab.variables[w.name]!.generate));
      if (matches.length > 0 && (telling || matches.length <= 3)) r.flags.push({ kind: 'other-variant', students: matches.map((v) => v.student!).sort(), vars: found });
      else r.flags.push({ kind: 'not-own-variant', vars: wrong });
    }
  }
  const a = o.archive;
  if (a) {
    if (!a.chain.ok) r.flags.push({ kind: 'chain-broken', seq: a.chain.seq, why: a.chain.why });
    const m = a.manifest;
    if (m?.variant?.seedId && (!o.klass || m.variant.seedId !== seedId(o.klass.seed))) r.flags.push({ kind: 'other-seed' });
    else if (m?.variant && JSON.stringify(m.variant.vars) !== JSON.stringify(variant.vars) && (m.variant.seedId !== undefined || o.klass)) r.flags.push({ kind: 'variant-edited', claimed: m.variant.vars });
    const sessionStudents = new Set(a.events.flatMap((e) => (e.type === 'session' && e.student ? [e.student] : [])));
    const stranger = [...sessionStudents].find((s) => s !== o.student);
    if (stranger) r.flags.push({ kind: 'other-student', claimed: stranger });
    if (m?.labVersion && m.labVersion !== o.labVersion) r.flags.push({ kind: 'lab-version', archive: m.labVersion, grader: o.labVersion });
    r.claimed = claimedVerdicts(a.events);
    const claimedPass = o.checks.filter((c) => r.claimed![c.id] === 'pass' && STUDENT_FAULT.includes(c.status)).map((c) => c.id);
    if (claimedPass.length > 0) r.flags.push({ kind: 'claimed-pass', checks: claimedPass });
    r.steps = stepStats(a.events, o.lab.steps.filter((s) => s.graded).map((s) => s.id));
    r.modes = [...new Set(a.events.flatMap((e) => (e.type === 'session' ? [e.mode] : [])))];
    r.timeline = a.events.map((e) => ({
      at: e.at, type: e.type, ...('step' in e && e.step ? { step: e.step } : {}), ...('status' in e ? { status: e.status } : {}),
      ...(e.type === 'attempt' ? { detail: e.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.status}`).join(', ') } : {}),
    }));
  }
  return r;
}

/** A flag in words, for the reports. */
export function flagText(f: Flag): Text {
  switch (f.kind) {
    case 'claimed-pass': return MSG.flagClaimedPass(f.checks);
    case 'chain-broken': return MSG.flagChainBroken(f.seq);
    case 'variant-edited': return MSG.flagVariantEdited(fmt(f.claimed));
    case 'other-seed': return MSG.flagOtherSeed;
    case 'other-student': return MSG.flagOtherStudent(f.claimed);
    case 'other-variant': return MSG.flagOtherVariant(f.students, fmt(f.vars));
    case 'not-own-variant': return MSG.flagNotOwnVariant(f.vars);
    case 'lab-version': return MSG.flagLabVersion(f.archive, f.grader);
  }
}

const fmt = (vars: Record<string, string>) => Object.entries(vars).map(([k, v]) => `${k}=${v}`).join(', ');
