// Fuzzes what a student's files reach before anything is applied: reading (YAML and JSON as kubectl reads them), the
// policy, the quota preflight and the dry run, with generated input: deep nesting (YAML and JSON, up to 20 000
// levels), wide maps and lists, big strings, alias chains and bombs, odd scalars (0x1f, .inf, ~, yes, dates,
// !!binary…), random bytes, multi-document files, Lists, and Kubernetes objects with wrong types everywhere
// (replicas as a string, containers as a map, resources as numbers…). The property: whatever one student submits,
// the dry run and the policy never throw, every student gets a verdict, and the correct student beside them is
// planned exactly as when alone.
//
// CI runs 60 cases of each property (about 10 s). Run more on demand (about 7 s per 50 dry-run cases):
//   LABS_FUZZ_RUNS=5000 npx vitest run src/grade/fuzz.test.ts
// Every run draws new cases; replay a failure with the seed and path fast-check prints, naming its property:
//   LABS_FUZZ_SEED=<seed> LABS_FUZZ_PATH=<path> npx vitest run src/grade/fuzz.test.ts -t '<property>'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { findLab, LABS_ROOT } from '../load/load-labs.ts';
import { objectProblem } from '../load/kubectl/objects.ts';
import { MAX_DEPTH } from '../load/kubectl/to-json.ts';
import { parseManifests, type ManifestObject } from '../load/manifests.ts';
import { FakeKube } from '../kube/fake.ts';
import { type KubeObject } from '../model/kube.ts';
import { type Text } from '../model/text.ts';
import { probeUsage } from './decide.ts';
import { renderDryRun } from '../report/dry-run.ts';
import { dryRun, type DryRunLab, type StudentDryRun } from './dry-run.ts';
import { gradeAll, gradeOne, type GradeOptions } from './grade.ts';
import { applyPolicy } from './policy.ts';
import { applyOrder, quotaPreflight } from './quota.ts';

const RUNS = Number(process.env.LABS_FUZZ_RUNS) || 60;
const SEED = process.env.LABS_FUZZ_SEED ? Number(process.env.LABS_FUZZ_SEED) : undefined;
const PARAMS: fc.Parameters<unknown> = { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED, path: process.env.LABS_FUZZ_PATH } : {}) };
/** Long enough for the biggest generated cases when many are asked for. */
const TIMEOUT = Math.max(60_000, RUNS * 1_000);

const REDIS = join(LABS_ROOT, 'week3-day3', 'redis-statefulset');
const lab: DryRunLab = { id: 'week3-day3/redis-statefulset', dir: REDIS, manifests: ['redis-headless-service.yaml', 'redis-statefulset.yaml'], namespace: 'default', probes: [] };
const reference = lab.manifests.flatMap((f) => parseManifests(readFileSync(join(REDIS, f), 'utf8'), f).objects.map((m) => m.object));
const IMAGES = ['redis:7-alpine'];

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A class folder: each student's files (text or bytes), relative paths allowed. */
function classFolder(students: Record<string, Record<string, string | Uint8Array>>): string {
  const root = mkdtempSync(join(tmpdir(), 'fuzz-'));
  roots.push(root);
  for (const [s, files] of Object.entries(students)) {
    mkdirSync(join(root, s), { recursive: true });
    for (const [f, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, s, f)), { recursive: true });
      writeFileSync(join(root, s, f), content);
    }
  }
  return root;
}

/** The reference solution as a student hands it in. */
const correct = Object.fromEntries(lab.manifests.map((f) => [f, readFileSync(join(REDIS, f), 'utf8')]));

// ---- Values and their text -------------------------------------------------------------------------------------

/** A scalar written as it is into YAML (resolved by YAML 1.1 rules), and as a string in JSON. */
class Raw {
  constructor(readonly src: string) {}
}
type Value = null | boolean | number | string | Raw | Value[] | { [k: string]: Value };

