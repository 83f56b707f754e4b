import { matchesSelector } from './selector.ts';
import { type ApiObject, type ExecResult, type KindRef, type KubeReader } from '../model/kube.ts';

/** One exec call and what it returned. */
export interface RecordedExec {
  namespace: string;
  pod: string;
  command: string[];
  result: ExecResult;
}

/** A reader that passes calls through and keeps every object and exec answer it saw (to capture fixtures). */
export class RecordingKube implements KubeReader {
  readonly objects = new Map<string, ApiObject>();
  readonly execs: RecordedExec[] = [];

  constructor(private readonly inner: KubeReader) {}

  private key(ref: KindRef, namespace: string | undefined, name: string | undefined): string {
    return `${ref.apiVersion}/${ref.kind}/${namespace ?? ''}/${name}`;
  }

  private keep(o: ApiObject): void {
    this.objects.set(this.key(o, o.metadata.namespace, o.metadata.name), o);
  }

  // The snapshot is the latest answer for each object: what is gone by now is dropped.
  async get(ref: KindRef, name: string, namespace?: string): Promise<ApiObject | undefined> {
    const o = await this.inner.get(ref, name, namespace);
    if (o) this.keep(o);
    else this.objects.delete(this.key(ref, namespace, name));
    return o;
  }

  async list(ref: KindRef, namespace?: string, labelSelector?: string): Promise<ApiObject[]> {
    const items = await this.inner.list(ref, namespace, labelSelector);
    const present = new Set(items.map((o) => this.key(o, o.metadata.namespace, o.metadata.name)));
    for (const [k, o] of this.objects) {
      const covered = o.kind === ref.kind && o.apiVersion === ref.apiVersion && (!namespace || o.metadata.namespace === namespace) && matchesSelector(o.metadata.labels, labelSelector);
      if (covered && !present.has(k)) this.objects.delete(k);
    }
    items.forEach((o) => this.keep(o));
    return items;
  }

  async exec(namespace: string, pod: string, command: string[], container?: string): Promise<ExecResult> {
    const result = await this.inner.exec(namespace, pod, command, container);
    this.execs.push({ namespace, pod, command, result });
    return result;
  }
}
