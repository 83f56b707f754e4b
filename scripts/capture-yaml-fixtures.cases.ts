// The inputs scripts/capture-yaml-fixtures.ts feeds to kubectl. Each probes one way a YAML (or JSON) file can be
// read; what kubectl made of it is captured, never written here.

/** One input file and how kubectl is run on it. */
export interface YamlCase {
  name: string;
  /** The file, as text; or as base64 bytes for encodings text cannot carry. */
  input?: string;
  base64?: string;
  /** kubectl's --validate: "false" keeps unknown probe fields out of the server's way (the sent JSON is what counts). */
  validate?: 'false' | 'strict';
  /** Dotted paths whose value the server stored, recorded to show it accepted them (e.g. a Deployment's defaultMode). */
  stored?: string[];
}

/** A ConfigMap with extra top-level fields: kubectl sends them, the server drops them with --validate=false. */
const cm = (extra: string, name = 'c') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}\n`;
/** One plain scalar as the value of the probe field. */
const scalar = (v: string) => ({ name: `value ${v}`, input: cm(`probe: ${v}`) });
/** One plain scalar as a key. */
const key = (k: string) => ({ name: `key ${k}`, input: cm(`probe:\n  ${k}: x`) });

const SCALARS = [
  '0755', '0o755', '0O17', '0x1F', '0X1f', '-0x1F', '+12', '1_000', '0_755', '1__0', '1_', '0b1010', '-0b101', '0b', '0x', '08', '09.5',
  '00', '-0', '-0.0', '0.0', '1e3', '1E3', '1.5e-3', '1.', '.5', '-.5', '+.5', '1e400', '12e', '1,000', '1:20', '190:20:30', '0.1',
  '18446744073709551615', '99999999999999999999',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10', '2001-12-14T21:59:43Z', '2001-13-45', '2001-1-2',
  'y', 'Y', 'n', 'N', 'yes', 'Yes', 'YES', 'yEs', 'no', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'true', 'True', 'TRUE', 'tRue', 'false', 'FALSE',
  '~', 'null', 'Null', 'NULL', 'nUll', '', '"null"', "'~'", '""', '"0755"', "'yes'",
  '.inf', '-.inf', '+.inf', '.Inf', '.INF', '.nan', '.NaN', 'inf', 'nan', '-', '+', '_1', '<<',
  '!!str 0755', '!!str yes', '!!int "0755"', '!!int 0x1F', '!!float 1', '!!float "1.5"', '!!bool yes', '!!bool "on"', '!!int abc',
  '!!null x', '!!null ""', '!!binary aGVsbG8=', '!!binary "not base64!"', '!foo 0755', '!!timestamp 2001-12-14', '! 12', '!!map {a: 1}',
  '|\n  0755', '>\n  yes', '"a\\tb"', "'it''s'", '"\\u00e9"',
];

const KEYS = ['yes', 'on', 'y', 'N', '0755', '0x1F', '1.5', '1e10', '1e3', '0.1', '100000000', '.inf', '2001-12-14', '"on"', '~', 'null', '18446744073709551615'];

/** A tree `depth` levels deep: [[[…]]]. */
const nested = (depth: number) => cm(`probe: ${'['.repeat(depth)}${']'.repeat(depth)}`);
/** The billion-laughs shape: each level nine aliases of the one before. */
const bomb = (levels: number) => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  return cm(`probe:\n${lines.map((l) => `  ${l}`).join('\n')}`);
};

const pod = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: {k: v}\n`;
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  replicas: 0x2
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      automountServiceAccountToken: no
      containers:
      - name: c
        image: busybox:1.36
        command: [sleep, "3600"]
      volumes:
      - name: v
        configMap: {name: cfg, defaultMode: 0755}
