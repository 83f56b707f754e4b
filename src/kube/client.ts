import { Exec, KubeConfig, type V1Status } from '@kubernetes/client-node';
// Not re-exported by the package's index; needed to reach the socket (to close it on a deadline or Ctrl-C).
import { WebSocketHandler } from '@kubernetes/client-node/dist/web-socket-handler.js';
import { Writable } from 'node:stream';
import WebSocket from 'ws';
import { InterruptedError, KubeError } from '../errors.ts';
import {
  type ApiObject, type ApplyOptions, type CallOptions, type ExecResult, type KindRef, type KubeClient, type ListResult, type LogOptions, type WatchEvent, type WatchOptions,
} from '../model/kube.ts';
import { view, type RawPod } from '../k8s/raw.ts';
import { deadline, EXEC_TIMEOUT } from './deadline.ts';
import { apiError, apiRequests, request, unreachable, type HttpTarget } from './http.ts';
import { MSG } from './messages.ts';

interface Resource {
  plural: string;
  namespaced: boolean;
}

/** Deadlines of one call, unless the caller's signal is shorter. */
const DEADLINE = { call: 30_000, exec: 60_000, watch: 10 * 60_000 };

/** Loads a kubeconfig (KUBECONFIG or ~/.kube/config, or `file`) and pins one context, without touching the file. */
export function loadKubeConfig(context?: string, file?: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (file) kc.loadFromFile(file);
    else kc.loadFromDefault();
  } catch (e) {
    throw new KubeError(
      MSG.kubeconfigUnreadable(file, (e as Error).message),
      MSG.kubeconfigUnreadableHint,
    );
  }
  if (context) {
    if (!kc.getContextObject(context)) {
      const known = kc.getContexts().map((c) => c.name).join(', ');
      throw new KubeError(MSG.noSuchContext(context), MSG.knownContexts(known));
    }
    kc.setCurrentContext(context); // in memory only: the user's current context is not changed
  }
  if (!kc.getCurrentCluster()) {
    throw new KubeError(MSG.noCurrentCluster, MSG.noCurrentClusterHint);
  }
  return kc;
}

/**
 * The API server over plain REST, so objects come back exactly as the server sends them. Every call has a
 * deadline and takes an AbortSignal; aborting closes the request, the watch stream or the exec websocket.
 */
/** The most of each output stream of a command run in a pod that is kept (64 KiB). */
export const EXEC_OUTPUT_CAP = 64 * 1024;

export class Kube implements KubeClient {
  private readonly resources: Map<string, Resource>;
  private readonly target: HttpTarget;

  /** `impersonate`: act as this user (e.g. a grading namespace's ServiceAccount) instead of the kubeconfig's. */
  constructor(private readonly kc: KubeConfig, impersonate?: string, shared?: Map<string, Resource>) {
    this.resources = shared ?? new Map();
    this.target = { server: new URL(kc.getCurrentCluster()!.server), kc, headers: impersonate ? { 'Impersonate-User': impersonate } : {} };
  }

  /** The context this client talks to. */
  get context(): string {
    return this.kc.getCurrentContext();
  }

  /** The same cluster, acting as another user (needs the impersonate permission, which cluster admins have). */
  as(user: string): Kube {
    return new Kube(this.kc, user, this.resources);
  }

  async get(ref: KindRef, name: string, namespace?: string, o: CallOptions = {}): Promise<ApiObject | undefined> {
    const res = await this.call('GET', await this.path(ref, namespace, name, o), o);
    if (res.status === 404) return undefined;
    return this.ok(res, `get ${ref.kind} ${name}`) as ApiObject;
  }

  async list(ref: KindRef, namespace?: string, labelSelector?: string, o: CallOptions = {}): Promise<ApiObject[]> {
    return (await this.listAt(ref, namespace, labelSelector, o)).items;
  }

