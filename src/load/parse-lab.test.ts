import { describe, expect, it } from 'vitest';
import { formatIssue } from '../errors.ts';
import { parseLab } from './parse-lab.ts';

const good = `title: {ko: 제목, en: Title}
summary: {ko: 요약, en: Summary}
steps:
  - id: pvc
    title: {ko: PVC, en: PVC}
    instructions: {ko: 하세요, en: Do it}
    solution:
      - apply: mysql-pvc.yaml
    checks: [pvc-spec, {id: pvc-bindable, points: 2}]
`;

describe('parseLab', () => {
  it('accepts a good file and fills defaults', () => {
    const r = parseLab(good, 'lab.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lab.namespace).toBe('default');
    expect(r.lab.steps[0]?.timeout).toBe(120);
    expect(r.lab.steps[0]?.checks).toEqual(['pvc-spec', { id: 'pvc-bindable', points: 2 }]);
  });

  it.each([
    ['a wrong type, at its line', good.replace('timeout', 'x').replace('points: 2', 'points: two'), 'lab.yaml:9:51 steps.0.checks.1.points: Invalid input: expected number, received string'],
    ['an unknown key, at the object', good.replace('    solution:', '    soluton: []\n    solution:'), 'lab.yaml:4:5 steps.0: Unrecognized key: "soluton"'],
    ['a missing key, at its parent', good.replace('summary: {ko: 요약, en: Summary}\n', ''), 'lab.yaml:1:1 summary: Invalid input: expected object, received undefined'],
    ['a bad step id', good.replace('id: pvc', 'id: PVC_1'), 'lab.yaml:4:9 steps.0.id: must be lower-case letters, digits and dashes (like "deploy")'],
    ['a missing language', good.replace('{ko: 하세요, en: Do it}', '{ko: 하세요}'), 'lab.yaml:6:19 steps.0.instructions.en: Invalid input: expected string, received undefined'],
    ['broken YAML', good.replace('  - id: pvc', '  - id: [pvc'), 'lab.yaml:5:5: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ])('reports %s', (_name, source, expected) => {
    const r = parseLab(source, 'lab.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatIssue(r.issues[0]!, 'en')).toBe(expected);
  });

  it('rejects an action that is none of the known kinds', () => {
    const r = parseLab(good.replace('- apply: mysql-pvc.yaml', '- aply: mysql-pvc.yaml'), 'lab.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatIssue(r.issues[0]!, 'en')).toBe(
      'lab.yaml:8:9 steps.0.solution.0: an action is one of apply, exec, probe, deletePod, delete, wait, createJob, resumeJob, patch or writeVolume, with its fields',
    );
  });
});
