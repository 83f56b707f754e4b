// Records, on a real cluster, the answers src/k8s must give as Kubernetes gives them:
//   test/fixtures/k8s/env.json        the environment the kubelet gives a container (printed by `env` in the
//                                     container), or its refusal (CreateContainerConfigError), for each env spec
//   test/fixtures/k8s/admission.json  what the API server admits (server-side dry run, so mutating and validating
//                                     admission both run) or refuses, per LimitRange variant; and what it makes
//                                     of quantities (as parsed, and as a resource request)
//   test/fixtures/k8s/selectors.json  which pods a label selector lists
// src/k8s/{env,admission,quantity,selector}.test.ts replay them. Every namespace it makes is deleted at the end, also on
// failure or Ctrl-C.
//   node --import tsx scripts/capture-k8s-fixtures.ts --context labs-local [--kubeconfig FILE] [env|admission|selectors…]
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createNamespace, deleteNamespace, namespaceName } from '../src/cluster/namespace.ts';
import { gradingLimitRange } from '../src/grade/limits.ts';
import { Kube, loadKubeConfig } from '../src/kube/client.ts';
import { request, type HttpTarget } from '../src/kube/http.ts';
import { PROJECT_ROOT } from '../src/load/load-labs.ts';
import { KIND, type ApiObject } from '../src/model/kube.ts';
import { writeJson } from '../src/files.ts';
import { waitOn } from '../src/run/wait.ts';

const { values, positionals } = parseArgs({ options: { context: { type: 'string' }, kubeconfig: { type: 'string' } }, allowPositionals: true });
const kc = loadKubeConfig(values.context, values.kubeconfig);
const kube = new Kube(kc);
const target: HttpTarget = { server: new URL(kc.getCurrentCluster()!.server), kc, headers: {} };
const OUT = join(PROJECT_ROOT, 'test', 'fixtures', 'k8s');
const SCRIPT = 'scripts/capture-k8s-fixtures.ts';
const IMAGE = 'busybox';
const PAUSE = 'registry.k8s.io/pause:3.10';

/** kubectl against the same cluster; stdout as bytes (a container's log need not be UTF-8). */
function kubectl(args: string[], input?: string): Promise<{ stdout: Buffer; stderr: string; exitCode: number }> {
  const base = [...(values.kubeconfig ? ['--kubeconfig', values.kubeconfig] : []), ...(values.context ? ['--context', values.context] : [])];
  return new Promise((resolve) => {
    const child = execFile('kubectl', [...base, ...args], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ stdout, stderr: stderr.toString('utf8'), exitCode: err ? (typeof err.code === 'number' ? err.code : 1) : 0 });
    });
    child.stdin?.end(input ?? '');
  });
}

