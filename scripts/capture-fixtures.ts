// Runs each lab's reference solution on a real cluster and saves, after every step, the API objects and
// exec answers its checks saw: test/fixtures/<lab-name>/<step>.json. Unit tests replay these through
// FakeKube, so the shapes they test against are the API server's own.
//   node --import tsx scripts/capture-fixtures.ts --context labs-local [--kubeconfig FILE] [lab-id…]
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { createNamespace, deleteNamespace } from '../src/cluster/namespace.ts';
import { ensureSeedStorageClass } from '../src/cluster/storage-class.ts';
import { Kube, loadKubeConfig } from '../src/kube/client.ts';
import { RecordingKube } from '../src/kube/recording.ts';
import { findLab, loadLabs, PROJECT_ROOT } from '../src/load/load-labs.ts';
import { KIND, type ApiObject, type KubeClient } from '../src/model/kube.ts';
import { writeJson } from '../src/report/json.ts';
import { runLab } from '../src/run/runner.ts';

const { values, positionals } = parseArgs({ options: { context: { type: 'string' }, kubeconfig: { type: 'string' } }, allowPositionals: true });
const kube = new Kube(loadKubeConfig(values.context, values.kubeconfig));
await ensureSeedStorageClass(kube);
const labs = positionals.length ? positionals.map(findLab) : loadLabs();
let failed = false;

for (const lab of labs) {
  const name = lab.id.split('/').pop()!;
  const namespace = `labs-fixture-${name}`;
  await deleteNamespace(kube, namespace, 180).catch(() => undefined);
  await createNamespace(kube, namespace);
  let recorder = new RecordingKube(kube);
  // Reads go through the recorder; writes go straight to the cluster.
  const client: KubeClient = new Proxy(kube, {
    get: (target, prop) => (prop === 'get' || prop === 'list' || prop === 'exec' ? (recorder[prop] as Function).bind(recorder) : (target as never)[prop]),
  });
  const result = await runLab({
    lab, kube: client, namespace, context: kube.context, lang: 'en', mode: 'auto',
    emit: async (e) => {
      if (e.type !== 'step-end') return;
      const snapshot = recorder;
      recorder = new RecordingKube(kube);
      const extra = [...(await kube.list(KIND.storageClass)), ...(await kube.list(KIND.pv)).filter((pv) => (pv.spec as { claimRef?: { namespace?: string } }).claimRef?.namespace === namespace)];
      const objects = [...snapshot.objects.values(), ...extra].map(strip);
      const unique = new Map(objects.map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));
      const file = join(PROJECT_ROOT, 'test', 'fixtures', name, `${e.result.id}.json`);
      writeJson(file, { lab: lab.id, step: e.result.id, namespace, capturedFrom: await kube.version(), status: e.result.status, objects: [...unique.values()], execs: snapshot.execs });
      process.stdout.write(`${lab.id} ${e.result.id}: ${e.result.status} → ${file}\n`);
    },
  });
  if (result.status !== 'pass') {
    failed = true;
    for (const s of result.steps) for (const c of s.checks) if (c.status !== 'pass') process.stdout.write(`  ${s.id}/${c.id}: ${c.status} ${c.found?.en ?? c.error ?? ''}\n`);
  }
  await deleteNamespace(kube, namespace, 180);
}
process.exit(failed ? 1 : 0);

function strip(o: ApiObject): ApiObject {
  const copy = structuredClone(o);
  delete (copy.metadata as { managedFields?: unknown }).managedFields;
  return copy;
}
