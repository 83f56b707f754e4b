// Runs each lab's reference solution on a real cluster and saves, after every step, what its checks can
// see: the namespace's objects (the kinds labs watches), the cluster's StorageClasses and the namespace's
// PVs, and every probe command with its answer: test/fixtures/<lab-name>/<step>.json. Unit tests replay
// these through FakeKube, so the shapes they test against are the API server's own.
//   node --import tsx scripts/capture-fixtures.ts --context labs-local [--kubeconfig FILE] [lab-id…]
import { parseArgs } from 'node:util';
import { smokePolicy } from '../src/run/policy.ts';
import { join } from 'node:path';
import { createNamespace, deleteNamespace } from '../src/cluster/namespace.ts';
import { ensureSeedStorageClass } from '../src/cluster/storage-class.ts';
import { NamespaceCache, WATCHED_IN_NAMESPACE } from '../src/kube/cache.ts';
import { Kube, loadKubeConfig } from '../src/kube/client.ts';
import { findLab, loadLabs, PROJECT_ROOT } from '../src/load/load-labs.ts';
import { KIND, type ApiObject, type ExecResult } from '../src/model/kube.ts';
import { renderMismatch } from '../src/report/mismatch.ts';
import { writeJson } from '../src/files.ts';
import { Probes } from '../src/run/probes.ts';
import { runLab } from '../src/run/runner.ts';

/** One probe command and its answer. */
export interface RecordedProbe {
  probe: string;
  command: string[];
  result: ExecResult;
}

/** Probes that keep every command and answer, for the fixture of the step they ran in. */
class RecordingProbes extends Probes {
  calls: RecordedProbe[] = [];
  override async run(name: string, command: string[], timeoutSeconds?: number, signal?: AbortSignal): Promise<ExecResult> {
    const result = await super.run(name, command, timeoutSeconds, signal);
    this.calls.push({ probe: name, command, result });
    return result;
  }
}

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
  const cache = await new NamespaceCache(kube, namespace).start();
  const probes = new RecordingProbes(kube, cache, lab.probes);
  const result = await runLab({
    lab, kube, namespace, context: kube.context, lang: 'en', policy: smokePolicy(), cache, probes,
    emit: async (e) => {
      if (e.type !== 'step-end') return;
      const calls = probes.calls.splice(0);
      const inNs = (await Promise.all(WATCHED_IN_NAMESPACE.filter((r) => r !== KIND.event).map((r) => kube.list(r, namespace)))).flat();
      const cluster = [...(await kube.list(KIND.storageClass)), ...(await kube.list(KIND.pv)).filter((pv) => (pv.spec as { claimRef?: { namespace?: string } }).claimRef?.namespace === namespace)];
      // The grader's own probe pods are not part of what the student made.
      const objects = [...inNs, ...cluster].filter((o) => o.metadata.labels?.['labs.dev/role'] !== 'probe').map(strip);
      const file = join(PROJECT_ROOT, 'test', 'fixtures', name, `${e.result.id}.json`);
      writeJson(file, { lab: lab.id, step: e.result.id, namespace, capturedFrom: await kube.version(), status: e.result.status, objects, probes: calls });
      process.stdout.write(`${lab.id} ${e.result.id}: ${e.result.status} → ${file}\n`);
    },
  });
  await probes.close();
  cache.close();
  if (result.status !== 'pass') {
    failed = true;
    for (const s of result.steps) {
      if (s.actionError) process.stdout.write(`  ${s.id}: ${s.actionError.en}\n`);
      for (const c of s.checks) if (c.status !== 'pass') process.stdout.write(`  ${s.id}/${c.id}: ${c.status} ${c.mismatches?.map((m) => renderMismatch(m, 'en')).join('; ') ?? ''}${c.error?.en ?? ''}\n`);
    }
  }
  await deleteNamespace(kube, namespace, 180);
}
process.exit(failed ? 1 : 0);

function strip(o: ApiObject): ApiObject {
  const copy = structuredClone(o);
  delete (copy.metadata as { managedFields?: unknown }).managedFields;
  return copy;
}
