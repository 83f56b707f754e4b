import { matchesSelector } from './selector.ts';
import { type ApiObject, type ApplyOptions, type ExecResult, type KindRef, type KubeClient } from '../model/kube.ts';

/** Answers exec calls in the fake: return a result, or undefined to fall through to "command not found". */
export type ExecHandler = (namespace: string, pod: string, command: string[]) => ExecResult | undefined;

/** An in-memory API for unit tests, fed with objects captured from a real API server. */
export class FakeKube implements KubeClient {
  objects: ApiObject[];
  execHandlers: ExecHandler[] = [];
  /** Every exec call, for assertions. */
  execCalls: { namespace: string; pod: string; command: string[] }[] = [];

  constructor(objects: ApiObject[] = [], exec?: ExecHandler) {
    this.objects = structuredClone(objects);
    if (exec) this.execHandlers.push(exec);
  }

  async get(ref: KindRef, name: string, namespace?: string): Promise<ApiObject | undefined> {
    return structuredClone(this.objects.find((o) => same(o, ref) && o.metadata.name === name && inNamespace(o, namespace)));
  }

  async list(ref: KindRef, namespace?: string, labelSelector?: string): Promise<ApiObject[]> {
    return structuredClone(
      this.objects.filter((o) => same(o, ref) && inNamespace(o, namespace) && matchesSelector(o.metadata.labels, labelSelector)),
    );
  }

  async exec(namespace: string, pod: string, command: string[]): Promise<ExecResult> {
    this.execCalls.push({ namespace, pod, command });
    for (const h of this.execHandlers) {
      const r = h(namespace, pod, command);
      if (r) return r;
    }
    return { stdout: '', stderr: `${command[0]}: not found`, exitCode: 127 };
  }

  async apply(object: ApiObject, namespace: string, _options: ApplyOptions): Promise<ApiObject> {
    const copy = structuredClone(object);
    if (namespace) copy.metadata.namespace = namespace;
    this.objects = this.objects.filter((o) => !(same(o, object) && o.metadata.name === object.metadata.name && inNamespace(o, namespace)));
    this.objects.push(copy);
    return copy;
  }

  async create(object: ApiObject, namespace?: string): Promise<ApiObject> {
    if (await this.get(object, object.metadata.name!, namespace)) throw new Error(`${object.kind} ${object.metadata.name} already exists`);
    // As the API server does: a new namespace is Active at once.
    const made = object.kind === 'Namespace' ? { ...object, status: { phase: 'Active' } } : object;
    return this.apply(made, namespace ?? '', { fieldManager: 'test' });
  }

  async delete(ref: KindRef, name: string, namespace?: string): Promise<void> {
    this.objects = this.objects.filter((o) => !(same(o, ref) && o.metadata.name === name && inNamespace(o, namespace)));
  }

  async version(): Promise<string> {
    return 'v1.34.0-fake';
  }
}

function same(o: ApiObject, ref: KindRef): boolean {
  return o.kind === ref.kind && o.apiVersion === ref.apiVersion;
}

function inNamespace(o: ApiObject, namespace: string | undefined): boolean {
  return !namespace || !o.metadata.namespace || o.metadata.namespace === namespace;
}