async function kubectlOk(args: string[], input?: string): Promise<Buffer> {
  const r = await kubectl(args, input);
  if (r.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.exitCode}: ${r.stderr.trim()}`);
  return r.stdout;
}

const strip = (o: ApiObject): ApiObject => {
  const c = structuredClone(o);
  delete (c.metadata as { managedFields?: unknown }).managedFields;
  return c;
};

const namespaces: string[] = [];
let cleaning: Promise<void> | undefined;
/** Deletes every namespace this run made (not waiting for them to go). */
function cleanUp(): Promise<void> {
  cleaning ??= Promise.all(namespaces.map((ns) => deleteNamespace(kube, ns).catch((e: unknown) => process.stderr.write(`could not delete namespace ${ns}: ${String(e)}\n`)))).then(() => undefined);
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void cleanUp().finally(() => process.exit(130)));

/** A fresh namespace, whose default ServiceAccount exists (pods are refused until it does). */
async function freshNamespace(part: string): Promise<string> {
  const ns = namespaceName('labs-k8s', part);
  namespaces.push(ns);
  await createNamespace(kube, ns);
  await waitOn(undefined, `serviceaccount ${ns}/default`, 60, async () =>
    (await kube.get(KIND.serviceAccount, 'default', ns)) ? { done: true, value: undefined } : { done: false, why: 'not created yet' });
  return ns;
}

const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
const secret = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', stringData: data });

// ---------------------------------------------------------------- environment

/** One environment case: the container's env spec and what else the pod says. */
interface EnvCase {
  name: string;
  about: string;
  container: Record<string, unknown>;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  enableServiceLinks?: boolean;
  /** The kubelet will not start the container: record its waiting reason instead of a log. */
  refused?: true;
}

/** Objects the env cases read, created before any pod. */
const ENV_OBJECTS = [
  secret('creds', { USERNAME: 'admin', PASSWORD: 's3cr3t!' }),
  configMap('app-config', { MODE: 'production', LOG_LEVEL: 'debug', WELCOME: '환영합니다' }),
  secret('tricky', { TEMPLATE: '$(A)-$$-end' }),
  configMap('tricky-config', { RAW: '$(A) and $$' }),
  secret('mode-secret', { MODE: 'from-secret', ONLY_SECRET: 'yes' }),
  configMap('odd-keys', { '1STARTS_WITH_DIGIT': 'a', 'with.dot': 'b', 'has-dash': 'c', ok_key: 'd' }),
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-api' }, spec: { selector: { app: 'nothing' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db-headless' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 3306 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.invalid' } },
];

const v = (name: string, value: string) => ({ name, value });
const ENV_CASES: EnvCase[] = [
  { name: 'baseline', about: 'no env and no service links: only the image, the runtime and the kubernetes Service', container: {}, enableServiceLinks: false },
  { name: 'envfrom-secret', about: 'envFrom secretRef', container: { envFrom: [{ secretRef: { name: 'creds' } }] } },
  { name: 'envfrom-configmap-prefix', about: 'envFrom configMapRef with a prefix', container: { envFrom: [{ configMapRef: { name: 'app-config' }, prefix: 'APP_' }] } },
  { name: 'envfrom-optional-missing', about: 'envFrom of an optional ConfigMap and Secret that do not exist', container: { envFrom: [{ configMapRef: { name: 'absent-config', optional: true } }, { secretRef: { name: 'absent-secret', optional: true } }], env: [v('STILL_HERE', 'yes')] } },
  { name: 'envfrom-key-names', about: 'envFrom of ConfigMap keys that are not C identifiers', container: { envFrom: [{ configMapRef: { name: 'odd-keys' } }] } },
  { name: 'secret-key-ref', about: 'valueFrom secretKeyRef', container: { env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'PASSWORD' } } }] } },
  { name: 'configmap-key-ref', about: 'valueFrom configMapKeyRef', container: { env: [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'LOG_LEVEL' } } }] } },
  {
    name: 'dollar-escape', about: '$$ is a $; a $ that starts nothing stays',
    container: { env: [v('PASSWORD', 'Pa$$w0rd'), v('ESCAPED_REF', '$$(PASSWORD)'), v('TRAILING', 'cost$'), v('LONE', 'a$b'), v('OPEN', 'x$(y'), v('CLOSE', '$)'), v('FOUR', '$$$$'), v('THREE', '$$$')] },
  },
  { name: 'expand-earlier', about: '$(VAR) of an earlier variable', container: { env: [v('A', 'alpha'), v('B', '$(A)-beta'), v('C', '$(A)$(B)')] } },
  { name: 'expand-later', about: '$(VAR) of a later variable is not expanded', container: { env: [v('X', '$(Y)-x'), v('Y', 'why')] } },
  { name: 'expand-undefined', about: '$(VAR) of an undefined variable is kept; empty and nested references', container: { env: [v('A', 'a'), v('B', 'b'), v('U', '$(NOT_DEFINED)'), v('EMPTY_NAME', '$()'), v('NESTED', '$(A$(B))'), v('SPACE', '$( A )')] } },
  {
    name: 'expand-envfrom', about: '$(VAR) of envFrom and service link variables',
    container: { envFrom: [{ configMapRef: { name: 'app-config' }, prefix: 'CFG_' }], env: [v('GREETING', 'mode=$(CFG_MODE)'), v('API', '$(WEB_API_SERVICE_HOST):$(WEB_API_SERVICE_PORT)'), v('MASTER', '$(KUBERNETES_SERVICE_HOST)')] },
  },
  {
    name: 'secret-value-not-expanded', about: 'values read from a Secret or a ConfigMap are not expanded',
    container: {
      envFrom: [{ secretRef: { name: 'tricky' }, prefix: 'FROM_' }],
      env: [v('A', 'alpha'), { name: 'T', valueFrom: { secretKeyRef: { name: 'tricky', key: 'TEMPLATE' } } }, { name: 'R', valueFrom: { configMapKeyRef: { name: 'tricky-config', key: 'RAW' } } }, v('USES_T', '<$(T)>')],
    },
  },
  {
    name: 'duplicates', about: 'the last of duplicate names wins; env overrides envFrom; a later envFrom overrides an earlier one',
    container: {
      envFrom: [{ configMapRef: { name: 'app-config' } }, { secretRef: { name: 'mode-secret' } }],
      env: [v('DUP', 'first'), v('SEEN_FIRST', '$(DUP)'), v('DUP', 'second'), v('SEEN_SECOND', '$(DUP)'), v('LOG_LEVEL', 'override')],
    },
  },
  {
    name: 'optional-key-missing', about: 'optional references to a missing key, ConfigMap or Secret set nothing; the envFrom value stays',
    container: {
      envFrom: [{ configMapRef: { name: 'app-config' } }],
      env: [
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'NO_SUCH_KEY', optional: true } } },
        { name: 'OPT_SECRET_KEY', valueFrom: { secretKeyRef: { name: 'creds', key: 'NO_SUCH_KEY', optional: true } } },
        { name: 'OPT_CONFIGMAP', valueFrom: { configMapKeyRef: { name: 'absent-config', key: 'X', optional: true } } },
        { name: 'OPT_SECRET', valueFrom: { secretKeyRef: { name: 'absent-secret', key: 'X', optional: true } } },
      ],
    },
  },
  {
    name: 'field-refs', about: 'the downward API: fieldRef and resourceFieldRef',
    labels: { app: 'envtest', empty: '' }, annotations: { note: 'hello' },
    container: {
      resources: { requests: { cpu: '100m', memory: '32Mi' }, limits: { cpu: '250m', memory: '64Mi' } },
      env: [
        ...Object.entries({
          POD_NAME: 'metadata.name', POD_NAMESPACE: 'metadata.namespace', POD_UID: 'metadata.uid', POD_IP: 'status.podIP', POD_IPS: 'status.podIPs',
          HOST_IP: 'status.hostIP', NODE: 'spec.nodeName', SA: 'spec.serviceAccountName', APP: "metadata.labels['app']", EMPTY_LABEL: "metadata.labels['empty']",
          MISSING_LABEL: "metadata.labels['nope']", NOTE: "metadata.annotations['note']",
        }).map(([name, fieldPath]) => ({ name, valueFrom: { fieldRef: { fieldPath } } })),
        { name: 'MEM_LIMIT_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        { name: 'CPU_REQUEST_M', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
        { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        { name: 'MEM_REQUEST', valueFrom: { resourceFieldRef: { containerName: 'c', resource: 'requests.memory' } } },
        v('REF_NAME', '$(POD_NAME)@$(POD_NAMESPACE)'),
      ],
    },
  },
  { name: 'service-links', about: "service link variables of the namespace's Services with a cluster IP", container: { env: [v('URL', '$(WEB_API_PORT)')] } },
  { name: 'service-links-disabled', about: 'enableServiceLinks: false keeps only the kubernetes Service', enableServiceLinks: false, container: { env: [v('REF', '$(WEB_API_SERVICE_HOST)'), v('MASTER', '$(KUBERNETES_SERVICE_HOST)')] } },
  {
    name: 'non-ascii', about: 'non-ASCII values, and a $ followed by a non-ASCII character',
    container: {
      envFrom: [{ configMapRef: { name: 'app-config' }, prefix: 'CM_' }],
      env: [v('GREETING', '안녕하세요'), v('DOLLAR_ACCENT', '$é'), v('DOLLAR_HANGUL', 'price $원'), v('REF_THEN_ACCENT', '$(GREETING)é'), v('EURO', 'café $$€')],
    },
  },
  { name: 'refused-missing-secret-key', about: 'a non-optional secretKeyRef to a missing key', refused: true, container: { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'creds', key: 'NO_SUCH_KEY' } } }] } },
  { name: 'refused-missing-configmap', about: 'a non-optional envFrom of a missing ConfigMap', refused: true, container: { envFrom: [{ configMapRef: { name: 'absent-config' } }] } },
  { name: 'refused-missing-secret', about: 'a non-optional secretKeyRef to a missing Secret', refused: true, container: { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'absent-secret', key: 'X' } } }] } },
];

/** `env` output, NAME=VALUE per line, as strings; values that are not UTF-8 also as base64. */
function parseEnv(out: Buffer): { env: Record<string, string>; notUtf8: Record<string, string> } {
  const env: Record<string, string> = {};
  const notUtf8: Record<string, string> = {};
  const strict = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  while (start < out.length) {
    let end = out.indexOf(0x0a, start);
    if (end < 0) end = out.length;
    const line = out.subarray(start, end);
    start = end + 1;
    const eq = line.indexOf(0x3d);
    if (eq <= 0) throw new Error(`not NAME=VALUE in env output: ${JSON.stringify(line.toString('utf8'))}`);
    const name = line.subarray(0, eq).toString('utf8');
    const value = line.subarray(eq + 1);
    env[name] = value.toString('utf8');
    try {
      strict.decode(value);
    } catch {
      notUtf8[name] = Buffer.from(value).toString('base64');
    }
  }
  return { env, notUtf8 };
}

async function captureEnvCase(ns: string, c: EnvCase, kubernetesService: ApiObject) {
  const pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: c.name, ...(c.labels ? { labels: c.labels } : {}), ...(c.annotations ? { annotations: c.annotations } : {}) },
    spec: {
      restartPolicy: 'Never', terminationGracePeriodSeconds: 0, ...(c.enableServiceLinks === undefined ? {} : { enableServiceLinks: c.enableServiceLinks }),
      containers: [{ name: 'c', image: IMAGE, imagePullPolicy: 'IfNotPresent', command: ['env'], ...c.container }],
    },
  };
  await kube.create(pod, ns);
  const ran = await waitOn(undefined, `pod ${ns}/${c.name}`, 180, async () => {
    const p = await kube.get(KIND.pod, c.name, ns);
    const status = p?.status as { phase?: string; containerStatuses?: { state?: { waiting?: { reason?: string; message?: string } } }[] } | undefined;
    const waiting = status?.containerStatuses?.[0]?.state?.waiting;
    if (c.refused && waiting?.reason === 'CreateContainerConfigError') return { done: true, value: p! };
    if (status?.phase === 'Succeeded' && !c.refused) return { done: true, value: p! };
    if (status?.phase === 'Failed' || (waiting?.reason && waiting.reason !== 'ContainerCreating' && !c.refused)) throw new Error(`pod ${c.name}: ${status?.phase} ${JSON.stringify(waiting)}`);
    return { done: false, why: `phase ${status?.phase ?? 'unknown'}${waiting?.reason ? `, ${waiting.reason}` : ''}` };
  });
  const [configMaps, secrets, services] = await Promise.all([KIND.configMap, KIND.secret, KIND.service].map((k) => kube.list(k, ns)));
  const record = {
    name: c.name, about: c.about, container: 'c', pod: strip(ran),
    configMaps: configMaps!.map(strip), secrets: secrets!.map(strip), services: services!.map(strip), kubernetesService,
  };
  if (c.refused) {
    const waiting = (ran.status as { containerStatuses: { state: { waiting: { reason: string; message: string } } }[] }).containerStatuses[0]!.state.waiting;
    return { ...record, refused: { reason: waiting.reason, message: waiting.message } };
  }
  const { env, notUtf8 } = parseEnv(await kubectlOk(['logs', '-n', ns, c.name]));
  if (c.enableServiceLinks !== false && !('WEB_API_SERVICE_HOST' in env)) throw new Error(`pod ${c.name} ran before the kubelet saw Service web-api; run again`);
  return { ...record, env, ...(Object.keys(notUtf8).length ? { envNotUtf8Base64: notUtf8 } : {}) };
}

async function captureEnv(server: string) {
  const ns = await freshNamespace('env');
  for (const o of ENV_OBJECTS) await kube.create(o as ApiObject, ns);
  const kubernetesService = strip((await kube.get(KIND.service, 'kubernetes', 'default'))!);
  const cases = await Promise.all(ENV_CASES.map((c) => captureEnvCase(ns, c, kubernetesService)));
  writeJson(join(OUT, 'env.json'), {
    capturedBy: SCRIPT, serverVersion: server,
    about: 'Per case: the Pod as the API server returned it after it ran, the namespace\'s ConfigMaps, Secrets and Services then, the kubernetes Service of default (the kubelet always links it), and the environment `env` printed in the container (or the kubelet\'s refusal).',
    namespace: ns, image: IMAGE, cases,
  });
  process.stdout.write(`env: ${cases.length} cases\n`);
}

// ---------------------------------------------------------------- admission

/** One object sent to the API server under a LimitRange: a pod spec or a claim's storage request. */
interface AdmissionCase {
  name: string;
  about: string;
  pod?: Record<string, unknown>;
  claim?: string;
}

const ctr = (name: string, resources?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ name, image: PAUSE, imagePullPolicy: 'IfNotPresent', ...extra, ...(resources ? { resources } : {}) });
const one = (resources?: Record<string, unknown>) => ({ containers: [ctr('c', resources)] });
const limitRange = (name: string, limits: unknown[]) => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name }, spec: { limits } });

const ADMISSION: { variant: string; limitRange: Record<string, unknown>; cases: AdmissionCase[] }[] = [
  {
    variant: 'default-and-default-request',
    limitRange: limitRange('defaults', [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '256Mi' } }]),
    cases: [
      { name: 'no-resources', about: 'gets the default limits and requests', pod: one() },
      { name: 'requests-under-default-limit', about: 'a request under the default limit', pod: one({ requests: { memory: '128Mi' } }) },
      { name: 'requests-over-default-limit', about: 'a 1Gi request over the 512Mi default limit', pod: one({ requests: { memory: '1Gi' } }) },
      { name: 'limits-only', about: 'requests default to the limits, not to defaultRequest', pod: one({ limits: { cpu: '1', memory: '1Gi' } }) },
      { name: 'request-above-limit', about: 'a request above its explicit limit', pod: one({ requests: { cpu: '2' }, limits: { cpu: '1' } }) },
      { name: 'init-container', about: 'init containers get the defaults too', pod: { initContainers: [ctr('init')], containers: [ctr('c', { requests: { cpu: '200m' } })] } },
      { name: 'sidecar', about: 'a restartable init container (sidecar)', pod: { initContainers: [ctr('side', { limits: { memory: '128Mi' } }, { restartPolicy: 'Always' })], containers: [ctr('c')] } },
      { name: 'two-containers', about: 'each container defaulted on its own', pod: { containers: [ctr('a', { limits: { cpu: '300m' } }), ctr('b', { requests: { memory: '100M' } })] } },
    ],
  },
  {
    variant: 'max-only',
    limitRange: limitRange('max', [{ type: 'Container', max: { cpu: '1', memory: '1Gi' } }]),
    cases: [
      { name: 'no-resources', about: 'default and defaultRequest come from max', pod: one() },
      { name: 'requests-under-max', about: 'a request only: the limit defaults to max', pod: one({ requests: { cpu: '500m' } }) },
      { name: 'above-max', about: 'a limit above max', pod: one({ limits: { cpu: '2' } }) },
      { name: 'above-max-decimal-unit', about: 'a limit above max in decimal units (the message shows it as written)', pod: one({ limits: { memory: '2G' } }) },
      { name: 'above-max-both', about: 'cpu and memory above max', pod: one({ limits: { cpu: '1500m', memory: '1.5Gi' } }) },
      { name: 'request-above-max', about: 'a request above max and no limit: the limit defaults to max, below the request', pod: one({ requests: { memory: '1.5Gi' } }) },
    ],
  },
  {
    variant: 'min',
    limitRange: limitRange('min', [{ type: 'Container', min: { cpu: '100m', memory: '64Mi' } }, { type: 'PersistentVolumeClaim', min: { storage: '1Gi' } }]),
    cases: [
      { name: 'no-resources', about: 'defaultRequest comes from min', pod: one() },
      { name: 'below-min-request', about: 'a request below min', pod: one({ requests: { cpu: '50m' } }) },
      { name: 'below-min-limit', about: 'a limit below min (its request defaults to it)', pod: one({ limits: { memory: '32Mi' } }) },
      { name: 'below-min-decimal-unit', about: 'a request below min in decimal units', pod: one({ requests: { memory: '50M' } }) },
      { name: 'below-min-fraction', about: 'a request below min written as a fraction', pod: one({ requests: { cpu: '0.05' } }) },
      { name: 'claim-below-min', about: 'a claim below the PersistentVolumeClaim min', claim: '500Mi' },
    ],
  },
  {
    variant: 'max-limit-request-ratio',
    limitRange: limitRange('ratio', [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }]),
    cases: [
      { name: 'ratio-exceeded', about: 'limit 5x the request', pod: one({ requests: { cpu: '100m' }, limits: { cpu: '500m' } }) },
      { name: 'ratio-fraction', about: 'a ratio that is not whole', pod: one({ requests: { cpu: '300m' }, limits: { cpu: '1' } }) },
      { name: 'ratio-ok', about: 'limit 2x the request', pod: one({ requests: { cpu: '250m' }, limits: { cpu: '500m' } }) },
      { name: 'ratio-no-resources', about: 'no request at all', pod: one() },
      { name: 'ratio-limits-only', about: 'the request defaults to the limit: ratio 1', pod: one({ limits: { cpu: '1' } }) },
    ],
  },
  {
    variant: 'grading',
    limitRange: gradingLimitRange() as unknown as Record<string, unknown>,
    cases: [
      { name: 'no-resources', about: 'the grading defaults', pod: one() },
      { name: 'requests-only', about: 'a 1Gi request, under the 4Gi default limit', pod: one({ requests: { memory: '1Gi' } }) },
      { name: 'request-above-max', about: 'a request above max without a limit', pod: one({ requests: { memory: '5Gi' } }) },
      { name: 'limit-above-max', about: 'a limit above max', pod: one({ limits: { cpu: '3' } }) },
      { name: 'init-container', about: 'an init container and an app container', pod: { initContainers: [ctr('init', { requests: { cpu: '1' } })], containers: [ctr('c', { limits: { memory: '256Mi' } })] } },
      { name: 'claim-above-max', about: 'a claim above the PersistentVolumeClaim max', claim: '6Gi' },
      { name: 'claim-under-max', about: 'a claim under the PersistentVolumeClaim max', claim: '1Gi' },
    ],
  },
  {
    variant: 'pod-max',
    limitRange: limitRange('pod-max', [{ type: 'Pod', max: { cpu: '1' } }]),
    cases: [
      { name: 'pod-sum-above-max', about: 'each container under the Pod max, their sum above it', pod: { containers: [ctr('a', { limits: { cpu: '600m' } }), ctr('b', { limits: { cpu: '600m' } })] } },
      { name: 'pod-sum-under-max', about: 'the sum under the Pod max', pod: { containers: [ctr('a', { limits: { cpu: '400m' } }), ctr('b', { limits: { cpu: '600m' } })] } },
    ],
  },
];

/**
 * What the API server says to a server-side dry run of `object` (dryRun=All, as `kubectl create --dry-run=server`
 * sends it: mutating and validating admission both run, nothing is stored): the object as admitted, or the
 * Status it refused it with. Sent over REST because kubectl rewrites the Status message ("The Pod …").
 */
async function dryRun(ns: string, object: ApiObject): Promise<{ admitted: ApiObject } | { refused: { code: number; reason: string; message: string } }> {
  const path = await kube.path({ apiVersion: object.apiVersion, kind: object.kind }, ns);
  const res = await request(target, 'POST', `${path}?dryRun=All`, { timeoutMs: 30_000, body: JSON.stringify(object), contentType: 'application/json' });
  const body = JSON.parse(res.text) as ApiObject & { code: number; reason: string; message: string };
  if (res.status >= 200 && res.status < 300) return { admitted: body };
  if (body.kind !== 'Status') throw new Error(`dry run of ${object.kind} ${object.metadata.name}: HTTP ${res.status} without a Status: ${res.text}`);
  return { refused: { code: body.code, reason: body.reason, message: body.message } };
}

/** Quantities as the API server reads them: strings, and JSON numbers. */
const QUANTITIES: (string | number)[] = [
  '1Gi', '1024Mi', '500m', '0.5', 1e3, 0.5, '1.5Gi', '100k', '12Ei', '1e3', '1E3', '2e-3', '.5', '5.', '+1', '0.1Ki', '1n', '0.0000000001', '1Gb', 'lots', ' 1', '1 ', '1 Gi', '1gi', '1K', '',
];

/**
 * Each quantity twice in one pod: as an emptyDir's sizeLimit (the quantity as parsed) and as a memory request (a
 * resource list, which the API server's defaulting also rounds up to a milli-unit).
 */
async function captureQuantities() {
  const ns = await freshNamespace('quantities');
  const out = [];
  for (const [i, q] of QUANTITIES.entries()) {
    const pod = { containers: [ctr('c', { requests: { memory: q } })], volumes: [{ name: 'v', emptyDir: { sizeLimit: q } }] };
    const answer = await dryRun(ns, { apiVersion: 'v1', kind: 'Pod', metadata: { name: `q${i}` }, spec: pod });
    if ('refused' in answer) {
      out.push({ sent: q, refused: answer.refused.message });
      continue;
    }
    const spec = answer.admitted.spec as { containers: { resources: { requests: { memory: string } } }[]; volumes: { emptyDir: { sizeLimit: string } }[] };
    out.push({ sent: q, sizeLimit: spec.volumes[0]!.emptyDir.sizeLimit, request: spec.containers[0]!.resources.requests.memory });
  }
  return out;
}

async function captureAdmission(server: string) {
  const variants = await Promise.all(ADMISSION.map(async (variant) => {
    const ns = await freshNamespace(`admission-${variant.variant}`);
    const sent = variant.limitRange;
    await kube.create(sent as ApiObject, ns);
    const name = (sent.metadata as { name: string }).name;
    const stored = JSON.parse((await kubectlOk(['get', 'limitrange', name, '-n', ns, '-o', 'json'])).toString('utf8')) as ApiObject;
    const cases = [];
    for (const c of variant.cases) {
      const object: ApiObject = c.pod
        ? { apiVersion: 'v1', kind: 'Pod', metadata: { name: c.name }, spec: c.pod }
        : { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: c.name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: c.claim } } } };
      const answer = await dryRun(ns, object);
      if ('refused' in answer) {
        cases.push({ name: c.name, about: c.about, sent: object, refused: answer.refused });
        continue;
      }
      const spec = answer.admitted.spec as { containers?: { name: string; resources?: unknown }[]; initContainers?: { name: string; resources?: unknown }[]; resources?: unknown };
      const admitted = c.pod
        ? { containers: [...(spec.initContainers ?? []).map((x) => ({ field: 'initContainers', name: x.name, resources: x.resources ?? {} })), ...(spec.containers ?? []).map((x) => ({ field: 'containers', name: x.name, resources: x.resources ?? {} }))] }
        : { resources: spec.resources };
      cases.push({ name: c.name, about: c.about, sent: object, admitted });
    }
    return { variant: variant.variant, namespace: ns, sentLimitRange: sent, storedLimitRange: strip(stored), cases };
  }));
  const quantities = await captureQuantities();
  writeJson(join(OUT, 'admission.json'), {
    capturedBy: SCRIPT, serverVersion: server,
    about: 'Per LimitRange variant: the LimitRange sent and as stored; per case the Pod (or PVC) sent as a server-side dry run (dryRun=All, what `kubectl create --dry-run=server` sends), and either the admitted resources per container (init containers first) or the Status the API server refused it with.',
    variants,
    quantitiesAbout: 'Quantities sent (as JSON strings, or numbers where `sent` is one) in a namespace without a LimitRange, as an emptyDir sizeLimit and as a memory request in one pod: both as the API server returned them, or its refusal.',
    quantities,
  });
  process.stdout.write(`admission: ${variants.length} variants, ${variants.reduce((n, x) => n + x.cases.length, 0)} cases\n`);
}

// ---------------------------------------------------------------- selectors

const SELECTOR_PODS: Record<string, Record<string, string>> = {
  'web-front': { app: 'web', tier: 'front', env: 'prod', rank: '1' },
  'web-back': { app: 'web', tier: 'back', rank: '3' },
  db: { app: 'db', env: 'staging' },
  cache: { app: 'cache', env: 'prod', release: 'canary', rank: '5' },
  'no-labels': {},
  'empty-app': { app: '' },
};

/** Object-form selectors, answered by the API server through their string form (metav1.LabelSelectorAsSelector). */
const OBJECT_SELECTORS: Record<string, unknown>[] = [
  { matchLabels: { app: 'web' } },
  { matchLabels: { app: 'web', tier: 'front' } },
  { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'db'] }] },
  { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] },
  { matchExpressions: [{ key: 'release', operator: 'Exists' }] },
  { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] },
  { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'Exists' }, { key: 'tier', operator: 'NotIn', values: ['back'] }] },
  { matchExpressions: [{ key: 'app', operator: 'In', values: [''] }] },
  {},
];

const STRING_SELECTORS = [
  'app=web', 'app==web', 'app!=web', 'app in (web,db)', 'app in (web, db)', 'app notin (web)', 'env', '!env', 'app=web,tier=front',
  'tier in (front),!env', 'env notin (prod,staging)', ' app = web ', 'tier!=front,app=web', 'app=', 'release,env=prod',
  'app in (web,)', 'app in (web,web)', 'example.com/team', 'rank>2', 'rank<2',
  // Not selectors: the API server refuses them.
  'app in web', 'app in (web', 'a b', 'app=web,',
];

function selectorString(sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }): string {
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, x]) => `${k}=${x}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** The pod names `kubectl get pods -l` lists, or the API server's refusal. */
async function podsSelected(ns: string, selector: string): Promise<{ names: string[] } | { error: string }> {
  const args = ['get', 'pods', '-n', ns, '-o', 'json', ...(selector === '' ? [] : ['-l', selector])];
  const r = await kubectl(args);
  if (r.exitCode !== 0) return { error: r.stderr.trim() };
  return { names: (JSON.parse(r.stdout.toString('utf8')) as { items: ApiObject[] }).items.map((p) => p.metadata.name!).sort() };
}

async function captureSelectors(server: string) {
  const ns = await freshNamespace('selectors');
  const pods = [];
  for (const [name, labels] of Object.entries(SELECTOR_PODS)) {
    const made = await kube.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { terminationGracePeriodSeconds: 0, containers: [ctr('c')] } }, ns);
    pods.push({ name, labels: made.metadata.labels ?? {} });
  }
  const strings = [];
  for (const s of STRING_SELECTORS) strings.push({ selector: s, ...(await podsSelected(ns, s)) });
  const objects = [];
  for (const o of OBJECT_SELECTORS) {
    const s = selectorString(o);
    objects.push({ selector: o, asString: s, ...(await podsSelected(ns, s)) });
  }
  writeJson(join(OUT, 'selectors.json'), {
    capturedBy: SCRIPT, serverVersion: server,
    about: 'Pods with labels, and the pod names `kubectl get pods -l <selector>` lists (or the API server\'s refusal). Object-form selectors were sent in their string form (asString), as metav1.LabelSelectorAsSelector makes it.',
    pods, strings, objects,
  });
  process.stdout.write(`selectors: ${strings.length} strings, ${objects.length} objects\n`);
}

// ---------------------------------------------------------------- main

const PARTS: Record<string, (server: string) => Promise<void>> = { env: captureEnv, admission: captureAdmission, selectors: captureSelectors };
let failed = false;
try {
  const version = JSON.parse((await kubectlOk(['version', '-o', 'json'])).toString('utf8')) as { serverVersion: { gitVersion: string } };
  const server = version.serverVersion.gitVersion;
  process.stdout.write(`server ${server}\n`);
  for (const part of positionals.length ? positionals : Object.keys(PARTS)) {
    const run = PARTS[part];
    if (!run) throw new Error(`unknown part ${part}: one of ${Object.keys(PARTS).join(', ')}`);
    await run(server);
  }
} catch (e) {
  failed = true;
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);
