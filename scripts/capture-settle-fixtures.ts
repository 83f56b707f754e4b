// Records, on a real cluster, what the watches see while a namespace settles in a few typical cases (a
// StatefulSet rolling out in order and in parallel, a crashing container, an image that cannot be pulled, a
// PVC on a StorageClass that does not exist): every change with the time it was seen, until the settled rule
// says the namespace has settled. test/fixtures/settle/<case>.json; src/run/settled.test.ts replays them.
//   node --import tsx scripts/capture-settle-fixtures.ts --context labs-local [--kubeconfig FILE] [case…]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { createNamespace, deleteNamespace, namespaceName } from '../src/cluster/namespace.ts';
import { ensureSeedStorageClass } from '../src/cluster/storage-class.ts';
import { NamespaceCache } from '../src/kube/cache.ts';
import { Kube, loadKubeConfig } from '../src/kube/client.ts';
import { LABS_ROOT, PROJECT_ROOT } from '../src/load/load-labs.ts';
import { KIND, type ApiObject } from '../src/model/kube.ts';
import { writeJson } from '../src/files.ts';
import { settlednessOf } from '../src/run/namespace-state.ts';
import { waitOn } from '../src/run/wait.ts';

const REDIS = join(LABS_ROOT, 'week3-day3', 'redis-statefulset');
const redis = (edit: (s: string) => string = (s) => s) => [readFileSync(join(REDIS, 'redis-headless-service.yaml'), 'utf8'), edit(readFileSync(join(REDIS, 'redis-statefulset.yaml'), 'utf8'))].join('\n---\n');
const deployment = (name: string, image: string, command: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 0
      containers: [{name: c, image: "${image}", command: ["sh", "-c", "${command}"]}]
`;

const JOBS = join(LABS_ROOT, 'week3-day4', 'jobs-cronjobs');
const job = (file: string, edit: (s: string) => string = (s) => s) => edit(readFileSync(join(JOBS, file), 'utf8'));

/** Each case: its manifests, and whether it ends stuck (settled on a state that will not come right). */
const CASES: Record<string, { yaml: string; stuck: boolean }> = {
  'statefulset-ordered': { yaml: redis(), stuck: false },
  'statefulset-parallel': { yaml: redis((s) => s.replace('  replicas: 3\n', '  replicas: 3\n  podManagementPolicy: Parallel\n')), stuck: false },
  crashloop: { yaml: deployment('crash', 'busybox', 'exit 1'), stuck: true },
  'image-missing': { yaml: deployment('nothing', 'registry.invalid/nothing:1', 'true'), stuck: true },
  // A Job moves between its tries with nothing else moving (a back-off of 10 s, then 20 s): it has settled only once done.
  'job-parallel': { yaml: job('parallel-job.yaml'), stuck: false },
  'job-backoff': { yaml: job('failing-job.yaml'), stuck: false },
  'job-onfailure': { yaml: job('failing-job.yaml', (s) => s.replace('restartPolicy: Never', 'restartPolicy: OnFailure')), stuck: false },
  'job-image-missing': { yaml: job('parallel-job.yaml', (s) => s.replace('image: busybox', 'image: registry.invalid/nothing:1')), stuck: true },
  // A volume made by hand and a claim that fits it, applied together: the volume is Available for a moment, then Bound.
  'pv-claim-bind': { yaml: 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: labs-settle-pv}\nspec: {storageClassName: manual, capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], persistentVolumeReclaimPolicy: Retain, hostPath: {path: /tmp/labs-settle-pv}}\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {storageClassName: manual, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n', stuck: false },
  'pvc-missing-class': { yaml: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {storageClassName: fast, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n', stuck: true },
};

const strip = (o: ApiObject): ApiObject => {
  const c = structuredClone(o);
  delete (c.metadata as { managedFields?: unknown }).managedFields;
  return c;
};

const { values, positionals } = parseArgs({ options: { context: { type: 'string' }, kubeconfig: { type: 'string' } }, allowPositionals: true });
const kube = new Kube(loadKubeConfig(values.context, values.kubeconfig));
await ensureSeedStorageClass(kube);
for (const name of positionals.length ? positionals : Object.keys(CASES)) {
  const c = CASES[name]!;
  const ns = namespaceName('labs-settle', name);
  await createNamespace(kube, ns);
  const cache = await new NamespaceCache(kube, ns).start();
  const changes: { type: string; object: ApiObject; at: number }[] = [];
  cache.subscribe((ch) => {
    if (!ch.initial) changes.push({ type: ch.type, object: strip(ch.object), at: ch.at });
  });
  const appliedAt = Date.now();
  for (const doc of parseAllDocuments(c.yaml)) {
    const obj = doc.toJS() as ApiObject | null;
    // As labs' own apply does: the watches must have seen the write before anything judges the namespace.
    if (obj) await cache.observed(await kube.apply(obj, ns, { fieldManager: 'labs-capture' }));
  }
  const settledAt = await waitOn(cache, `${name} settled`, 240, async () => ((await settlednessOf(cache)).settled ? { done: true, value: Date.now() } : { done: false, why: 'not yet' }));
  const file = join(PROJECT_ROOT, 'test', 'fixtures', 'settle', `${name}.json`);
  // A volume is the namespace's when the watches say so (made for it, or claimed from it).
  const inNs = changes.filter((ch) => ch.object.metadata.namespace === ns || ch.object.kind === 'Namespace' || ch.object.kind === 'PersistentVolume');
  writeJson(file, { case: name, stuck: c.stuck, namespace: ns, capturedFrom: await kube.version(), appliedAt, settledAt, storageClasses: (await kube.list(KIND.storageClass)).map(strip), changes: inNs });
  process.stdout.write(`${name}: ${inNs.length} changes, settled ${((settledAt - appliedAt) / 1000).toFixed(1)}s after the apply → ${file}\n`);
  cache.close();
  await deleteNamespace(kube, ns, 180);
  // Volumes made by hand outlive the namespace.
  for (const doc of parseAllDocuments(c.yaml)) {
    const obj = doc.toJS() as ApiObject | null;
    if (obj?.kind === 'PersistentVolume') await kube.delete(KIND.pv, obj.metadata.name!, undefined, { timeoutMs: 10_000 }).catch(() => undefined);
  }
}
