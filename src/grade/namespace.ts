import { view, type RawEndpointSlice } from '../k8s/raw.ts';
import { createNamespace } from '../cluster/namespace.ts';
import { submissionRules } from '../k8s/kinds.ts';
import { KIND, type ApiObject, type KubeClient } from '../model/kube.ts';
import { PROBE_LABEL } from '../model/kube.ts';
import { GRADING_LIMITS, gradingLimitRange } from './limits.ts';

/** The addresses behind the cluster DNS Service (kube-system/kube-dns), from its EndpointSlices. */
export async function clusterDnsAddresses(kube: KubeClient, signal?: AbortSignal): Promise<string[]> {
  const slices = await kube.list(KIND.endpointSlice, 'kube-system', 'kubernetes.io/service-name=kube-dns', { signal }).catch(() => []);
  const ips = slices.flatMap((s) => (view<RawEndpointSlice>(s).endpoints ?? []).flatMap((e) => e.addresses ?? []));
  return [...new Set(ips.filter((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip)))].sort();
}

/** The ServiceAccount a submission's objects are applied as, in its own namespace. */
export const STUDENT_SA = 'labs-student';

/** What a submission may do, and only in its own namespace: the kinds the policy allows, nothing else. */
export const STUDENT_RULES = submissionRules();

/**
 * Traffic of a grading namespace: pods reach only pods of the same namespace (the grader's probe pods
 * among them) and the cluster DNS; nothing from other namespaces gets in, so students cannot reach each other.
 */
export function isolationPolicy(dns: string[]): ApiObject {
  const dnsPorts = [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'labs-isolation' },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {} }] }, { from: [{ podSelector: { matchLabels: { [PROBE_LABEL.key]: PROBE_LABEL.value } } }] }],
      // DNS only to the cluster DNS's own addresses (a Service address is translated before policies see it).
      egress: [{ to: [{ podSelector: {} }] }, dns.length ? { ports: dnsPorts, to: dns.map((ip) => ({ ipBlock: { cidr: `${ip}/32` } })) } : { ports: dnsPorts }],
    },
  };
}

/**
 * Creates a submission's namespace: Pod Security "baseline" enforced, a ResourceQuota and a LimitRange, a
 * default-deny NetworkPolicy, no service-account token for its pods, and a ServiceAccount with a Role
 * limited to this namespace that the submission's objects are applied as. Returns that identity's user name.
 */
export async function createGradingNamespace(kube: KubeClient, name: string, student: string, lab: string, signal?: AbortSignal, labels: Record<string, string> = {}): Promise<string> {
  const o = { signal };
  await createNamespace(kube, name, {
    ...labels,
    'labs.dev/purpose': 'grade',
    'labs.dev/student': student.toLowerCase().replace(/[^a-z0-9.-]/g, '-').slice(0, 63).replace(/[^a-z0-9]+$/, '') || 'student',
    'labs.dev/lab': lab.replace(/\//g, '.'),
    'pod-security.kubernetes.io/enforce': 'baseline',
    'pod-security.kubernetes.io/enforce-version': 'latest',
    'pod-security.kubernetes.io/warn': 'baseline',
  }, signal);
  const all: ApiObject[] = [
    { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'labs-grading' }, spec: { hard: GRADING_LIMITS.quota } },
    gradingLimitRange(),
    isolationPolicy(await clusterDnsAddresses(kube, signal)),
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: STUDENT_SA }, automountServiceAccountToken: false },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: STUDENT_SA }, rules: STUDENT_RULES },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: STUDENT_SA },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: STUDENT_SA },
      subjects: [{ kind: 'ServiceAccount', name: STUDENT_SA, namespace: name }],
    },
  ];
  for (const obj of all) await kube.create(obj, name, o);
  // Pods that name no ServiceAccount run as "default": it must not hand them a token.
  await kube.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' }, automountServiceAccountToken: false }, name, { fieldManager: 'labs-grader', signal });
  return `system:serviceaccount:${name}:${STUDENT_SA}`;
}
