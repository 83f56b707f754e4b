// How kubectl's YAML reader (go-yaml v2, behind sigs.k8s.io/yaml) turns one scalar into a value: YAML 1.1 booleans
// (y, yes, on…), octal 0755, 0o/0x/0b prefixes, underscores, timestamps kept as text, and its errors. The rules
// follow go-yaml v2's resolve(); test/fixtures/yaml-as-kubectl.json holds what kubectl really did with each.

/** A resolved scalar: its YAML type and value. Integers stay exact (BigInt) until they become JSON. */
export type Resolved =
  | { type: 'null' }
  | { type: 'bool'; value: boolean }
  | { type: 'int'; value: bigint }
  | { type: 'float'; value: number }
  | { type: 'str'; value: string };

const TAG = 'tag:yaml.org,2002:';
/** Tags go-yaml resolves; any other tag leaves the text as it is. */
const RESOLVABLE = new Set(['', `${TAG}str`, `${TAG}bool`, `${TAG}int`, `${TAG}float`, `${TAG}null`, `${TAG}timestamp`]);

const WORDS = new Map<string, Resolved>();
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) WORDS.set(w, { type: 'bool', value: true });
for (const w of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) WORDS.set(w, { type: 'bool', value: false });
for (const w of ['', '~', 'null', 'Null', 'NULL']) WORDS.set(w, { type: 'null' });
for (const w of ['.nan', '.NaN', '.NAN']) WORDS.set(w, { type: 'float', value: NaN });
for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) WORDS.set(w, { type: 'float', value: Infinity });
for (const w of ['-.inf', '-.Inf', '-.INF']) WORDS.set(w, { type: 'float', value: -Infinity });

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go's strconv.ParseFloat on decimal text: the same grammar as YAML_FLOAT plus a leading-dot form; no underscores. */
const GO_DECIMAL_FLOAT = /^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$/;

/** Go's strconv.ParseInt/ParseUint with base 0: sign, then 0x/0o/0b/0 prefixes; undefined when it fails. */
function goParseInt(s: string, signed: boolean): bigint | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m || (!signed && m[1] !== '')) return undefined; // ParseUint takes no sign
  const body = m[2]!;
  const digits = /^0[oO]/.test(body) ? `0o${body.slice(2)}` : /^0[0-7]+$/.test(body) ? `0o${body.slice(1)}` : body;
  const v = (m[1] === '-' ? -1n : 1n) * BigInt(digits);
  if (signed ? v < INT64_MIN || v > INT64_MAX : v > UINT64_MAX) return undefined;
  return v;
}

