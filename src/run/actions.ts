import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { podView } from '../check/pods.ts';
import { InterruptedError, isAbort, KubeError, LabFileError, LabsError, errorMessage } from '../errors.ts';
import { kindByName, KINDS } from '../k8s/kinds.ts';
import { notReadyFields } from '../k8s/readiness.ts';
import { controllerOf } from '../k8s/workloads.ts';
import { type NamespaceCache } from '../kube/cache.ts';
import { parseManifests } from '../load/manifests.ts';
import { actionKind, type Action, type ActionKindName, type ActionOf } from '../model/lab.ts';
import { KIND, type ApiObject, type KindRef, type KubeClient } from '../model/kube.ts';
import { text, type Text } from '../model/text.ts';
import { fillPlaceholders, targetPods, workloadRef } from '../check/placeholders.ts';
import { type Probes } from './probes.ts';
import { VolumePods } from './volume-pods.ts';
import { AS_WRITTEN, type ClusterNames } from './volume-names.ts';
import { wake, waitOn } from './wait.ts';
import { MSG } from './messages.ts';

/** A solution action failed (the command exited non-zero, a wait ran out, …). */
export class ActionError extends LabsError {}

/** Where actions run. */
export interface ActionContext {
  kube: KubeClient;
  cache: NamespaceCache;
  probes: Probes;
  namespace: string;
  /** The lab folder, for manifest files. */
  labDir: string;
  /** Seconds allowed for each wait. */
  timeoutSeconds: number;
  /** Field manager for applies. */
  fieldManager: string;
  /** Grading never runs commands inside a student's container. */
  noExec?: boolean;
  /** This run's values, for {{value <name>}}. */
  values?: Readonly<Record<string, string>>;
  /** How this run names the lab's cluster-scoped objects (its renamed PersistentVolumes); as written when omitted. */
  names?: ClusterNames;
  /** The step's volume pods (shared with its checks); a pod of this action's own, deleted after it, when omitted. */
  volumes?: VolumePods;
  /** Reads a reference manifest of the lab as this run applies it (the student's variant); the file as it is when omitted. */
  manifest?: (file: string) => ApiObject[];
  signal?: AbortSignal;
}

type Kind = ActionKindName;
type Of<K extends Kind> = ActionOf<K>;

/** One kind of action: how to show it and how to perform it (the files it reads: actionFiles in model/lab.ts). */
interface ActionKind<K extends Kind> {
  describe(a: Of<K>, ns: string): string;
  perform(a: Of<K>, ctx: ActionContext): Promise<void>;
}

/** Targets are looked up in the namespace's watches. */
const scopeOf = (ctx: ActionContext) => ({ kube: ctx.cache, namespace: ctx.namespace });

/** Waits on pods end once the pods (and their claims) have settled. */
const PODS = { untilSettled: new Set(['Pod']) };

