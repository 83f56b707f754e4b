import { type ManifestObject } from '../load/manifests.ts';

/** An object the policy refused, and why. */
export interface Rejection {
  file: string;
  line: number;
  /** "Kind/name". */
  object: string;
  reason: string;
}

/** What may be applied (rewritten into the grading namespace) and what was refused. */
export interface PolicyResult {
  allowed: ManifestObject[];
  rejected: Rejection[];
}

/** Namespaced kinds a submission may create. Anything else is refused: unknown kinds are not guessed at. */
const ALLOWED: Record<string, string[]> = {
  v1: ['Pod', 'Service', 'ConfigMap', 'Secret', 'PersistentVolumeClaim'],
  'apps/v1': ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet'],
  'batch/v1': ['Job', 'CronJob'],
  'policy/v1': ['PodDisruptionBudget'],
  'networking.k8s.io/v1': ['NetworkPolicy'],
};

/** Kinds that live outside any namespace: a submission creating one would change the whole cluster. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'APIService', 'PriorityClass', 'RuntimeClass', 'CSIDriver', 'CSINode',
  'VolumeAttachment', 'IngressClass', 'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration',
]);

/** Where a pod spec sits in each workload kind. */
function podSpecs(o: ManifestObject['object']): { path: string; spec: PodSpec }[] {
  const spec = o.spec as Record<string, any> | undefined;
  if (!spec) return [];
  switch (o.kind) {
    case 'Pod':
      return [{ path: 'spec', spec }];
    case 'CronJob':
      return spec.jobTemplate?.spec?.template?.spec ? [{ path: 'spec.jobTemplate.spec.template.spec', spec: spec.jobTemplate.spec.template.spec }] : [];
    default:
      return spec.template?.spec ? [{ path: 'spec.template.spec', spec: spec.template.spec }] : [];
  }
}

interface Container {
  name?: string;
  securityContext?: { privileged?: boolean; capabilities?: { add?: string[] } };
  ports?: { hostPort?: number }[];
}

interface PodSpec {
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  volumes?: { name?: string; hostPath?: unknown }[];
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
}

/** Why a pod spec may not run in a grading namespace (none when it may). */
export function podSpecProblems(spec: PodSpec, path: string): string[] {
  const out: string[] = [];
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC'] as const) if (spec[f]) out.push(`${path}.${f}: true shares the node's namespaces`);
  for (const v of spec.volumes ?? []) if (v.hostPath !== undefined) out.push(`${path}.volumes[${v.name}]: hostPath mounts the node's files`);
  const groups = [['containers', spec.containers], ['initContainers', spec.initContainers], ['ephemeralContainers', spec.ephemeralContainers]] as const;
  for (const [field, list] of groups) {
    for (const c of list ?? []) {
      const at = `${path}.${field}[${c.name ?? '?'}]`;
      if (c.securityContext?.privileged) out.push(`${at}: privileged containers control the node`);
      if (c.securityContext?.capabilities?.add?.length) out.push(`${at}: capabilities.add ${c.securityContext.capabilities.add.join(', ')} is not allowed`);
      if (c.ports?.some((p) => p.hostPort)) out.push(`${at}: hostPort opens a port on the node`);
    }
  }
  return out;
}

/** Why one object may not be applied into `namespace` (none when it may). */
export function objectProblems(m: ManifestObject, labNamespace: string): string[] {
  const o = m.object;
  if (CLUSTER_SCOPED.has(o.kind)) return [`${o.kind} is cluster-scoped: a submission may only create objects in its own namespace`];
  if (!ALLOWED[o.apiVersion]?.includes(o.kind)) {
    const known = Object.entries(ALLOWED).flatMap(([v, ks]) => ks.map((k) => `${v} ${k}`));
    return [`${o.apiVersion} ${o.kind} is not a kind submissions may create (allowed: ${known.join(', ')})`];
  }
  const out: string[] = [];
  const ns = o.metadata.namespace;
  if ((o.metadata.finalizers as unknown[] | undefined)?.length) out.push('metadata.finalizers could keep the namespace from ever being deleted');
  if (ns !== undefined && ns !== labNamespace) out.push(`metadata.namespace "${ns}" aims at another namespace (leave it out, or use "${labNamespace}")`);
  for (const { path, spec } of podSpecs(o)) out.push(...podSpecProblems(spec, path));
  const spec = o.spec as Record<string, any> | undefined;
  if (o.kind === 'Service' && ['NodePort', 'LoadBalancer'].includes(spec?.type)) out.push(`spec.type ${spec!.type} opens ports outside the namespace`);
  if (o.kind === 'Service' && spec?.externalIPs?.length) out.push('spec.externalIPs can capture traffic of other services');
  if (o.kind === 'PersistentVolumeClaim' && spec?.volumeName) out.push('spec.volumeName would bind a PersistentVolume that is not yours');
  if (o.kind === 'StatefulSet') {
    for (const t of (spec?.volumeClaimTemplates ?? []) as { spec?: { volumeName?: string } }[]) {
      if (t.spec?.volumeName) out.push('volumeClaimTemplates[].spec.volumeName would bind a PersistentVolume that is not yours');
    }
  }
  return out;
}

/**
 * Decides what of a submission may be applied. Refused objects are reported with their file and line;
 * allowed ones lose any namespace (the grader puts them in the submission's own).
 */
export function applyPolicy(objects: ManifestObject[], labNamespace: string): PolicyResult {
  const result: PolicyResult = { allowed: [], rejected: [] };
  for (const m of objects) {
    const problems = objectProblems(m, labNamespace);
    if (problems.length > 0) {
      for (const reason of problems) result.rejected.push({ file: m.file, line: m.line, object: `${m.object.kind}/${m.object.metadata.name}`, reason });
      continue;
    }
    const copy = structuredClone(m);
    delete copy.object.metadata.namespace;
    result.allowed.push(copy);
  }
  return result;
}