const ODD = [
  '0x1f', '0o17', '0755', '0b1010', '1_000', '+12', '-0', '1e400', '-1e400', '9223372036854775808', '18446744073709551616', '99999999999999999999999',
  '.inf', '-.inf', '.nan', '.NaN', '~', 'null', 'Null', 'yes', 'no', 'on', 'off', 'y', 'n', 'True', 'FALSE', '2001-12-14t21:59:43.10-05:00', '2002-12-14', '2002-02-30',
  '!!binary aGVsbG8=', '!!binary "@@@"', '!!binary AAEC/w==', '!!int "x"', '!!int 12', '!!float 1', '!!float "x"', '!!str 1', '!!bool yes', '!!bool "maybe"', '!!null ""', '!!timestamp 2001-01-01', '!!timestamp "x"',
  '!custom x', '!!map {}', '!!seq []', '"\\u0000"', '"\\x85"', '"\\uD800"', "'it''s'", '12Ei', '99999999999Ei', '1e-400', '0.0000000001m', '-1', '1Gi', '500m', '4Gi', '8Gi', '50Gi', '3', '2',
  '""', "''", '*nowhere', '<<', '"__proto__"', 'toString', 'constructor', '"\\t"', '"a\\nb"',
].map((s) => new Raw(s));

/** Keys that are sharp in JavaScript or odd in YAML. */
const ODD_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'length', '0', '-1', 'yes', 'on', '~', '1e3', '', ' ', 'a.b', 'x'.repeat(300)];

const bigNumber = fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, 5e-324, 0.5, 1.5, 500, 1024);
const oddString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('500m', '1Gi', '64Mi', '2', '0', '-1', '1e400', '12Ei', 'NaN', 'Infinity', 'redis:7-alpine', 'evil.io/miner:1', 'redis@sha256:' + 'a'.repeat(64), 'NodePort', 'LoadBalancer', 'Always', 'default', 'kube-system', 'true', ''),
  fc.constantFrom(...ODD_KEYS),
);
const scalar: fc.Arbitrary<Value> = fc.oneof(fc.constant(null), fc.boolean(), bigNumber, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), oddString, fc.constantFrom(...ODD));