  async listAt(ref: KindRef, namespace?: string, labelSelector?: string, o: CallOptions = {}): Promise<ListResult> {
    const q = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : '';
    const res = await this.call('GET', (await this.path(ref, namespace, undefined, o)) + q, o);
    const body = this.ok(res, `list ${ref.kind}`) as { items: ApiObject[]; metadata: { resourceVersion: string } };
    // Items of a list carry no apiVersion/kind; put them back so every object looks the same.
    return { items: body.items.map((i) => ({ ...i, apiVersion: ref.apiVersion, kind: ref.kind })), resourceVersion: body.metadata.resourceVersion };
  }

  async apply(object: ApiObject, namespace: string, options: ApplyOptions): Promise<ApiObject> {
    const ref = { apiVersion: object.apiVersion, kind: object.kind };
    const res = await this.resource(ref, options);
    const body = { ...object, metadata: { ...object.metadata, ...(res.namespaced ? { namespace } : {}) } };
    const q = `?fieldManager=${encodeURIComponent(options.fieldManager)}&force=true`;
    const path = await this.path(ref, res.namespaced ? namespace : undefined, object.metadata.name, options);
    const out = await this.call('PATCH', path + q, options, JSON.stringify(body), 'application/apply-patch+yaml');
    return this.ok(out, `apply ${object.kind} ${object.metadata.name}`) as ApiObject;
  }

  async mergePatch(ref: KindRef, name: string, namespace: string | undefined, patch: Record<string, unknown>, o: CallOptions & { fieldManager?: string } = {}): Promise<ApiObject> {
    const q = `?fieldManager=${encodeURIComponent(o.fieldManager ?? 'kubectl-patch')}`;
    const out = await this.call('PATCH', (await this.path(ref, namespace, name, o)) + q, o, JSON.stringify(patch), 'application/merge-patch+json');
    return { ...(this.ok(out, `patch ${ref.kind} ${name}`) as ApiObject), apiVersion: ref.apiVersion, kind: ref.kind };
  }

  async create(object: ApiObject, namespace?: string, o: CallOptions = {}): Promise<ApiObject> {
    const out = await this.call('POST', await this.path(object, namespace, undefined, o), o, JSON.stringify(object), 'application/json');
    return this.ok(out, `create ${object.kind} ${object.metadata.name}`) as ApiObject;
  }

  async delete(ref: KindRef, name: string, namespace?: string, o: CallOptions & { uid?: string; gracePeriodSeconds?: number } = {}): Promise<void> {
    // A UID precondition deletes exactly the object that was seen, never a replacement of the same name.
    const body = JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', ...(o.uid ? { preconditions: { uid: o.uid } } : {}), ...(o.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: o.gracePeriodSeconds } : {}) });
    const res = await this.call('DELETE', await this.path(ref, namespace, name, o), o, body, 'application/json');
    if (res.status !== 404 && !(o.uid && res.status === 409)) this.ok(res, `delete ${ref.kind} ${name}`);
  }

  async version(o: CallOptions = {}): Promise<string> {
    const res = await this.call('GET', '/version', o);
    return (this.ok(res, 'read version') as { gitVersion: string }).gitVersion;
  }

