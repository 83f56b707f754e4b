const SUFFIX: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The value of a Kubernetes quantity ("1Gi", "500Mi", "1e3"), or NaN when it is not one. */
export function parseQuantity(q: string | number | undefined): number {
  if (typeof q === 'number') return q;
  const m = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)([a-zA-Z]*)$/.exec((q ?? '').trim());
  if (!m || !(m[2]! in SUFFIX)) return Number.NaN;
  return Number(m[1]) * SUFFIX[m[2]!]!;
}
