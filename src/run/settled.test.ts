import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../load/load-labs.ts';
import { type ApiObject } from '../model/kube.ts';
import { SETTLE, settledness } from './settled.ts';

/** What the watches saw on a real cluster while a namespace settled (scripts/capture-settle-fixtures.ts). */
interface Sequence {
  case: string;
  stuck: boolean;
  appliedAt: number;
  settledAt: number;
  storageClasses: ApiObject[];
  changes: { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: ApiObject; at: number }[];
}

const DIR = join(PROJECT_ROOT, 'test', 'fixtures', 'settle');
const sequences = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Sequence);

/** The namespace as it was after the first `n` changes, split into objects and events. */
function stateAfter(seq: Sequence, n: number): { objects: ApiObject[]; events: ApiObject[] } {
  const store = new Map<string, ApiObject>();
  for (const ch of seq.changes.slice(0, n)) {
    const k = `${ch.object.kind}/${ch.object.metadata.name}`;
    if (ch.type === 'DELETED') store.delete(k);
    else store.set(k, ch.object);
  }
  const all = [...store.values()].filter((o) => o.kind !== 'Namespace');
  return { objects: all.filter((o) => o.kind !== 'Event'), events: all.filter((o) => o.kind === 'Event') };
}

function verdictAt(seq: Sequence, n: number, now: number, quietMs?: number) {
  const lastChangeAt = Math.max(0, ...seq.changes.slice(0, n).filter((c) => c.object.kind !== 'Event').map((c) => c.at));
  return settledness({ ...stateAfter(seq, n), storageClasses: seq.storageClasses, lastChangeAt, now, quietMs });
}

describe('the settled rule, over change sequences captured from a real cluster', () => {
  it('has sequences to replay', () => {
    expect(sequences.map((s) => s.case).sort()).toEqual(['crashloop', 'image-missing', 'job-backoff', 'job-image-missing', 'job-onfailure', 'job-parallel', 'pv-claim-bind', 'pvc-missing-class', 'statefulset-ordered', 'statefulset-parallel']);
  });

  describe.each(sequences)('$case', (seq) => {
    it('is settled at the end, once quiet', () => {
      const n = seq.changes.length;
      const last = Math.max(...seq.changes.filter((c) => c.object.kind !== 'Event').map((c) => c.at));
      expect(verdictAt(seq, n, last + SETTLE.quietMs + 1)).toMatchObject({ settled: true, waiting: [] });
    });

    it('is never settled right after a change (the quiet period)', () => {
      for (let n = 1; n <= seq.changes.length; n++) {
        if (seq.changes[n - 1]!.object.kind === 'Event') continue;
        expect(verdictAt(seq, n, seq.changes[n - 1]!.at + 1).settled).toBe(false);
      }
    });

    // A rollout's sequence and a stuck one's prove different things: each gets only the test that applies to it.
    if (!seq.stuck) it('is never settled while it rolls out: in every gap before the last change, something is still on its way', () => {
      const moves = seq.changes.map((c, i) => ({ c, i })).filter(({ c }) => c.object.kind !== 'Event');
      for (const [k, { i }] of moves.slice(0, -1).entries()) {
        const next = moves[k + 1]!.c.at;
        const v = verdictAt(seq, i + 1, next - 1);
        expect(v.settled, `settled ${next - 1 - seq.appliedAt} ms after the apply, before change ${i + 1} of ${seq.changes.length}`).toBe(false);
      }
    });

    // A check that looks once the namespace settled (whenSettled) waits only the watches' lag: the rules alone must
    // see every gap of a rollout longer than that as on its way (a volume Available before its claim binds it).
    if (!seq.stuck) it('is never settled while it rolls out with the short quiet period of a whenSettled check either', () => {
      const moves = seq.changes.map((c, i) => ({ c, i })).filter(({ c }) => c.object.kind !== 'Event');
      for (const [k, { c, i }] of moves.slice(0, -1).entries()) {
        const next = moves[k + 1]!.c.at;
        if (next - c.at <= SETTLE.gateQuietMs) continue;
        const v = verdictAt(seq, i + 1, next - 1, SETTLE.gateQuietMs);
        expect(v.settled, `settled ${next - 1 - seq.appliedAt} ms after the apply, before change ${i + 1} of ${seq.changes.length}`).toBe(false);
      }
    });

    if (seq.case === 'pv-claim-bind') it('sees a claim binding a volume made by hand as on its way by the rules alone, from the claim\'s first sight to the volume Bound (seconds later: past any quiet period)', () => {
      const first = seq.changes.findIndex((c) => c.object.kind === 'PersistentVolumeClaim');
      const bound = seq.changes.findIndex((c) => c.object.kind === 'PersistentVolume' && (c.object.status as { phase?: string } | undefined)?.phase === 'Bound');
      expect(first).toBeGreaterThan(0);
      expect(bound).toBeGreaterThan(first);
      for (let n = first + 1; n <= bound; n++) expect(verdictAt(seq, n, seq.changes[n - 1]!.at + 5_000, 0).settled, `after change ${n}`).toBe(false);
      expect(verdictAt(seq, bound + 1, seq.changes[bound]!.at + 5_000, 0).settled).toBe(true);
    });

    if (seq.stuck) it('settles on the stuck state, well before any deadline', () => {
      expect(seq.settledAt - seq.appliedAt).toBeLessThan(60_000);
    });
  });
});
