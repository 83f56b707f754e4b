// A class folder as grading reads it: a folder per student and the archives `labs submit` made, one entry per student.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { archiveStudent, isArchiveName } from './archive.ts';
import { listStudents } from './submission.ts';

/** One submission in a submissions folder: a student's folder, or an archive made by `labs submit`. */
export interface SubmissionEntry {
  student: string;
  /** The archive file, for an archive. */
  archive?: string;
}

/**
 * The submissions of a folder: student folders (as listStudents) and archives (the student id is the one inside,
 * else the file's name). A student id seen twice keeps its first submission (folders first); the others are returned
 * in `duplicates`.
 */
export function listSubmissions(root: string): { entries: SubmissionEntry[]; duplicates: { student: string; file: string }[] } {
  const entries: SubmissionEntry[] = listStudents(root).map((student) => ({ student }));
  const duplicates: { student: string; file: string }[] = [];
  const files = readdirSync(root, { withFileTypes: true }).filter((e) => e.isFile() && isArchiveName(e.name)).map((e) => e.name).sort();
  for (const name of files) {
    const full = join(root, name);
    let student: string;
    try {
      student = archiveStudent(full, readFileSync(full));
    } catch {
      student = name.replace(/\.(labs\.tgz|tar\.gz|tgz)$/i, '');
    }
    if (entries.some((e) => e.student === student)) duplicates.push({ student, file: name });
    else entries.push({ student, archive: full });
  }
  entries.sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  return { entries, duplicates };
}
