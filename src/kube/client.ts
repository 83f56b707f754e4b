import { Exec, KubeConfig, type V1Status } from '@kubernetes/client-node';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { KubeError } from '../errors.ts';
import { type ApiObject, type ApplyOptions, type ExecResult, type KindRef, type KubeClient } from '../model/kube.ts';

interface Resource {
  plural: string;
  namespaced: boolean;
}

/** Loads a kubeconfig (KUBECONFIG or ~/.kube/config, or `file`) and pins one context, without touching the file. */
export function loadKubeConfig(context?: string, file?: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (file) kc.loadFromFile(file);
    else kc.loadFromDefault();
  } catch (e) {
    throw new KubeError(`cannot read kubeconfig${file ? ` ${file}` : ''}: ${(e as Error).message}`, 'Check KUBECONFIG, or run `labs start` without --context to let labs create a cluster.');
  }
  if (context) {
    if (!kc.getContextObject(context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new KubeError(`no context "${context}" in kubeconfig`, `Known contexts: ${known.join(', ') || 'none'}.`);
    }
    kc.setCurrentContext(context); // in memory only: the user's current context is not changed
  }
  if (!kc.getCurrentCluster()) throw new KubeError('kubeconfig has no current cluster', 'Pass --context <name>, or let labs create its kind cluster.');
  return kc;
}

/** The API server over plain REST, so objects come back exactly as the server sends them. */
export class Kube implements KubeClient {
  private readonly resources = new Map<string, Resource>();
  private readonly server: URL;

  constructor(private readonly kc: KubeConfig) {
    this.server = new URL(kc.getCurrentCluster()!.server);
  }

  /** The context this client talks to. */
  get context(): string {
    return this.kc.getCurrentContext();
  }

  async get(ref: KindRef, name: string, namespace?: string): Promise<ApiObject | undefined> {
    const res = await this.call('GET', await this.path(ref, namespace, name));
    if (res.status === 404) return undefined;
    return this.expectOk(res, `get ${ref.kind} ${name}`) as ApiObject;
  }

  async list(ref: KindRef, namespace?: string, labelSelector?: string): Promise<ApiObject[]> {
    const q = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : '';
    const res = await this.call('GET', (await this.path(ref, namespace)) + q);
    const body = this.expectOk(res, `list ${ref.kind}`) as { items: ApiObject[] };
    // Items of a list carry no apiVersion/kind; put them back so every object looks the same.
    return body.items.map((i) => ({ ...i, apiVersion: ref.apiVersion, kind: ref.kind }));
  }

  async apply(object: ApiObject, namespace: string, options: ApplyOptions): Promise<ApiObject> {
    const ref = { apiVersion: object.apiVersion, kind: object.kind };
    const res = await this.resource(ref);
    const body = { ...object, metadata: { ...object.metadata, ...(res.namespaced ? { namespace } : {}) } };
    const q = `?fieldManager=${encodeURIComponent(options.fieldManager)}&force=true`;
    const path = await this.path(ref, res.namespaced ? namespace : undefined, object.metadata.name);
    const out = await this.call('PATCH', path + q, JSON.stringify(body), 'application/apply-patch+yaml');
    return this.expectOk(out, `apply ${object.kind} ${object.metadata.name}`) as ApiObject;
  }

  async create(object: ApiObject, namespace?: string): Promise<ApiObject> {
    const out = await this.call('POST', await this.path(object, namespace), JSON.stringify(object), 'application/json');
    return this.expectOk(out, `create ${object.kind} ${object.metadata.name}`) as ApiObject;
  }

  async delete(ref: KindRef, name: string, namespace?: string): Promise<void> {
    const body = JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
    const res = await this.call('DELETE', await this.path(ref, namespace, name), body, 'application/json');
    if (res.status !== 404) this.expectOk(res, `delete ${ref.kind} ${name}`);
  }

  async version(): Promise<string> {
    const res = await this.call('GET', '/version');
    return (this.expectOk(res, 'read version') as { gitVersion: string }).gitVersion;
  }

