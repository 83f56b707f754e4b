import { ABSENT, blocked, fail, pass, PRESENT } from '../check/outcome.ts';
import { fillPlaceholders, PlaceholderError, targetPods } from '../check/placeholders.ts';
import { notReady, podView, troubleHint, workloadPods, type PodView } from '../check/pods.ts';
import { kindByName } from '../k8s/kinds.ts';
import { mountsOf, notReadyFields } from '../k8s/readiness.ts';
import { type Assert, type CheckFile, type Expectation, type Matcher } from '../model/assert.ts';
import { type Check, type CheckContext, type CheckOutcome, type Evidence, type Mismatch } from '../model/check.ts';
import { commandFor } from '../model/commands.ts';
import { KIND, PROBE_LABEL, type ApiObject } from '../model/kube.ts';
import { literal, text, type Text } from '../model/text.ts';
import { namesNotServed } from './dns-ready.ts';
import { apply, matcherName, single } from './match.ts';
import { MSG } from './messages.ts';
import { valuesAt } from './path.ts';

/** A recalled value is missing: the check that should have remembered it is responsible. */
class Unrecalled extends Error {
  constructor(readonly check: string, readonly key: string) {
    super(`nothing remembered by ${check} as ${key}`);
  }
}

const RECALL = /\{\{\s*recall\s+([a-z0-9-]+)\.([^\s}]+)\s*\}\}/g;

/** {{recall check.key}} replaced by what that check remembered (the value itself when it is the whole string). */
function recalled(s: string, ctx: CheckContext): unknown {
  const whole = /^\{\{\s*recall\s+([a-z0-9-]+)\.([^\s}]+)\s*\}\}$/.exec(s);
  const look = (check: string, key: string) => {
    const v = single(valuesAt(ctx.recall(check), key));
    if (v === undefined) throw new Unrecalled(check, key);
    return v;
  };
  if (whole) return look(whole[1]!, whole[2]!);
  return s.replace(RECALL, (_m, check: string, key: string) => String(look(check, key)));
}

/** Every string in `x` with its placeholders filled: recall, value, namespace, ip and env. */
async function filled<T>(x: T, ctx: CheckContext): Promise<T> {
  if (typeof x === 'string') {
    const r = recalled(x, ctx);
    if (typeof r !== 'string') return r as T;
    if (!r.includes('{{')) return r as T;
    return (await fillPlaceholders([r], ctx, ctx.values))[0] as T;
  }
  if (Array.isArray(x)) return (await Promise.all(x.map((v) => filled(v, ctx)))) as T;
  if (typeof x === 'object' && x !== null) return Object.fromEntries(await Promise.all(Object.entries(x).map(async ([k, v]) => [k, await filled(v, ctx)]))) as T;
  return x;
}

