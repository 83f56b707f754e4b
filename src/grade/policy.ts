import { errorMessage } from '../errors.ts';
import { type ManifestObject } from '../load/manifests.ts';
import { type Text } from '../model/text.ts';
import { isClusterScoped, kindInfo, SUBMISSION_KINDS } from '../k8s/kinds.ts';
import { hardenPodSpec, podSpecProblems } from './pod-policy.ts';
import { type RawLabelSelector } from '../k8s/raw.ts';
import { matchesRequirements, requirementsOf } from '../k8s/selector.ts';
import { GRADING_LIMITS } from './limits.ts';
import { MSG } from './messages.ts';
import { claimSpecsOf, mapping, podSpecOf } from '../k8s/pod-specs.ts';
import { totalProblems, volumeProblems, type VolumeRule } from './volumes-policy.ts';

/** An object the policy (or the quota preflight) refused, and why. */
export interface Rejection {
  file: string;
  line: number;
  /** "Kind/name". */
  object: string;
  reason: Text;
  /** Which rule refused it: reports group and count by this, never by the words. */
  code?: RefusalCode;
}

/** The rules that refuse an object, as stable codes. */
export type RefusalCode =
  | 'cluster-scoped' | 'network-policy' | 'kind' | 'finalizers' | 'namespace' | 'pod' | 'spec' | 'grader-labels'
  | 'duplicate' | 'limit-range' | 'quota' | 'internal';

/** One reason to refuse an object, and its rule. */
export interface Problem {
  code: RefusalCode;
  reason: Text;
}

const as = (code: RefusalCode) => (reason: Text): Problem => ({ code, reason });

/** What may be applied (rewritten into the grading namespace) and what was refused. */
export interface PolicyResult {
  allowed: ManifestObject[];
  rejected: Rejection[];
}

/** What the policy needs to know of the lab. */
export interface PolicyOptions {
  /** Capabilities the lab's pods need (NET_RAW is dropped from every container otherwise). */
  capabilities?: readonly string[];
  /** The namespace the lab's files may name; objects naming it are moved into the grading namespace. */
  labNamespace: string;
  /** Images a submission may run (the lab's allow-list); compared as containerd normalises names. */
  images: readonly string[];
  /**
   * The rule for PersistentVolumes, for a lab that makes them (`persistentVolumes: true`): a submission's hostPath
   * volumes are then allowed, and its claims may name them by `volumeName`. Refused as cluster-scoped otherwise.
   */
  volumes?: VolumeRule;
}

// Which kinds a submission may create comes from the kind registry (src/k8s/kinds.ts). NetworkPolicy is not among
// them: the grader sets each namespace's network rules, and a student's policy could shut out the grader's probe
// pods (and so fail or fake checks). PodDisruptionBudgets only guard the student's own pods against evictions;
// they are allowed and counted in the quota. Unknown kinds are not guessed at.

/** Why a Service, PVC or Secret may not be applied (none when it may); `volumes`: the submission's own PersistentVolumes, a claim may name. */
function specProblems(m: ManifestObject, volumes: ReadonlySet<string> = new Set()): Text[] {
  const o = m.object;
  const spec = mapping(o.spec);
  const out: Text[] = [];
  if (o.kind === 'Service') {
    if (spec?.type === 'NodePort' || spec?.type === 'LoadBalancer') out.push(MSG.serviceOpensPorts(spec.type));
    if (spec?.type === 'ExternalName') out.push(MSG.externalName);
    if (Array.isArray(spec?.externalIPs) && spec.externalIPs.length > 0) out.push(MSG.externalIPs);
  }
  if (o.kind === 'Secret' && o.type === 'kubernetes.io/service-account-token') {
    out.push(MSG.serviceAccountTokenSecret);
  }
  for (const c of claimSpecsOf(o)) {
    if (c.spec.volumeName && !(typeof c.spec.volumeName === 'string' && volumes.has(c.spec.volumeName))) out.push(MSG.claimVolumeName(c.path));
    for (const f of ['dataSource', 'dataSourceRef'] as const) {
      if (c.spec[f] !== undefined && c.spec[f] !== null) out.push(MSG.claimDataSource(c.path, f));
    }
  }
  return out;
}

/** Why one object may not be applied into the grading namespace (none when it may); `volumes`: the submission's own PersistentVolumes. */
export function objectProblems(m: ManifestObject, o: PolicyOptions, volumes?: ReadonlySet<string>): Problem[] {
  const { kind, apiVersion, metadata } = m.object;
  if (kind === 'PersistentVolume' && apiVersion === 'v1' && o.volumes) return volumeObjectProblems(m, o.volumes);
  if (isClusterScoped(kind)) return [as('cluster-scoped')(MSG.clusterScoped(kind))];
  if (kind === 'NetworkPolicy') return [as('network-policy')(MSG.networkPolicyRefused)];
  if (!kindInfo(kind, apiVersion)?.submission) {
    const known = SUBMISSION_KINDS.map((k) => `${k.apiVersion} ${k.kind}`).join(', ');
    return [as('kind')(MSG.kindNotAllowed(apiVersion, kind, known))];
  }
  const out: Problem[] = [];
  const ns = metadata.namespace;
  if (Array.isArray(metadata.finalizers) && metadata.finalizers.length > 0) out.push(as('finalizers')(MSG.namespaceFinalizers));
  if (ns !== undefined && ns !== null && ns !== o.labNamespace) {
    out.push(as('namespace')(MSG.otherNamespace(ns, o.labNamespace)));
  }
  const pod = podSpecOf(m.object);
  if (pod) out.push(...podSpecProblems(pod, { images: o.images, capabilities: o.capabilities }).map(as('pod')));
  out.push(...specProblems(m, volumes).map(as('spec')), ...graderLabelProblems(m).map(as('grader-labels')));
  return out;
}

