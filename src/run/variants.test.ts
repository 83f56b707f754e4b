import { describe, expect, it } from 'vitest';
import { findLab } from '../load/load-labs.ts';
import { readManifest } from './actions.ts';
import { defaultVariant, generate, instantiateLab, renderObjects, variantOf } from './variants.ts';
import { canonical, hashOf, stepStats, Timeline, verifyChain, claimedVerdicts, type TimelineEvent } from './timeline.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LABS = ['week3-day3/mysql-pvc', 'week3-day3/redis-statefulset'].map(findLab);
const CLASS = Array.from({ length: 200 }, (_, i) => `student-${String(i + 1).padStart(3, '0')}`);

describe('variants', () => {
  it.each(LABS.map((l) => [l.id, l] as const))('%s: the same (lab, student, seed) always gives the same variant, another seed another', (_id, lab) => {
    expect(variantOf(lab, 'kim', 'seed-a')).toEqual(variantOf(lab, 'kim', 'seed-a'));
    expect(variantOf(lab, 'kim', 'seed-a').vars).not.toEqual(variantOf(lab, 'kim', 'seed-b').vars);
    expect(variantOf(lab, 'kim', 'seed-a').seedId).not.toContain('seed-a');
  });

  it.each(['seed-a', 'seed-b', 'f3a9c0de'])('mysql-pvc: a class of 200 gets 200 different variants, and 200 different databases and passwords (seed %s)', (seed) => {
    const lab = LABS[0]!;
    const vs = CLASS.map((s) => variantOf(lab, s, seed).vars);
    expect(new Set(vs.map((v) => JSON.stringify(v))).size).toBe(200);
    expect(new Set(vs.map((v) => v.database)).size).toBe(200);
    expect(new Set(vs.map((v) => v.password)).size).toBe(200);
    for (const v of vs) {
      expect(v.database).toMatch(/^[a-z]+_[a-z]{4}$/);
      expect(v.password).toMatch(/^[a-z][a-z0-9]{11}$/);
      expect(['512Mi', '1Gi', '2Gi']).toContain(v.storage);
    }
    // Every pick is used: the class is spread over the choices.
    expect(new Set(vs.map((v) => v.storage)).size).toBe(3);
  });

  it('redis-statefulset: ports in range and spread, sizes from the list', () => {
    const vs = CLASS.map((s) => variantOf(LABS[1]!, s, 'seed-a').vars);
    for (const v of vs) expect(Number(v.port)).toBeGreaterThanOrEqual(6380), expect(Number(v.port)).toBeLessThanOrEqual(6479);
    expect(new Set(vs.map((v) => v.port)).size).toBeGreaterThan(80);
    expect(new Set(vs.map((v) => v.storage))).toEqual(new Set(['256Mi', '500Mi', '750Mi', '1Gi']));
  });

  it('generators read their bytes the same way every time', () => {
    const bytes = Buffer.alloc(64, 7);
    expect(generate({ pick: ['a', 'b', 'c'] }, bytes)).toBe(generate({ pick: ['a', 'b', 'c'] }, Buffer.alloc(64, 7)));
    expect(generate({ int: { min: 5, max: 5 } }, bytes)).toBe('5');
    expect(generate({ letters: 6 }, bytes)).toHaveLength(6);
    expect(generate({ word: ['shop'], suffix: 3 }, bytes)).toMatch(/^shop_[a-z]{3}$/);
  });

  it('without a class seed every student has the default variant: the seed\'s own text and files', () => {
    for (const lab of LABS) {
      const v = variantOf(lab, 'anyone');
      expect(v.seedId).toBeUndefined();
      expect(v.vars).toEqual(defaultVariant(lab).vars);
      expect(JSON.stringify(instantiateLab(lab, v).steps)).not.toContain('{{var');
      for (const file of lab.manifests) expect(renderObjects(lab, file, readManifest(lab.dir, file), v)).toEqual(readManifest(lab.dir, file));
    }
    const mysql = instantiateLab(LABS[0]!, defaultVariant(LABS[0]!));
    expect(mysql.steps[2]!.commands[0]).toContain('INSERT INTO testdb.users VALUES (1, \'Alice\'), (2, \'Bob\')');
    expect(mysql.steps[2]!.commands[0]).toContain('-ppassword123');
  });

  it('a student\'s variant is in the texts, the commands, the solution and the reference manifests', () => {
    const lab = LABS[0]!;
    const v = variantOf(lab, 'kim', 'seed-a');
    const mine = instantiateLab(lab, v);
    expect(mine.steps[0]!.instructions.en).toContain(`a PVC asking for ${v.vars.storage}`);
    expect(mine.steps[2]!.commands[0]).toContain(`CREATE TABLE ${v.vars.database}.users`);
    expect(JSON.stringify(mine.steps[2]!.solution)).toContain(`${v.vars.database}.users`);
    const [deploy] = renderObjects(lab, 'mysql-deployment.yaml', readManifest(lab.dir, 'mysql-deployment.yaml'), v) as any[];
    const c = deploy.spec.template.spec.containers[0];
    expect(c.env).toEqual([{ name: 'MYSQL_ROOT_PASSWORD', value: v.vars.password }, { name: 'MYSQL_DATABASE', value: v.vars.database }]);
    expect(c.readinessProbe.exec.command).toContain(`-p${v.vars.password}`);
    const [pvc] = renderObjects(lab, 'mysql-pvc.yaml', readManifest(lab.dir, 'mysql-pvc.yaml'), v) as any[];
    expect(pvc.spec.resources.requests.storage).toBe(v.vars.storage);
    const [svc] = renderObjects(LABS[1]!, 'redis-headless-service.yaml', readManifest(LABS[1]!.dir, 'redis-headless-service.yaml'), variantOf(LABS[1]!, 'kim', 'seed-a')) as any[];
    expect(typeof svc.spec.ports[0].port).toBe('number');
  });
});

