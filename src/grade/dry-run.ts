import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage, UsageError, type FileIssue } from '../errors.ts';
import { decodeManifestBytes, parseManifests, type ManifestObject } from '../load/manifests.ts';
import { type Lab } from '../model/lab.ts';
import { imagesOf } from '../k8s/pod-specs.ts';
import { dedupe } from './duplicates.ts';
import { applyPolicy, type Rejection } from './policy.ts';
import { applyOrder, objectKey, quotaPreflight } from './quota.ts';
import { GRADING_LIMITS } from './limits.ts';
import { MSG } from './messages.ts';
import { listStudents, readSubmission, validStudentId, type SubmissionLimits } from './submission.ts';
import { type Usage } from '../k8s/quota.ts';

/** What of a lab `dryRun` needs. */
export type DryRunLab = Pick<Lab, 'id' | 'dir' | 'manifests' | 'namespace' | 'probes'> & { images?: string[]; capabilities?: string[]; persistentVolumes?: boolean };

/** One object that would be applied. */
export interface PlannedObject {
  file: string;
  line: number;
  /** "Kind/name". */
  object: string;
  /** "lab": one of the lab's own objects (same kind and name as a reference object); "extra": anything else. */
  role: 'lab' | 'extra';
}

/** What grading would do with one student's folder, without a cluster. */
export interface StudentDryRun {
  student: string;
  apply: PlannedObject[];
  /** Refused by the policy or by the quota preflight, in file and line order. */
  refused: Rejection[];
  /** Problems reading the files (YAML errors, caps…). */
  issues: FileIssue[];
  /** What the cluster will refuse of the lab's own objects (LimitRange, quota): applied, and said. */
  warnings: FileIssue[];
}

/** What grading would do with a class folder. */
export interface DryRunReport {
  lab: string;
  /** The image allow-list the policy used. */
  images: string[];
  /** Problems with the lab's own reference manifests. */
  labIssues: FileIssue[];
  students: StudentDryRun[];
}

/** Options of a dry run. */
export interface DryRunOptions {
  /** Images submissions may run; the images of the lab's reference manifests when omitted. */
  images?: readonly string[];
  limits?: SubmissionLimits;
  /** Quota taken before the submission (the grader's probe pods…). */
  reserved?: Usage;
}

/** The lab's reference objects (its manifests), and any problem reading them. */
export function labReference(lab: DryRunLab): { objects: ManifestObject[]; issues: FileIssue[] } {
  const out = { objects: [] as ManifestObject[], issues: [] as FileIssue[] };
  for (const f of lab.manifests) {
    try {
      const parsed = parseManifests(decodeManifestBytes(readFileSync(join(lab.dir, f))).text, join(lab.dir, f));
      out.objects.push(...parsed.objects);
      out.issues.push(...parsed.issues);
    } catch (e) {
      out.issues.push({ file: join(lab.dir, f), message: MSG.cannotReadLabManifest((e as NodeJS.ErrnoException).code ?? String(e)) });
    }
  }
  return out;
}

const byPlace = (a: { file: string; line?: number }, b: { file: string; line?: number }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0));

/**
 * Reads every student folder of `root` and decides, as grading would but with no cluster, what would be applied
 * (in which wave), what would be refused and why, and what could not be read.
 */
export function dryRun(lab: DryRunLab, root: string, options: DryRunOptions = {}): DryRunReport {
  const reference = labReference(lab);
  const labObjects = reference.objects.map((m) => m.object);
  const images = [...(options.images ?? lab.images ?? imagesOf(labObjects))];
  let students: string[];
  try {
    students = listStudents(root);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new UsageError(MSG.cannotReadSubmissionsFolder(root, code), MSG.giveStudentFolders);
  }
  return { lab: lab.id, images, labIssues: reference.issues, students: students.map((s) => student(lab, root, s, labObjects, images, options)) };
}

function student(lab: DryRunLab, root: string, id: string, labObjects: ManifestObject['object'][], images: string[], options: DryRunOptions): StudentDryRun {
  if (!validStudentId(id)) {
    return { student: id, apply: [], refused: [], warnings: [], issues: [{ file: id, message: MSG.invalidStudentIdNotGraded(id) }] };
  }
  let issues: FileIssue[] = [];
  try {
    const sub = readSubmission(root, id, options.limits);
    issues = sub.issues;
    const d = plan(lab, sub.objects, labObjects, images, options.reserved);
    const labKeys = new Set(labObjects.map(objectKey));
    const apply = d.apply.map((m): PlannedObject => ({ file: m.file, line: m.line, object: objectKey(m.object), role: labKeys.has(objectKey(m.object)) ? 'lab' : 'extra' }));
    return { student: id, apply, refused: d.rejected, issues, warnings: d.warnings };
  } catch (e) {
    // A defect the student's files reach costs that student only: nothing of theirs is planned, and the run goes on.
    const what = internalError(e);
    const issue = { file: id, message: MSG.planInternalError(what) };
    return { student: id, apply: [], refused: [], issues: [...issues, issue], warnings: [] };
  }
}

/** An unexpected error named in one line, without its stack ("RangeError: Maximum call stack size exceeded"). */
export function internalError(e: unknown): string {
  let s: string;
  try {
    s = e instanceof Error ? `${e.name}: ${e.message}` : errorMessage(e);
  } catch {
    s = Object.prototype.toString.call(e);
  }
  s = s.split('\n')[0]!;
  return s.length > 300 ? `${s.slice(0, 299)}…` : s;
}

/** What of a submission is applied, in which order, and what is refused. */
export interface Plan {
  /** The allowed objects, in the order they are applied. */
  apply: ManifestObject[];
  /** Refused by the policy or by the preflight, in file and line order. */
  rejected: Rejection[];
  /** What the cluster will refuse of the lab's own objects (LimitRange, quota): applied all the same, and said. */
  warnings: FileIssue[];
  /** What the applied objects and the grader's probe pods take of the quota, with room for one pod being replaced. */
  usage: Usage;
}

/**
 * The one decision grading and dry runs share: the policy, then the preflight (what the LimitRange and the quota
 * will make of the objects: extras that would be refused or would crowd out the lab's own are refused before
 * anything is applied), then the apply order.
 */
export function plan(lab: Pick<Lab, 'namespace'> & { capabilities?: readonly string[]; persistentVolumes?: boolean }, objects: readonly ManifestObject[], labObjects: readonly ManifestObject['object'][], images: readonly string[], reserved?: Usage): Plan {
  const unique = dedupe(objects);
  // A lab that makes PersistentVolumes: each within a claim's largest size, all within the claims' total.
  const volumes = lab.persistentVolumes ? { labNamespace: lab.namespace, maxCapacity: GRADING_LIMITS.maxClaim, totalCapacity: GRADING_LIMITS.quota['requests.storage'] } : undefined;
  const policy = applyPolicy(unique.kept, { labNamespace: lab.namespace, images, capabilities: lab.capabilities, volumes });
  const quota = quotaPreflight(policy.allowed, labObjects, { reserved });
  return { apply: applyOrder(quota.allowed), rejected: [...unique.rejected, ...policy.rejected, ...quota.refused].sort(byPlace), warnings: quota.warnings, usage: quota.total };
}
