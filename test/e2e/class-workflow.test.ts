// The class workflow end to end on the offline cluster: a class seed, two students walking the MySQL lab in their own
// variants (labs start --auto --student), each handing in an archive (labs submit); one archive is edited by hand and a
// third student hands in the second one's files. labs grade flags exactly those two, and re-grades everyone.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteNamespace, namespaceName } from '../../src/cluster/namespace.ts';
import { type SubmissionResult } from '../../src/grade/result.ts';
import { readTarGz, writeTarGz } from '../../src/grade/tar.ts';
import { findLab } from '../../src/load/load-labs.ts';
import { variantOf } from '../../src/run/variants.ts';
import { foreignLines } from '../one-language.ts';
import { e2eKube, labsCli } from './cluster.ts';

const MYSQL = 'week3-day3/mysql-pvc';
const lab = findLab(MYSQL);
const kube = e2eKube();
const root = mkdtempSync(join(tmpdir(), 'class-workflow-'));
const seed = `e2e-${Date.now().toString(36)}`;
const classFile = join(root, 'class.yaml');
writeFileSync(classFile, `# handed out by the instructor\nseed: ${seed}\nstudents: [ana, ben, cy]\n`);
const namespaces: string[] = [];

afterAll(async () => {
  await Promise.all(namespaces.map((ns) => deleteNamespace(kube, ns, 240).catch(() => undefined)));
  rmSync(root, { recursive: true, force: true });
});

/** One student at their laptop: their own LABS_HOME and namespace. */
async function walkAndSubmit(student: string, hand: string): Promise<string> {
  const home = join(root, `home-${student}`);
  const ns = namespaceName('labs-e2e-class', student);
  namespaces.push(ns);
  const env = { LABS_HOME: home };
  const start = await labsCli(['start', MYSQL, '--auto', '--student', student, '--class', classFile, '--namespace', ns, '--lang', 'en'], env);
  expect(start.exitCode, String(start.all)).toBe(0);
  expect(start.all).toContain(`Student ${student}'s variant: database=${variantOf(lab, student, seed).vars.database}`);
  const file = join(hand, `${student}.labs.tgz`);
  const submit = await labsCli(['submit', MYSQL, '-o', file, '--namespace', ns, '--lang', 'en'], env);
  expect(submit.exitCode, String(submit.all)).toBe(0);
  // The lab's clean-up step deleted everything: the objects are those of the last graded step, and it says so.
  expect(submit.all).toMatch(/submitting them as they stood when the last graded step "persist" passed/);
  expect(submit.all).toContain(`Wrote the submission archive ${file}`);
  expect(submit.all).toMatch(/2 objects: PersistentVolumeClaim\/mysql-pvc, Deployment\/mysql|2 objects: Deployment\/mysql, PersistentVolumeClaim\/mysql-pvc/);
  expect(submit.all).toMatch(/timeline: \d+ events, hash chain intact/);
  expect(foreignLines(String(submit.all), 'en')).toEqual([]);
  return file;
}

describe('the class workflow: seed → students → submit → grade → dashboard', () => {
  it('flags exactly the archive edited by hand and the student who handed in another\'s files', async () => {
    const hand = join(root, 'handed-in');
    mkdirSync(hand);
    const [ana, ben] = await Promise.all([walkAndSubmit('ana', hand), walkAndSubmit('ben', hand)]);

    // ana edits her archive: one attempt's verdict in the timeline, by hand (the hashes are left as they were).
    const entries = readTarGz(readFileSync(ana), 1 << 24, 100);
    const tl = entries.find((e) => e.name === 'timeline.jsonl')!;
    const lines = tl.data.toString('utf8').trim().split('\n');
    const at = lines.findIndex((l) => l.includes('"type":"attempt"'));
    lines[at] = lines[at]!.replace('"n":1', '"n":2');
    tl.data = Buffer.from(`${lines.join('\n')}\n`);
    writeFileSync(ana, writeTarGz(entries));
    // cy hands in ben's files as a plain folder.
    mkdirSync(join(hand, 'cy'));
    for (const e of readTarGz(readFileSync(ben), 1 << 24, 100).filter((x) => x.name.startsWith('objects/'))) writeFileSync(join(hand, 'cy', e.name.split('/')[1]!), e.data);

    const out = join(root, 'grades');
    const r = await labsCli(['grade', MYSQL, hand, '--class', classFile, '--out', out, '--parallel', '3', '--check-timeout', '30', '--lang', 'en']);
    expect(r.all).toMatch(/graded 3 of 3/);
    expect(r.exitCode, String(r.all)).toBe(0);
    const { results } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { results: SubmissionResult[] };
    const by = Object.fromEntries(results.map((x) => [x.student, x]));
    expect(Object.fromEntries(results.map((x) => [x.student, x.review!.flags.map((f) => f.kind)]))).toEqual({ ana: ['chain-broken'], ben: [], cy: ['other-variant'] });
    expect(by.cy!.review!.flags[0]).toMatchObject({ kind: 'other-variant', students: ['ben'] });
    // Re-graded in isolation, each against their own variant: the two walks pass, the copy does not.
    expect(by.ana!.score).toBe(by.ana!.maxScore);
    expect(by.ben!.score).toBe(by.ben!.maxScore);
    expect(by.cy!.checks.find((c) => c.id === 'rows-present')!.status).not.toBe('pass');
    expect(by.ana!.review!.source).toBe('archive');
    expect(by.cy!.review!.source).toBe('folder');
    expect(by.ben!.review!.variant.vars).toEqual(variantOf(lab, 'ben', seed).vars);
    expect(by.ben!.review!.steps!.map((s) => [s.step, s.attempts, s.hints, s.solutionViewed, s.timeToPassMs! > 0])).toEqual([['pvc', 1, 0, false, true], ['deploy', 1, 0, false, true], ['persist', 1, 0, false, true]]);
    const csv = readFileSync(join(out, 'gradebook.csv'), 'utf8');
    expect(csv).toMatch(/^student,status,.*,source,variant,flags,pvc seconds to pass,pvc attempts,pvc hints,pvc solution viewed/);
    expect(csv).toContain("matches another student's variant: ben");
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('data-student="cy"');
    expect(html).not.toMatch(/kubectl -n labs-mysql-pvc-/);
  });
});