/** Go's strconv.ParseFloat: undefined on bad syntax or when out of range (go-yaml then keeps the text). */
function goParseFloat(s: string): number | undefined {
  if (!GO_DECIMAL_FLOAT.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/** go-yaml v2's timestamp check: YYYY-M-D, optionally with a time; the value stays text (kubectl decodes into interface{}). */
function isTimestamp(s: string): boolean {
  const date = /^\d{4}-\d{1,2}-\d{1,2}/.exec(s);
  if (!date) return false;
  const [y, mo, d] = date[0].split('-').map(Number) as [number, number, number];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > days) return false;
  const rest = s.slice(date[0].length);
  const time = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?/;
  if (rest === '') return true;
  if (/^[Tt]/.test(rest)) {
    const t = time.exec(rest.slice(1));
    return t !== null && validTime(t) && /^(Z|[+-]\d{2}:\d{2})$/.test(rest.slice(1 + t[0].length));
  }
  if (rest[0] === ' ') {
    const t = time.exec(rest.slice(1));
    return t !== null && validTime(t) && t[0].length === rest.length - 1;
  }
  return false;
}

function validTime(t: RegExpExecArray): boolean {
  return Number(t[1]) < 24 && Number(t[2]) < 60 && Number(t[3]) < 60;
}

/** The short form of a tag, as go-yaml names it in errors ("!!int"). */
export function shortTag(tag: string): string {
  return tag.startsWith(TAG) ? `!!${tag.slice(TAG.length)}` : tag;
}

function untagged(s: string, tag: string): Resolved {
  const first = s[0];
  const hint = s === '' ? 'N' : first === '+' || first === '-' ? 'S' : first !== undefined && first >= '0' && first <= '9' ? 'D' : first !== undefined && 'yYnNtTfFoO~'.includes(first) ? 'M' : first === '.' ? '.' : '';
  if (hint === '' || tag === `${TAG}str` || tag === `${TAG}binary`) return { type: 'str', value: s };
  const word = WORDS.get(s);
  if (word) return word;
  if (hint === '.') {
    const f = goParseFloat(s);
    if (f !== undefined) return { type: 'float', value: f };
  }
  if (hint === 'D' || hint === 'S') {
    if ((tag === '' || tag === `${TAG}timestamp`) && isTimestamp(s)) return { type: 'str', value: s };
    const plain = s.replace(/_/g, '');
    const i = goParseInt(plain, true) ?? goParseInt(plain, false);
    if (i !== undefined) return { type: 'int', value: i };
    if (YAML_FLOAT.test(plain)) {
      const f = goParseFloat(plain);
      if (f !== undefined) return { type: 'float', value: f };
    }
    const bin = /^(-?)0b([01]+)$/.exec(plain);
    if (bin) {
      const v = (bin[1] ? -1n : 1n) * BigInt(`0b${bin[2]}`);
      if (v >= INT64_MIN && v <= UINT64_MAX) return { type: 'int', value: v };
    }
  }
  return { type: 'str', value: s };
}

/** The type a resolved value has under the tag go-yaml's error messages name. */
function tagOf(r: Resolved): string {
  return `${TAG}${r.type}`;
}

/**
 * Resolves a scalar as go-yaml v2 does for an untyped target. `tag` is the node's full tag ('' when none);
 * `plain` is whether it was written without quotes. Returns an error message (go-yaml's) when the tag does not fit.
 */
export function resolveScalar(value: string, tag: string, plain: boolean): Resolved | { error: string } {
  if (tag === '' && !plain) return { type: 'str', value };
  if (tag === `${TAG}binary`) {
    const clean = value.replace(/[\r\n]/g, '');
    if (!/^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean)) return { error: '!!binary value contains invalid base64 data' };
    return { type: 'str', value: goString(Buffer.from(clean, 'base64')) };
  }
  if (!RESOLVABLE.has(tag)) return { type: 'str', value };
  const r = untagged(value, tag);
  if (tag === '' || tag === `${TAG}str` || tag === tagOf(r)) return r;
  if (tag === `${TAG}timestamp` && r.type === 'str' && isTimestamp(value)) return r;
  if (tag === `${TAG}float` && r.type === 'int') return { type: 'float', value: Number(r.value) };
  return { error: `cannot decode ${shortTag(tagOf(r))} \`${value}\` as a ${shortTag(tag)}` };
}

/** Bytes as Go's encoding/json writes them: each byte that is not part of valid UTF-8 becomes U+FFFD. */
export function goString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const n = utf8Length(bytes, i);
    out += n ? Buffer.from(bytes.subarray(i, i + n)).toString('utf8') : '\uFFFD';
    i += n || 1;
  }
  return out;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 (Go's utf8.DecodeRune rules: no overlongs, no surrogates). */
function utf8Length(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const [n, lo, hi] = c >= 0xc2 && c <= 0xdf ? [2, 0x80, 0xbf] : c === 0xe0 ? [3, 0xa0, 0xbf] : c === 0xed ? [3, 0x80, 0x9f] : c >= 0xe1 && c <= 0xef ? [3, 0x80, 0xbf] : c === 0xf0 ? [4, 0x90, 0xbf] : c === 0xf4 ? [4, 0x80, 0x8f] : c >= 0xf1 && c <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
  if (n === 0 || i + n > b.length) return 0;
  if (b[i + 1]! < lo || b[i + 1]! > hi) return 0;
  for (let k = 2; k < n; k++) if (b[i + k]! < 0x80 || b[i + k]! > 0xbf) return 0;
  return n;
}
