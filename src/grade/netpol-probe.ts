import { createNamespace, deleteNamespace, namespaceName } from '../cluster/namespace.ts';
import { isAbort } from '../errors.ts';
import { NamespaceCache } from '../kube/cache.ts';
import { podView } from '../check/pods.ts';
import { type ApiObject, type KubeClient } from '../model/kube.ts';
import { waitOn } from '../run/wait.ts';

const pod = (name: string, command: string[]): ApiObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } },
  spec: { automountServiceAccountToken: false, terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'IfNotPresent', command }] },
});

/**
 * Whether the cluster enforces NetworkPolicy, found out the only reliable way: in a namespace of its own,
 * one pod reaches another, then a deny-all ingress policy is added and the same connection must fail.
 * true: enforced; false: not enforced; undefined: could not tell (no busybox image, say).
 */
export async function enforcesNetworkPolicy(kube: KubeClient, signal?: AbortSignal): Promise<boolean | undefined> {
  const ns = namespaceName('labs-netpol-probe');
  let cache: NamespaceCache | undefined;
  try {
    await createNamespace(kube, ns, { 'labs.dev/purpose': 'netpol-probe' }, signal);
    cache = await new NamespaceCache(kube, ns).start(signal);
    await kube.create(pod('server', ['sh', '-c', 'while true; do echo ok | nc -l -p 8080; done']), ns, { signal });
    await kube.create(pod('client', ['sleep', '3600']), ns, { signal });
    const ready = (name: string) => cache!.objects().find((o) => o.kind === 'Pod' && o.metadata.name === name);
    await waitOn(cache, 'netpol probe pods Running', 60, () => {
      const s = ready('server');
      const c = ready('client');
      return s && c && podView(s).phase === 'Running' && podView(c).phase === 'Running' && podView(s).ip ? { done: true, value: undefined } : { done: false, why: 'starting' };
    }, signal);
    const ip = podView(ready('server')!).ip!;
    const connects = async () => (await kube.exec(ns, 'client', ['sh', '-c', `nc -w 2 ${ip} 8080 </dev/null`], 'c', { signal, timeoutMs: 10_000 })).stdout.includes('ok');
    // Without a policy the connection must work, or this probe says nothing.
    await waitOn(cache, 'netpol probe connects', 20, async () => ((await connects()) ? { done: true, value: undefined } : { done: false, why: 'no answer yet' }), signal);
    await kube.create({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny' }, spec: { podSelector: { matchLabels: { app: 'server' } }, policyTypes: ['Ingress'] } }, ns, { signal });
    return await waitOn(undefined, 'netpol probe refused', 10, async () => ((await connects()) ? { done: false, why: 'still connects' } : { done: true, value: true }), signal).catch((e: unknown) => {
      if (isAbort(e)) throw e;
      return false;
    });
  } catch (e) {
    if (isAbort(e)) throw e;
    return undefined;
  } finally {
    cache?.close();
    await deleteNamespace(kube, ns).catch(() => undefined);
  }
}
