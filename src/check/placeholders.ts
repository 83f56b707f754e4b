import { envSources, podView } from './pods.ts';
import { LabsError } from '../errors.ts';
import { containerEnv } from '../k8s/env.ts';
import { kindByName } from '../k8s/kinds.ts';
import { matchesRequirements, parseSelector } from '../k8s/selector.ts';
import { podsOf } from '../k8s/workloads.ts';
import { KIND, PROBE_LABEL, type ApiObject, type KindRef, type KubeReader } from '../model/kube.ts';
import { MSG } from './messages.ts';

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
    if (!reqs) throw new PlaceholderError(MSG.unreadableSelector(target), MSG.writeSelectorAsForKubectl);
    return pods.filter((p) => !isGraders(p) && matchesRequirements(reqs, p.metadata.labels));
  }
  const [kind, name] = target.split('/', 2) as [string, string];
  if (kindByName(kind)?.kind === 'Pod') return pods.filter((p) => p.metadata.name === name);
  const ref = workloadRef(target);
  if (!ref) throw new PlaceholderError(MSG.unknownTargetKind(kind, target), MSG.useAKnownTarget);
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
  if (!pod) throw new PlaceholderError(MSG.noPodForEnv(target, variable));
  const v = podView(pod);
  const env = await containerEnv({ ...v.raw, metadata: { ...v.raw.metadata, namespace: scope.namespace } }, v.containers[0]?.name ?? '', envSources(scope.kube, scope.namespace));
  if (!env.ok) throw new PlaceholderError(MSG.containerEnvUnbuildable(target, env.error));
  const value = env.vars.get(variable);
  if (value === undefined) throw new PlaceholderError(MSG.noValueForEnv(target, variable));
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
        if (!ip) throw new PlaceholderError(MSG.noReadyPodForIp(a!));
        parts.push(ip);
      } else if (fn === 'env') parts.push(await envValue(scope, a!, b!));
      else if (fn === 'value' && a !== undefined && values[a] !== undefined) parts.push(values[a]!);
      else if (fn === 'var' && a !== undefined && scope.variables?.[a] !== undefined) parts.push(scope.variables[a]!);
      else if (fn === 'volume' && a !== undefined) parts.push(scope.clusterName?.('PersistentVolume', a) ?? a);
      else throw new PlaceholderError(MSG.unknownPlaceholder(whole));
    }
    parts.push(arg.slice(last));
    out.push(parts.join(''));
  }
  return out;
}
