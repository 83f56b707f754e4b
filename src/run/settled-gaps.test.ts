import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../load/load-labs.ts';
import { type ApiObject } from '../model/kube.ts';
import { settledness } from './settled.ts';

// Gaps in which nothing moves for a moment although the cluster is not done, on objects a real cluster returned
// (test/fixtures/settle/statefulset-ordered.json, the namespace once the StatefulSet had rolled out).
const seq = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'settle', 'statefulset-ordered.json'), 'utf8')) as { changes: { type: string; object: ApiObject }[] };
const final = new Map<string, ApiObject>();
for (const c of seq.changes) {
  const k = `${c.object.kind}/${c.object.metadata.name}`;
  if (c.type === 'DELETED') final.delete(k);
  else final.set(k, c.object);
}
const objects = [...final.values()].filter((o) => o.kind !== 'Event' && o.kind !== 'Namespace');
const quiet = { events: [], storageClasses: [], lastChangeAt: 0, now: 10_000_000_000_000 };

describe('a deleted pod before its controller has seen it go', () => {
  it('is settled with every pod there', () => {
    expect(settledness({ ...quiet, objects })).toMatchObject({ settled: true });
  });

  it('is not settled while the StatefulSet still counts the pod that is gone', () => {
    const gone = objects.filter((o) => !(o.kind === 'Pod' && o.metadata.name === 'redis-0'));
    const sts = gone.find((o) => o.kind === 'StatefulSet') as ApiObject & { status: { replicas: number } };
    expect(sts.status.replicas).toBe(3);
    const v = settledness({ ...quiet, objects: gone });
    expect(v.settled).toBe(false);
    expect(v.waiting.map((t) => t.en)).toEqual(['StatefulSet/redis: 2/3 pods created']);
  });
});
