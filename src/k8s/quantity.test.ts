import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../load/load-labs.ts';
import { compareQuantity, milli, parseQuantity, quantityNano, sameQuantity, whole } from './quantity.ts';

/**
 * Quantities the API server was sent (test/fixtures/k8s/admission.json, scripts/capture-k8s-fixtures.ts), as an
 * emptyDir sizeLimit (the quantity as parsed) and as a memory request (a resource list, which the API server's
 * defaulting also rounds up to a milli-unit, SetDefaults_ResourceList): what it stored, or why it refused.
 */
interface CapturedQuantity {
  sent: string | number;
  sizeLimit?: string;
  request?: string;
  refused?: string;
}

const fixture = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'k8s', 'admission.json'), 'utf8')) as { serverVersion: string; quantities: CapturedQuantity[] };
const accepted = fixture.quantities.filter((q) => !q.refused).map((q) => [JSON.stringify(q.sent), q] as const);
const refused = fixture.quantities.filter((q) => q.refused).map((q) => [JSON.stringify(q.sent), q] as const);

describe(`quantities, against what the API server of ${fixture.serverVersion} made of them`, () => {
  it.each(accepted)('%s is the amount the API server stored', (_s, q) => {
    expect(quantityNano(q.sent), 'a quantity').toBeDefined();
    expect(sameQuantity(q.sent, q.sizeLimit), `same as ${q.sizeLimit}`).toBe(true);
  });
  it.each(accepted)('%s as a resource request: the same milli-units', (_s, q) => {
    expect(milli(q.sent)).toBe(milli(q.request));
  });
  it.each(refused)('%s is not a quantity', (_s, q) => {
    expect(quantityNano(q.sent)).toBeUndefined();
    expect(sameQuantity(q.sent, q.sent)).toBe(false);
    expect(compareQuantity(q.sent, '1')).toBeUndefined();
  });
});

describe('quantity arithmetic', () => {
  it.each([
    ['1Gi', '1024Mi', true],
    ['500m', '0.5', true],
    [0.5, '500m', true],
    [1e3, '1k', true],
    ['1e3', '1k', true],
    ['1.5Gi', '1536Mi', true],
    ['100k', '100000', true],
    ['12Ei', '12288Pi', true],
    ['1Gi', '1G', false],
    ['1Gb', '1Gb', false],
  ] as const)('sameQuantity(%j, %j) is %s', (a, b, want) => {
    expect(sameQuantity(a, b)).toBe(want);
  });

  it.each([
    ['1Gi', 1024 ** 3],
    ['500m', 0.5],
    ['0.5', 0.5],
    [1e3, 1000],
    ['1.5Gi', 1.5 * 1024 ** 3],
    ['100k', 100_000],
    ['12Ei', 2 ** 63 - 1],
    ['1Gb', undefined],
    ['lots', undefined],
  ] as const)('parseQuantity(%j) is %s', (q, want) => {
    expect(parseQuantity(q)).toBe(want);
  });

  it.each([
    ['1', '999m', 1],
    ['500m', '0.5', 0],
    ['1Gi', '1G', 1],
    ['1k', '1Ki', -1],
    ['100m', '1', -1],
    ['1Gb', '1', undefined],
    ['1', 'lots', undefined],
  ] as const)('compareQuantity(%j, %j) is %s', (a, b, want) => {
    expect(compareQuantity(a, b)).toBe(want);
  });

  // resource.Quantity's MilliValue and Value round up, away from zero (k8s.io/apimachinery/pkg/api/resource).
  it.each([
    ['1', 1000],
    ['0.1', 100],
    ['1.0001', 1001],
    ['1n', 1],
    ['2e-3', 2],
    ['1Gi', 1024 ** 3 * 1000],
    ['nonsense', 0],
  ] as const)('milli(%j) is %s', (q, want) => {
    expect(milli(q)).toBe(want);
  });

  it.each([
    ['100m', 1],
    ['1.5', 2],
    ['1', 1],
    ['0.1Ki', 103],
    ['1Mi', 1024 ** 2],
    ['1n', 1],
    ['nonsense', 0],
  ] as const)('whole(%j) is %s', (q, want) => {
    expect(whole(q)).toBe(want);
  });
});