/** Any value, a few levels deep, with odd keys. */
const value: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 8 })), tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** A fresh copy (fast-check hands the same values out again while it shrinks; they are never changed in place). */
function copy(v: Value): Value {
  if (Array.isArray(v)) return v.map(copy);
  if (isMap(v)) {
    const out: { [k: string]: Value } = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: copy(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

const isMap = (v: Value): v is { [k: string]: Value } => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Raw);

function jsonOf(v: Value): unknown {
  if (v instanceof Raw) return v.src;
  if (Array.isArray(v)) return v.map(jsonOf);
  if (isMap(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: jsonOf(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** A scalar in YAML: raw ones as written, strings quoted, numbers as JavaScript writes them. */
function yamlScalar(v: Value): string {
  if (v instanceof Raw) return v.src;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/** A value as YAML: block style, or flow style below `flowBelow` levels. */
function yamlOf(v: Value, indent = '', flow = false): string {
  if (!Array.isArray(v) && !isMap(v)) return yamlScalar(v);
  if (flow) return Array.isArray(v) ? `[${v.map((x) => yamlOf(x, indent, true)).join(', ')}]` : `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${yamlOf(x, indent, true)}`).join(', ')}}`;
  const entries: [string, Value][] = Array.isArray(v) ? v.map((x) => ['-', x]) : Object.entries(v).map(([k, x]) => [`${JSON.stringify(k)}:`, x]);
  if (entries.length === 0) return Array.isArray(v) ? '[]' : '{}';
  return entries.map(([head, x], i) => {
    const first = i === 0 ? '' : indent;
    const nested = Array.isArray(x) ? x.length > 0 : isMap(x) && Object.keys(x).length > 0;
    return nested ? `${first}${head}\n${indent}  ${yamlOf(x, `${indent}  `)}` : `${first}${head} ${yamlOf(x, indent, true)}`;
  }).join('\n');
}

/** A document as YAML or JSON text. */
const render = (v: Value, as: 'yaml' | 'flow' | 'json') => (as === 'json' ? JSON.stringify(jsonOf(v)) : as === 'flow' ? `${yamlOf(v, '', true)}\n` : `${yamlOf(v)}\n`);

// ---- Kubernetes-looking objects with wrong types ---------------------------------------------------------------

const podSpec = (image = 'redis:7-alpine'): Value => ({
  containers: [{ name: 'c', image, ports: [{ containerPort: 6379 }], resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } }, securityContext: { capabilities: { add: [] } }, env: [{ name: 'A', value: 'b' }] }],
  initContainers: [{ name: 'i', image, restartPolicy: 'Always' }],
  volumes: [{ name: 'v', emptyDir: {} } as Value, { name: 'e', ephemeral: { volumeClaimTemplate: { spec: { resources: { requests: { storage: '1Gi' } } } } } }],
});
const template = (labels: Record<string, string>): Value => ({ metadata: { labels }, spec: podSpec() });
const TEMPLATES: Value[] = [
  ...reference.map((o) => structuredClone(o) as unknown as Value),
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec() },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { parallelism: 2, completions: 3, template: template({ app: 'j' }) } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: template({ app: 'cj' }) } } } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { selector: { matchLabels: { app: 'ds' } }, template: template({ app: 'ds' }) } },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { replicas: 1, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['rs'] }] }, template: template({ app: 'rs' }) } },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'pvc' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', stringData: { a: 'b' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np' }, spec: { podSelector: {} } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'cr' }, rules: [] },
  { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3 } },
];

/** Every path to a value inside `v` (the root excluded). */
function paths(v: Value, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v)) v.forEach((x, i) => (out.push([...at, i]), paths(x, [...at, i], out)));
  else if (isMap(v)) for (const [k, x] of Object.entries(v)) out.push([...at, k]), paths(x, [...at, k], out);
  return out;
}

/** Fields policy and preflight code reads, added anywhere with any value. */
const SHARP = ['replicas', 'containers', 'initContainers', 'ephemeralContainers', 'resources', 'requests', 'limits', 'cpu', 'memory', 'storage', 'selector', 'matchLabels', 'matchExpressions', 'template', 'spec', 'metadata', 'volumes', 'volumeClaimTemplates', 'hostPath', 'hostNetwork', 'privileged', 'securityContext', 'capabilities', 'add', 'ports', 'hostPort', 'image', 'name', 'namespace', 'finalizers', 'items', 'type', 'externalIPs', 'dataSource', 'projected', 'sources', 'serviceAccountToken', 'parallelism', 'completions', 'jobTemplate', 'ephemeral', 'volumeClaimTemplate', 'automountServiceAccountToken', 'serviceAccountName', 'restartPolicy', 'kind', 'apiVersion', 'labels', 'annotations'];

/** A template with some values replaced by values of any type, and some sharp fields added anywhere. */
const mutatedObject: fc.Arbitrary<Value> = fc.record({
  base: fc.nat({ max: TEMPLATES.length - 1 }),
  replace: fc.array(fc.tuple(fc.nat(), value), { maxLength: 6 }),
  add: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...SHARP), value), { maxLength: 4 }),
}).map(({ base, replace, add }) => {
  const o = copy(TEMPLATES[base]!);
  const set = (path: (string | number)[], v: Value) => {
    let at = o as Record<string | number, Value>;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, Value>;
    Object.defineProperty(at, path[path.length - 1]!, { value: v, enumerable: true, writable: true, configurable: true });
  };
  for (const [i, v] of replace) {
    const all = paths(o);
    if (all.length > 0) set(all[i % all.length]!, copy(v));
  }
  for (const [i, k, v] of add) {
    const maps = [[], ...paths(o)].filter((p) => isMap(p.reduce<Value>((x, key) => (x as Record<string | number, Value>)[key]!, o)));
    set([...maps[i % maps.length]!, k], copy(v));
  }
  return o;
});

// ---- Whole documents and files ---------------------------------------------------------------------------------

const deepText = (depth: number, as: 'json' | 'flow-seq' | 'flow-map' | 'block') => {
  if (as === 'json') return `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
  if (as === 'flow-seq') return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  if (as === 'flow-map') return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
  // Block nesting: each level is indented once more, so the file grows with the square of the depth.
  const d = Math.min(depth, 1_500);
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n${Array.from({ length: d }, (_, i) => `${' '.repeat(2 * i + 2)}a:`).join('\n')} 1\n`;
};

/** Deep nesting at a place policy code walks (a pod spec), by text. */
const deepInPod = (depth: number, json: boolean) => json
  ? `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"deep"},"spec":{"containers":[{"name":"c","image":"redis:7-alpine","resources":{"limits":${'{"cpu":'.repeat(depth)}1${'}'.repeat(depth)}}}]}}`
  : `apiVersion: v1\nkind: Pod\nmetadata: {name: deep}\nspec:\n  containers: [{name: c, image: "redis:7-alpine", env: ${'['.repeat(depth)}${']'.repeat(depth)}}]\n`;

/** Anchors each holding the one before, `levels` deep each: deeper through aliases than the text is. */
const aliasChain = (n: number, levels: number) => {
  let y = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: chain}\nx:\n  a0: &a0 ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
  for (let i = 1; i < n; i++) y += `  a${i}: &a${i} ${'['.repeat(levels)}*a${i - 1}${']'.repeat(levels)}\n`;
  return y;
};

/** The billion laughs: each anchor is a list of `fan` of the one before. */
const aliasBomb = (levels: number, fan: number) => {
  let y = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  l0: &l0 "lol"\n';
  for (let i = 1; i <= levels; i++) y += `  l${i}: &l${i} [${Array.from({ length: fan }, () => `*l${i - 1}`).join(', ')}]\n`;
  return y;
};

const snippets = fc.constantFrom(
  '%YAML 1.1\n---\na: 1\n', '--- x\n', '---\n...\n---\n', '...\n', 'a: &a [*a]\n', 'a: *a\n', '<<: 1\n', '? [a]\n: b\n', '{a: 1, a: 2}\n', 'a: |\n  x\n b: 1\n',
  '[1, 2', '{"a": 1}{"b": 2}garbage', '{"apiVersion": "v1", "kind": "List", "items": [{"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "x"}}]} {"a"',
  '\t- tab\n', 'kind: List\napiVersion: v1\nitems: [{kind: List, apiVersion: v1, items: []}]\n', 'kind: ConfigMapList\napiVersion: v1\nitems: [{metadata: {name: a}, data: {a: b}}, 7]\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {a: 1}}\n', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, finalizers: [x]}\n', '\uFEFFapiVersion: v1\nkind: ConfigMap\nmetadata: {name: bom}\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: k}\ndata: {' + 'k'.repeat(2000) + ': v}\n', 'a: b\r\n---\r\nc: d\r\n', '\0\0\0\0', '%TAG ! tag:x,2000:\n--- !a\nb\n',
);

/** One document: an object of any shape, in any syntax, or text that is only almost YAML. */
const documentText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.tuple(mutatedObject, fc.constantFrom('yaml', 'flow', 'json') as fc.Arbitrary<'yaml' | 'flow' | 'json'>).map(([o, as]) => render(o, as)), weight: 6 },
  { arbitrary: fc.tuple(fc.array(mutatedObject, { maxLength: 4 }), fc.constantFrom('List', 'ConfigMapList', 'DeploymentList', ''), fc.constantFrom('yaml', 'json') as fc.Arbitrary<'yaml' | 'json'>).map(([items, kind, as]) => render({ apiVersion: 'v1', kind, items }, as)), weight: 2 },
  { arbitrary: fc.tuple(value, fc.constantFrom('yaml', 'flow', 'json') as fc.Arbitrary<'yaml' | 'flow' | 'json'>).map(([v, as]) => render(v, as)), weight: 1 },
  { arbitrary: fc.tuple(fc.integer({ min: MAX_DEPTH - 3, max: 20_000 }), fc.constantFrom('json', 'flow-seq', 'flow-map', 'block') as fc.Arbitrary<'json' | 'flow-seq' | 'flow-map' | 'block'>).map(([d, as]) => deepText(d, as)), weight: 2 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.boolean()).map(([d, json]) => deepInPod(d, json)), weight: 1 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 200 })).map(([n, l]) => aliasChain(n, l)), weight: 1 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2, max: 12 })).map(([l, f]) => aliasBomb(l, f)), weight: 1 },
  { arbitrary: snippets, weight: 2 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 60_000 }), fc.boolean(), fc.constantFrom('yaml', 'json')).map(([n, list, as]) => {
    // Wide: many keys, or a long list.
    const wide = list ? Array.from({ length: n }, (_, i) => i) : Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    return render({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wide' }, data: wide }, as as 'yaml' | 'json');
  }), weight: 1 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 1_200_000 }), fc.constantFrom('x', '9', ' ', '\n', 'é', '"')).map(([n, c]) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {a: ${JSON.stringify(c.repeat(n))}}\n`), weight: 1 },
);

