import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabFileError, LabsError } from '../errors.ts';
import { parseManifests } from '../load/manifests.ts';
import { type Action } from '../model/lab.ts';
import { KIND, type ApiObject, type KindRef, type KubeClient } from '../model/kube.ts';
import { waitFor, type Poll } from './wait.ts';

/** A solution action failed (the command exited non-zero, a wait ran out, …). */
export class ActionError extends LabsError {}

/** Where actions run. */
export interface ActionContext {
  kube: KubeClient;
  namespace: string;
  /** The lab folder, for manifest files. */
  labDir: string;
  /** Seconds allowed for waits. */
  timeoutSeconds: number;
  /** Field manager for applies. */
  fieldManager: string;
  signal?: AbortSignal;
}

/** A one-line description of an action, as the student would type it. */
export function describeAction(a: Action, ns: string): string {
  if ('apply' in a) return `kubectl apply -f ${a.apply} -n ${ns}`;
  if ('exec' in a) return `kubectl exec ${a.exec.target} -n ${ns} -- ${a.exec.command.map(quote).join(' ')}`;
  if ('deletePod' in a) return `kubectl delete pod ${a.deletePod.name ?? `-l ${a.deletePod.selector}`} -n ${ns} (and wait for the new pod)`;
  if ('delete' in a) {
    const d = a.delete;
    return d.file ? `kubectl delete -f ${d.file} -n ${ns}` : `kubectl delete ${d.kind} ${d.name ?? `-l ${d.selector}`} -n ${ns}`;
  }
  return `kubectl rollout status ${a.wait.target} -n ${ns}`;
}

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Performs one solution action against the cluster. */
export async function performAction(a: Action, ctx: ActionContext): Promise<void> {
  if ('apply' in a) return applyFile(ctx, a.apply);
  if ('exec' in a) {
    const pod = await readyPodFor(ctx, a.exec.target);
    const r = await ctx.kube.exec(ctx.namespace, pod, a.exec.command, a.exec.container);
    if (r.exitCode !== 0) throw new ActionError(`${describeAction(a, ctx.namespace)} exited ${r.exitCode}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
    return;
  }
  if ('deletePod' in a) return deletePodAndWait(ctx, a.deletePod.name, a.deletePod.selector, a.deletePod.waitReady);
  if ('delete' in a) return deleteAndWait(ctx, a.delete);
  await waitReady(ctx, a.wait.target);
}

/** Objects of a manifest file of the lab. */
export function readManifest(labDir: string, file: string): ApiObject[] {
  const full = join(labDir, file);
  const parsed = parseManifests(readFileSync(full, 'utf8'), full);
  if (parsed.issues.length > 0) throw new LabFileError(parsed.issues);
  return parsed.objects.map((o) => o.object as ApiObject);
}

async function applyFile(ctx: ActionContext, file: string): Promise<void> {
  for (const obj of readManifest(ctx.labDir, file)) await ctx.kube.apply(obj, ctx.namespace, { fieldManager: ctx.fieldManager });
}

async function deleteAndWait(ctx: ActionContext, d: { file?: string; kind?: string; name?: string; selector?: string }): Promise<void> {
  const targets: { ref: KindRef; name: string }[] = [];
  if (d.file) {
    for (const o of readManifest(ctx.labDir, d.file)) targets.push({ ref: o, name: o.metadata.name! });
  } else {
    const ref = kindRef(d.kind!);
    if (d.name) targets.push({ ref, name: d.name });
    else for (const o of await ctx.kube.list(ref, ctx.namespace, d.selector)) targets.push({ ref, name: o.metadata.name! });
  }
  for (const t of targets) await ctx.kube.delete(t.ref, t.name, ctx.namespace);
  await waitFor(`delete ${targets.map((t) => `${t.ref.kind}/${t.name}`).join(', ')}`, ctx.timeoutSeconds, async () => {
    for (const t of targets) if (await ctx.kube.get(t.ref, t.name, ctx.namespace)) return { done: false, why: `${t.ref.kind}/${t.name} still exists` };
    return { done: true, value: undefined };
  }, 1000, ctx.signal).catch(rethrowAsAction);
}

/** apiVersion of the kinds a lab may name in a delete action. */
export function kindRef(kind: string): KindRef {
  const found = Object.values(KIND).find((k) => k.kind.toLowerCase() === kind.toLowerCase());
  if (!found) throw new ActionError(`unknown kind "${kind}" in a delete action`, `Use one of: ${Object.values(KIND).map((k) => k.kind).join(', ')}.`);
  return found;
}

function isReady(p: ApiObject): boolean {
  const st = p.status as { conditions?: { type: string; status: string }[] } | undefined;
  return !p.metadata.deletionTimestamp && st?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** The selector string of a target: "deployment/x" and "statefulset/x" use the workload's matchLabels. */
async function podSelector(ctx: ActionContext, target: string): Promise<{ name?: string; selector?: string }> {
  const [kind, name] = target.includes('/') ? target.split('/', 2) : [undefined, undefined];
  if (!kind) return { selector: target };
  if (kind === 'pod') return { name };
  const ref = kind === 'deployment' ? KIND.deployment : kind === 'statefulset' ? KIND.statefulSet : undefined;
  if (!ref) throw new ActionError(`unknown target kind "${kind}" in "${target}"`, 'Use pod/<name>, deployment/<name>, statefulset/<name> or a label selector.');
  const w = await ctx.kube.get(ref, name!, ctx.namespace);
  if (!w) throw new ActionError(`${target} not found in namespace ${ctx.namespace}`);
  const labels = (w.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels ?? {};
  return { selector: Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') };
}

/** The pod of that name (if it exists), or the pods matching the selector. */
async function podsOf(ctx: ActionContext, sel: { name?: string; selector?: string }): Promise<ApiObject[]> {
  if (!sel.name) return ctx.kube.list(KIND.pod, ctx.namespace, sel.selector);
  const pod = await ctx.kube.get(KIND.pod, sel.name, ctx.namespace);
  return pod ? [pod] : [];
}

async function readyPodFor(ctx: ActionContext, target: string): Promise<string> {
  const sel = await podSelector(ctx, target);
  return waitFor(`a ready pod for ${target}`, ctx.timeoutSeconds, async (): Promise<Poll<string>> => {
    const pods = await podsOf(ctx, sel);
    const ready = pods.find(isReady);
    return ready ? { done: true, value: ready.metadata.name! } : { done: false, why: `${pods.length} pod(s), none Ready` };
  }, 1000, ctx.signal).catch(rethrowAsAction);
}

async function deletePodAndWait(ctx: ActionContext, name: string | undefined, selector: string | undefined, waitReady: boolean): Promise<void> {
  const list = () => podsOf(ctx, { name, selector });
  const old = await list();
  if (old.length === 0) throw new ActionError(`no pod ${name ?? `with labels ${selector}`} to delete in namespace ${ctx.namespace}`);
  const oldUids = new Set(old.map((p) => p.metadata.uid));
  for (const p of old) await ctx.kube.delete(KIND.pod, p.metadata.name!, ctx.namespace);
  if (!waitReady) return;
  await waitFor(`a new ready pod replacing ${[...old].map((p) => p.metadata.name).join(', ')}`, ctx.timeoutSeconds, async () => {
    const now = await list();
    const fresh = now.filter((p) => !oldUids.has(p.metadata.uid) && isReady(p));
    const leftovers = now.filter((p) => oldUids.has(p.metadata.uid));
    if (fresh.length >= old.length && leftovers.length === 0) return { done: true, value: undefined };
    return { done: false, why: `${fresh.length} new ready, ${leftovers.length} old still terminating` };
  }, 1000, ctx.signal).catch(rethrowAsAction);
}

/** Waits like `kubectl rollout status` (workloads) or `kubectl wait --for=condition=ready` (pods). */
export async function waitReady(ctx: ActionContext, target: string): Promise<void> {
  const [kind, name] = target.split('/', 2);
  const started = Date.now();
  await waitFor(`${target} ready`, ctx.timeoutSeconds, async (): Promise<Poll<undefined>> => {
    if (kind === 'deployment' || kind === 'statefulset') {
      const w = await ctx.kube.get(kind === 'deployment' ? KIND.deployment : KIND.statefulSet, name!, ctx.namespace);
      // Workloads are applied before they are waited for: one still missing after a moment never comes.
      if (!w && Date.now() - started > 5000) throw new ActionError(`${target} not found in namespace ${ctx.namespace}`);
      if (!w) return { done: false, why: 'not found' };
      const spec = w.spec as { replicas?: number };
      const st = (w.status ?? {}) as { readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number; observedGeneration?: number };
      const want = spec.replicas ?? 1;
      const ready = kind === 'deployment' ? (st.availableReplicas ?? 0) : (st.readyReplicas ?? 0);
      const current = (st.observedGeneration ?? 0) >= (w.metadata.generation as number);
      return current && ready >= want && (st.updatedReplicas ?? 0) >= want ? { done: true, value: undefined } : { done: false, why: `${ready}/${want} ready` };
    }
    const sel = await podSelector(ctx, target);
    const pods = await podsOf(ctx, sel);
    return pods.length > 0 && pods.every(isReady) ? { done: true, value: undefined } : { done: false, why: `${pods.filter(isReady).length}/${pods.length} pods ready` };
  }, 1000, ctx.signal).catch(rethrowAsAction);
}

function rethrowAsAction(e: unknown): never {
  if (e instanceof LabsError) throw e;
  throw new ActionError(e instanceof Error ? e.message : String(e));
}