`;

/** Every case, in the order they are captured. */
export const CASES: YamlCase[] = [
  ...SCALARS.map(scalar),
  ...KEYS.map(key),
  { name: 'key a sequence', input: cm('probe:\n  ? [a]\n  : x') },
  { name: 'key a map', input: cm('probe:\n  {a: 1}: x') },
  { name: 'key collision yes and true', input: cm('probe:\n  yes: a\n  no: b') },
  { name: 'typed fields on the server', input: deployment, validate: 'strict', stored: ['spec.replicas', 'spec.template.spec.automountServiceAccountToken', 'spec.template.spec.volumes.0.configMap.defaultMode'] },
  { name: 'duplicate key', input: cm('probe: 1\nprobe: 2') },
  { name: 'duplicate nested key', input: cm('probe:\n  a: 1\n  b: 2\n  a: 3') },
  { name: 'duplicate metadata', input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\nmetadata:\n  name: second\n' },
  { name: 'duplicate key, strict validation', input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: "1"\n  a: "2"\n', validate: 'strict' },
  { name: 'merge key before explicit', input: cm('base: &b {a: 1, b: 2}\nprobe:\n  <<: *b\n  a: 9') },
  { name: 'merge key after explicit', input: cm('base: &b {a: 1, b: 2}\nprobe:\n  a: 9\n  <<: *b') },
  { name: 'merge key list', input: cm('x: &x {a: 1}\ny: &y {a: 2, b: 2}\nprobe:\n  <<: [*x, *y]') },
  { name: 'merge key inline map', input: cm('probe:\n  <<: {a: 1}\n  b: 2') },
  { name: 'merge key of a scalar', input: cm('s: &s 1\nprobe:\n  <<: *s') },
  { name: 'quoted merge key', input: cm('probe:\n  "<<": {a: 1}') },
  { name: 'tagged merge key', input: cm('probe:\n  !!merge <<: {a: 1}') },
  { name: 'alias', input: cm('base: &b {a: [1, 2]}\nprobe: *b') },
  { name: 'anchor redefined', input: cm('a: &x 1\nb: &x 2\nprobe: *x') },
  { name: 'unknown alias', input: cm('probe: *nope') },
  { name: 'alias to itself', input: cm('probe: &a [*a]') },
  { name: 'alias bomb', input: bomb(9) },
  { name: 'small alias fan-out', input: bomb(3) },
  { name: 'nesting 100', input: nested(100) },
  { name: 'nesting 1000', input: nested(1000) },
  { name: 'nesting 10001', input: nested(10001) },
  { name: 'key of 1100 characters', input: cm(`probe:\n  ${'k'.repeat(1100)}: x`) },
  { name: 'tab after a colon', input: cm('probe:\tx') },
  { name: 'tab as indentation', input: cm('probe:\n\ta: 1') },
  { name: 'two documents', input: `${pod('a')}---\n${pod('b')}` },
  { name: 'leading separator', input: `---\n${pod('a')}` },
  { name: 'trailing separator', input: `${pod('a')}---\n` },
  { name: 'empty documents', input: `---\n---\n${pod('a')}---\n\n---\n# only a comment\n---\n${pod('b')}` },
  { name: 'separator with comment', input: `${pod('a')}--- # next\n${pod('b')}` },
  { name: 'separator with trailing spaces', input: `${pod('a')}---   \n${pod('b')}` },
  { name: 'separator with content', input: `${pod('a')}--- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n${pod('c')}` },
  { name: 'four dashes', input: `${pod('a')}----\n${pod('b')}` },
  { name: 'indented separator', input: `${pod('a')} ---\n${pod('b')}` },
  { name: 'document end marker', input: `${pod('a')}...\n${pod('b')}` },
  { name: 'document end marker then garbage', input: `${pod('a')}...\n: : [\n` },
  { name: 'CRLF line ends', input: `${pod('a')}---\n${pod('b')}`.replace(/\n/g, '\r\n') },
  { name: 'no final newline', input: `${pod('a')}---\n${pod('b')}`.trimEnd() },
  { name: 'YAML directive', input: `%YAML 1.1\n---\n${pod('a')}` },
  { name: 'YAML 1.2 directive', input: `%YAML 1.2\n---\n${pod('a')}` },
  { name: 'TAG directive', input: `%TAG !e! tag:example.com,2000:\n---\n${pod('a')}` },
  { name: 'broken document between good ones', input: `${pod('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n---\n${pod('c')}` },
  { name: 'document is a scalar', input: 'hello\n' },
  { name: 'document is a sequence', input: `- ${pod('a').trimEnd().replace(/\n/g, '\n  ')}\n` },
  { name: 'missing kind', input: 'apiVersion: v1\nmetadata: {name: a}\n' },
  { name: 'missing apiVersion', input: 'kind: ConfigMap\nmetadata: {name: a}\n' },
  { name: 'missing name', input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n' },
  { name: 'label value yes', input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {enabled: yes}\n' },
  { name: 'label value number', input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {version: 1.0}\n' },
  { name: 'annotation value number', input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations: {replicas: 3}\n' },
  { name: 'name a number', input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 0755\n' },
  { name: 'finalizers not strings', input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  finalizers: [1]\n' },
  { name: 'metadata a list', input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: [a]\n' },
  { name: 'kind a number', input: 'apiVersion: v1\nkind: 12\nmetadata: {name: a}\n' },
  { name: 'v1 List', input: `apiVersion: v1\nkind: List\nitems:\n- ${pod('a').trimEnd().replace(/\n/g, '\n  ')}\n- ${pod('b').trimEnd().replace(/\n/g, '\n  ')}\n` },
  { name: 'List inside a List', input: `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: inner}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: outer}}\n` },
  { name: 'ConfigMapList items without kind', input: 'apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata: {name: a}\n- kind: ConfigMap\n  metadata: {name: b}\n' },
  { name: 'List item without kind', input: 'apiVersion: v1\nkind: List\nitems:\n- metadata: {name: a}\n' },
  { name: 'ConfigMap with an items field', input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n' },
  { name: 'List with items null', input: 'apiVersion: v1\nkind: List\nitems: null\n' },
  { name: 'List with no items', input: 'apiVersion: v1\nkind: List\nitems: []\n' },
  { name: 'List with items a map', input: 'apiVersion: v1\nkind: List\nitems: {a: 1}\n' },
  { name: 'List with a scalar item', input: 'apiVersion: v1\nkind: List\nitems: [1]\n' },
  { name: 'custom list kind', input: `apiVersion: v1\nkind: WidgetList\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n` },
  { name: 'ConfigMapList', input: 'apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata: {name: a}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n' },
  { name: 'List of apps/v1', input: `apiVersion: apps/v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n` },
  { name: 'List without apiVersion', input: 'kind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n' },
  { name: 'List item with items null', input: 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}, items: null}\n' },
  { name: 'List without kind', input: 'items:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n' },
  { name: 'JSON object', input: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "probe": [1.0, 1e3, true, null, "0755"]}\n' },
  { name: 'JSON objects in a row', input: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}\n{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}\n' },
  { name: 'three JSON objects, the third broken', input: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}\n{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}\n{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"},}\n' },
  { name: 'JSON then YAML', input: `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}\n---\n${pod('b')}` },
  { name: 'JSON with duplicate keys', input: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "probe": 1, "probe": 2}\n' },
  { name: 'JSON with a leading-zero number', input: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "probe": 0755}\n' },
  { name: 'JSON with a trailing comma', input: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"},}\n' },
  { name: 'JSON object then a number', input: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}\n12\n' },
  { name: 'JSON objects without space', input: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"}}' },
  { name: 'JSON array', input: '[{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}]\n' },
  { name: 'JSON after blank lines', input: '\n\n   {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "probe": yes}\n' },
  { name: 'JSON List', input: '{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}]}\n' },
  { name: 'flow YAML that looks like JSON', input: '{apiVersion: v1, kind: ConfigMap, metadata: {name: a}, probe: [0755, on]}\n' },
  { name: 'UTF-8 BOM', base64: Buffer.from(`\uFEFF${cm('probe: 0755')}`).toString('base64') },
  { name: 'UTF-8 BOM then JSON', base64: Buffer.from('\uFEFF{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}\n').toString('base64') },
  { name: 'UTF-16LE with BOM', base64: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(cm('probe: 0755'), 'utf16le')]).toString('base64') },
  { name: 'invalid UTF-8', base64: Buffer.concat([Buffer.from(cm('probe: "a').trimEnd()), Buffer.from([0xc3, 0x28, 0x20, 0xff, 0x20, 0xe2, 0x82, 0x20, 0xed, 0xa0, 0x80, 0x20, 0xc0, 0xaf]), Buffer.from('b"\n')]).toString('base64') },
  { name: 'CP949 comment and value', base64: Buffer.concat([Buffer.from('# '), Buffer.from([0xc7, 0xd1, 0xb1, 0xdb]), Buffer.from(`\n${cm('probe: ').slice(0, -1)}`), Buffer.from([0xc7, 0xd1, 0xb1, 0xdb]), Buffer.from('\n')]).toString('base64') },
  { name: 'UTF-16BE with BOM', base64: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(cm('probe: 0755'), 'utf16le').swap16()]).toString('base64') },
  { name: 'UTF-16LE two documents', base64: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${pod('a')}---\n${pod('b')}`, 'utf16le')]).toString('base64') },
  { name: 'quoted string continued at column 0', input: cm('probe: "a\nb"') },
  { name: 'a NUL byte', base64: Buffer.concat([Buffer.from(cm('probe: "a')), Buffer.from([0]), Buffer.from('b"\n')]).toString('base64') },
  { name: 'a control character', base64: Buffer.concat([Buffer.from(cm('probe: a')), Buffer.from([7]), Buffer.from('b\n')]).toString('base64') },
  { name: 'non-ASCII text', input: cm('probe: 안녕하세요') },
];
