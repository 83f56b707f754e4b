import { describe, expect, it } from 'vitest';
import { parseManifests } from '../load/manifests.ts';
import { dedupe } from './duplicates.ts';

const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {v: "${data}"}\n`;
const read = (files: Record<string, string>) => Object.entries(files).flatMap(([f, y]) => parseManifests(y, f).objects);

describe('one object per kind and name', () => {
  it('keeps the copy nearest the top of the folder, whatever the names, and says where the other is', () => {
    for (const [top, old] of [['kim/mysql.yaml', 'kim/old/mysql.yaml'], ['kim/zzz.yaml', 'kim/aaa/x.yaml']]) {
      const r = dedupe(read({ [old!]: cm('old'), [top!]: cm('new') }));
      expect(r.kept.map((m) => m.file)).toEqual([top]);
      expect(r.rejected).toEqual([expect.objectContaining({ file: old, line: 1, object: 'ConfigMap/cfg' })]);
      expect(r.rejected[0]!.reason.en).toBe(`the same object is also in ${top}:1: the copy nearest the top of the folder, ${top}:1, is applied (where kubectl apply -f <dir> reads)`);
    }
  });

  it('applies identical copies at the same depth once, and different ones not at all', () => {
    expect(dedupe(read({ 'kim/a.yaml': cm('x'), 'kim/b.yaml': cm('x') })).kept.map((m) => m.file)).toEqual(['kim/a.yaml']);
    const r = dedupe(read({ 'kim/a.yaml': cm('x'), 'kim/b.yaml': cm('y') }));
    expect(r.kept).toEqual([]);
    expect(r.rejected.map((x) => `${x.file}: ${x.reason.en}`)).toEqual([
      'kim/a.yaml: the same object is also in kim/b.yaml:1, with other content: which one is meant cannot be told, so none is applied (keep one)',
      'kim/b.yaml: the same object is also in kim/a.yaml:1, with other content: which one is meant cannot be told, so none is applied (keep one)',
    ]);
  });

  it('gives renamed folders the same result', () => {
    const a = dedupe(read({ 'kim/v1/a.yaml': cm('x'), 'kim/a.yaml': cm('y') }));
    const b = dedupe(read({ 'kim/zz-old/a.yaml': cm('x'), 'kim/a.yaml': cm('y') }));
    expect(a.kept.map((m) => m.object)).toEqual(b.kept.map((m) => m.object));
  });
});
