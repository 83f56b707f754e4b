import { describe, expect, it } from 'vitest';
import { ACTION_KINDS, ActionSchema, actionFiles, actionKind, type Action } from './lab.ts';

describe('solution actions', () => {
  it('has one kind for each form lab.yaml may write, and no other', () => {
    const keys = ActionSchema.options.map((o) => Object.keys(o.shape)).flat();
    expect([...keys].sort()).toEqual([...ACTION_KINDS].sort());
  });

  it('tells the kind of a parsed action and the lab files it reads', () => {
    const parse = (v: unknown) => ActionSchema.parse(v) as Action;
    expect(actionKind(parse({ apply: 'a.yaml' }))).toBe('apply');
    expect(actionFiles(parse({ apply: 'a.yaml' }))).toEqual(['a.yaml']);
    expect(actionFiles(parse({ delete: { file: 'b.yaml' } }))).toEqual(['b.yaml']);
    expect(actionFiles(parse({ delete: { kind: 'Pod', name: 'x' } }))).toEqual([]);
    expect(actionKind(parse({ deletePod: { name: 'redis-0' } }))).toBe('deletePod');
    expect(actionFiles(parse({ wait: { target: 'job/x', condition: 'failed' } }))).toEqual([]);
  });

  it('refuses an object that is no action', () => {
    expect(() => actionKind({ nothing: 1 } as never)).toThrow(/not an action: nothing/);
  });
});
