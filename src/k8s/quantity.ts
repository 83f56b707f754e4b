// Kubernetes quantities ("500m", "1.5Gi", "2e3", 4), read as the API server reads them (k8s.io/apimachinery
// resource.ParseQuantity): exact, in nano-units, rounded up to a whole nano-unit as Kubernetes rounds.

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const GRAMMAR = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;
const NANO = 10n ** 9n;

const pow10 = (e: number) => 10n ** BigInt(e);
const divCeil = (a: bigint, b: bigint) => (a >= 0n ? (a + b - 1n) / b : -(-a / b));

/**
 * A quantity as a whole number of nano-units (1 = 1n, 10^9 = 1), or undefined when the API server would refuse
 * it. A JSON number is what the API server makes of it (`cpu: 0.5` is 500m).
 */
export function quantityNano(q: unknown): bigint | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? quantityNano(String(q)) : undefined;
  if (typeof q !== 'string') return undefined;
  const m = GRAMMAR.exec(q.trim() === q ? q : '');
  if (!m) return undefined;
  const [, sign, num, exp, suffix] = m;
  const [whole, frac = ''] = num!.split('.');
  let digits = BigInt(`${whole || '0'}${frac}`);
  let scale = -frac.length + 9; // to nano-units
  let binary = 0;
  if (exp) scale += Number(exp.slice(1));
  else if (suffix && suffix in BINARY) binary = BINARY[suffix]!;
  else scale += DECIMAL[suffix ?? '']!;
  if (Math.abs(scale) > 400) return undefined;
  digits <<= BigInt(binary);
  const v = scale >= 0 ? digits * pow10(scale) : divCeil(digits, pow10(-scale));
  return sign === '-' ? -v : v;
}

/** A quantity in base units (cores, bytes) as a number; undefined when it is not one. */
export function parseQuantity(q: unknown): number | undefined {
  const n = quantityNano(q);
  return n === undefined ? undefined : Number(n) / 1e9;
}

/** Whether two quantities are the same amount ("1Gi" and "1024Mi"); false when either is not a quantity. */
export function sameQuantity(a: unknown, b: unknown): boolean {
  const x = quantityNano(a);
  return x !== undefined && x === quantityNano(b);
}

/** Compares two quantities: negative, zero or positive; undefined when either is not a quantity. */
export function compareQuantity(a: unknown, b: unknown): number | undefined {
  const x = quantityNano(a);
  const y = quantityNano(b);
  if (x === undefined || y === undefined) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A quantity in milli-units rounded up (CPU in millicores, as quotas count it). */
export function milli(q: unknown): number {
  const n = quantityNano(q);
  return n === undefined ? 0 : Number(divCeil(n, 10n ** 6n));
}

/** A quantity in whole base units rounded up (memory and storage in bytes, as quotas count them). */
export function whole(q: unknown): number {
  const n = quantityNano(q);
  return n === undefined ? 0 : Number(divCeil(n, NANO));
}

/** An amount back in Kubernetes notation: CPU from millicores ("500m", "2"), bytes in the largest exact binary unit. */
export function formatAmount(resource: string, n: number): string {
  if (resource.includes('cpu')) return n % 1000 === 0 ? String(n / 1000) : `${n}m`;
  if (/memory|storage/.test(resource)) {
    for (const [unit, size] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
      if (n >= size && n % size === 0) return `${n / size}${unit}`;
    }
  }
  return String(n);
}
