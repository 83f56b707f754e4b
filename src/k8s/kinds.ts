// The one registry of the kinds labs knows. The grading policy (which kinds a submission may hold), the student's
// RBAC Role, the quota preflight (which object counts a kind takes), the apply order, where a workload keeps its
// pod template, the delete action's kind names and the namespace watches are all read from here.

/** apiVersion and kind of a resource type. */
export interface KindRef {
  apiVersion: string;
  kind: string;
}

/** What labs knows of one kind. */
export interface KindInfo extends KindRef {
  /** The resource name in API paths and RBAC rules, e.g. "statefulsets". */
  plural: string;
  /** Whether objects live in a namespace. */
  namespaced: boolean;
  /** Whether a graded submission may create it. */
  submission: boolean;
  /**
   * When it is applied among a submission's objects: what others refer to first (configuration, claims, names),
   * then the workloads that use them, as Helm's install order has it. Lower first.
   */
  rank: number;
  /**
   * The object-count keys of a ResourceQuota one object of this kind takes (its own and what its controller makes);
   * pods and claims are counted from the object's spec instead (replicas, claim templates).
   */
  counts: readonly string[];
  /** Where a workload keeps its pod spec. */
  podSpec?: readonly string[];
  /** Whether labs keeps it in memory while a lab runs: in the lab's namespace, or cluster-wide. */
  watch?: 'namespace' | 'cluster';
}

const K = (apiVersion: string, kind: string, plural: string, o: Partial<KindInfo> = {}): KindInfo => ({
  apiVersion, kind, plural, namespaced: true, submission: false, rank: 100, counts: [], ...o,
});
const TEMPLATE = ['spec', 'template', 'spec'] as const;

/** Every kind labs names, in apply order. */
export const KINDS: readonly KindInfo[] = [
  K('v1', 'Namespace', 'namespaces', { namespaced: false, rank: 0 }),
  K('v1', 'ResourceQuota', 'resourcequotas', { rank: 1 }),
  K('v1', 'LimitRange', 'limitranges', { rank: 1 }),
  K('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies', { rank: 1 }),
  K('policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets', { submission: true, rank: 2, counts: ['count/poddisruptionbudgets.policy'] }),
  K('v1', 'ServiceAccount', 'serviceaccounts', { rank: 3 }),
  K('v1', 'Secret', 'secrets', { submission: true, rank: 4, counts: ['secrets'] }),
  K('v1', 'ConfigMap', 'configmaps', { submission: true, rank: 5, counts: ['configmaps'] }),
  K('storage.k8s.io/v1', 'StorageClass', 'storageclasses', { namespaced: false, rank: 6, watch: 'cluster' }),
  K('v1', 'PersistentVolume', 'persistentvolumes', { namespaced: false, rank: 7, watch: 'cluster' }),
  K('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', { submission: true, rank: 8, watch: 'namespace' }),
  K('rbac.authorization.k8s.io/v1', 'Role', 'roles', { rank: 9 }),
  K('rbac.authorization.k8s.io/v1', 'RoleBinding', 'rolebindings', { rank: 10 }),
  K('v1', 'Service', 'services', { submission: true, rank: 11, counts: ['services'], watch: 'namespace' }),
  K('apps/v1', 'DaemonSet', 'daemonsets', { submission: true, rank: 12, podSpec: TEMPLATE }),
  K('v1', 'Pod', 'pods', { submission: true, rank: 13, podSpec: ['spec'], watch: 'namespace' }),
  K('apps/v1', 'ReplicaSet', 'replicasets', { submission: true, rank: 14, counts: ['count/replicasets.apps'], podSpec: TEMPLATE, watch: 'namespace' }),
  K('apps/v1', 'Deployment', 'deployments', { submission: true, rank: 15, counts: ['count/deployments.apps', 'count/replicasets.apps'], podSpec: TEMPLATE, watch: 'namespace' }),
  K('apps/v1', 'StatefulSet', 'statefulsets', { submission: true, rank: 16, counts: ['count/statefulsets.apps'], podSpec: TEMPLATE, watch: 'namespace' }),
  K('batch/v1', 'Job', 'jobs', { submission: true, rank: 17, counts: ['count/jobs.batch'], podSpec: TEMPLATE, watch: 'namespace' }),
  K('batch/v1', 'CronJob', 'cronjobs', { submission: true, rank: 18, counts: ['count/cronjobs.batch', 'count/jobs.batch'], podSpec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], watch: 'namespace' }),
  K('discovery.k8s.io/v1', 'EndpointSlice', 'endpointslices', { rank: 19, watch: 'namespace' }),
  K('v1', 'Event', 'events', { rank: 20, watch: 'namespace' }),
  K('v1', 'Node', 'nodes', { namespaced: false }),
  K('v1', 'ReplicationController', 'replicationcontrollers', { podSpec: TEMPLATE }),
  K('v1', 'PodTemplate', 'podtemplates', { podSpec: ['template', 'spec'] }),
];

