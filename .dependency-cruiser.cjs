// The rooms of src/ and the one-way arrows between them, checked by `scripts/check-layers` (run by scripts/test-all).
// A folder may import only the folders below it (its tests may import anything); README's "Architecture" says what each room holds.
// Lowest first: each entry may import the entries before it (never one of its own row's neighbours, never one after).
const LAYERS = [
  ['k8s', 'files.ts'], // what Kubernetes means (kinds, quantities, selectors, the kubelet's environment, admission, readiness, image names); files written atomically
  ['model'], // the shapes every room shares: labs, checks, results, the client interface, texts
  ['errors.ts'], // errors with their exit codes and texts
  ['exec', 'check', 'kube'], // running commands; the public check API; the API server client, its cache and fake
  ['assert'], // checks written as data: paths, matching, the engine, explanations
  ['load'], // lab.yaml, manifests and check files read and validated
  ['run'], // a step from lab.yaml to a verdict: apply, wait, actions, probes, results
  ['cluster'], // provisioning a cluster, connecting to it, its images, doctor
  ['grade'], // a class: submissions and archives, the grading boundary, the gradebook
  ['report'], // every rendering: a run (terminal, JSON, JUnit), a class (CSV, Markdown, the HTML dashboard)
  ['cli'], // the commands
];

const room = (name) => (name.endsWith('.ts') ? `^src/${name.replace('.', '[.]')}$` : `^src/${name}/`);

const layerRules = LAYERS.flatMap((row, i) =>
  row.map((name) => {
    const allowed = LAYERS.slice(0, i).flat().map(room);
    return {
      name: `layer-${name.replace('.ts', '')}`,
      comment: `src/${name} may import only ${LAYERS.slice(0, i).flat().join(', ') || 'nothing of src/'} (and itself)`,
      severity: 'error',
      from: { path: room(name), pathNot: '[.]test[.]ts$' },
      to: { path: '^src/', pathNot: [room(name), ...allowed] },
    };
  }),
);

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-cycles',
      comment: 'no module depends on itself through others, type-only imports included',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-code-shipped',
      comment: 'the shipped build (src/ without tests) never imports tests, the fake client or test helpers',
      severity: 'error',
      from: { path: '^src/', pathNot: '[.]test[.]ts$' },
      to: { path: ['[.]test[.]ts$', '^test/', '^src/kube/fake[.]ts$'] },
    },
    {
      name: 'every-room-known',
      comment: 'a new folder (or top-level file) of src/ takes its place in LAYERS first',
      severity: 'error',
      from: { path: '^src/', pathNot: LAYERS.flat().map(room) },
      to: {},
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
