import { type FileIssue } from '../errors.ts';
import { type ManifestObject } from '../load/manifests.ts';
import { type KubeObject } from '../model/kube.ts';
import { text } from '../model/text.ts';
import { GRADING_LIMITS } from './limits.ts';
import { type Rejection } from './policy.ts';
import { amount, usageOf, type QuotaKey, type Usage } from './usage.ts';

/** The name of the grading namespace's ResourceQuota, as messages name it. */
export const QUOTA_NAME = 'labs-grading';

/** What the namespace holds before any submission object: the API server's kube-root-ca.crt ConfigMap. */
export const BASELINE_USAGE: Usage = { configmaps: 1 };

/** Which submission objects fit in the grading quota, and which extra objects were refused so that the rest fits. */
export interface QuotaPreflight {
  allowed: ManifestObject[];
  refused: Rejection[];
  /** The lab's own objects alone exceed the quota: the lab author's problem, never a refusal. */
  warnings: FileIssue[];
}

/** Options of the quota preflight. */
export interface QuotaOptions {
  /** Usage already taken before the submission (the grader's probe pods…); BASELINE_USAGE when omitted. */
  reserved?: Usage;
  /** Nodes a DaemonSet runs on. */
  nodes?: number;
  limits?: typeof GRADING_LIMITS;
}

/** Code-unit order: the same in every locale. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** "Kind/name": how an object is recognised as one of the lab's own. */
export function objectKey(o: KubeObject): string {
  return `${o.kind}/${o.metadata?.name}`;
}

/** A quota amount back in Kubernetes notation: "500m", "2", "512Mi". */
function show(key: string, n: number): string {
  if (key.includes('cpu')) return n % 1000 === 0 ? String(n / 1000) : `${n}m`;
  if (key.includes('memory') || key.includes('storage')) {
    for (const [unit, size] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) if (n >= size && n % size === 0) return `${n / size}${unit}`;
  }
  return String(n);
}

/**
 * Before anything is applied: what the submission's objects ask of the grading ResourceQuota (pods from replicas,
 * CPU and memory per container with the LimitRange's defaults, PVC storage, counts). When the total is over the
 * quota, extra objects (whose kind and name are not among `labObjects`) are refused, the largest first, until the
 * rest fits; so a flood of extra workloads can never take the quota the lab's own objects need, whatever the
 * files are called. The lab's own objects are never refused for the quota.
 */
export function quotaPreflight(objects: readonly ManifestObject[], labObjects: readonly KubeObject[], options: QuotaOptions = {}): QuotaPreflight {
  const limits = options.limits ?? GRADING_LIMITS;
  const hard = Object.fromEntries(Object.entries(limits.quota).map(([k, v]) => [k, amount(k, v)])) as Record<QuotaKey, number>;
  const labKeys = new Set(labObjects.map(objectKey));
  const usages = objects.map((m) => usageOf(m.object, { nodes: options.nodes, limits }));
  const total: Usage = { ...(options.reserved ?? BASELINE_USAGE) };
  for (const u of usages) for (const [k, v] of Object.entries(u)) total[k as QuotaKey] = (total[k as QuotaKey] ?? 0) + v;
  const refused = new Set<number>();
  const out: QuotaPreflight = { allowed: [], refused: [], warnings: [] };
  for (;;) {
    const over = (Object.keys(hard) as QuotaKey[]).filter((k) => (total[k] ?? 0) > hard[k]);
    if (over.length === 0) break;
    const share = (i: number) => over.reduce((s, k) => s + (usages[i]![k] ?? 0) / Math.max(hard[k], 1), 0);
    const candidates = objects.map((m, i) => i).filter((i) => !refused.has(i) && !labKeys.has(objectKey(objects[i]!.object)) && share(i) > 0);
    if (candidates.length === 0) {
      out.warnings.push(...labWarnings(over, objects.filter((_, i) => !refused.has(i)), usages.filter((_, i) => !refused.has(i)), total, hard));
      break;
    }
    // The largest first; equal ones by kind and name, never by file name, so renaming files changes nothing.
    candidates.sort((a, b) => share(b) - share(a) || cmp(objectKey(objects[a]!.object), objectKey(objects[b]!.object)) || a - b);
    const i = candidates[0]!;
    const m = objects[i]!;
    const hits = over.filter((k) => (usages[i]![k] ?? 0) > 0);
    const quota = hits.map((k) => `${k} ${show(k, hard[k])}`).join(', ');
    const asked = hits.map((k) => `${k} ${show(k, total[k] ?? 0)}`).join(', ');
    out.refused.push({
      file: m.file, line: m.line, object: objectKey(m.object),
      reason: text(
        `채점 할당량을 넘습니다 (ResourceQuota ${QUOTA_NAME}: ${quota}; 이 객체까지 더하면 ${asked}): 랩의 객체가 먼저이고, 들어가지 않는 추가 객체는 적용하지 않습니다`,
        `exceeds the grading quota (ResourceQuota ${QUOTA_NAME}: ${quota}; with this object: ${asked}): the lab's own objects come first, and extra objects that do not fit are not applied`,
      ),
    });
    refused.add(i);
    for (const [k, v] of Object.entries(usages[i]!)) total[k as QuotaKey] = (total[k as QuotaKey] ?? 0) - v;
  }
  out.allowed = objects.filter((_, i) => !refused.has(i));
  return out;
}

