import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABS_ROOT } from '../load/load-labs.ts';
import { renderDryRun } from '../report/dry-run.ts';
import { dryRun, type DryRunLab } from './dry-run.ts';

const REDIS = join(LABS_ROOT, 'week3-day3', 'redis-statefulset');
const lab: DryRunLab = { id: 'week3-day3/redis-statefulset', dir: REDIS, manifests: ['redis-headless-service.yaml', 'redis-statefulset.yaml'], namespace: 'default', probes: [] };
const statefulset = readFileSync(join(REDIS, 'redis-statefulset.yaml'), 'utf8');
const flood = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: flood}\nspec:\n  replicas: 500\n  selector: {matchLabels: {app: f}}\n  template:\n    metadata: {labels: {app: f}}\n    spec:\n      containers: [{name: c, image: "redis:7-alpine"}]\n';

/** A class folder: each student's files. */
function classFolder(students: Record<string, Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'dry-'));
  for (const [s, files] of Object.entries(students)) {
    mkdirSync(join(root, s), { recursive: true });
    for (const [f, content] of Object.entries(files)) writeFileSync(join(root, s, f), content);
  }
  return root;
}

describe('dry run', () => {
  const root = classFolder({
    kim: {},
    lee: { '00-flood.yaml': flood, 'redis.yaml': statefulset.replace('replicas: 3', 'replicas: 0xC'), 'svc.yaml': readFileSync(join(REDIS, 'redis-headless-service.yaml'), 'utf8') },
    park: { 'all.yaml': `${statefulset}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: miner}\nspec:\n  containers: [{name: m, image: "evil.io/miner:1"}]\n` },
    choi: { 'broken.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [oops\n' },
    'bad name': { 'a.yaml': statefulset },
  });
  cpSync(REDIS, join(root, 'kim'), { recursive: true, filter: (src) => !src.endsWith('lab.yaml') });
  const report = dryRun(lab, root);
  const of = (s: string) => report.students.find((x) => x.student === s)!;

  it('takes the allow-list from the lab\'s reference manifests', () => {
    expect(report.images).toEqual(['redis:7-alpine']);
    expect(report.labIssues).toEqual([]);
  });

  it('plans the reference solution as it is, in dependency order', () => {
    expect(of('kim')).toMatchObject({ refused: [], issues: [], warnings: [] });
    expect(of('kim').apply).toEqual([
      { file: 'kim/redis-headless-service.yaml', line: 2, object: 'Service/redis-headless', role: 'lab' },
      { file: 'kim/redis-statefulset.yaml', line: 2, object: 'StatefulSet/redis', role: 'lab' },
    ]);
  });

  it('refuses the flood for the quota, whatever its file is called, and reads 0xC as kubectl does', () => {
    expect(of('lee').apply.map((a) => a.object)).toEqual(['Service/redis-headless', 'StatefulSet/redis']);
    expect(of('lee').refused).toMatchObject([{ file: 'lee/00-flood.yaml', line: 1, object: 'Deployment/flood' }]);
    expect(of('lee').refused[0]!.reason.en).toMatch(/ResourceQuota labs-grading: pods 10/);
    // 0xC is 12 for kubectl: the lab's StatefulSet alone is over the quota, which is said, never a refusal.
    expect(of('lee').warnings.map((w) => `${w.file}:${w.line} ${w.message.en}`)).toContain("lee/redis.yaml:2 the submission asks for more than the grading quota allows (ResourceQuota labs-grading: pods 10; with the grader's probe pods and one pod being replaced: 13): the cluster will refuse the pods beyond it");
  });

  it('refuses what the policy refuses, with file:line', () => {
    expect(of('park').apply.map((a) => a.object)).toEqual(['StatefulSet/redis']);
    expect(of('park').refused.map((r) => `${r.file}:${r.line} ${r.object}`)).toEqual(['park/all.yaml:50 NetworkPolicy/deny', 'park/all.yaml:55 Pod/miner']);
  });

  it('reports what cannot be read, and a folder that is no student id', () => {
    expect(of('choi').issues.map((i) => `${i.file}:${i.line}`)).toEqual(['choi/broken.yaml:5']);
    expect(of('bad name')).toMatchObject({ apply: [], issues: [{ file: 'bad name' }] });
  });

  it.each([
    ['en', ['lab week3-day3/redis-statefulset: dry run (nothing was applied to any cluster)', 'allowed images: redis:7-alpine'], ['lee: 2 to apply, 1 refused, 0 file issues', '  apply (lab)   lee/svc.yaml:2 Service/redis-headless', /^ {2}refused lee\/00-flood\.yaml:1 Deployment\/flood: exceeds the grading quota/, /^ {2}refused park\/all\.yaml:55 Pod\/miner: spec\.containers\[m\]: image "evil\.io\/miner:1" is not allowed in this lab \(allowed: redis:7-alpine\)$/, /^ {2}file issue choi\/broken\.yaml:5:1: YAML: /, '5 students: 2 with refused objects, 2 with file issues']],
    ['ko', ['랩 week3-day3/redis-statefulset: 미리 보기 (클러스터에는 아무것도 적용하지 않았습니다)', '쓸 수 있는 이미지: redis:7-alpine'], ['lee: 적용 2개, 거부 1개, 파일 문제 0개', '  적용 (랩)   lee/svc.yaml:2 Service/redis-headless', /^ {2}거부 lee\/00-flood\.yaml:1 Deployment\/flood: 채점 할당량을 넘습니다/, /^ {2}거부 park\/all\.yaml:55 Pod\/miner: spec\.containers\[m\]: 이 랩에서 쓸 수 없는 이미지입니다: "evil\.io\/miner:1"/, /^ {2}파일 문제 choi\/broken\.yaml:5:1: YAML: /, '학생 5명: 거부된 객체가 있는 학생 2명, 파일 문제가 있는 학생 2명']],
  ] as const)('renders in %s', (lang, head, expected) => {
    const lines = renderDryRun(report, lang);
    expect(lines.slice(0, 2)).toEqual(head);
    for (const e of expected) expect(lines).toContainEqual(typeof e === 'string' ? e : expect.stringMatching(e));
    expect(lines.join('\n')).not.toMatch(lang === 'ko' ? /\b(refused|apply|file issue)\b/ : /[가-힣]/);
  });

  it('takes an allow-list from the caller', () => {
    expect(dryRun(lab, root, { images: ['busybox:1.36'] }).students.find((s) => s.student === 'kim')!.refused.map((r) => r.object)).toEqual(['StatefulSet/redis']);
  });
});
