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
  // The API server's JSON decoding trims spaces around a quantity (kubectl sends YAML as JSON).
  const m = GRAMMAR.exec(q.trim());
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
  let v = scale >= 0 ? digits * pow10(scale) : divCeil(digits, pow10(-scale));
  // A binary-unit amount beyond int64 is stored as the int64 maximum (12Ei is 9223372036854775807).
  if (binary > 0 && v > INT64_MAX * NANO) v = INT64_MAX * NANO;
  return sign === '-' ? -v : v;
}

const INT64_MAX = 2n ** 63n - 1n;

/** How a quantity was written, which decides how Kubernetes prints it back. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** The format of a quantity as written: binary units, an exponent, or decimal units (and plain numbers). */
export function quantityFormat(q: unknown): QuantityFormat {
  const m = typeof q === 'string' ? GRAMMAR.exec(q.trim()) : undefined;
  return m?.[3] ? 'DecimalExponent' : m?.[4] && m[4] in BINARY ? 'BinarySI' : 'DecimalSI';
}

const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * A quantity as the API server prints it (resource.Quantity's String): in the format it was written, with the
 * largest unit that keeps the number whole ("1.5Gi" is "1536Mi", "2000" is "2k", "0.5" is "500m"); binary
 * units only for whole amounts of at least 1024.
 */
export function canonicalQuantity(q: unknown): string {
  const n = quantityNano(q);
  if (n === undefined) return String(q);
  const sign = n < 0n ? '-' : '';
  const v = n < 0n ? -n : n;
  const format = quantityFormat(q);
  if (format === 'BinarySI' && v % NANO === 0n && v / NANO >= 1024n) {
    let bytes = v / NANO;
    let k = 0;
    while (k < 6 && bytes % 1024n === 0n) {
      bytes /= 1024n;
      k++;
    }
    return `${sign}${bytes}${BINARY_SUFFIX[k]}`;
  }
  if (v === 0n) return '0';
  let e = -9;
  let mantissa = v;
  while (e < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    e += 3;
  }
  return `${sign}${mantissa}${format === 'DecimalExponent' ? (e === 0 ? '' : `e${e}`) : DECIMAL_SUFFIX[e]}`;
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