/** A file: documents joined as kubectl cuts them, or bytes that are not text at all. */
const fileContent: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { arbitrary: fc.array(documentText, { minLength: 1, maxLength: 4 }).map((docs) => docs.join('\n---\n')), weight: 8 },
  { arbitrary: fc.uint8Array({ maxLength: 2_000 }), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom([0xfe, 0xff], [0xff, 0xfe], [0xef, 0xbb, 0xbf], [0x00], [0xc3, 0x28]), documentText).map(([bom, doc]) => new Uint8Array([...bom, ...Buffer.from(doc)])), weight: 1 },
);

const FILE_NAMES = ['a.yaml', 'b.yml', 'c.json', 'D.YAML', 'sub/e.yaml', 'sub/deeper/f.json', 'g.txt'];
/** One student's folder: a few generated files, sometimes beside the reference solution. */
const studentFiles = fc.record({
  files: fc.array(fc.tuple(fc.constantFrom(...FILE_NAMES), fileContent), { minLength: 1, maxLength: 4 }),
  withSolution: fc.boolean(),
}).map(({ files, withSolution }) => ({ ...(withSolution ? correct : {}), ...Object.fromEntries(files) }));

// ---- The properties --------------------------------------------------------------------------------------------

const isText = (t: Text | undefined) => typeof t?.ko === 'string' && typeof t.en === 'string' && t.ko.length > 0 && t.en.length > 0;
const INTERNAL = /internal error|unexpected error|Maximum call stack/i;

