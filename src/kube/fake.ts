import { matchesSelector } from '../k8s/selector.ts';
import { InterruptedError, KubeError } from '../errors.ts';
import {
  type ApiObject, type ApplyOptions, type CallOptions, type ExecResult, type KindRef, type KubeClient, type ListResult, type WatchEvent, type WatchOptions,
} from '../model/kube.ts';
import { MSG } from './messages.ts';

/** Answers exec calls in the fake: return a result, or undefined to fall through to "command not found". */
export type ExecHandler = (namespace: string, pod: string, command: string[]) => ExecResult | undefined;

type Watcher = { ref: KindRef; namespace?: string; onEvent: (e: WatchEvent) => void };

/**
 * An in-memory API for unit tests, fed with objects captured from a real API server. Writes are seen by
 * watches at once; a pod the grader makes for its probes is Running and Ready at once (nothing runs here).
 */
export class FakeKube implements KubeClient {
  objects: ApiObject[];
  execHandlers: ExecHandler[] = [];
  /** Every exec call, for assertions. */
  execCalls: { namespace: string; pod: string; command: string[] }[] = [];
  private readonly watchers = new Set<Watcher>();
  private rv = 1000;

  constructor(objects: ApiObject[] = [], exec?: ExecHandler) {
    this.objects = structuredClone(objects);
    if (exec) this.execHandlers.push(exec);
  }

  async get(ref: KindRef, name: string, namespace?: string): Promise<ApiObject | undefined> {
    return structuredClone(this.objects.find((o) => same(o, ref) && o.metadata.name === name && inNamespace(o, namespace)));
  }

  async list(ref: KindRef, namespace?: string, labelSelector?: string): Promise<ApiObject[]> {
    return structuredClone(this.objects.filter((o) => same(o, ref) && inNamespace(o, namespace) && matchesSelector(o.metadata.labels, labelSelector)));
  }

  async listAt(ref: KindRef, namespace?: string, labelSelector?: string): Promise<ListResult> {
    return { items: await this.list(ref, namespace, labelSelector), resourceVersion: String(this.rv) };
  }

  /** Streams the fake's own writes until the signal aborts. */
  watch(ref: KindRef, namespace: string | undefined, o: WatchOptions, onEvent: (e: WatchEvent) => void): Promise<string> {
    return new Promise((resolve, reject) => {
      if (o.signal?.aborted) return reject(new InterruptedError());
      const w: Watcher = { ref, namespace, onEvent };
      this.watchers.add(w);
      o.signal?.addEventListener('abort', () => {
        this.watchers.delete(w);
        reject(new InterruptedError());
      }, { once: true });
      void resolve;
    });
  }

  async exec(namespace: string, pod: string, command: string[]): Promise<ExecResult> {
    this.execCalls.push({ namespace, pod, command });
    for (const h of this.execHandlers) {
      const r = h(namespace, pod, command);
      if (r) return r;
    }
    return { stdout: '', stderr: `${command[0]}: not found`, exitCode: 127 };
  }

  async logs(): Promise<string> {
    return '';
  }

  async apply(object: ApiObject, namespace: string, _options: ApplyOptions): Promise<ApiObject> {
    const copy = structuredClone(object);
    if (namespace) copy.metadata.namespace = namespace;
    const before = this.objects.find((o) => same(o, object) && o.metadata.name === object.metadata.name && inNamespace(o, namespace));
    this.objects = this.objects.filter((o) => o !== before);
    copy.metadata.resourceVersion = String(++this.rv);
    this.objects.push(copy);
    this.notify(before ? 'MODIFIED' : 'ADDED', copy);
    return copy;
  }

  async create(object: ApiObject, namespace?: string, _o?: CallOptions): Promise<ApiObject> {
    if (await this.get(object, object.metadata.name!, namespace)) throw new Error(`${object.kind} ${object.metadata.name} already exists`);
    // As the API server does: a new namespace is Active at once. A probe pod is taken to start at once.
    const made = object.kind === 'Namespace'
      ? { ...object, status: { phase: 'Active' } }
      : object.kind === 'Pod' && object.metadata.labels?.['labs.dev/role'] === 'probe'
        ? { ...object, metadata: { ...object.metadata, uid: `probe-${this.rv}` }, status: { phase: 'Running', podIP: '10.244.0.250', conditions: [{ type: 'Ready', status: 'True' }] } }
        : object;
    return this.apply(made, namespace ?? '', { fieldManager: 'test' });
  }

  /** A JSON merge patch, as the API server applies it; an object that does not exist is a 404 as the client reports it. */
  async mergePatch(ref: KindRef, name: string, namespace: string | undefined, patch: Record<string, unknown>): Promise<ApiObject> {
    const before = this.objects.find((o) => same(o, ref) && o.metadata.name === name && inNamespace(o, namespace));
    if (!before) throw new KubeError(MSG.objectNotFound(ref.kind, name), undefined, 404, 'NotFound');
    const after = mergePatch(structuredClone(before), patch) as ApiObject;
    after.metadata.resourceVersion = String(++this.rv);
    this.objects = this.objects.map((o) => (o === before ? after : o));
    this.notify('MODIFIED', after);
    return structuredClone(after);
  }

  async delete(ref: KindRef, name: string, namespace?: string): Promise<void> {
    const gone = this.objects.filter((o) => same(o, ref) && o.metadata.name === name && inNamespace(o, namespace));
    this.objects = this.objects.filter((o) => !gone.includes(o));
    for (const o of gone) this.notify('DELETED', o);
  }

  async version(): Promise<string> {
    return 'v1.34.0-fake';
  }

  private notify(type: WatchEvent['type'], object: ApiObject): void {
    for (const w of this.watchers) if (same(object, w.ref) && inNamespace(object, w.namespace)) w.onEvent({ type, object: structuredClone(object) });
  }
}

/** RFC 7386: maps merge, null removes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function same(o: ApiObject, ref: KindRef): boolean {
  return o.kind === ref.kind && o.apiVersion === ref.apiVersion;
}

function inNamespace(o: ApiObject, namespace: string | undefined): boolean {
  return !namespace || !o.metadata.namespace || o.metadata.namespace === namespace;
}