/**
 * Kinds that live outside any namespace, beyond those above, by name: a submission holding one would change the
 * whole cluster, and is told so by name.
 */
export const OTHER_CLUSTER_KINDS: ReadonlySet<string> = new Set([
  'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'APIService',
  'PriorityClass', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'IngressClass', 'CertificateSigningRequest', 'FlowSchema',
  'PriorityLevelConfiguration',
]);

const byKind = new Map(KINDS.map((k) => [k.kind, k]));
const byRef = new Map(KINDS.map((k) => [`${k.apiVersion}/${k.kind}`, k]));

/** What labs knows of a kind (by kind alone, or by apiVersion and kind). */
export function kindInfo(kind: string, apiVersion?: string): KindInfo | undefined {
  return apiVersion === undefined ? byKind.get(kind) : byRef.get(`${apiVersion}/${kind}`);
}

/** A kind by the name a person writes: "PersistentVolumeClaim", "pvc", "statefulset", "pods". */
export function kindByName(name: string): KindInfo | undefined {
  const n = name.toLowerCase();
  const short: Record<string, string> = { pvc: 'PersistentVolumeClaim', pv: 'PersistentVolume', svc: 'Service', cm: 'ConfigMap', sts: 'StatefulSet', deploy: 'Deployment', rs: 'ReplicaSet', ds: 'DaemonSet', ns: 'Namespace', sc: 'StorageClass', po: 'Pod', pdb: 'PodDisruptionBudget', cj: 'CronJob' };
  return KINDS.find((k) => k.kind.toLowerCase() === n || k.plural === n || k.kind === short[n]);
}

/** Whether a kind lives outside namespaces (those in the registry, and the others known by name). */
export function isClusterScoped(kind: string): boolean {
  return byKind.get(kind)?.namespaced === false || OTHER_CLUSTER_KINDS.has(kind);
}

/** The kinds a submission may create. */
export const SUBMISSION_KINDS: readonly KindInfo[] = KINDS.filter((k) => k.submission);

/** The apply order of a kind: lower first; kinds labs does not know last. */
export function applyRank(kind: string): number {
  return byKind.get(kind)?.rank ?? 1000;
}

/** The RBAC rules that let an identity manage exactly the submission kinds, in one namespace. */
export function submissionRules(): { apiGroups: string[]; resources: string[]; verbs: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const k of SUBMISSION_KINDS) {
    const group = k.apiVersion.includes('/') ? k.apiVersion.split('/')[0]! : '';
    groups.set(group, [...(groups.get(group) ?? []), k.plural]);
  }
  return [...groups].map(([g, resources]) => ({ apiGroups: [g], resources, verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }));
}

/** The kinds watched in a lab's namespace, and cluster-wide. */
export const WATCHED = {
  namespace: KINDS.filter((k) => k.watch === 'namespace'),
  cluster: KINDS.filter((k) => k.watch === 'cluster'),
};

/** The kinds checks and labs' own code name, by a short key. */
export const KIND = {
  pod: ref('Pod'),
  pvc: ref('PersistentVolumeClaim'),
  pv: ref('PersistentVolume'),
  service: ref('Service'),
  namespace: ref('Namespace'),
  configMap: ref('ConfigMap'),
  secret: ref('Secret'),
  job: ref('Job'),
  cronJob: ref('CronJob'),
  deployment: ref('Deployment'),
  replicaSet: ref('ReplicaSet'),
  statefulSet: ref('StatefulSet'),
  daemonSet: ref('DaemonSet'),
  storageClass: ref('StorageClass'),
  endpointSlice: ref('EndpointSlice'),
  resourceQuota: ref('ResourceQuota'),
  limitRange: ref('LimitRange'),
  event: ref('Event'),
  serviceAccount: ref('ServiceAccount'),
  role: ref('Role'),
  roleBinding: ref('RoleBinding'),
  networkPolicy: ref('NetworkPolicy'),
  node: ref('Node'),
} as const;

function ref(kind: string): KindRef {
  const k = byKind.get(kind)!;
  return { apiVersion: k.apiVersion, kind: k.kind };
}
