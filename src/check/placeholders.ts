import { envSources, podView } from './pods.ts';
import { LabsError } from '../errors.ts';
import { containerEnv } from '../k8s/env.ts';
import { kindByName } from '../k8s/kinds.ts';
import { matchesRequirements, parseSelector } from '../k8s/selector.ts';
import { podsOf } from '../k8s/workloads.ts';
import { KIND, PROBE_LABEL, type ApiObject, type KindRef, type KubeReader } from '../model/kube.ts';
import { text } from '../model/text.ts';

/** A placeholder that cannot be filled in: the student's objects are not what the action needs. */
export class PlaceholderError extends LabsError {}

/** Where targets are looked up: a reader of the cluster and the namespace of the run. */
export interface Scope {
  kube: KubeReader;
  namespace: string;
  /** The student's variant, for {{var <name>}}. */
  variables?: Readonly<Record<string, string>>;
  /** The run's name of a cluster-scoped object of the lab, for {{volume <name>}} (as written when absent). */
  clusterName?: (kind: string, name: string) => string;
}

/** Kinds a target may name: a workload whose pods are meant. */
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'Job']);

/** The workload of a target ("deployment/x", "statefulset/x"), or undefined for pods and selectors. */
export function workloadRef(target: string): KindRef | undefined {
  if (!target.includes('/')) return undefined;
  const info = kindByName(target.split('/', 1)[0]!);
  return info && WORKLOADS.has(info.kind) ? { apiVersion: info.apiVersion, kind: info.kind } : undefined;
}

const isGraders = (p: ApiObject) => p.metadata.labels?.[PROBE_LABEL.key] !== undefined;

/**
 * Live pods of a target: "pod/<name>", "<workload kind>/<name>" (the pods its controller owns, however its
 * selector is written) or a label selector (never the grader's own pods).
 */
export async function targetPods(scope: Scope, target: string): Promise<ApiObject[]> {
  const pods = (await scope.kube.list(KIND.pod, scope.namespace)).filter((p) => !p.metadata.deletionTimestamp);
  if (!target.includes('/')) {
    const reqs = parseSelector(target);
    if (!reqs) throw new PlaceholderError(text(`라벨 셀렉터 "${target}"를 읽을 수 없습니다`, `cannot read the label selector "${target}"`), text('kubectl -l에 쓰는 모양으로 쓰세요: app=mysql', 'Write it as for kubectl -l: app=mysql'));
    return pods.filter((p) => !isGraders(p) && matchesRequirements(reqs, p.metadata.labels));
  }
  const [kind, name] = target.split('/', 2) as [string, string];
  if (kindByName(kind)?.kind === 'Pod') return pods.filter((p) => p.metadata.name === name);
  const ref = workloadRef(target);
  if (!ref) throw new PlaceholderError(text(`알 수 없는 대상 종류 "${kind}" (${target})`, `unknown target kind "${kind}" in "${target}"`), text('pod/<이름>, deployment/<이름>, statefulset/<이름> 또는 라벨 셀렉터를 쓰세요.', 'Use pod/<name>, deployment/<name>, statefulset/<name> or a label selector.'));
  const w = await scope.kube.get(ref, name, scope.namespace);
  if (!w) return [];
  const owners = ref.kind === 'Deployment' ? await scope.kube.list(KIND.replicaSet, scope.namespace) : [];
  return podsOf(w, [...pods, ...owners]);
}

const isReady = (p: ApiObject) => podView(p).ready;

/** The value the kubelet gives an environment variable in the target's pods (a Ready one first). */
async function envValue(scope: Scope, target: string, variable: string): Promise<string> {
  const pods = await targetPods(scope, target);
  const pod = pods.find(isReady) ?? pods[0];
  if (!pod) throw new PlaceholderError(text(`${target}: Pod가 없어 환경 변수 ${variable}를 알 수 없습니다`, `${target}: no pod, so no value for ${variable}`));
  const v = podView(pod);
  const env = await containerEnv({ ...v.raw, metadata: { ...v.raw.metadata, namespace: scope.namespace } }, v.containers[0]?.name ?? '', envSources(scope.kube, scope.namespace));
  if (!env.ok) throw new PlaceholderError(text(`${target}: 컨테이너 환경을 만들 수 없습니다: ${env.error}`, `${target}: the container's environment cannot be built: ${env.error}`));
  const value = env.vars.get(variable);
  if (value === undefined) throw new PlaceholderError(text(`${target}에 환경 변수 ${variable}의 값이 없습니다`, `${target} gives no value for ${variable}`));
  return value;
}

const PLACEHOLDER = /\{\{\s*([a-z]+)(?:\s+([^\s}]+))?(?:\s+([^\s}]+))?\s*\}\}/g;

/**
 * Fills {{ip <target>}} (the IP of the target's first Ready pod), {{env <target> <VAR>}} (the value the kubelet
 * gives the variable), {{value <name>}} (a value of this run), {{var <name>}} (the student's variant), {{volume <name>}}
 * (the name the run's copy of the lab's PersistentVolume has: smoke and grading name it after the namespace) and
 * {{namespace}} in each argument of a command.
 * Values go in as they are: nothing in them is read as a pattern.
 */
export async function fillPlaceholders(args: readonly string[], scope: Scope, values: Readonly<Record<string, string>> = {}): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    const parts: string[] = [];
    let last = 0;
    for (const m of arg.matchAll(PLACEHOLDER)) {
      const [whole, fn, a, b] = m;
      parts.push(arg.slice(last, m.index));
      last = m.index + whole.length;
      if (fn === 'namespace') parts.push(scope.namespace);
      else if (fn === 'ip') {
        const ready = (await targetPods(scope, a!)).find(isReady);
        const ip = ready ? podView(ready).ip : undefined;
        if (!ip) throw new PlaceholderError(text(`${a}: Ready인 Pod가 없어 IP를 알 수 없습니다`, `${a}: no Ready pod, so no IP to reach`));
        parts.push(ip);
      } else if (fn === 'env') parts.push(await envValue(scope, a!, b!));
      else if (fn === 'value' && a !== undefined && values[a] !== undefined) parts.push(values[a]!);
      else if (fn === 'var' && a !== undefined && scope.variables?.[a] !== undefined) parts.push(scope.variables[a]!);
      else if (fn === 'volume' && a !== undefined) parts.push(scope.clusterName?.('PersistentVolume', a) ?? a);
      else throw new PlaceholderError(text(`알 수 없는 자리표시자 ${whole}`, `unknown placeholder ${whole}`));
    }
    parts.push(arg.slice(last));
    out.push(parts.join(''));
  }
  return out;
}