  async logs(namespace: string, pod: string, o: LogOptions & CallOptions = {}): Promise<string> {
    const q = new URLSearchParams({ ...(o.container ? { container: o.container } : {}), ...(o.tailLines ? { tailLines: String(o.tailLines) } : {}), ...(o.previous ? { previous: 'true' } : {}), limitBytes: String(o.limitBytes ?? 16_384) });
    const res = await this.call('GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log?${q}`, o);
    if (res.status >= 400) return '';
    return res.text;
  }

  /**
   * Streams changes of a kind from `resourceVersion` on, until the server ends the stream, the deadline passes
   * or the signal aborts. Resolves with the last resourceVersion seen; rejects with status 410 when it is too old.
   */
  async watch(ref: KindRef, namespace: string | undefined, o: WatchOptions, onEvent: (e: WatchEvent) => void): Promise<string> {
    const q = new URLSearchParams({ watch: '1', allowWatchBookmarks: 'true', resourceVersion: o.resourceVersion, timeoutSeconds: String(o.timeoutSeconds ?? 300) });
    if (o.labelSelector) q.set('labelSelector', o.labelSelector);
    if (o.fieldSelector) q.set('fieldSelector', o.fieldSelector);
    const path = `${await this.path(ref, namespace, undefined, o)}?${q}`;
    let last = o.resourceVersion;
    let gone: KubeError | undefined;
    const res = await request(this.target, 'GET', path, { signal: o.signal, timeoutMs: DEADLINE.watch, onLine: (line) => {
      const e = JSON.parse(line) as WatchEvent;
      if (e.type === 'ERROR') {
        const status = e.object as unknown as { code?: number; message?: string };
        gone = new KubeError(MSG.watchError(ref.kind, status.message), undefined, status.code);
        return;
      }
      last = (e.object.metadata as { resourceVersion?: string }).resourceVersion ?? last;
      if (e.type !== 'BOOKMARK') onEvent({ ...e, object: { ...e.object, apiVersion: ref.apiVersion, kind: ref.kind } });
    } }).catch((e: unknown) => {
      throw e instanceof InterruptedError ? e : unreachable(this.target, e, `watch ${ref.kind}`);
    });
    if (res.status >= 300) this.ok(res, `watch ${ref.kind}`);
    if (gone) throw gone;
    return last;
  }

  async exec(namespace: string, pod: string, command: string[], container?: string, o: CallOptions = {}): Promise<ExecResult> {
    const limit = deadline(o.timeoutMs ?? DEADLINE.exec, o.signal);
    try {
      return await this.execWithin(limit.signal, namespace, pod, command, container, o.signal);
    } finally {
      limit.clear();
    }
  }

  private async execWithin(signal: AbortSignal, namespace: string, pod: string, command: string[], container: string | undefined, parent?: AbortSignal): Promise<ExecResult> {
    const name = container ?? (await this.firstContainer(namespace, pod, { signal }));
    apiRequests.count++;
    // What a command prints is kept up to EXEC_OUTPUT_CAP per stream, and the rest counted: a student's server
    // answering a probe with hundreds of megabytes must not end up in results and reports.
    const out = { stdout: '', stderr: '', dropped: { stdout: 0, stderr: 0 } };
    const sink = (which: 'stdout' | 'stderr') => new Writable({
      write(chunk: Buffer, _enc, done) {
        const room = EXEC_OUTPUT_CAP - Buffer.byteLength(out[which]);
        if (room <= 0) out.dropped[which] += chunk.length;
        else {
          const keep = chunk.subarray(0, room);
          out[which] += keep.toString('utf8');
          out.dropped[which] += chunk.length - keep.length;
        }
        done();
      },
    });
    let socket: WebSocket | undefined;
    const factory = (uri: string, protocols: string[], opts: WebSocket.ClientOptions) => (socket = new WebSocket(uri, protocols, { ...opts, handshakeTimeout: 10_000 }));
    const status = await new Promise<V1Status>((resolve, reject) => {
      let settled: V1Status | undefined;
      const onAbort = () => {
        socket?.terminate();
        reject(parent?.aborted ? new InterruptedError() : new KubeError(MSG.execNoAnswer(pod), undefined, undefined, EXEC_TIMEOUT));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      const done = (f: () => void) => {
        signal.removeEventListener('abort', onAbort);
        f();
      };
      new Exec(this.kc, new WebSocketHandler(this.kc, factory as never))
        .exec(namespace, pod, name, command, sink('stdout'), sink('stderr'), null, false, (s) => (settled = s))
        .then((ws) => {
          ws.on('close', () => done(() => (settled ? resolve(settled) : reject(new KubeError(MSG.execNoStatus(pod))))));
          ws.on('error', (e: Error) => done(() => reject(new KubeError(MSG.execError(pod, e.message)))));
        })
        .catch((e: unknown) => done(() => reject(unreachable(this.target, e, `exec in pod ${pod}`))));
    });
    const exitCode = exitCodeOf(status);
    const cut = (which: 'stdout' | 'stderr') => (out.dropped[which] ? `${out[which]}\n… (${out.dropped[which]} more bytes not kept: output is cut at ${EXEC_OUTPUT_CAP / 1024} KiB)` : out[which]);
    const truncated = out.dropped.stdout + out.dropped.stderr > 0 ? { truncated: true } : {};
    // A command that could not start (not in the image, say) has no exit code; report it like a shell would.
    if (exitCode === undefined) return { stdout: cut('stdout'), stderr: cut('stderr') + (status.message ?? 'exec failed'), exitCode: 126, ...truncated };
    return { stdout: cut('stdout'), stderr: cut('stderr'), exitCode, ...truncated };
  }

  private async firstContainer(namespace: string, pod: string, o: CallOptions): Promise<string> {
    const p = await this.get({ apiVersion: 'v1', kind: 'Pod' }, pod, namespace, o);
    const name = view<RawPod | undefined>(p)?.spec?.containers?.[0]?.name;
    if (!name) throw new KubeError(MSG.podNotFound(namespace, pod), MSG.podNotFoundHint, 404);
    return name;
  }

  /** The URL path of a kind (and optionally one object), found through discovery. */
  async path(ref: KindRef, namespace?: string, name?: string, o: CallOptions = {}): Promise<string> {
    const res = await this.resource(ref, o);
    const base = ref.apiVersion.includes('/') ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
    const ns = res.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${base}${ns}/${res.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
  }

  /** Plural and scope of a kind, from the API server's discovery document. */
  async resource(ref: KindRef, o: CallOptions = {}): Promise<Resource> {
    const key = `${ref.apiVersion}/${ref.kind}`;
    const hit = this.resources.get(key);
    if (hit) return hit;
    const base = ref.apiVersion.includes('/') ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
    const res = await this.call('GET', base, o);
    if (res.status === 404) {
      throw new KubeError(MSG.apiVersionNotServed(ref.apiVersion), MSG.checkApiVersion(ref.kind), 404, 'NotFound');
    }
    const list = this.ok(res, `discover ${ref.apiVersion}`) as { resources: { name: string; kind: string; namespaced: boolean }[] };
    for (const r of list.resources) {
      if (!r.name.includes('/')) this.resources.set(`${ref.apiVersion}/${r.kind}`, { plural: r.name, namespaced: r.namespaced });
    }
    const found = this.resources.get(key);
    if (!found) throw new KubeError(MSG.kindNotServed(ref.apiVersion, ref.kind), MSG.checkKindAndApiVersion, 404, 'NotFound');
    return found;
  }

  private call(method: string, path: string, o: CallOptions, body?: string, contentType?: string) {
    return request(this.target, method, path, { signal: o.signal, timeoutMs: o.timeoutMs ?? DEADLINE.call, body, contentType }).catch((e: unknown) => {
      throw e instanceof InterruptedError ? e : unreachable(this.target, e, `${method} ${path}`);
    });
  }

  private ok(res: { status: number; text: string }, what: string): unknown {
    if (res.status >= 200 && res.status < 300) {
      try {
        return JSON.parse(res.text);
      } catch {
        // fall through: a 2xx that is not JSON is an API server problem
      }
    }
    throw apiError(res, what);
  }
}

/** The exit code in an exec status: 0 for Success, the ExitCode cause otherwise, undefined when the command never ran. */
export function exitCodeOf(status: V1Status): number | undefined {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  return cause?.message ? Number(cause.message) : undefined;
}
