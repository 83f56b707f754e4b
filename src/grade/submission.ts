import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type FileIssue } from '../errors.ts';
import { parseManifests, type ManifestObject } from '../load/manifests.ts';
import { text } from '../model/text.ts';

/** One student's submission: their objects and every problem reading them. */
export interface Submission {
  /** The folder name: the student id. */
  student: string;
  dir: string;
  objects: ManifestObject[];
  issues: FileIssue[];
}

const STUDENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const MAX_FILE_BYTES = 1024 * 1024;

/** Student folders of a submissions folder, sorted; hidden folders are ignored. */
export function listStudents(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/** Whether a folder name can be a student id (it names a namespace and a file). */
export function validStudentId(id: string): boolean {
  return STUDENT_ID.test(id);
}

/**
 * Reads every .yaml/.yml file of a student's folder (subfolders too), one or many documents each.
 * What cannot be read is reported with file:line and the rest is kept: a broken file never hides the others.
 */
export function readSubmission(root: string, student: string): Submission {
  const dir = join(root, student);
  const sub: Submission = { student, dir, objects: [], issues: [] };
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(d, e.name);
      if (e.isSymbolicLink()) {
        sub.issues.push({ file: relative(root, full), message: text('심볼릭 링크는 읽지 않습니다 (파일 자체를 제출하세요)', 'symbolic links are not read (submit the file itself)') });
      } else if (e.isDirectory()) {
        if (!e.name.startsWith('.')) walk(full);
      } else if (/\.ya?ml$/i.test(e.name)) {
        if (statSync(full).size > MAX_FILE_BYTES) {
          sub.issues.push({ file: relative(root, full), message: text(`파일이 ${MAX_FILE_BYTES}바이트보다 커서 읽지 않았습니다`, `file is larger than ${MAX_FILE_BYTES} bytes; not read`) });
          continue;
        }
        const parsed = parseManifests(readFileSync(full, 'utf8'), relative(root, full));
        sub.objects.push(...parsed.objects);
        sub.issues.push(...parsed.issues);
      }
    }
  };
  walk(dir);
  if (sub.objects.length === 0 && sub.issues.length === 0) sub.issues.push({ file: student, message: text('제출물에 .yaml 또는 .yml 파일이 없습니다', 'no .yaml or .yml files in the submission') });
  return sub;
}
