// A student's objects as they stand in the cluster, made ready to apply again: what `labs submit` archives. Objects
// a controller made (pods of a ReplicaSet, a StatefulSet's claims), the cluster's own (the CA ConfigMap, token
// Secrets) and the grader's probe pods are not the student's; status and every field the server set is removed.
import { createHash } from 'node:crypto';
import { SUBMISSION_KINDS } from '../k8s/kinds.ts';
import { KIND, PROBE_LABEL, type ApiObject, type KubeReader } from '../model/kube.ts';
import { PROBE_OWNER } from './probes.ts';

/** How a Secret's values go into an archive. */
export type SecretMode = 'redact' | 'include';

/** The annotation a redacted Secret carries: each key with the SHA-256 of its value. */
export const REDACTED = 'labs.dev/redacted';

type Obj = Record<string, any>;

const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'namespace', 'generateName'];
/** Annotations the cluster or kubectl write, not the student. */
const SERVER_ANNOTATION = /^(kubectl\.kubernetes\.io\/last-applied-configuration|deployment\.kubernetes\.io\/|pv\.kubernetes\.io\/|volume\.beta\.kubernetes\.io\/|volume\.kubernetes\.io\/|control-plane\.alpha\.kubernetes\.io\/)/;

/** An object without status and server-set fields, as a student would apply it (a copy; the input is not changed). */
export function cleanObject(o: ApiObject, secrets: SecretMode): ApiObject {
  const x = structuredClone(o) as Obj;
  delete x.status;
  const md = x.metadata as Obj;
  for (const k of SERVER_METADATA) delete md[k];
  if (md.annotations) {
    for (const k of Object.keys(md.annotations)) if (SERVER_ANNOTATION.test(k)) delete md.annotations[k];
    if (Object.keys(md.annotations).length === 0) delete md.annotations;
  }
  if (Array.isArray(md.finalizers)) {
    md.finalizers = md.finalizers.filter((f: string) => !f.startsWith('kubernetes.io/') && !f.startsWith('kubernetes'));
    if (md.finalizers.length === 0) delete md.finalizers;
  }
  const spec = x.spec as Obj | undefined;
  if (x.kind === 'Service' && spec) {
    if (spec.clusterIP !== 'None') delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  if (x.kind === 'PersistentVolumeClaim' && spec) delete spec.volumeName;
  // A volume's binding is the volume controller's (it carries the claim's uid); a claimRef without one is the student's.
  if (x.kind === 'PersistentVolume' && spec?.claimRef?.uid) delete spec.claimRef;
  if (x.kind === 'Pod' && spec) cleanPodSpec(spec, true);
  for (const ps of [spec?.template?.spec, spec?.jobTemplate?.spec?.template?.spec, x.kind === 'Pod' ? spec : undefined]) if (ps) dropDefaults(ps);
  if (spec?.template?.metadata) delete spec.template.metadata.creationTimestamp;
  if (x.kind === 'StatefulSet' && Array.isArray(spec?.volumeClaimTemplates)) {
    for (const t of spec.volumeClaimTemplates as Obj[]) {
      delete t.status;
      if (t.metadata) delete t.metadata.creationTimestamp;
    }
  }
  if (x.kind === 'Secret' && secrets === 'redact') {
    const data = { ...(x.data ?? {}) } as Record<string, string>;
    const sums = Object.entries(data).map(([k, v]) => `${k}=sha256:${createHash('sha256').update(Buffer.from(v, 'base64')).digest('hex').slice(0, 16)}`);
    x.metadata.annotations = { ...(x.metadata.annotations ?? {}), [REDACTED]: sums.join(',') };
    x.data = Object.fromEntries(Object.keys(data).map((k) => [k, '']));
  }
  return x as ApiObject;
}

/**
 * A pod spec without what the API server's defaulting and admission filled in that a student never writes and a
 * grading namespace refuses when written: the default scheduler, priority 0 and its preemption policy, and the
 * not-ready and unreachable tolerations.
 */
function dropDefaults(ps: Obj): void {
  if (ps.schedulerName === 'default-scheduler') delete ps.schedulerName;
  if (ps.priority === 0) delete ps.priority;
  if (ps.preemptionPolicy === 'PreemptLowerPriority') delete ps.preemptionPolicy;
  if (Array.isArray(ps.tolerations)) {
    ps.tolerations = (ps.tolerations as Obj[]).filter((t) => !['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].includes(t.key) || t.effect !== 'NoExecute' || t.tolerationSeconds !== 300);
    if (ps.tolerations.length === 0) delete ps.tolerations;
  }
}

/** A bare pod's spec without what the cluster added: its node and the service-account token volume. */
function cleanPodSpec(spec: Obj, bare: boolean): void {
  if (!bare) return;
  delete spec.nodeName;
  if (Array.isArray(spec.volumes)) {
    const tokens = new Set((spec.volumes as Obj[]).filter((v) => String(v.name).startsWith('kube-api-access-')).map((v) => v.name));
    spec.volumes = (spec.volumes as Obj[]).filter((v) => !tokens.has(v.name));
    if (spec.volumes.length === 0) delete spec.volumes;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])] as Obj[]) {
      if (Array.isArray(c.volumeMounts)) c.volumeMounts = c.volumeMounts.filter((m: Obj) => !tokens.has(m.name));
      if (c.volumeMounts?.length === 0) delete c.volumeMounts;
    }
  }
}