/** A verdict as dry runs give it: each part there, every message in both languages, and no defect of the grader's. */
function expectVerdict(s: StudentDryRun | undefined): void {
  expect(s).toBeDefined();
  for (const i of [...s!.issues, ...s!.warnings]) {
    expect(typeof i.file).toBe('string');
    expect(isText(i.message)).toBe(true);
    expect(i.message.en).not.toMatch(INTERNAL);
  }
  for (const r of s!.refused) {
    expect(isText(r.reason)).toBe(true);
    expect(r.reason.en, r.reason.en).not.toMatch(INTERNAL);
  }
}

const baseline = dryRun(lab, classFolder({ good: correct })).students[0]!;

describe('fuzz: no student input breaks reading, the policy, the preflight or the dry run', () => {
  it('the correct student alone is planned', () => {
    expect(baseline).toMatchObject({ student: 'good', refused: [], issues: [], warnings: [] });
    expect(baseline.apply.map((a) => a.object)).toEqual(['Service/redis-headless', 'StatefulSet/redis']);
  });

  it(`dry run: every student gets a verdict, and the correct one is unchanged (${RUNS} cases)`, () => {
    fc.assert(fc.property(studentFiles, (files) => {
      const root = classFolder({ fuzz: files, good: correct });
      try {
        const report = dryRun(lab, root);
        expect(report.students.map((s) => s.student)).toEqual(['fuzz', 'good']);
        expectVerdict(report.students[0]);
        expect(report.students[1]).toEqual(baseline);
        // What the CLI prints and writes.
        for (const lang of ['ko', 'en'] as const) expect(renderDryRun(report, lang).length).toBeGreaterThan(0);
        expect(() => JSON.stringify(report)).not.toThrow();
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }), PARAMS);
  }, TIMEOUT);

  it(`policy and preflight: never throw, and account for every object (${RUNS} cases)`, () => {
    const objects = fc.array(fc.oneof(mutatedObject, value), { maxLength: 12 }).map((vs) => vs
      .map((v) => jsonOf(v))
      // What reading hands on: mappings kubectl would send (kind, apiVersion, metadata.name as strings…).
      .filter((o): o is KubeObject => typeof o === 'object' && o !== null && !Array.isArray(o) && objectProblem(o as Record<string, unknown>) === undefined)
      .map((object, i): ManifestObject => ({ object, file: 'fuzz/a.yaml', line: i + 1 })));
    fc.assert(fc.property(objects, (ms) => {
      const policy = applyPolicy(ms, { labNamespace: 'default', images: IMAGES });
      const refusedLines = new Set(policy.rejected.map((r) => r.line));
      expect(policy.allowed.length + refusedLines.size).toBe(ms.length);
      for (const r of policy.rejected) expect(isText(r.reason) && !INTERNAL.test(r.reason.en), r.reason.en).toBe(true);
      for (const input of [policy.allowed, ms]) {
        const quota = quotaPreflight(input, reference, { reserved: probeUsage({ probes: [] }) });
        expect(quota.allowed.length + quota.refused.length).toBe(input.length);
        expect(applyOrder(quota.allowed)).toHaveLength(quota.allowed.length);
        for (const w of [...quota.refused.map((r) => r.reason), ...quota.warnings.map((w) => w.message)]) expect(isText(w) && !INTERNAL.test(w.en), w.en).toBe(true);
      }
    }), PARAMS);
  }, TIMEOUT);
});

// ---- The reported case, and the boundary around a student in grading ---------------------------------------------

/** The issue's file: a ConfigMap of 20 KB of JSON nested 10 000 deep. */
const DEEP_JSON = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;

describe('a 20 KB JSON file nested 10 000 deep', () => {
  it('is a file issue with file:line for its student; the others are planned as before', () => {
    expect(DEEP_JSON.length).toBeGreaterThan(20_000);
    const report = dryRun(lab, classFolder({ ann: correct, deep: { ...correct, 'deep.json': DEEP_JSON }, zoe: correct }));
    expect(report.students.map((s) => s.student)).toEqual(['ann', 'deep', 'zoe']);
    const deep = report.students[1]!;
    expect(deep.issues).toEqual([{ file: 'deep/deep.json', line: 1, col: 72 + MAX_DEPTH, message: { ko: `JSON: 너무 깊게 중첩되어 있어 읽을 수 없습니다 (${MAX_DEPTH}단계 초과)`, en: `JSON: nested too deeply to be read (more than ${MAX_DEPTH} levels)` } }]);
    expect(deep.apply).toEqual(baseline.apply.map((a) => ({ ...a, file: a.file.replace('good/', 'deep/') })));
    for (const s of [report.students[0]!, report.students[2]!]) expect(s).toEqual({ ...baseline, student: s.student, apply: baseline.apply.map((a) => ({ ...a, file: a.file.replace('good/', `${s.student}/`) })) });
  });

  it('costs only its student when graded: everyone gets a result', async () => {
    const root = classFolder({ ann: { 'svc.yaml': correct['redis-headless-service.yaml']! }, deep: { 'svc.yaml': correct['redis-headless-service.yaml']!, 'deep.json': DEEP_JSON } });
    const o = gradeOptions(root);
    const rs = await gradeAll(o);
    expect(rs.map((r) => [r.student, r.status, r.checks.find((c) => c.id === 'service-headless')?.status])).toEqual([['ann', 'graded', 'pass'], ['deep', 'graded', 'pass']]);
    expect(rs[1]!.fileIssues.map((i) => `${i.file}:${i.line}:${i.col} ${i.message.en}`)).toEqual([`deep/deep.json:1:${72 + MAX_DEPTH} JSON: nested too deeply to be read (more than ${MAX_DEPTH} levels)`]);
  });
});

describe('depth caps where files are read', () => {
  const cm = (data: string) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d"},"data":${data}}`;
  const issues = (src: string, file = 'a.json') => parseManifests(src, file).issues.map((i) => `${i.file}:${i.line}:${i.col} ${i.message.en}`);

  it('takes JSON nested up to the cap, and refuses one level more at the bracket that crosses it, strings aside', () => {
    // The ConfigMap itself is one level: its data may nest MAX_DEPTH - 1 more.
    expect(issues(cm(`${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}`))).toEqual([]);
    expect(issues(cm(`${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`))).toEqual([`a.json:1:${69 + MAX_DEPTH} JSON: nested too deeply to be read (more than ${MAX_DEPTH} levels)`]);
    expect(issues(cm(`{"a": "${'['.repeat(MAX_DEPTH * 2)}\\\"[["}`))).toEqual([]);
    // The second of two JSON values in a file, on its own line.
    expect(issues(`${cm('{}')}\n${cm(`${'{"a":'.repeat(MAX_DEPTH)}1${'}'.repeat(MAX_DEPTH)}`)}`)).toEqual([`a.json:2:${65 + MAX_DEPTH * 5} JSON: nested too deeply to be read (more than ${MAX_DEPTH} levels)`]);
  });

  it('counts YAML depth through aliases, where the text nests less than the value', () => {
    let y = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: chain}\nx:\n  a0: &a0 [[[[[[[[[[]]]]]]]]]]\n';
    for (let i = 1; i < 60; i++) y += `  a${i}: &a${i} [[[[[[[[[[*a${i - 1}]]]]]]]]]]\n`;
    expect(issues(y, 'a.yaml')).toEqual([expect.stringMatching(new RegExp(`^a\\.yaml:\\d+:\\d+ YAML: nested too deeply to be read \\(more than ${MAX_DEPTH} levels\\)$`))]);
  });

  it('lists at most a hundred problems of one file, and counts the rest', () => {
    const r = parseManifests('---x\n'.repeat(5_000), 'a.yaml');
    expect(r.issues).toHaveLength(101);
    expect(r.issues[100]).toMatchObject({ file: 'a.yaml', line: 101, message: { en: '4900 more problems in this file are not listed (only the first 100 are)' } });
  });
});

