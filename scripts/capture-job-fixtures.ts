// Records, on a real cluster, what the Job actions and rules of labs must match:
//   test/fixtures/jobs/create-job.json  a CronJob as the API server stored it, the Job `kubectl create job --from=cronjob/…`
//                                       makes of it (client-side dry run: what kubectl would send), and that Job once
//                                       created, run and complete, with its pod (the namespace's objects)
//   test/fixtures/jobs/resumed.json     a Job created suspended, as stored, and again after `kubectl patch … suspend:false`
// src/run/job-actions.test.ts replays them. The namespace is deleted at the end.
//   node --import tsx scripts/capture-job-fixtures.ts --context labs-local [--kubeconfig FILE]
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { createNamespace, deleteNamespace, namespaceName } from '../src/cluster/namespace.ts';
import { Kube, loadKubeConfig } from '../src/kube/client.ts';
import { LABS_ROOT, PROJECT_ROOT } from '../src/load/load-labs.ts';
import { KIND, type ApiObject } from '../src/model/kube.ts';
import { writeJson } from '../src/files.ts';
import { waitOn } from '../src/run/wait.ts';

const { values } = parseArgs({ options: { context: { type: 'string' }, kubeconfig: { type: 'string' } } });
const kube = new Kube(loadKubeConfig(values.context, values.kubeconfig));
const OUT = join(PROJECT_ROOT, 'test', 'fixtures', 'jobs');

function kubectl(args: string[]): Promise<string> {
  const base = [...(values.kubeconfig ? ['--kubeconfig', values.kubeconfig] : []), ...(values.context ? ['--context', values.context] : [])];
  return new Promise((resolve, reject) => {
    execFile('kubectl', [...base, ...args], { timeout: 120_000 }, (err, stdout, stderr) => (err ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr}`)) : resolve(stdout)));
  });
}

const strip = (o: ApiObject): ApiObject => {
  const c = structuredClone(o);
  delete (c.metadata as { managedFields?: unknown }).managedFields;
  return c;
};
const condition = (o: ApiObject | undefined, type: string) => ((o?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).find((c) => c.type === type)?.status;

const ns = namespaceName('labs-jobs', 'capture');
await createNamespace(kube, ns);
try {
  const file = join(LABS_ROOT, 'week3-day4', 'jobs-cronjobs', 'daily-backup-cronjob.yaml');
  await kube.apply(parse(readFileSync(file, 'utf8')) as ApiObject, ns, { fieldManager: 'kubectl-client-side-apply' });
  const cronJob = strip((await kube.get(KIND.cronJob, 'daily-backup', ns))!);
  const kubectlJob = JSON.parse(await kubectl(['-n', ns, 'create', 'job', 'daily-backup-manual', '--from=cronjob/daily-backup', '--dry-run=client', '-o', 'json'])) as ApiObject;
  await kubectl(['-n', ns, 'create', 'job', 'daily-backup-manual', '--from=cronjob/daily-backup']);
  await waitOn(undefined, 'daily-backup-manual complete', 120, async () => (condition(await kube.get(KIND.job, 'daily-backup-manual', ns), 'Complete') === 'True' ? { done: true, value: undefined } : { done: false, why: 'running' }));
  const objects = [cronJob, ...(await kube.list(KIND.job, ns)), ...(await kube.list(KIND.pod, ns))].map(strip);
  writeJson(join(OUT, 'create-job.json'), { namespace: ns, capturedFrom: await kube.version(), cronJob, kubectlJob, objects });

  await kubectl(['-n', ns, 'apply', '-f', join(LABS_ROOT, 'week3-day5', 'postgres-backup', 'postgres-restore-job.yaml')]);
  const suspended = strip((await kube.get(KIND.job, 'postgres-restore', ns))!);
  await kubectl(['-n', ns, 'patch', 'job', 'postgres-restore', '--type=merge', '-p', '{"spec":{"suspend":false}}']);
  const resumed = strip((await kube.get(KIND.job, 'postgres-restore', ns))!);
  writeJson(join(OUT, 'resumed.json'), { namespace: ns, capturedFrom: await kube.version(), suspended, resumed });
  process.stdout.write(`${OUT}/create-job.json: ${objects.length} objects; ${OUT}/resumed.json\n`);
} finally {
  await deleteNamespace(kube, ns, 180);
}
