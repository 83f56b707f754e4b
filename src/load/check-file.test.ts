import { describe, expect, it } from 'vitest';
import { explainDeclarative } from '../assert/explain.ts';
import { formatIssue } from '../errors.ts';
import { parseCheckFile, type CheckScope } from './check-file.ts';

// The declarative form's `$.log` (a pod's log): where it may be written, and how --explain shows it.
const scope: CheckScope = { id: 'said', values: [], probes: [], checks: new Map([['said', 0]]) };
const file = (target: string) => `title: { ko: 로그, en: the log }
hint: { ko: 보세요, en: look }
asserts:
  - ${target}
    expect:
      - { path: $.log, contains: Hello }
`;

describe('$.log in a check file', () => {
  it.each([
    ['podsOf: { kind: Job, name: hello }'],
    ['object: { kind: Pod, name: hello-0 }'],
    ['objects: { kind: pods, selector: app=hello }'],
  ])('is read from pods: %s', (target) => {
    expect(parseCheckFile(file(target), 'said.yaml', scope)).toMatchObject({ ok: true });
  });

  it('is refused on a target that is not a pod, at its line', () => {
    const r = parseCheckFile(file('object: { kind: Job, name: hello }'), 'said.yaml', scope);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => formatIssue(i, 'en'))).toEqual(["said.yaml:6:17 asserts.0.expect.0.path: $.log is a pod's log: use it with podsOf, or a target of kind Pod"]);
    expect(formatIssue(r.issues[0]!, 'ko')).toMatch(/\$\.log는 Pod의 로그입니다/);
  });

  it('is explained as the pod\'s log, in either language', () => {
    const r = parseCheckFile(file('podsOf: { kind: Job, name: hello }'), 'said.yaml', scope);
    if (!r.ok) throw new Error('not parsed');
    expect(explainDeclarative('said', 'said.yaml', r.check, 'en')).toContain("     - $.log (the pod's log, as kubectl logs shows it): contains Hello");
    expect(explainDeclarative('said', 'said.yaml', r.check, 'ko')).toContain('     - $.log (Pod의 로그 (kubectl logs처럼)): 포함 Hello');
  });
});

describe('volumeFile in a check file', () => {
  const vf = (rest: string) => `title: { ko: 파일, en: the file }
hint: { ko: 보세요, en: look }
asserts:
  - volumeFile: { claim: pvc-static, path: hello.txt }
${rest}`;
  const issues = (source: string) => {
    const r = parseCheckFile(source, 'file.yaml', { ...scope, id: 'file', checks: new Map([['file', 0]]) });
    return r.ok ? [] : r.issues.map((i) => formatIssue(i, 'en'));
  };

  it('takes an answer, or absent', () => {
    expect(issues(vf('    answer: { stdout: hello }\n'))).toEqual([]);
    expect(issues(vf('    absent: true\n'))).toEqual([]);
  });

  it.each([
    ['expect', '    expect: [{ path: x, present: true }]\n', /give a volumeFile an answer or absent/],
    ['both', '    absent: true\n    answer: { stdout: hello }\n', /either an answer or absent, not both/],
    ['a path out of the volume', '    answer: { stdout: x }\n'.replace('x', 'y'), /leads outside the volume/],
  ])('refuses %s', (name, rest, said) => {
    const source = name === 'a path out of the volume' ? vf(rest).replace('hello.txt', '../x') : vf(rest);
    expect(issues(source).join('\n')).toMatch(said);
  });

  it('is explained as a file read by a pod of labs\' own', () => {
    const r = parseCheckFile(vf('    answer: { stdout: hello }\n'), 'file.yaml', { ...scope, id: 'file', checks: new Map([['file', 0]]) });
    if (!r.ok) throw new Error('not parsed');
    expect(explainDeclarative('file', 'file.yaml', r.check, 'en')).toEqual(expect.arrayContaining([
      "  1. looks at: a file in a claim's volume (read by a pod of labs' own that mounts it): pvc-static:/hello.txt",
      '     - content: equals "hello"',
    ]));
  });
});