describe('the boundary around a student in grading', () => {
  it('turns an exception in the policy step into that student\'s error, and grades the others', async () => {
    const root = classFolder({ ann: { 'svc.yaml': correct['redis-headless-service.yaml']! }, ben: { 'svc.yaml': correct['redis-headless-service.yaml']! } });
    const o = gradeOptions(root);
    // A defect only the first student's input reaches: the policy step throws once, as structuredClone did.
    let calls = 0;
    const images = o.lab.images;
    const lab = Object.defineProperty({ ...o.lab }, 'images', { get: () => (calls++ === 0 ? (() => { throw new RangeError('Maximum call stack size exceeded'); })() : images) });
    const rs = await gradeAll({ ...o, lab, parallel: 1 });
    expect(rs.map((r) => [r.student, r.status])).toEqual([['ann', 'error'], ['ben', 'graded']]);
    expect(rs[0]!.error).toEqual({
      ko: '정책과 사전 검사 중 예상하지 못한 오류가 났습니다: RangeError: Maximum call stack size exceeded (채점기의 결함일 수 있으니 알려 주세요)',
      en: 'unexpected error while checking the policy and the preflight: RangeError: Maximum call stack size exceeded (please report this)',
    });
    expect(rs[0]!.maxScore).toBe(rs[1]!.maxScore);
    expect(rs[0]!.error!.en).not.toMatch(/\n|at .*\.ts:/);
  });

  it('names the file and line when the error carries them', async () => {
    const o = gradeOptions(classFolder({ ann: { 'svc.yaml': correct['redis-headless-service.yaml']! } }));
    const lab = Object.defineProperty({ ...o.lab }, 'images', { get: () => { throw Object.assign(new TypeError('x is not a function'), { file: 'ann/svc.yaml', line: 2 }); } });
    const r = await gradeOne({ ...o, lab }, 'ann');
    expect(r).toMatchObject({ student: 'ann', status: 'error', namespace: expect.stringMatching(/^labs-redis-statefulset-ann-/), checks: [] });
    expect(r.error!.en).toBe('ann/svc.yaml:2: unexpected error while checking the policy and the preflight: TypeError: x is not a function (please report this)');
  });

  it('turns an unexpected error while making the namespace into that student\'s error, and deletes what was made', async () => {
    const root = classFolder({ ann: { 'svc.yaml': correct['redis-headless-service.yaml']! }, ben: { 'svc.yaml': correct['redis-headless-service.yaml']! } });
    const o = gradeOptions(root);
    const kube = o.kube as FakeKube;
    const create = kube.create.bind(kube);
    kube.create = async (obj, ns, opt) => {
      if (ns?.startsWith('labs-redis-statefulset-ann-') && obj.kind !== 'Namespace') throw new Error('socket hang up');
      return create(obj, ns, opt);
    };
    const rs = await gradeAll(o);
    expect(rs.map((r) => [r.student, r.status])).toEqual([['ann', 'error'], ['ben', 'graded']]);
    expect(rs[0]!.error!.en).toBe('unexpected error while setting up the grading namespace: Error: socket hang up (please report this)');
    expect(rs[0]!.phases).toMatchObject({ setup: expect.any(Number), cleanup: expect.any(Number) });
    expect(kube.objects.filter((x) => x.kind === 'Namespace')).toEqual([]);
  });
});

function gradeOptions(root: string): GradeOptions {
  const out = mkdtempSync(join(tmpdir(), 'fuzz-grades-'));
  roots.push(out);
  return {
    lab: findLab('week3-day3/redis-statefulset'), root, kube: new FakeKube(), context: 'fake', parallel: 2, out, keepFailed: false, regrade: false,
    submissionTimeoutSeconds: 60, lang: 'en', log: () => undefined, actionTimeoutCapSeconds: 0.01, checkTimeoutCapSeconds: 0.01,
  };
}
