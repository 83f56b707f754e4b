import { errorMessage } from '../errors.ts';
import { type ManifestObject } from '../load/manifests.ts';
import { text, type Text } from '../model/text.ts';
import { isClusterScoped, kindInfo, SUBMISSION_KINDS } from '../k8s/kinds.ts';
import { hardenPodSpec, podSpecProblems } from './pod-policy.ts';
import { type RawLabelSelector } from '../k8s/raw.ts';
import { matchesRequirements, requirementsOf } from '../k8s/selector.ts';
import { GRADING_LIMITS } from './limits.ts';
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
    if (spec?.type === 'NodePort' || spec?.type === 'LoadBalancer') out.push(text(`spec.type ${spec.type}: 네임스페이스 밖으로 포트를 엽니다`, `spec.type ${spec.type} opens ports outside the namespace`));
    if (spec?.type === 'ExternalName') out.push(text('spec.type ExternalName은 클러스터 밖이나 다른 서비스로 이름을 돌립니다', 'spec.type ExternalName points a name at another host or service'));
    if (Array.isArray(spec?.externalIPs) && spec.externalIPs.length > 0) out.push(text('spec.externalIPs는 다른 서비스의 트래픽을 가로챌 수 있습니다', 'spec.externalIPs can capture traffic of other services'));
  }
  if (o.kind === 'Secret' && o.type === 'kubernetes.io/service-account-token') {
    out.push(text('type kubernetes.io/service-account-token 시크릿은 API 서버 토큰을 만듭니다', 'a Secret of type kubernetes.io/service-account-token makes an API token'));
  }
  for (const c of claimSpecsOf(o)) {
    if (c.spec.volumeName && !(typeof c.spec.volumeName === 'string' && volumes.has(c.spec.volumeName))) out.push(text(`${c.path}.volumeName은 내 것이 아닌 PersistentVolume을 묶습니다`, `${c.path}.volumeName would bind a PersistentVolume that is not yours`));
    for (const f of ['dataSource', 'dataSourceRef'] as const) {
      if (c.spec[f] !== undefined && c.spec[f] !== null) out.push(text(`${c.path}.${f}는 다른 볼륨이나 스냅샷의 데이터를 복사합니다`, `${c.path}.${f} copies the data of another volume or snapshot`));
    }
  }
  return out;
}

/** Why one object may not be applied into the grading namespace (none when it may); `volumes`: the submission's own PersistentVolumes. */
export function objectProblems(m: ManifestObject, o: PolicyOptions, volumes?: ReadonlySet<string>): Problem[] {
  const { kind, apiVersion, metadata } = m.object;
  if (kind === 'PersistentVolume' && apiVersion === 'v1' && o.volumes) return volumeObjectProblems(m, o.volumes);
  if (isClusterScoped(kind)) return [as('cluster-scoped')(text(`${kind}: 클러스터 범위 객체입니다. 제출물은 자기 네임스페이스 안의 객체만 만들 수 있습니다`, `${kind} is cluster-scoped: a submission may only create objects in its own namespace`))];
  if (kind === 'NetworkPolicy') return [as('network-policy')(text('NetworkPolicy는 받지 않습니다: 채점기가 네임스페이스의 네트워크 규칙을 정하고, 채점용 probe Pod가 내 Pod에 닿아야 합니다', "NetworkPolicy is refused: the grader sets the namespace's network rules, and its probe pods must reach your pods"))];
  if (!kindInfo(kind, apiVersion)?.submission) {
    const known = SUBMISSION_KINDS.map((k) => `${k.apiVersion} ${k.kind}`).join(', ');
    return [as('kind')(text(`${apiVersion} ${kind}: 제출물이 만들 수 있는 종류가 아닙니다 (가능: ${known})`, `${apiVersion} ${kind} is not a kind submissions may create (allowed: ${known})`))];
  }
  const out: Problem[] = [];
  const ns = metadata.namespace;
  if (Array.isArray(metadata.finalizers) && metadata.finalizers.length > 0) out.push(as('finalizers')(text('metadata.finalizers는 네임스페이스가 영영 지워지지 않게 할 수 있습니다', 'metadata.finalizers could keep the namespace from ever being deleted')));
  if (ns !== undefined && ns !== null && ns !== o.labNamespace) {
    out.push(as('namespace')(text(`metadata.namespace "${ns}": 다른 네임스페이스를 가리킵니다 (빼거나 "${o.labNamespace}"(으)로 두세요)`, `metadata.namespace "${ns}" aims at another namespace (leave it out, or use "${o.labNamespace}")`)));
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
    ...(Array.isArray(finalizers) && finalizers.length > 0 ? [as('finalizers')(text('metadata.finalizers는 볼륨이 영영 지워지지 않게 할 수 있습니다', 'metadata.finalizers could keep the volume from ever being deleted'))] : []),
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
    if (keys.length) out.push(text(`${where}: ${keys.join(', ')} — labs.dev/ 라벨은 채점기의 것입니다`, `${where}: ${keys.join(', ')}: labs.dev/ labels are the grader's`));
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
      out.push(text('spec.selector: 채점기의 probe Pod까지 고릅니다 (labs.dev/ 라벨이나 빈 셀렉터): 내 Pod의 라벨로만 고르세요', "spec.selector takes in the grader's probe pods too (a labs.dev/ label, or an empty selector): select your own pods' labels only"));
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
      problems = [as('internal')(text(`이 객체를 검사하다가 내부 오류가 났습니다: ${errorMessage(e)}`, `internal error while checking this object: ${errorMessage(e)}`))];
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
