import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { mustRun, type Runner } from '../exec/run.ts';
import { labsHome } from '../run/state-store.ts';
import { MSG } from './messages.ts';

/** The kind cluster labs creates. */
export const KIND_CLUSTER = 'labs';
/** The kubeconfig context kind gives it. */
export const KIND_CONTEXT = `kind-${KIND_CLUSTER}`;

/** Options for the kind cluster. */
export interface KindOptions {
  name?: string;
  /** A node image (e.g. kindest/node:v1.34.0); kind's default when omitted. */
  image?: string;
  /** Seconds to wait for the control plane. */
  waitSeconds?: number;
  signal?: AbortSignal;
}

/** Processes one pod may run: a fork bomb in a lab (or a graded submission) stops at its own pod. */
export const POD_PIDS_LIMIT = 1024;

/** The kind cluster config labs writes: one control-plane node, labelled as ours, its kubelet bounding pods' processes. */
export function kindConfig(o: KindOptions = {}): string {
  return stringify({
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    name: o.name ?? KIND_CLUSTER,
    nodes: [{ role: 'control-plane', labels: { 'labs.dev/created-by': 'labs' } }],
    kubeadmConfigPatches: [`kind: KubeletConfiguration\npodPidsLimit: ${POD_PIDS_LIMIT}\n`],
  });
}

/** Arguments of `kind create cluster`. */
export function kindCreateArgs(configFile: string, o: KindOptions = {}): string[] {
  return [
    'create', 'cluster',
    '--name', o.name ?? KIND_CLUSTER,
    '--config', configFile,
    '--wait', `${o.waitSeconds ?? 180}s`,
    ...(o.image ? ['--image', o.image] : []),
  ];
}

/** Where labs records the clusters it created, so `labs down` deletes only those. */
function createdFile(): string {
  return join(labsHome(), 'created-clusters.json');
}

/** Names of kind clusters labs created. */
export function createdClusters(): string[] {
  try {
    return JSON.parse(readFileSync(createdFile(), 'utf8')) as string[];
  } catch {
    return [];
  }
}

function recordCreated(names: string[]): void {
  mkdirSync(labsHome(), { recursive: true });
  writeFileSync(createdFile(), JSON.stringify([...new Set(names)], null, 2));
}

/** Whether the kind cluster exists. */
export async function kindClusterExists(run: Runner, name = KIND_CLUSTER): Promise<boolean> {
  const r = await mustRun(run, 'kind', ['get', 'clusters'], MSG.isKindInstalled, { timeoutMs: 30_000 });
  return r.stdout.split('\n').map((l) => l.trim()).includes(name);
}

/**
 * Creates the kind cluster (kind merges it into your kubeconfig and makes it the current context,
 * which the caller tells the user). Returns the context name.
 */
export async function createKindCluster(run: Runner, o: KindOptions = {}): Promise<string> {
  const name = o.name ?? KIND_CLUSTER;
  mkdirSync(labsHome(), { recursive: true });
  const file = join(labsHome(), `kind-${name}.yaml`);
  writeFileSync(file, kindConfig(o));
  await mustRun(run, 'kind', kindCreateArgs(file, o), MSG.isDockerRunning, { timeoutMs: ((o.waitSeconds ?? 180) + 300) * 1000, signal: o.signal });
  recordCreated([...createdClusters(), name]);
  return `kind-${name}`;
}

/** Deletes a kind cluster, only if labs created it. Returns false when there was nothing of ours to delete. */
export async function deleteKindCluster(run: Runner, name = KIND_CLUSTER): Promise<boolean> {
  if (!createdClusters().includes(name)) return false;
  await mustRun(run, 'kind', ['delete', 'cluster', '--name', name], undefined, { timeoutMs: 300_000 });
  recordCreated(createdClusters().filter((n) => n !== name));
  // kind leaves its docker network behind; it is removed only when no other container uses it.
  const users = await run('docker', ['ps', '-aq', '--filter', 'network=kind'], { timeoutMs: 30_000 });
  if (users.exitCode === 0 && users.stdout.trim() === '') await run('docker', ['network', 'rm', 'kind'], { timeoutMs: 30_000 });
  return true;
}
