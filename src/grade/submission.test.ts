import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../errors.ts';
import { listStudents, readSubmission, validStudentId } from './submission.ts';

describe('submissions', () => {
  const root = mkdtempSync(join(tmpdir(), 'subs-'));
  mkdirSync(join(root, 'alice', 'extra'), { recursive: true });
  writeFileSync(join(root, 'alice', 'all.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');
  writeFileSync(join(root, 'alice', 'extra', 'c.yml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
  writeFileSync(join(root, 'alice', 'notes.txt'), 'not yaml');
  mkdirSync(join(root, 'bob'));
  writeFileSync(join(root, 'bob', 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: [oops\n---\nkind: Pod\nmetadata: {name: p}\n');
  symlinkSync('/etc/passwd', join(root, 'bob', 'link.yaml'));
  mkdirSync(join(root, 'carol'));
  mkdirSync(join(root, '.git'));

  it('lists student folders, not hidden ones', () => {
    expect(listStudents(root)).toEqual(['alice', 'bob', 'carol']);
  });

  it('reads every YAML file and document, in subfolders too', () => {
    const s = readSubmission(root, 'alice');
    expect(s.objects.map((o) => `${o.file}:${o.line} ${o.object.metadata.name}`)).toEqual(['alice/all.yaml:1 a', 'alice/all.yaml:5 b', 'alice/extra/c.yml:1 c']);
    expect(s.issues).toEqual([]);
  });

  it('keeps what it can read of a broken file and reports the rest with file:line', () => {
    const s = readSubmission(root, 'bob');
    expect(s.objects.map((o) => o.object.metadata.name)).toEqual(['ok']);
    expect(s.issues.map(formatIssue)).toEqual([
      'bob/broken.yaml:9:1: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'bob/broken.yaml:10:1: missing apiVersion (e.g. "apiVersion: v1")',
      'bob/link.yaml: symbolic links are not read (submit the file itself)',
    ]);
  });

  it('reports an empty submission', () => {
    expect(readSubmission(root, 'carol').issues.map(formatIssue)).toEqual(['carol: no .yaml or .yml files in the submission']);
  });

  it.each([['alice', true], ['kim.minji_2', true], ['../etc', false], ['-x', false], ['a'.repeat(64), false]])('student id %s valid: %s', (id, ok) => {
    expect(validStudentId(id)).toBe(ok);
  });
});
