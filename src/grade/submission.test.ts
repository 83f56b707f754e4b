import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, type FileIssue } from '../errors.ts';
import { SUBMISSION_LIMITS } from './limits.ts';
import { listStudents, readSubmission, validStudentId } from './submission.ts';

const en = (issues: FileIssue[]) => issues.map((i) => formatIssue(i, 'en'));
const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;

/** A class folder with one student whose files are `files` (path → content). */
function student(files: Record<string, string | Buffer>): { root: string; name: string } {
  const root = mkdtempSync(join(tmpdir(), 'subs-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, 's', path, '..'), { recursive: true });
    writeFileSync(join(root, 's', path), content);
  }
  mkdirSync(join(root, 's'), { recursive: true });
  return { root, name: 's' };
}

describe('submissions', () => {
  const root = mkdtempSync(join(tmpdir(), 'subs-'));
  mkdirSync(join(root, 'alice', 'extra'), { recursive: true });
  writeFileSync(join(root, 'alice', 'all.yaml'), `${cm('a')}---\n${cm('b')}`);
  writeFileSync(join(root, 'alice', 'extra', 'c.yml'), cm('c'));
  writeFileSync(join(root, 'alice', 'notes.txt'), 'not yaml');
  writeFileSync(join(root, 'alice', 'z.json'), '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "d"}}\n');
  mkdirSync(join(root, 'bob'));
  writeFileSync(join(root, 'bob', 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: [oops\n---\nkind: Pod\nmetadata: {name: p}\n');
  symlinkSync('/etc/passwd', join(root, 'bob', 'link.yaml'));
  mkdirSync(join(root, 'carol'));
  mkdirSync(join(root, '.git'));
  symlinkSync(join(root, 'alice'), join(root, 'mallory'));

  it('lists student folders, not hidden ones or links', () => {
    expect(listStudents(root)).toEqual(['alice', 'bob', 'carol']);
  });

  it('reads every YAML and JSON file and document, in subfolders too, smallest file first', () => {
    const s = readSubmission(root, 'alice');
    expect(s.objects.map((o) => `${o.file}:${o.line} ${o.object.metadata.name}`).sort()).toEqual(['alice/all.yaml:1 a', 'alice/all.yaml:5 b', 'alice/extra/c.yml:1 c', 'alice/z.json:1 d']);
    expect(s.objects.at(-1)?.file).toBe('alice/all.yaml'); // the largest
    expect(s.issues).toEqual([]);
  });

  it('keeps what it can read of a broken file and reports the rest with file:line', () => {
    const s = readSubmission(root, 'bob');
    expect(s.objects.map((o) => o.object.metadata.name)).toEqual(['ok']);
    expect(en(s.issues).sort()).toEqual([
      'bob/broken.yaml:10: missing apiVersion (e.g. "apiVersion: v1")',
      'bob/broken.yaml:9:1: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'bob/link.yaml: symbolic links are not read (submit the file itself)',
    ]);
  });

  it('reports an empty submission', () => {
    expect(en(readSubmission(root, 'carol').issues)).toEqual(['carol: no .yaml, .yml or .json files in the submission']);
  });

  it.each([['alice', true], ['kim.minji_2', true], ['../etc', false], ['-x', false], ['a'.repeat(64), false]])('student id %s valid: %s', (id, ok) => {
    expect(validStudentId(id)).toBe(ok);
  });
});

const bomb = `a0: &a0 [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`).join('\n')}\n`;
const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('');

describe('a hostile submission only costs its student', () => {
  it.each([
    ['an alias bomb', { 'a.yaml': `${cm('ok')}---\n${cm('b')}probe:\n${bomb.replace(/^/gm, '  ')}` }, ['ok'], /a\.yaml:\d+:\d+: document contains excessive aliasing/],
    ['deep nesting', { 'a.yaml': `${cm('ok')}---\n${cm('b')}probe: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n` }, ['ok'], /a\.yaml:8:\d+: YAML: /],
    ['binary bytes', { 'a.bin.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), 'b.yaml': cm('ok') }, ['ok'], /a\.bin\.yaml:1:2: control characters are not allowed \(U\+0045\)|a\.bin\.yaml:1:\d+: control characters are not allowed/],
    ['text in another code page', { 'a.yaml': Buffer.concat([Buffer.from(cm('ok')), Buffer.from('data: {k: "'), Buffer.from([0xc7, 0xd1]), Buffer.from('"}\n')]) }, ['ok'], undefined],
    ['a UTF-16 file', { 'a.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${cm('a')}---\n${cm('b')}`, 'utf16le')]) }, ['a', 'b'], undefined],
    ['a linked folder', { 'real/a.yaml': cm('ok') }, ['ok'], undefined],
    // Smallest files first: the cap is crossed in the big file, whatever its name, and the small ones are all read.
    ['a file over 1 MiB', { 'a.yaml': cm('ok'), 'b.yaml': `${cm('big')}data:\n${many(40_000, (i) => `  k${i}: "${'x'.repeat(20)}"\n`)}`, 'c.yaml': cm('never') }, ['ok', 'never'], /b\.yaml:\d{5}: the submission is larger than 1 MiB \(the cap per student\)/],
    ['too many documents', { 'a.yaml': many(SUBMISSION_LIMITS.documents + 5, (i) => `${cm(`c${i}`)}---\n`) }, Array.from({ length: SUBMISSION_LIMITS.objects }, (_, i) => `c${i}`), /a\.yaml:401: more than 100 Kubernetes objects/],
    ['too many empty-ish documents', { 'a.yaml': many(300, () => 'hello\n---\n') }, [], /a\.yaml:401: more than 200 YAML documents \(the cap per student\)/],
    ['a list of too many items', { 'a.yaml': `apiVersion: v1\nkind: List\nitems:\n${many(150, (i) => `- ${cm(`c${i}`).trimEnd().replace(/\n/g, '\n  ')}\n`)}` }, Array.from({ length: 100 }, (_, i) => `c${i}`), /a\.yaml:304: more than 100 Kubernetes objects/],
    ['too many files', Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${String(i).padStart(2, '0')}.yaml`, cm(`c${i}`)])), Array.from({ length: 50 }, (_, i) => `c${i}`), /s\/f50\.yaml: more than 50 manifest files/],
    ['thousands of other files', Object.fromEntries([['a.yaml', cm('ok')], ...Array.from({ length: 2100 }, (_, i) => [`junk/${i}.txt`, 'x'])]), ['ok'], /s\/junk\/\d+\.txt: more than 2000 entries/],
    ['folders too deep', { [`${'d/'.repeat(9)}a.yaml`]: cm('deep'), 'a.yaml': cm('ok') }, ['ok'], /s\/d\/d\/d\/d\/d\/d\/d\/d\/d: folders nested deeper than 8 levels are not read/],
  ] as const)('%s', (_name, files, names, issue) => {
    const s = student(files as Record<string, string | Buffer>);
    if (_name === 'a linked folder') symlinkSync(join(s.root, 's', 'real'), join(s.root, 's', 'loop'));
    const sub = readSubmission(s.root, s.name);
    expect(sub.objects.map((o) => o.object.metadata.name)).toEqual(names);
    if (issue) expect(en(sub.issues).join('\n')).toMatch(issue);
    else expect(en(sub.issues).filter((i) => !/symbolic links/.test(i))).toEqual([]);
  });

  it('never opens a FIFO (reading one would block forever)', () => {
    const s = student({ 'a.yaml': cm('ok') });
    execFileSync('mkfifo', [join(s.root, 's', 'pipe.yaml')]);
    expect(readSubmission(s.root, s.name).objects.map((o) => o.object.metadata.name)).toEqual(['ok']);
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read', () => {
    const s = student({ 'a.yaml': cm('ok'), 'b.yaml': cm('secret') });
    chmodSync(join(s.root, 's', 'b.yaml'), 0);
    const sub = readSubmission(s.root, s.name);
    expect(sub.objects.map((o) => o.object.metadata.name)).toEqual(['ok']);
    expect(en(sub.issues)).toEqual(['s/b.yaml: cannot read the file (EACCES)']);
  });

  it('reports a missing student folder instead of throwing', () => {
    const root = mkdtempSync(join(tmpdir(), 'subs-'));
    expect(en(readSubmission(root, 'ghost').issues)).toEqual(['ghost: cannot read the folder (ENOENT)']);
  });
});