const quote = (s: string) => (/^[\w@%+=:,./{}-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const ns = (n: string) => (n === 'default' ? '' : ` -n ${n}`);
/** A kind's objects have no namespace: kubectl is shown without one. */
const clusterScoped = (kind: string) => kindByName(kind)?.namespaced === false;
const nameOf = (ctx: ActionContext, ref: KindRef, name: string) => (ctx.names ?? AS_WRITTEN).of(ref.kind, name);

/** Every action kind, in one table: a new kind that is not handled here does not compile. */
const ACTIONS: { [K in Kind]: ActionKind<K> } = {
  apply: {
    describe: (a, n) => `kubectl${ns(n)} apply -f ${a.apply}`,
    perform: async (a, ctx) => {
      for (const obj of ctx.manifest?.(a.apply) ?? readManifest(ctx.labDir, a.apply)) {
        // Checks read the watches next: they must see this write.
        await ctx.cache.observed(await ctx.kube.apply(obj, ctx.namespace, { fieldManager: ctx.fieldManager, signal: ctx.signal }));
      }
    },
  },
  exec: {
    describe: (a, n) => `kubectl${ns(n)} exec ${a.exec.target} -- ${a.exec.command.map(quote).join(' ')}`,
    perform: async (a, ctx) => {
      if (ctx.noExec) {
        throw new ActionError(MSG.noExecInGrading, MSG.noExecInGradingHint);
      }
      const pod = await waitOn(ctx.cache, `a ready pod for ${a.exec.target}`, ctx.timeoutSeconds, async () => {
        const ready = (await targetPods(scopeOf(ctx), a.exec.target)).find((p) => podView(p).ready);
        return ready ? { done: true, value: ready.metadata.name! } : { done: false, why: 'no Ready pod' };
      }, ctx.signal, PODS);
      const r = await ctx.kube.exec(ctx.namespace, pod, a.exec.command, a.exec.container, { signal: ctx.signal, timeoutMs: ctx.timeoutSeconds * 1000 });
      if (r.exitCode !== 0) throw failed(ACTIONS.exec.describe(a, ctx.namespace), r.exitCode, r.stderr);
    },
  },
  probe: {
    describe: (a) => `(probe ${a.probe.use}) ${a.probe.command.map(quote).join(' ')}`,
    perform: async (a, ctx) => {
      const args = await waitOn(ctx.cache, `the pods ${a.probe.command.join(' ')} reaches`, ctx.timeoutSeconds, async () => {
        try {
          return { done: true, value: await fillPlaceholders(a.probe.command, scopeOf(ctx), ctx.values) };
        } catch (e) {
          if (e instanceof KubeError || isAbort(e)) throw e;
          return { done: false, why: errorMessage(e) };
        }
      }, ctx.signal, PODS);
      // A server still within its start-up budget is asked again until it answers or the budget ends.
      for (;;) {
        const r = await ctx.probes.run(a.probe.use, args, Math.min(ctx.timeoutSeconds, 30), ctx.signal);
        if (r.exitCode === 0) return;
        const until = ctx.probes.startingUntil(a.probe.use, args, r);
        if (!until) throw failed(ACTIONS.probe.describe(a, ctx.namespace), r.exitCode, r.stderr || r.stdout);
        await wake(undefined, Math.min(1000, until - Date.now()), ctx.signal);
        if (ctx.signal?.aborted) throw new InterruptedError();
      }
    },
  },
  deletePod: {
    describe: (a, n) => `kubectl${ns(n)} delete pod ${a.deletePod.name ?? `-l ${a.deletePod.selector}`}`,
    perform: async (a, ctx) => {
      const target = a.deletePod.name ? `pod/${a.deletePod.name}` : a.deletePod.selector!;
      const old = await targetPods(scopeOf(ctx), target);
      if (old.length === 0) throw new ActionError(MSG.noPodToDelete(ctx.namespace, target));
      const oldUids = new Set(old.map((p) => p.metadata.uid));
      for (const p of old) {
        await ctx.kube.delete(KIND.pod, p.metadata.name!, ctx.namespace, { uid: p.metadata.uid, signal: ctx.signal });
        await ctx.cache.observedDeleting(KIND.pod, p.metadata.name!);
      }
      if (!a.deletePod.waitReady) return;
      await waitOn(ctx.cache, `a new Ready pod for ${target}`, ctx.timeoutSeconds, async () => {
        const all = (await ctx.cache.list(KIND.pod, ctx.namespace)).filter((p) => oldUids.has(p.metadata.uid));
        const now = await targetPods(scopeOf(ctx), target);
        const fresh = now.filter((p) => !oldUids.has(p.metadata.uid) && podView(p).ready);
        return fresh.length >= old.length && all.length === 0 ? { done: true, value: undefined } : { done: false, why: `${fresh.length} new Ready, ${all.length} old left` };
      }, ctx.signal, PODS);
    },
  },
  delete: {
    describe: (a, n) => (a.delete.file ? `kubectl${ns(n)} delete -f ${a.delete.file}` : `kubectl${clusterScoped(a.delete.kind!) ? '' : ns(n)} delete ${a.delete.kind} ${a.delete.name ?? `-l ${a.delete.selector}`}`),
    perform: async (a, ctx) => {
      const d = a.delete;
      const targets: { ref: KindRef; name: string }[] = [];
      if (d.file) for (const o of ctx.manifest?.(d.file) ?? readManifest(ctx.labDir, d.file)) targets.push({ ref: o, name: o.metadata.name! });
      else {
        const ref = kindRef(d.kind!);
        if (d.name) targets.push({ ref, name: d.name });
        else for (const o of await ctx.cache.list(ref, ctx.namespace, d.selector)) targets.push({ ref, name: o.metadata.name! });
      }
      for (const t of targets) t.name = nameOf(ctx, t.ref, t.name);
      for (const t of targets) {
        await ctx.kube.delete(t.ref, t.name, ctx.namespace, { signal: ctx.signal });
        await ctx.cache.observedDeleting(t.ref, t.name);
      }
      await waitOn(ctx.cache, `delete ${targets.map((t) => `${t.ref.kind}/${t.name}`).join(', ')}`, ctx.timeoutSeconds, async () => {
        for (const t of targets) if (await ctx.cache.get(t.ref, t.name, ctx.namespace)) return { done: false, why: `${t.ref.kind}/${t.name} still exists` };
        return { done: true, value: undefined };
      }, ctx.signal, { untilSettled: new Set(targets.map((t) => t.ref.kind)) });
    },
  },
  wait: {
    // A Job has no rollout: it is waited for as `kubectl wait` does, until it is complete.
    describe: (a, n) => {
      const condition = a.wait.condition ?? (workloadRef(a.wait.target)?.kind === 'Job' ? 'complete' : undefined);
      return condition ? `kubectl${ns(n)} wait --for=condition=${condition} ${a.wait.target}` : `kubectl${ns(n)} rollout status ${a.wait.target}`;
    },
    perform: (a, ctx) => (a.wait.condition ? waitCondition(ctx, a.wait.target, a.wait.condition) : waitReady(ctx, a.wait.target)),
  },
  createJob: {
    describe: (a, n) => `kubectl${ns(n)} create job ${a.createJob.name} --from=cronjob/${a.createJob.fromCronJob}`,
    perform: async (a, ctx) => {
      const { name, fromCronJob } = a.createJob;
      const cronJob = await present(ctx, KIND.cronJob, fromCronJob);
      const existing = await ctx.cache.get(KIND.job, name, ctx.namespace);
      // Made from this CronJob before (a step tried again): it is the Job asked for; anything else is kubectl's AlreadyExists.
      if (existing && controllerOf(existing)?.uid === cronJob.metadata.uid) return;
      await ctx.cache.observed(await ctx.kube.create(jobFromCronJob(cronJob, name), ctx.namespace, { signal: ctx.signal }));
    },
  },
  resumeJob: {
    describe: (a, n) => `kubectl${ns(n)} patch job ${a.resumeJob.name} --type=merge -p '{"spec":{"suspend":false}}'`,
    perform: async (a, ctx) => {
      const job = await present(ctx, KIND.job, a.resumeJob.name);
      if ((job.spec as { suspend?: boolean } | undefined)?.suspend !== true) return;
      // Only spec.suspend, under kubectl patch's own field manager: an apply under the lab's manager would drop the
      // fields that manager applied before.
      const patch = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: a.resumeJob.name }, spec: { suspend: false } };
      await ctx.cache.observed(await ctx.kube.apply(patch, ctx.namespace, { fieldManager: 'kubectl-patch', signal: ctx.signal }));
    },
  },
  patch: {
    describe: (a, n) => `kubectl${clusterScoped(a.patch.kind) ? '' : ns(n)} patch ${a.patch.kind.toLowerCase()} ${a.patch.name} --type=merge -p ${quote(JSON.stringify(a.patch.merge))}`,
    perform: async (a, ctx) => {
      const ref = kindRef(a.patch.kind);
      const name = nameOf(ctx, ref, a.patch.name);
      try {
        await ctx.cache.observed(await ctx.kube.mergePatch(ref, name, ctx.namespace, a.patch.merge, { signal: ctx.signal }));
      } catch (e) {
        // As kubectl says it: the object is not there (the student's to make), not a broken cluster.
        if (e instanceof KubeError && e.status === 404) throw new ActionError(MSG.nothingToPatch(ref.kind, a.patch.name));
        throw e;
      }
    },
  },
  writeVolume: {
    describe: (a) => `(volume ${a.writeVolume.claim}) printf %s ${quote(a.writeVolume.content)} > ${quote(a.writeVolume.path)}`,
    perform: async (a, ctx) => {
      const [content] = await fillPlaceholders([a.writeVolume.content], scopeOf(ctx), ctx.values);
      const volumes = ctx.volumes ?? new VolumePods(ctx.kube, ctx.cache);
      try {
        await volumes.write(a.writeVolume.claim, a.writeVolume.path, content!, ctx.signal, ctx.timeoutSeconds);
      } finally {
        if (!ctx.volumes) await volumes.close();
      }
    },
  },
};

