import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../load/load-labs.ts';
import { admitPod, claimErrors, limitItems, type LimitItem, type ResourceList } from './admission.ts';
import { quantityNano, sameQuantity } from './quantity.ts';

/** One object sent under a LimitRange (test/fixtures/k8s/admission.json, scripts/capture-k8s-fixtures.ts). */
interface Case {
  name: string;
  about: string;
  sent: { kind: string; spec: Record<string, unknown> & { resources?: { requests?: { storage?: string } } } };
  admitted?: {
    containers?: { field: 'containers' | 'initContainers'; name: string; resources: { requests?: ResourceList; limits?: ResourceList } }[];
    resources?: unknown;
  };
  refused?: { code: number; reason: string; message: string };
}

interface Variant {
  variant: string;
  sentLimitRange: unknown;
  storedLimitRange: { spec: { limits: Record<string, unknown>[] } };
  cases: Case[];
}

const fixture = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'k8s', 'admission.json'), 'utf8')) as { serverVersion: string; variants: Variant[] };

/** Quantities as exact nano-unit strings, so "1Gi" and "1024Mi" compare equal and a diff still shows the amounts. */
const exact = (list: ResourceList | undefined) => Object.fromEntries(Object.entries(list ?? {}).map(([k, v]) => [k, `${quantityNano(v) ?? `not a quantity: ${String(v)}`}n`]));

/**
 * What is left of the API server's message once its prefix (`pods "x" is forbidden: `, `Pod "x" is invalid: `)
 * and each of `errors` are taken out: only the aggregate's brackets and separators when the errors are all of it.
 */
function leftover(message: string, errors: readonly string[]): string {
  let rest = message.replace(/^[A-Za-z]+ "[^"]*" is (forbidden|invalid): /, '');
  for (const e of errors) rest = rest.replace(e, '');
  return rest.replace(/[[\], ]/g, '');
}

const SECTIONS = ['default', 'defaultRequest', 'min', 'max', 'maxLimitRequestRatio'] as const;

describe(`LimitRange admission, against what the API server of ${fixture.serverVersion} did`, () => {
  describe.each(fixture.variants.map((v) => [v.variant, v] as const))('%s', (_name, v) => {
    const items = limitItems(v.storedLimitRange);

    it('limitItems of the LimitRange sent is the LimitRange as stored', () => {
      const ours = limitItems(v.sentLimitRange);
      const stored = v.storedLimitRange.spec.limits;
      expect(ours.map((i) => i.type)).toEqual(stored.map((s) => s.type));
      ours.forEach((item: LimitItem, i) => {
        for (const section of SECTIONS) expect(exact(item[section]), `${item.type} ${section}`).toEqual(exact(stored[i]![section] as ResourceList | undefined));
      });
    });

    /** Our answer for a case: the pod's admitted containers and errors, or a claim's errors. */
    const ours = (c: Case) =>
      c.sent.kind === 'PersistentVolumeClaim' ? { containers: [], errors: claimErrors(c.sent.spec.resources?.requests?.storage, items) } : admitPod({ path: 'spec', spec: c.sent.spec }, items);
    const refused = v.cases.filter((c) => c.refused).map((c) => [c.name, c] as const);
    const admitted = v.cases.filter((c) => !c.refused).map((c) => [c.name, c] as const);

    if (refused.length) {
      it.each(refused)('%s: the API server\'s refusal is all in our errors', (_case, c) => {
        const { errors } = ours(c);
        expect(errors.length, 'refused').toBeGreaterThan(0);
        expect(leftover(c.refused!.message, errors), `parts of ${JSON.stringify(c.refused!.message)} none of ${JSON.stringify(errors)} accounts for`).toBe('');
      });
      it.each(refused)('%s: our errors are all in the API server\'s refusal', (_case, c) => {
        for (const e of ours(c).errors) expect(c.refused!.message).toContain(e);
      });
    }

    it.each(admitted)('%s: admitted with the same requests and limits', (_case, c) => {
      const got = ours(c);
      expect(got.errors).toEqual([]);
      if (c.sent.kind === 'PersistentVolumeClaim') return;
      const want = c.admitted!.containers!;
      expect(got.containers.map((x) => `${x.field}/${x.name}`).sort()).toEqual(want.map((x) => `${x.field}/${x.name}`).sort());
      for (const w of want) {
        const g = got.containers.find((x) => x.field === w.field && x.name === w.name)!;
        for (const which of ['requests', 'limits'] as const) {
          expect(exact(g[which]), `${w.field}[${w.name}] ${which}`).toEqual(exact(w.resources[which]));
          for (const [k, q] of Object.entries(w.resources[which] ?? {})) expect(sameQuantity(g[which][k], q), `${w.field}[${w.name}] ${which}.${k}`).toBe(true);
        }
      }
    });
  });
});