  async exec(namespace: string, pod: string, command: string[], container?: string): Promise<ExecResult> {
    const name = container ?? (await this.firstContainer(namespace, pod));
    let stdout = '';
    let stderr = '';
    const sink = (append: (s: string) => void) =>
      new Writable({
        write(chunk: Buffer, _enc, done) {
          append(chunk.toString('utf8'));
          done();
        },
      });
    const status = await new Promise<V1Status>((resolve, reject) => {
      let settled: V1Status | undefined;
      new Exec(this.kc)
        .exec(namespace, pod, name, command, sink((s) => (stdout += s)), sink((s) => (stderr += s)), null, false, (s) => {
          settled = s;
        })
        .then((ws) => {
          ws.on('close', () => (settled ? resolve(settled) : reject(new KubeError(`exec in ${pod} closed without a status`))));
          ws.on('error', (e: Error) => reject(new KubeError(`exec in ${pod}: ${e.message}`)));
        })
        .catch((e: unknown) => reject(this.wrap(e, `exec in pod ${pod}`)));
    });
    const exitCode = exitCodeOf(status);
    // A command that could not start (not in the image, say) has no exit code; report it like a shell would.
    if (exitCode === undefined) return { stdout, stderr: stderr + (status.message ?? 'exec failed'), exitCode: 126 };
    return { stdout, stderr, exitCode };
  }

  private async firstContainer(namespace: string, pod: string): Promise<string> {
    const p = await this.get({ apiVersion: 'v1', kind: 'Pod' }, pod, namespace);
    const name = (p?.spec as { containers?: { name: string }[] } | undefined)?.containers?.[0]?.name;
    if (!name) throw new KubeError(`pod ${namespace}/${pod} not found`, 'The pod may have been deleted; try again.', 404);
    return name;
  }

  /** The URL path of a kind (and optionally one object), found through discovery. */
  async path(ref: KindRef, namespace?: string, name?: string): Promise<string> {
    const res = await this.resource(ref);
    const base = ref.apiVersion.includes('/') ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
    const ns = res.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${base}${ns}/${res.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
  }

  /** Plural and scope of a kind, from the API server's discovery document. */
  async resource(ref: KindRef): Promise<Resource> {
    const key = `${ref.apiVersion}/${ref.kind}`;
    const hit = this.resources.get(key);
    if (hit) return hit;
    const base = ref.apiVersion.includes('/') ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
    const res = await this.call('GET', base);
    if (res.status === 404) throw new KubeError(`the API server does not serve ${ref.apiVersion}`, `Check the apiVersion of your ${ref.kind}.`, 404);
    const list = this.expectOk(res, `discover ${ref.apiVersion}`) as { resources: { name: string; kind: string; namespaced: boolean }[] };
    for (const r of list.resources) {
      if (!r.name.includes('/')) this.resources.set(`${ref.apiVersion}/${r.kind}`, { plural: r.name, namespaced: r.namespaced });
    }
    const found = this.resources.get(key);
    if (!found) throw new KubeError(`the API server has no kind ${ref.kind} in ${ref.apiVersion}`, 'Check the kind and apiVersion.', 404);
    return found;
  }

  private async call(method: string, path: string, body?: string, contentType?: string): Promise<{ status: number; text: string }> {
    const opts: RequestOptions = {
      method,
      hostname: this.server.hostname,
      port: this.server.port || (this.server.protocol === 'https:' ? 443 : 80),
      path: this.server.pathname.replace(/\/$/, '') + path,
      headers: { Accept: 'application/json', ...(contentType ? { 'Content-Type': contentType } : {}) },
      timeout: 30_000,
    };
    await this.kc.applyToHTTPSOptions(opts);
    const send = this.server.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => reject(this.wrap(e, `${method} ${path}`)));
      });
      req.on('timeout', () => req.destroy(new Error('no answer in 30s')));
      req.on('error', (e) => reject(this.wrap(e, `${method} ${path}`)));
      if (body) req.write(body);
      req.end();
    });
  }

  private expectOk(res: { status: number; text: string }, what: string): unknown {
    let json: unknown;
    try {
      json = JSON.parse(res.text);
    } catch {
      json = undefined;
    }
    if (res.status >= 200 && res.status < 300 && json !== undefined) return json;
    const message = (json as { message?: string } | undefined)?.message ?? res.text.slice(0, 200);
    const hint =
      res.status === 401 || res.status === 403
        ? 'Your kubeconfig user is not allowed to do this; check the context you passed.'
        : res.status === 422
          ? 'The object is invalid; fix the field the message names.'
          : undefined;
    throw new KubeError(`${what}: ${message} (HTTP ${res.status})`, hint, res.status);
  }

  private wrap(e: unknown, what: string): KubeError {
    if (e instanceof KubeError) return e;
    const msg = e instanceof Error ? e.message : String(e);
    return new KubeError(`${what}: cannot reach the API server at ${this.server.origin}: ${msg}`, 'Is the cluster running? Try `labs doctor`.');
  }
}

/** The exit code in an exec status: 0 for Success, the ExitCode cause otherwise, undefined when the command never ran. */
export function exitCodeOf(status: V1Status): number | undefined {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  return cause?.message ? Number(cause.message) : undefined;
}