/** A PersistentVolume of a lab that makes them: the volume rule (volumes-policy.ts), no finalizers, no grader's labels. */
function volumeObjectProblems(m: ManifestObject, rule: VolumeRule): Problem[] {
  const finalizers = m.object.metadata?.finalizers;
  return [
    ...(Array.isArray(finalizers) && finalizers.length > 0 ? [as('finalizers')(MSG.volumeFinalizers)] : []),
    ...volumeProblems(m.object, rule).map(as('spec')),
    ...graderLabelProblems(m).map(as('grader-labels')),
  ];
}

/** The labels every pod the grader makes carries (see src/run/probes.ts). */
const PROBE_POD_LABELS = { 'labs.dev/role': 'probe', 'labs.dev/probe': 'any', 'app.kubernetes.io/managed-by': 'labs' };

/**
 * Nothing of a submission may look like the grader's, or reach for it: no `labs.dev/` labels on its objects or pod
 * templates, and no selector (a workload's, a Service's, a PodDisruptionBudget's) that would take in the grader's
 * probe pods, whose controller would then adopt or evict them, or whose Service would send them traffic.
 */
function graderLabelProblems(m: ManifestObject): Text[] {
  const out: Text[] = [];
  const o = m.object;
  const template = mapping(mapping(mapping(o.spec)?.template)?.metadata)?.labels;
  for (const [where, labels] of [['metadata.labels', o.metadata?.labels], ['spec.template.metadata.labels', template]] as const) {
    const keys = Object.keys(mapping(labels) ?? {}).filter((k) => k.startsWith('labs.dev/'));
    if (keys.length) out.push(MSG.graderLabels(where, keys.join(', ')));
  }
  const sel = mapping(o.spec)?.selector;
  if (sel !== undefined && sel !== null) {
    const takesProbes = o.kind === 'Service'
      ? Object.keys(mapping(sel) ?? {}).length > 0 && Object.entries(mapping(sel) ?? {}).every(([k, v]) => (PROBE_POD_LABELS as Record<string, string>)[k] === v || (k === 'labs.dev/probe' && v !== undefined))
      : (() => {
          // Whatever value a probe's name has, a requirement on labs.dev/probe is about the grader's pods.
          const reqs = requirementsOf(wellFormedSelector(sel));
          return reqs !== undefined && (reqs.some((r) => r.key.startsWith('labs.dev/')) || matchesRequirements(reqs, PROBE_POD_LABELS));
        })();
    if (takesProbes) {
      out.push(MSG.selectorTakesProbes);
    }
  }
  return out;
}

/**
 * A selector with the shape the API server takes (matchLabels a mapping of scalars, matchExpressions a list of
 * mappings whose values are lists of scalars), or undefined: the API server refuses any other, so it takes nothing in.
 */
function wellFormedSelector(sel: unknown): RawLabelSelector | undefined {
  const m = mapping(sel);
  const scalars = (v: unknown) => Object.values(v as object).every((x) => typeof x !== 'object' || x === null);
  const labels = m?.matchLabels;
  const exprs = m?.matchExpressions;
  if (!m || (labels !== undefined && labels !== null && !(mapping(labels) && scalars(labels)))) return undefined;
  if (exprs !== undefined && exprs !== null && !Array.isArray(exprs)) return undefined;
  const bad = (exprs ?? []).some((e) => {
    const x = mapping(e);
    return !x || (x.values !== undefined && x.values !== null && !(Array.isArray(x.values) && scalars(x.values)));
  });
  return bad ? undefined : (m as RawLabelSelector);
}

/**
 * Decides what of a submission may be applied. Refused objects are reported with their file and line;
 * allowed ones lose any namespace (the grader puts them in the submission's own). Never throws.
 */
export function applyPolicy(objects: readonly ManifestObject[], options: PolicyOptions): PolicyResult {
  const result: PolicyResult = { allowed: [], rejected: [] };
  // The submission's own volumes, which its claims may name (a claim pinned to its volume by volumeName).
  const volumes = new Set(options.volumes ? objects.filter((m) => m.object.kind === 'PersistentVolume').map((m) => String(m.object.metadata?.name)) : []);
  for (const m of objects) {
    const name = `${m.object.kind}/${m.object.metadata?.name}`;
    let problems: Problem[];
    let copy: ManifestObject | undefined;
    try {
      problems = objectProblems(m, options, volumes);
      if (problems.length === 0) {
        copy = structuredClone(m);
        delete copy.object.metadata.namespace;
        const pod = podSpecOf(copy.object);
        if (pod) hardenPodSpec(pod, { capabilities: options.capabilities, emptyDirLimit: GRADING_LIMITS.emptyDir });
      }
    } catch (e) {
      problems = [as('internal')(MSG.policyInternalError(errorMessage(e)))];
    }
    if (problems.length > 0 || !copy) {
      for (const p of problems) result.rejected.push({ file: m.file, line: m.line, object: name, reason: p.reason, code: p.code });
      continue;
    }
    result.allowed.push(copy);
  }
  // All of a submission's volumes together hold no more than its claims may: the largest past the total are refused.
  if (options.volumes) {
    const over = totalProblems(result.allowed.filter((m) => m.object.kind === 'PersistentVolume'), options.volumes);
    for (const [m, reason] of over) result.rejected.push({ file: m.file, line: m.line, object: `${m.object.kind}/${m.object.metadata?.name}`, reason, code: 'quota' });
    result.allowed = result.allowed.filter((m) => !over.has(m));
  }
  return result;
}
