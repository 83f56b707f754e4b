import { type FileIssue } from '../errors.ts';
import { limitItems } from '../k8s/admission.ts';
import { applyRank } from '../k8s/kinds.ts';
import { amount, formatUsage, objectUsage, type ObjectUsage, type Usage } from '../k8s/quota.ts';
import { type ManifestObject } from '../load/manifests.ts';
import { type KubeObject } from '../model/kube.ts';
import { type Text } from '../model/text.ts';
import { GRADING_LIMITS, gradingLimitRange } from './limits.ts';
import { MSG } from './messages.ts';
import { type Rejection } from './policy.ts';

/** The name of the grading namespace's ResourceQuota and LimitRange, as messages name them. */
export const QUOTA_NAME = 'labs-grading';

/** What the namespace holds before any submission object: the API server's kube-root-ca.crt ConfigMap. */
export const BASELINE_USAGE: Usage = { configmaps: 1 };

/** Which submission objects fit in the grading namespace, and which extra objects were refused so that the rest fits. */
export interface QuotaPreflight {
  allowed: ManifestObject[];
  refused: Rejection[];
  /** The cluster will refuse some of the lab's own objects' pods (LimitRange, quota): applied all the same, and said. */
  warnings: FileIssue[];
  /** What the allowed objects and the reserved usage ask of the quota, replacement headroom included. */
  total: Usage;
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

const sum = (a: Usage, b: Usage, sign = 1): Usage => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + sign * v;
  return out;
};

/**
 * Before anything is applied, what the API server will make of the submission in the grading namespace: every
 * pod's resources once the LimitRange has defaulted them, what the ResourceQuota counts (pods from replicas, per-pod
 * claims, object counts), with room for one pod being replaced (the old one counts until it is gone), and what
 * either would refuse. Extra objects (kind and name not among `labObjects`) that the cluster would refuse, or that
 * would crowd the lab's own objects out of the quota, are refused here, the largest first, naming the rule and the
 * numbers; whatever the files are called. The lab's own objects are always applied; when the cluster will refuse
 * their pods, that is said as a warning, and the checks show the cluster's own words.
 */
export function quotaPreflight(objects: readonly ManifestObject[], labObjects: readonly KubeObject[], options: QuotaOptions = {}): QuotaPreflight {
  const limits = options.limits ?? GRADING_LIMITS;
  const items = limitItems(gradingLimitRange(limits));
  const hard: Usage = Object.fromEntries(Object.entries(limits.quota).map(([k, v]) => [k, amount(k, v)]));
  const labKeys = new Set(labObjects.map(objectKey));
  const usages: ObjectUsage[] = objects.map((m) => objectUsage(m.object, items, options.nodes));
  const own = (i: number) => labKeys.has(objectKey(objects[i]!.object));
  const out: QuotaPreflight = { allowed: [], refused: [], warnings: [], total: {} };
  const refused = new Set<number>();
  const refuse = (i: number, reason: Text, code: 'quota' | 'limit-range' = 'quota') => {
    const m = objects[i]!;
    refused.add(i);
    out.refused.push({ file: m.file, line: m.line, object: objectKey(m.object), reason, code });
  };

  // What the LimitRange would refuse: an extra is not applied; the lab's own object is, and the student is told.
  usages.forEach((u, i) => {
    if (u.refusals.length === 0) return;
    const why = u.refusals.join('; ');
    if (own(i)) {
      out.warnings.push({ file: objects[i]!.file, line: objects[i]!.line, message: MSG.limitRangeWarning(QUOTA_NAME, why) });
    } else {
      refuse(i, MSG.limitRangeRefuses(QUOTA_NAME, why), 'limit-range');
    }
  });

  const headroom = () => {
    // Replacing a pod: the new one is admitted while the old one still counts. Room for the largest pod.
    let big: Usage = {};
    usages.forEach((u, i) => {
      if (refused.has(i) || !u.perPod.pods) return;
      const share = (x: Usage) => Object.entries(x).reduce((s, [k, v]) => s + v / Math.max(hard[k] ?? Infinity, 1), 0);
      if (share(u.perPod) > share(big)) big = u.perPod;
    });
    return big;
  };
  const totalNow = () => usages.reduce((t, u, i) => (refused.has(i) ? t : sum(t, u.usage)), { ...(options.reserved ?? BASELINE_USAGE) });

  for (;;) {
    const total = sum(totalNow(), headroom());
    const over = Object.keys(hard).filter((k) => (total[k] ?? 0) > hard[k]!);
    out.total = total;
    if (over.length === 0) break;
    const share = (i: number) => over.reduce((s, k) => s + (usages[i]!.usage[k] ?? 0) / Math.max(hard[k]!, 1), 0);
    const candidates = objects.map((_, i) => i).filter((i) => !refused.has(i) && !own(i) && share(i) > 0);
    if (candidates.length === 0) {
      out.warnings.push(...overQuota(over, objects.filter((_, i) => !refused.has(i)), usages.filter((_, i) => !refused.has(i)), total, hard));
      break;
    }
    // The largest first; equal ones by kind and name, never by file name, so renaming files changes nothing.
    candidates.sort((a, b) => share(b) - share(a) || cmp(objectKey(objects[a]!.object), objectKey(objects[b]!.object)) || a - b);
    const i = candidates[0]!;
    const hits = over.filter((k) => (usages[i]!.usage[k] ?? 0) > 0);
    const quota = hits.map((k) => `${k} ${formatUsage(k, hard[k]!)}`).join(', ');
    const asked = hits.map((k) => `${k} ${formatUsage(k, total[k] ?? 0)}`).join(', ');
    refuse(i, MSG.exceedsQuota(QUOTA_NAME, quota, asked));
  }
  out.allowed = objects.filter((_, i) => !refused.has(i));
  return out;
}

function overQuota(over: string[], objects: readonly ManifestObject[], usages: ObjectUsage[], total: Usage, hard: Usage): FileIssue[] {
  return over.map((k) => {
    const biggest = objects.map((m, i) => ({ m, n: usages[i]!.usage[k] ?? 0 })).sort((a, b) => b.n - a.n)[0];
    const where = biggest && biggest.n > 0 ? { file: biggest.m.file, line: biggest.m.line } : { file: QUOTA_NAME };
    return {
      ...where,
      message: MSG.overQuota(QUOTA_NAME, k, formatUsage(k, hard[k]!), formatUsage(k, total[k] ?? 0)),
    };
  });
}

/**
 * The allowed objects in the order they are applied, as one set (as `kubectl apply -f <dir>` takes them, but
 * ordered): what others refer to first (ConfigMaps, Secrets, claims, Services), then the workloads that use them;
 * within a kind by name, then file and line. Never by file name alone, so the same objects always go in the same order.
 */
export function applyOrder(objects: readonly ManifestObject[]): ManifestObject[] {
  return [...objects].sort((a, b) => applyRank(a.object.kind) - applyRank(b.object.kind) || cmp(a.object.kind, b.object.kind) || cmp(String(a.object.metadata?.name), String(b.object.metadata?.name)) || cmp(a.file, b.file) || a.line - b.line);
}
