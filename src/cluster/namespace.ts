import { view, type RawNamespace } from '../k8s/raw.ts';
import { randomBytes } from 'node:crypto';
import { KIND, VOLUME_NAMESPACE_LABEL, type KubeClient } from '../model/kube.ts';
import { waitOn } from '../run/wait.ts';

/** A DNS-label namespace name from parts: lower-case, dashes, at most 63 characters, with a random tail. */
export function namespaceName(prefix: string, ...parts: string[]): string {
  const slug = [prefix, ...parts].join('-').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  const tail = randomBytes(2).toString('hex');
  return `${slug.slice(0, 63 - tail.length - 1).replace(/-$/, '')}-${tail}`;
}

/** Creates a namespace with labels (and waits until it is Active). */
export async function createNamespace(kube: KubeClient, name: string, labels: Record<string, string> = {}, signal?: AbortSignal): Promise<void> {
  await kube.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'labs', ...labels } } }, undefined, { signal });
  await waitOn(undefined, `namespace ${name} active`, 30, async () => {
    const ns = await kube.get(KIND.namespace, name, undefined, { signal });
    return view<RawNamespace | undefined>(ns)?.status?.phase === 'Active' ? { done: true, value: undefined } : { done: false, why: 'not Active yet' };
  }, signal);
}

/**
 * Deletes a namespace and the PersistentVolumes labs made for its run (labelled for it: they are cluster-scoped and
 * would outlive it; one still bound goes once its claim has), and, when asked, waits until everything in it is gone.
 */
export async function deleteNamespace(kube: KubeClient, name: string, waitSeconds = 0, signal?: AbortSignal): Promise<void> {
  await kube.delete(KIND.namespace, name, undefined, { signal });
  for (const pv of await kube.list(KIND.pv, undefined, `${VOLUME_NAMESPACE_LABEL}=${name}`, { signal })) await kube.delete(KIND.pv, pv.metadata.name!, undefined, { signal });
  if (waitSeconds <= 0) return;
  await waitOn(undefined, `namespace ${name} deleted`, waitSeconds, async () =>
    (await kube.get(KIND.namespace, name, undefined, { signal })) ? { done: false, why: 'still terminating' } : { done: true, value: undefined }, signal);
}