describe('the timeline', () => {
  const home = () => join(mkdtempSync(join(tmpdir(), 'timeline-')), 'x.timeline.jsonl');
  let clock = Date.parse('2026-11-20T09:00:00Z');
  const now = () => new Date((clock += 1000));

  function walk(file: string): TimelineEvent[] {
    const t = new Timeline(file, now);
    t.append({ type: 'session', mode: 'interactive', lab: 'l', labVersion: 'v', student: 'kim', resumed: false });
    t.append({ type: 'step-start', step: 'a' });
    t.append({ type: 'attempt', step: 'a', n: 1, status: 'fail', checks: [{ id: 'c1', status: 'fail', mismatches: [{ object: 'Pod/p', path: 'x', want: 1, got: 2 }] }] });
    t.append({ type: 'hint', step: 'a' });
    t.append({ type: 'quit', step: 'a' });
    clock += 3_600_000; // an hour away: not time spent on the step
    t.append({ type: 'session', mode: 'interactive', lab: 'l', labVersion: 'v', student: 'kim', resumed: true });
    new Timeline(file, now).append({ type: 'step-start', step: 'a' });
    const u = new Timeline(file, now);
    u.append({ type: 'solution', step: 'a' });
    u.append({ type: 'attempt', step: 'a', n: 2, status: 'pass', checks: [{ id: 'c1', status: 'pass' }] });
    u.append({ type: 'step-start', step: 'b' });
    u.append({ type: 'skip', step: 'b' });
    return u.read();
  }

  it('chains every event to the one before, across sessions, and keeps the chain when read back', () => {
    const events = walk(home());
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(verifyChain(events)).toEqual({ ok: true, events: events.length });
    expect(events[1]!.prev).toBe(events[0]!.hash);
    expect(hashOf(events[3]!)).toBe(events[3]!.hash);
    expect(canonical({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it('breaks where a line was edited by hand, where one was removed, and where the order changed', () => {
    const file = home();
    const events = walk(file);
    const edited = events.map((e) => (e.seq === 3 ? { ...e, status: 'pass' } : e)) as TimelineEvent[];
    expect(verifyChain(edited)).toEqual({ ok: false, seq: 3, why: 'hash' });
    const rehashed = events.map((e) => (e.seq === 3 ? { ...e, status: 'pass' as const } : e)).map((e) => (e.seq === 3 ? { ...e, hash: hashOf(e) } : e)) as TimelineEvent[];
    expect(verifyChain(rehashed)).toEqual({ ok: false, seq: 4, why: 'link' });
    expect(verifyChain(events.filter((e) => e.seq !== 2))).toMatchObject({ ok: false, seq: 2 });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, [lines[1], lines[0], ...lines.slice(2)].join('\n'));
    expect(verifyChain(new Timeline(file).read())).toMatchObject({ ok: false, seq: 1, why: 'order' });
  });

  it('gives each step its active time to pass, attempts, hints, solution and skips; and the student\'s own verdicts', () => {
    const events = walk(home());
    const [a, b] = stepStats(events, ['a', 'b']);
    expect(a).toEqual({ step: 'a', attempts: 2, hints: 1, solutionViewed: true, skipped: false, timeToPassMs: 3000 + 2000 });
    expect(b).toMatchObject({ step: 'b', attempts: 0, skipped: true });
    expect(b!.timeToPassMs).toBeUndefined();
    expect(claimedVerdicts(events)).toEqual({ c1: 'pass' });
  });
});