/** An object the step applied just before: waited for briefly (the watches may lag), then missing is an error. */
async function present(ctx: ActionContext, ref: KindRef, name: string): Promise<ApiObject> {
  const started = Date.now();
  const what = `${ref.kind.toLowerCase()}/${name}`;
  return waitOn(ctx.cache, what, ctx.timeoutSeconds, async () => {
    const found = await ctx.cache.get(ref, name, ctx.namespace);
    if (found) return { done: true, value: found };
    if (Date.now() - started > 5000) throw new ActionError(MSG.notFoundInNamespace(ctx.namespace, what));
    return { done: false, why: 'not found' };
  }, ctx.signal);
}

/**
 * The Job `kubectl create job <name> --from=cronjob/<cronJob>` creates: the jobTemplate's spec, labels and annotations
 * (with `cronjob.kubernetes.io/instantiate: manual`), owned by the CronJob as its controller (without
 * blockOwnerDeletion, as kubectl leaves it out), so the CronJob's history limits and deletion take it in.
 */
export function jobFromCronJob(cronJob: ApiObject, name: string): ApiObject {
  const template = (cronJob.spec as { jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown } } | undefined)?.jobTemplate ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...template.metadata?.annotations },
      ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata.name!, uid: cronJob.metadata.uid!, controller: true }],
    },
    spec: structuredClone(template.spec ?? {}),
  };
}

