// A student's submission archive (`labs submit`): their objects as YAML files ready to apply, the timeline of their
// sessions, who they are, their variant and the lab's version. Read back for grading as untrusted input.
import { basename } from 'node:path';
import { stringify } from 'yaml';
import { type FileIssue } from '../errors.ts';
import { parseManifests } from '../load/manifests.ts';
import { type ApiObject } from '../model/kube.ts';
import { REDACTED, type SecretMode } from '../run/capture.ts';
import { parseTimeline, verifyChain, type ChainCheck, type TimelineEvent } from '../run/timeline.ts';
import { type Variant } from '../run/variants.ts';
import { SUBMISSION_LIMITS } from './limits.ts';
import { MSG } from './messages.ts';
import { type Submission } from './submission.ts';
import { readTarGz, writeTarGz, ArchiveError } from './tar.ts';

/** What an archive says about itself (submission.json). */
export interface ArchiveManifest {
  format: 1;
  student: string;
  lab: string;
  labVersion: string;
  variant?: Variant;
  createdAt: string;
  secrets: SecretMode;
  /** When the objects are the snapshot `labs start` took (the cluster had none left): the step and time. */
  snapshot?: { step: string; at: string };
  /** The object files, in apply order. */
  objects: string[];
}

/** The file name an archive gets by default: <student>-<lab>.labs.tgz. */
export function archiveName(student: string, lab: string): string {
  return `${student}-${lab.split('/').pop()}.labs.tgz`;
}

/** Whether a file in a submissions folder is an archive. */
export function isArchiveName(name: string): boolean {
  return /\.(labs\.tgz|tar\.gz|tgz)$/i.test(name) && !name.startsWith('.');
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60);

/** Packs an archive. */
export function packArchive(m: Omit<ArchiveManifest, 'objects' | 'format'>, objects: ApiObject[], timeline: string): { data: Buffer; manifest: ArchiveManifest } {
  const files = objects.map((o, i) => ({ name: `objects/${String(i + 1).padStart(2, '0')}-${safe(String(o.kind).toLowerCase())}-${safe(String(o.metadata.name))}.yaml`, data: Buffer.from(stringify(o)) }));
  const manifest: ArchiveManifest = { format: 1, ...m, objects: files.map((f) => f.name) };
  const data = writeTarGz([{ name: 'submission.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }, ...files, { name: 'timeline.jsonl', data: Buffer.from(timeline) }]);
  return { data, manifest };
}

/** What grading learns from an archive beside the objects. */
export interface ArchiveFacts {
  file: string;
  manifest?: ArchiveManifest;
  events: TimelineEvent[];
  chain: ChainCheck;
}

/** An archive read for grading: the student's objects (as a submission) and what it says. */
export interface ReadArchive {
  submission: Submission;
  facts: ArchiveFacts;
}

/** The student id an archive claims, or its file name's stem when it cannot be read. */
export function archiveStudent(file: string, data: Buffer): string {
  try {
    const entries = readTarGz(data, SUBMISSION_LIMITS.bytes * 2, SUBMISSION_LIMITS.files + 4);
    const m = JSON.parse(entries.find((e) => e.name === 'submission.json')?.data.toString('utf8') ?? '{}') as Partial<ArchiveManifest>;
    if (typeof m.student === 'string' && m.student) return m.student;
  } catch {
    // the grading of this archive says what is wrong with it
  }
  return basename(file).replace(/\.(labs\.tgz|tar\.gz|tgz)$/i, '');
}

/**
 * Reads an archive as a submission: its object files parsed as kubectl would (file:line named inside the archive),
 * redacted Secrets left out with the reason, and the timeline with its chain checked. Never throws.
 */
export function readArchive(file: string, label: string, data: Buffer, student: string): ReadArchive {
  const sub: Submission = { student, dir: file, objects: [], issues: [] };
  const facts: ArchiveFacts = { file: label, events: [], chain: { ok: true, events: 0 } };
  let entries;
  try {
    entries = readTarGz(data, SUBMISSION_LIMITS.bytes * 2, SUBMISSION_LIMITS.files + 4);
  } catch (e) {
    sub.issues.push({ file: label, message: MSG.cannotReadArchive(e instanceof ArchiveError ? e.message : String(e)) });
    facts.chain = { ok: false, seq: 0, why: 'unreadable' };
    return { submission: sub, facts };
  }
  const manifestEntry = entries.find((e) => e.name === 'submission.json');
  try {
    facts.manifest = JSON.parse(manifestEntry?.data.toString('utf8') ?? '') as ArchiveManifest;
  } catch {
    sub.issues.push({ file: `${label}:submission.json`, message: MSG.cannotReadSubmissionJson });
  }
  const timeline = entries.find((e) => e.name === 'timeline.jsonl');
  const parsed = parseTimeline(timeline?.data.toString('utf8') ?? '');
  facts.events = parsed.events;
  facts.chain = parsed.unreadable !== undefined ? { ok: false, seq: parsed.events.length + 1, why: 'unreadable' } : verifyChain(parsed.events);
  let bytes = 0;
  for (const e of entries.filter((x) => x.name.startsWith('objects/') && /\.(ya?ml|json)$/i.test(x.name)).sort((a, b) => a.name.localeCompare(b.name))) {
    bytes += e.data.length;
    if (bytes > SUBMISSION_LIMITS.bytes) {
      sub.issues.push({ file: `${label}:${e.name}`, message: MSG.archiveTooLarge });
      break;
    }
    const p = parseManifests(e.data.toString('utf8'), `${label}:${e.name}`, { documents: SUBMISSION_LIMITS.documents, objects: SUBMISSION_LIMITS.objects - sub.objects.length });
    sub.issues.push(...p.issues);
    for (const o of p.objects) {
      const obj = o.object as ApiObject;
      if (obj.kind === 'Secret' && (obj.metadata?.annotations as Record<string, string> | undefined)?.[REDACTED] !== undefined) {
        sub.issues.push({ file: o.file, line: o.line, message: MSG.secretValuesLeftOut(obj.metadata.name) } as FileIssue);
        continue;
      }
      sub.objects.push(o);
    }
  }
  if (sub.objects.length === 0 && sub.issues.length === 0) sub.issues.push({ file: label, message: MSG.archiveEmpty });
  return { submission: sub, facts };
}