/** Whether an object is the student's own: not made by a controller, the cluster or the grader. */
export function isStudents(o: ApiObject, all: readonly ApiObject[]): boolean {
  const md = o.metadata as Obj;
  if ((md.ownerReferences ?? []).length > 0) return false;
  if (md.labels?.[PROBE_LABEL.key] !== undefined) return false;
  if (o.kind === 'ConfigMap' && (md.name === 'kube-root-ca.crt' || md.name === PROBE_OWNER)) return false;
  if (o.kind === 'Secret' && String((o as Obj).type ?? '').startsWith('kubernetes.io/service-account-token')) return false;
  if (o.kind === 'PersistentVolumeClaim') {
    // A StatefulSet's claim <template>-<set>-<ordinal> is the controller's, made again from the template.
    for (const s of all.filter((x) => x.kind === 'StatefulSet')) {
      for (const t of ((s as Obj).spec?.volumeClaimTemplates ?? []) as Obj[]) {
        if (new RegExp(`^${t.metadata?.name}-${s.metadata.name}-\\d+$`).test(String(md.name))) return false;
      }
    }
  }
  return true;
}

/** The student's objects in a namespace, cleaned, in a stable order (by kind, then name). */
export async function captureObjects(kube: KubeReader, namespace: string, secrets: SecretMode, signal?: AbortSignal, volumes?: readonly string[]): Promise<ApiObject[]> {
  const all: ApiObject[] = [];
  for (const k of SUBMISSION_KINDS) {
    for (const o of await kube.list(k, namespace, undefined, { signal })) all.push({ ...o, apiVersion: o.apiVersion ?? k.apiVersion, kind: o.kind ?? k.kind });
  }
  // A lab that makes PersistentVolumes: its own by name (volumes), and any claimed from the namespace; never one a
  // provisioner made for a claim.
  if (volumes) {
    for (const pv of await kube.list(KIND.pv, undefined, undefined, { signal })) {
      const claimed = (pv.spec as Obj | undefined)?.claimRef?.namespace === namespace;
      const provisioned = (pv.metadata.annotations as Obj | undefined)?.['pv.kubernetes.io/provisioned-by'] !== undefined;
      if (!provisioned && (volumes.includes(pv.metadata.name!) || claimed)) all.push({ ...pv, apiVersion: 'v1', kind: 'PersistentVolume' });
    }
  }
  return all
    .filter((o) => !o.metadata.deletionTimestamp && isStudents(o, all))
    .map((o) => cleanObject(o, secrets))
    .sort((a, b) => (a.kind === b.kind ? String(a.metadata.name).localeCompare(String(b.metadata.name)) : String(a.kind).localeCompare(String(b.kind))));
}

/** Objects of two captures as one: each kind and name once, as `first` has it (what a later step deleted stays). */
export function mergeObjects(first: readonly ApiObject[], later: readonly ApiObject[]): ApiObject[] {
  const key = (o: ApiObject) => `${o.kind}/${o.metadata.name}`;
  const seen = new Set(first.map(key));
  return [...first, ...later.filter((o) => !seen.has(key(o)))];
}