/** A one-line description of an action, as the student would type it. */
export function describeAction(a: Action, namespace: string): string {
  const k = actionKind(a);
  return (ACTIONS[k] as ActionKind<Kind>).describe(a as never, namespace);
}

/** Performs one solution action against the cluster. */
export async function performAction(a: Action, ctx: ActionContext): Promise<void> {
  try {
    await (ACTIONS[actionKind(a)] as ActionKind<Kind>).perform(a as never, ctx);
  } catch (e) {
    if (e instanceof LabsError || isAbort(e)) throw e;
    const msg = errorMessage(e);
    throw new ActionError(text(msg, msg));
  }
}

function failed(what: string, code: number, stderr: string): ActionError {
  const tail = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 300);
  return new ActionError(MSG.commandExited(what, code, tail));
}

/** Objects of a manifest file of the lab. */
export function readManifest(labDir: string, file: string): ApiObject[] {
  const full = join(labDir, file);
  const parsed = parseManifests(readFileSync(full, 'utf8'), full);
  if (parsed.issues.length > 0) throw new LabFileError(parsed.issues);
  return parsed.objects.map((o) => o.object as ApiObject);
}

/** apiVersion of the kinds a lab may name in a delete or patch action: any kind labs knows, by its name or short name. */
export function kindRef(kind: string): KindRef {
  const found = kindByName(kind);
  if (!found) {
    const known = KINDS.filter((k) => k.namespaced || k.kind === 'PersistentVolume').map((k) => k.kind).join(', ');
    throw new ActionError(MSG.unknownActionKind(kind), MSG.unknownActionKindHint(known));
  }
  return { apiVersion: found.apiVersion, kind: found.kind };
}

/** Waits like `kubectl rollout status` (workloads) or `kubectl wait --for=condition=ready` (pods). */
export async function waitReady(ctx: ActionContext, target: string): Promise<void> {
  const ref = workloadRef(target);
  const started = Date.now();
  await waitOn(ctx.cache, `${target} ready`, ctx.timeoutSeconds, async () => {
    if (ref) {
      const w = await ctx.cache.get(ref, target.split('/')[1]!, ctx.namespace);
      // Workloads are applied before they are waited for: one still missing after a moment never comes.
      if (!w && Date.now() - started > 5000) throw new ActionError(MSG.notFoundInNamespace(ctx.namespace, target));
      if (!w) return { done: false, why: 'not found' };
      const missing = notReadyFields(w);
      return missing.length === 0 ? { done: true, value: undefined } : { done: false, why: missing.map((f) => `${f.path} ${f.got}/${f.want}`).join(', ') };
    }
    const pods = await targetPods(scopeOf(ctx), target);
    const ready = pods.filter((p) => podView(p).ready).length;
    return pods.length > 0 && ready === pods.length ? { done: true, value: undefined } : { done: false, why: `${ready}/${pods.length} pods ready` };
  }, ctx.signal, ref ? { untilSettled: new Set([ref.kind]) } : PODS);
}

/** Waits like `kubectl wait --for=condition=<condition> <kind>/<name>`: until that condition of the object is True. */
export async function waitCondition(ctx: ActionContext, target: string, condition: string): Promise<void> {
  const [kind, name] = target.split('/', 2) as [string, string | undefined];
  const info = kindByName(kind);
  if (!info || !name) throw new ActionError(MSG.waitTargetNotKindName(target));
  const ref = { apiVersion: info.apiVersion, kind: info.kind };
  const want = condition.toLowerCase();
  const started = Date.now();
  await waitOn(ctx.cache, `${target} ${condition}`, ctx.timeoutSeconds, async () => {
    const o = await ctx.cache.get(ref, name, ctx.namespace);
    if (!o && Date.now() - started > 5000) throw new ActionError(MSG.notFoundInNamespace(ctx.namespace, target));
    const conditions = ((o?.status as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions ?? []);
    const c = conditions.find((x) => x.type?.toLowerCase() === want);
    return c?.status === 'True' ? { done: true, value: undefined } : { done: false, why: `condition ${condition}: ${c?.status ?? 'none'}` };
  }, ctx.signal, { untilSettled: new Set([ref.kind]) });
}

/** A short, language-picked reason from any error an action can end with. */
export function actionErrorText(e: unknown): Text {
  if (e instanceof LabsError) return e.text;
  const msg = errorMessage(e);
  return text(msg, msg);
}