function labWarnings(over: QuotaKey[], objects: readonly ManifestObject[], usages: Usage[], total: Usage, hard: Record<QuotaKey, number>): FileIssue[] {
  return over.map((k) => {
    const biggest = objects.map((m, i) => ({ m, n: usages[i]![k] ?? 0 })).sort((a, b) => b.n - a.n)[0];
    const where = biggest && biggest.n > 0 ? { file: biggest.m.file, line: biggest.m.line } : { file: QUOTA_NAME };
    return {
      ...where,
      message: text(
        `랩의 객체만으로도 채점 할당량을 넘습니다 (ResourceQuota ${QUOTA_NAME}: ${k} ${show(k, hard[k])}; 필요한 양 ${show(k, total[k] ?? 0)}): 랩 작성자가 확인해야 합니다`,
        `the lab's own objects alone exceed the grading quota (ResourceQuota ${QUOTA_NAME}: ${k} ${show(k, hard[k])}; they ask for ${show(k, total[k] ?? 0)}): the lab's author should look at it`,
      ),
    };
  });
}

/** Kinds in the order they are applied: what others refer to (configuration, storage, names) before workloads. */
const KIND_ORDER = ['Secret', 'ConfigMap', 'PersistentVolumeClaim', 'Service', 'PodDisruptionBudget', 'StatefulSet', 'Deployment', 'ReplicaSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'];

/**
 * The allowed objects in two waves: the lab's own objects (same kind and name as a reference object) first, the
 * extras after, for the caller to apply and settle one wave before the next. Within a wave the order is by kind,
 * then name (then file and line): never by file name alone, so the same objects always go in the same order.
 */
export function applyWaves(objects: readonly ManifestObject[], labObjects: readonly KubeObject[]): { lab: ManifestObject[]; extra: ManifestObject[] } {
  const labKeys = new Set(labObjects.map(objectKey));
  const rank = (k: string) => {
    const i = KIND_ORDER.indexOf(k);
    return i < 0 ? KIND_ORDER.length : i;
  };
  const sorted = [...objects].sort((a, b) => rank(a.object.kind) - rank(b.object.kind) || cmp(a.object.kind, b.object.kind) || cmp(String(a.object.metadata?.name), String(b.object.metadata?.name)) || cmp(a.file, b.file) || a.line - b.line);
  return { lab: sorted.filter((m) => labKeys.has(objectKey(m.object))), extra: sorted.filter((m) => !labKeys.has(objectKey(m.object))) };
}