/** Hints name commands in `backticks`: each is rendered as the student types it in this namespace. */
export function renderHint(t: Text, namespace: string): Text {
  const cmd = (s: string) => s.replace(/`([^`]+)`/g, (_m, c: string) => commandFor(c, namespace)).replace(/\{\{\s*namespace\s*\}\}/g, namespace);
  return text(cmd(t.ko), cmd(t.en));
}

/** Pods' logs by pod UID, read once per assert when a path names `$.log`. */
type Logs = ReadonlyMap<string, string>;

/**
 * An object with what labs works out of it under `$`: for pods and pod templates, where each path is mounted; for
 * pods, whether they are Ready and (when read) their log.
 */
function withViews(o: ApiObject, logs?: Logs): ApiObject {
  const $: Record<string, unknown> = { mounts: mountsOf(o) };
  if (o.kind === 'Pod') {
    const v = podView(o);
    $.ready = v.ready;
    const log = logs?.get(o.metadata.uid ?? '');
    if (log !== undefined) $.log = log;
  }
  // The class a volume or a claim has as the volume controller reads it: the beta annotation, which the API server
  // still takes and the controller still honours, wins over the field.
  if (o.kind === 'PersistentVolume' || o.kind === 'PersistentVolumeClaim') {
    const annotations = (o.metadata.annotations ?? {}) as Record<string, string>;
    $.storageClass = annotations['volume.beta.kubernetes.io/storage-class'] ?? (o.spec as { storageClassName?: string } | undefined)?.storageClassName ?? '';
  }
  return { ...o, $ };
}

const readsLog = (path: string) => /^\$\.log\b/.test(path);

/** The container `kubectl logs <pod>` reads: the default-container annotation's, else the first. */
function defaultContainer(pod: ApiObject): string | undefined {
  const named = pod.metadata.annotations as Record<string, string> | undefined;
  return named?.['kubectl.kubernetes.io/default-container'] ?? podView(pod).containers[0]?.name;
}

/** The logs of the pods among `items`, when an expectation or memory of the assert reads `$.log`. */
async function logsOf(a: Assert, items: ApiObject[], ctx: CheckContext): Promise<Logs | undefined> {
  if (!a.expect.some((e) => readsLog(e.path)) && !Object.values(a.remember ?? {}).some(readsLog)) return undefined;
  if (!ctx.logs) throw new Error('this check reads pods\' logs ($.log), and nothing here can read them');
  const pods = items.filter((o) => o.kind === 'Pod');
  return new Map(await Promise.all(pods.map(async (p) => [p.metadata.uid ?? '', (await ctx.logs!(p.metadata.name!, defaultContainer(p))).replace(/\s+$/, '')] as const)));
}

/** A log as a mismatch shows it: its last lines on one line. */
function logTail(got: unknown): unknown {
  if (typeof got !== 'string') return got;
  const lines = got.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length ? lines.slice(-3).join(' ⏎ ').slice(-300) : ABSENT;
}

const named = (o: ApiObject) => `${o.kind}/${o.metadata.name}`;

/** What one assert found: its failures, or that it cannot be judged, and what it remembered. */
interface Found {
  mismatches: Mismatch[];
  hint?: Text;
  evidence?: Evidence[];
  blockedBy?: string;
  remember?: Record<string, unknown>;
}

/**
 * Matchers that look at many values at once: on a list of objects, `exactly` and `count` see the values of all of
 * them together (which names, how many), and so does `contains` without a path (which objects); everything else is
 * judged object by object.
 */
const collectiveOn = (kind: string, path: string) => kind === 'exactly' || kind === 'count' || (kind === 'contains' && !path);

/** A path as a mismatch shows it: what labs works out (`$.mounts…`) without the `$.`. */
const shown = (path: string) => path.replace(/^\$\./, '');

async function expectations(list: readonly Expectation[], items: ApiObject[], subject: string, many: boolean, ctx: CheckContext, logs?: Logs, nameOf: (o: ApiObject) => string = named): Promise<{ mismatches: Mismatch[]; hint?: Text }> {
  const withViews_ = (o: ApiObject) => withViews(o, logs);
  const shownGot = (path: string, got: Mismatch['got']) => (readsLog(path) ? (logTail(got) as Mismatch['got']) : got);
  const mismatches: Mismatch[] = [];
  let hint: Text | undefined;
  for (const e of list) {
    const { path, hint: own, ...rest } = e;
    const m = (await filled(rest, ctx)) as Matcher;
    const kind = matcherName(m.not ?? m) ?? 'equals';
    const before = mismatches.length;
    if (many && collectiveOn(kind, path)) {
      // Without a path: the list of objects itself (how many, which).
      const verdict = apply(m, path ? items.flatMap((o) => valuesAt(withViews_(o), path)) : [items]);
      if (!verdict.ok) mismatches.push({ object: subject, path: shown(path), want: verdict.want, got: shownGot(path, verdict.got) });
    } else {
      for (const o of items) {
        const verdict = apply(m, path ? valuesAt(withViews_(o), path) : [o]);
        if (!verdict.ok) mismatches.push({ object: nameOf(o), path: shown(path), want: verdict.want, got: shownGot(path, verdict.got) });
      }
    }
    if (mismatches.length > before && !hint && own) hint = own;
  }
  return { mismatches, hint };
}

function remembered(spec: Record<string, string> | undefined, item: ApiObject | undefined, logs?: Logs): Record<string, unknown> | undefined {
  if (!spec || !item) return undefined;
  return Object.fromEntries(Object.entries(spec).map(([k, p]) => [k, single(valuesAt(withViews(item, logs), p))]));
}

const ref = (kind: string) => {
  const info = kindByName(kind)!;
  return { apiVersion: info.apiVersion, kind: info.kind };
};

async function objectAssert(a: Assert, ctx: CheckContext): Promise<Found> {
  let items: ApiObject[];
  let subject: string;
  let workload: ApiObject | undefined;
  let many = false;
  if (a.object) {
    const name = await filled(a.object.name, ctx);
    const k = ref(a.object.kind);
    // A cluster-scoped object the run made under a name of its own (a PersistentVolume in smoke or grading).
    const o = await ctx.kube.get(k, ctx.clusterName?.(k.kind, name) ?? name, ctx.namespace);
    items = o ? [o] : [];
    subject = `${k.kind}/${name}`;
  } else if (a.podsOf) {
    const name = await filled(a.podsOf.name, ctx);
    subject = `${ref(a.podsOf.kind).kind}/${name}`;
    workload = await ctx.kube.get(ref(a.podsOf.kind), name, ctx.namespace);
    items = workload ? (await workloadPods(ctx, workload)).map((p) => p.raw as unknown as ApiObject) : [];
    many = true;
  } else {
    const selector = a.objects!.selector ? await filled(a.objects!.selector, ctx) : undefined;
    const k = ref(a.objects!.kind);
    items = (await ctx.kube.list(k, ctx.namespace, selector)).filter((o) => !o.metadata.labels?.[PROBE_LABEL.key]);
    subject = `${k.kind}${selector ? ` -l ${selector}` : ''}`;
    many = true;
  }
  const listSubject = a.podsOf ? `${subject} pods` : subject;

  // The object is shown by the lab's name, whatever the run named it.
  const nameOf = (o: ApiObject) => (a.object ? subject : named(o));
  if (a.absent) {
    if (items.length === 0) return { mismatches: [] };
    return { mismatches: items.map((o) => ({ object: nameOf(o), path: '', want: ABSENT, got: PRESENT })), hint: a.hint };
  }
  // An empty list is missing (its objects are another check's business), unless the assert counts them.
  const counted = a.expect.some((e) => matcherName(e.not ?? e) === 'count' && !e.path);
  const missing = a.podsOf ? !workload || (items.length === 0 && !a.ready && !counted) : items.length === 0 && !counted;
  if (missing) {
    const mismatches = [{ object: a.podsOf && workload ? listSubject : subject, path: '', want: PRESENT, got: ABSENT }];
    if (a.ifAbsent?.blockedBy) return { mismatches, blockedBy: a.ifAbsent.blockedBy, hint: a.ifAbsent.hint ?? a.hint };
    return { mismatches, hint: a.ifAbsent?.hint ?? a.hint };
  }

  const found: Found = { mismatches: [] };
  const logs = await logsOf(a, items, ctx);
  // The expectations' own hints say the most specific thing: they come first.
  const r = await expectations(a.expect, items, listSubject, many, ctx, logs, nameOf);
  found.mismatches.push(...r.mismatches);
  found.hint = r.hint;
  if (a.ready) {
    const owner = workload ?? (a.object && items[0] && items[0].kind !== 'Pod' ? items[0] : undefined);
    const pods: PodView[] = workload ? items.map(podView) : owner ? await workloadPods(ctx, owner) : items.map(podView);
    const fields = owner ? notReadyFields(owner) : [];
    const mismatches: Mismatch[] = [...fields.map((f) => ({ object: named(owner!), path: f.path, want: f.want, got: f.got, code: 'not-ready' as const })), ...notReady(pods)];
    if (pods.length === 0 && fields.length === 0 && owner) mismatches.push({ object: `${named(owner)} pods`, path: '', want: PRESENT, got: ABSENT });
    if (mismatches.length > 0) {
      found.mismatches.push(...mismatches);
      found.hint ??= a.hint ?? troubleHint(pods, ctx.namespace);
      found.evidence = await ctx.evidence(pods.filter((p) => !p.ready).map((p) => p.name), owner);
    }
  }
  if (found.mismatches.length > 0) found.hint ??= a.hint;
  else {
    const first = a.podsOf ? items.find((o) => podView(o).ready) ?? items[0] : items[0];
    found.remember = remembered(a.remember, first, logs);
  }
  return found;
}

/** The last lines of what a failed command said, without the password warnings clients print. */
function errorTail(stderr: string, stdout: string, code: number): string {
  const lines = `${stderr}\n${stdout}`.split('\n').filter((l) => l.trim() && !/Using a password on the command line|\[Warning\]/.test(l));
  return `exit ${code}: ${lines.slice(-2).join(' ').slice(0, 300) || '-'}`;
}

async function probeAssert(a: Assert, ctx: CheckContext): Promise<Found> {
  const p = a.probe!;
  // The pod the command talks to names the mismatch: the first {{ip <target>}} of the command.
  const ipTarget = p.command.map((c) => /\{\{\s*ip\s+([^\s}]+)\s*\}\}/.exec(c)?.[1]).find(Boolean);
  let command: string[];
  let subject = `probe/${p.use}`;
  try {
    command = await filled(p.command, ctx);
    if (ipTarget) {
      const pod = (await targetPods(ctx, await filled(ipTarget, ctx))).map(podView).find((x) => x.ready);
      if (pod) subject = `Pod/${pod.name}`;
    }
  } catch (e) {
    if (!(e instanceof PlaceholderError)) throw e;
    const mismatches = [{ object: ipTarget ? String(ipTarget).replace(/^pod\//, 'Pod/') : subject, path: 'status.conditions.Ready', want: PRESENT, got: ABSENT }];
    return { mismatches, blockedBy: a.ifAbsent?.blockedBy, hint: a.ifAbsent?.hint ?? MSG.commandCannotBeSent(e.text) };
  }
  // A name the cluster's DNS does not serve yet is not asked for (the answer "no such name" would be kept for a while).
  const unserved = await namesNotServed(command, ctx.namespace, ctx.kube);
  if (unserved.length > 0) return { mismatches: unserved, hint: a.hint };
  const r = await ctx.probe(p.use, command, p.timeout);
  const want = await filled(a.answer ?? { exitCode: 0 }, ctx);
  const label = p.label ? await filled(p.label, ctx) : command.join(' ');
  const out = r.stdout.trim();
  const problems: Mismatch[] = [];
  const exit = want.exitCode ?? 0;
  const got = r.exitCode === exit ? out || ABSENT : errorTail(r.stderr, r.stdout, r.exitCode);
  if (r.exitCode !== exit) problems.push({ object: subject, path: label, want: oneLine(want.stdout ?? `exit ${exit}`), got: typeof got === 'string' ? oneLine(got) : got, code: 'answer' });
  else problems.push(...outputProblems(want, out, subject, label));
  return { mismatches: problems, hint: problems.length ? a.hint : undefined };
}

/** Rows and lines on one line, as a mismatch is shown. */
const oneLine = (t: string) => t.replace(/\t/g, ' ').replace(/\r?\n/g, ', ');

/** How an output (a command's, a file's, trimmed) differs from an answer's stdout, contains or matches. */
function outputProblems(want: { stdout?: string; contains?: string; matches?: string }, out: string, subject: string, label: string): Mismatch[] {
  if (want.stdout !== undefined && out !== want.stdout.trim()) return [{ object: subject, path: label, want: oneLine(want.stdout.trim()) || ABSENT, got: oneLine(out) || '(nil)', code: 'answer' }];
  if (want.contains !== undefined && !out.includes(want.contains)) return [{ object: subject, path: label, want: { contains: want.contains }, got: oneLine(out) || ABSENT, code: 'answer' }];
  if (want.matches !== undefined && !new RegExp(want.matches).test(out)) return [{ object: subject, path: label, want: { matches: want.matches }, got: oneLine(out) || ABSENT, code: 'answer' }];
  return [];
}

/**
 * A file in a claim's volume, read by a pod of labs' own. Its claim missing or not Bound is a missing target (the
 * file cannot be read); otherwise the file is judged as a probe's output is, or must not be there.
 */
async function volumeFileAssert(a: Assert, ctx: CheckContext): Promise<Found> {
  const claim = await filled(a.volumeFile!.claim, ctx);
  const path = await filled(a.volumeFile!.path, ctx);
  const subject = `PersistentVolumeClaim/${claim}`;
  const pvc = await ctx.kube.get(KIND.pvc, claim, ctx.namespace);
  const phase = (pvc?.status as { phase?: string } | undefined)?.phase;
  if (!pvc || pvc.metadata.deletionTimestamp || phase !== 'Bound') {
    const mismatches: Mismatch[] = [pvc ? { object: subject, path: 'status.phase', want: 'Bound', got: pvc.metadata.deletionTimestamp ? 'Terminating' : phase ?? ABSENT } : { object: subject, path: '', want: PRESENT, got: ABSENT }];
    return { mismatches, blockedBy: a.ifAbsent?.blockedBy, hint: a.ifAbsent?.hint ?? a.hint };
  }
  if (!ctx.readVolume) throw new Error('this check reads a file in a volume (volumeFile), and nothing here can read one');
  const content = await ctx.readVolume(claim, path);
  const label = `volume:/${path.replace(/^\/+/, '')}`;
  let problems: Mismatch[];
  if (a.absent) problems = content === undefined ? [] : [{ object: subject, path: label, want: ABSENT, got: PRESENT, code: 'unexpected' }];
  else if (content === undefined) problems = [{ object: subject, path: label, want: a.answer?.stdout !== undefined ? oneLine((await filled(a.answer.stdout, ctx)).trim()) || PRESENT : PRESENT, got: ABSENT, code: 'missing' }];
  else problems = outputProblems(await filled(a.answer ?? {}, ctx), content.trim(), subject, label);
  return { mismatches: problems, hint: problems.length ? a.hint : undefined };
}

/**
 * Runs a declarative check once: every assert in order, failures gathered from all of them. A blocked assert
 * (its target is another check's responsibility, or a recalled value is missing) with nothing failed before it
 * makes the check blocked; after a failure, it ends the evaluation.
 */
export async function runDeclarative(file: CheckFile, ctx: CheckContext): Promise<CheckOutcome> {
  const mismatches: Mismatch[] = [];
  const evidence: Evidence[] = [];
  let hint: Text | undefined;
  const remember: Record<string, unknown> = {};
  for (const a of file.asserts) {
    let found: Found;
    try {
      found = a.probe ? await probeAssert(a, ctx) : a.volumeFile ? await volumeFileAssert(a, ctx) : await objectAssert(a, ctx);
    } catch (e) {
      if (!(e instanceof Unrecalled)) throw e;
      found = { mismatches: [{ object: e.check, path: e.key, want: PRESENT, got: ABSENT }], blockedBy: e.check, hint: MSG.earlierCheckMustPass(e.check) };
    }
    if (found.blockedBy) {
      if (mismatches.length === 0) return blocked(found.blockedBy, found.mismatches, renderHint(found.hint ?? file.hint, ctx.namespace));
      break;
    }
    if (found.mismatches.length > 0) {
      const seen = new Set(mismatches.map((m) => JSON.stringify(m)));
      mismatches.push(...found.mismatches.filter((m) => !seen.has(JSON.stringify(m))));
      // The first failing assert says what to try: its own hint, or the check's.
      hint ??= found.hint ?? file.hint;
      evidence.push(...(found.evidence ?? []));
    }
    Object.assign(remember, found.remember ?? {});
  }
  const memory = Object.keys(remember).length ? remember : undefined;
  if (mismatches.length === 0) {
    const seen = memory && Object.entries(memory).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ');
    return pass(file.passed ?? (seen ? literal(seen) : undefined), memory);
  }
  return fail(mismatches, renderHint(hint ?? file.hint, ctx.namespace), { evidence });
}

/** A declarative check as the runner runs any check. */
export function declarativeCheck(id: string, file: CheckFile): Check {
  const volumeClaims = file.asserts.flatMap((a) => (a.volumeFile ? [a.volumeFile.claim] : []));
  return { id, title: file.title, whenSettled: file.whenSettled, ...(volumeClaims.length ? { volumeClaims } : {}), run: (ctx) => runDeclarative(file, ctx) };
}
