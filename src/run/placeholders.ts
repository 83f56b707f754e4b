import { podView, selectorOf, templateContainers } from '../check/pods.ts';
import { LabsError } from '../errors.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { matchesSelector } from '../kube/selector.ts';
import { KIND, type ApiObject, type KubeClient } from '../model/kube.ts';
import { text } from '../model/text.ts';

/** A placeholder that cannot be filled in: the student's objects are not what the action needs. */
export class PlaceholderError extends LabsError {}

/** The workload of a target ("deployment/x", "statefulset/x"), or undefined for pods and selectors. */
export function workloadRef(target: string) {
  const [kind] = target.split('/', 1);
  return kind === 'deployment' ? KIND.deployment : kind === 'statefulset' ? KIND.statefulSet : undefined;
}

/** Live pods of a target: "pod/<name>", "deployment/<name>", "statefulset/<name>" or a label selector. */
export async function targetPods(cache: NamespaceCache, target: string): Promise<ApiObject[]> {
  const [kind, name] = target.includes('/') ? target.split('/', 2) : [undefined, undefined];
  const pods = (await cache.list(KIND.pod, cache.namespace)).filter((p) => !p.metadata.deletionTimestamp);
  if (!kind) return pods.filter((p) => matchesSelector(p.metadata.labels, target));
  if (kind === 'pod') return pods.filter((p) => p.metadata.name === name);
  const ref = workloadRef(target);
  if (!ref) throw new PlaceholderError(text(`알 수 없는 대상 종류 "${kind}" (${target})`, `unknown target kind "${kind}" in "${target}"`), text('pod/<이름>, deployment/<이름>, statefulset/<이름> 또는 라벨 셀렉터를 쓰세요.', 'Use pod/<name>, deployment/<name>, statefulset/<name> or a label selector.'));
  const w = await cache.get(ref, name!, cache.namespace);
  if (!w) return [];
  const sel = selectorOf(w);
  return pods.filter((p) => matchesSelector(p.metadata.labels, sel));
}

const isReady = (p: ApiObject) => podView(p).ready;

/** The value a workload's spec gives an environment variable: literal, or read from its Secret/ConfigMap. */
async function envValue(kube: KubeClient, cache: NamespaceCache, target: string, variable: string): Promise<string> {
  const ref = workloadRef(target);
  const w = ref ? await cache.get(ref, target.split('/')[1]!, cache.namespace) : (await targetPods(cache, target))[0];
  const containers = w ? (ref ? templateContainers(w) : podView(w).containers) : [];
  const env = containers.flatMap((c) => c.env ?? []).find((e) => e.name === variable);
  if (env?.value !== undefined) return env.value;
  const from = env?.valueFrom?.secretKeyRef ?? env?.valueFrom?.configMapKeyRef;
  if (from) {
    const isSecret = Boolean(env?.valueFrom?.secretKeyRef);
    const obj = await kube.get(isSecret ? KIND.secret : KIND.configMap, from.name, cache.namespace);
    const raw = (obj as { data?: Record<string, string> } | undefined)?.data?.[from.key];
    if (raw !== undefined) return isSecret ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  }
  throw new PlaceholderError(text(`${target}에 환경 변수 ${variable}의 값이 없습니다`, `${target} gives no value for ${variable}`));
}

/**
 * Fills {{ip <target>}} (the IP of the target's first Ready pod), {{env <target> <VAR>}} and {{namespace}}
 * in each argument of a probe command.
 */
export async function fillPlaceholders(args: string[], kube: KubeClient, cache: NamespaceCache): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    let filled = arg;
    for (const m of arg.matchAll(/\{\{\s*([a-z]+)(?:\s+([^\s}]+))?(?:\s+([^\s}]+))?\s*\}\}/g)) {
      const [whole, fn, a, b] = m;
      let value: string;
      if (fn === 'namespace') value = cache.namespace;
      else if (fn === 'ip') {
        const ready = (await targetPods(cache, a!)).find(isReady);
        const ip = ready ? podView(ready).ip : undefined;
        if (!ip) throw new PlaceholderError(text(`${a}: Ready인 Pod가 없어 IP를 알 수 없습니다`, `${a}: no Ready pod, so no IP to reach`));
        value = ip;
      } else if (fn === 'env') value = await envValue(kube, cache, a!, b!);
      else throw new PlaceholderError(text(`알 수 없는 자리표시자 ${whole}`, `unknown placeholder ${whole}`));
      filled = filled.replace(whole!, value);
    }
    out.push(filled);
  }
  return out;
}
