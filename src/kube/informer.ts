import { InterruptedError, isAbort, KubeError } from '../errors.ts';
import { type ApiObject, type KindRef, type KubeClient, type WatchEvent } from '../model/kube.ts';

/** A change to one object, as an informer saw it. */
export interface Change {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: ApiObject;
  /** Wall-clock time it was seen, in ms. */
  at: number;
  /** Part of the first list: the object was there before anyone watched, not a change seen happening. */
  initial?: boolean;
}

/** Resolves after `ms`, or at once when the signal aborts. Only between reconnect attempts. */
function backoff(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A local copy of the objects of one kind (in one namespace, or cluster-wide), kept current by a watch that
 * reconnects: from the last resourceVersion when the stream ends, by listing again when it is too old
 * (410 Gone), with a short backoff while the API server is unreachable. Stops when the signal aborts.
 */
export class Informer {
  private readonly store = new Map<string, ApiObject>();
  private synced!: Promise<void>;
  /** The last error while (re)connecting, when the copy may be stale. */
  lastError?: Error;

  constructor(
    private readonly kube: KubeClient,
    readonly ref: KindRef,
    private readonly namespace: string | undefined,
    private readonly onChange: (c: Change) => void,
    private readonly fieldSelector?: string,
  ) {}

  /** Starts listing and watching; resolves once the first list is in (rejects if it fails). */
  start(signal: AbortSignal): Promise<void> {
    let ready!: () => void;
    let failed!: (e: unknown) => void;
    this.synced = new Promise((res, rej) => ((ready = res), (failed = rej)));
    void this.loop(signal, ready, failed);
    return this.synced;
  }

  /** Every object in the copy. */
  items(): ApiObject[] {
    return [...this.store.values()];
  }

  /** One object by namespace and name. */
  get(name: string, namespace?: string): ApiObject | undefined {
    return this.store.get(`${namespace ?? ''}/${name}`);
  }

  private key(o: ApiObject): string {
    return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  }

  private async relist(signal: AbortSignal, initial: boolean): Promise<string> {
    const { items, resourceVersion } = await this.kube.listAt(this.ref, this.namespace, undefined, { signal });
    const seen = new Set<string>();
    for (const o of items.filter((i) => this.matches(i))) {
      const k = this.key(o);
      seen.add(k);
      const before = this.store.get(k);
      this.store.set(k, o);
      if (before?.metadata.resourceVersion !== o.metadata.resourceVersion) this.onChange({ type: before ? 'MODIFIED' : 'ADDED', object: o, at: Date.now(), initial });
    }
    for (const [k, o] of this.store) {
      if (!seen.has(k)) {
        this.store.delete(k);
        this.onChange({ type: 'DELETED', object: o, at: Date.now() });
      }
    }
    return resourceVersion;
  }

  /** A field selector on metadata.name is applied to lists here (lists take no field selector in our client). */
  private matches(o: ApiObject): boolean {
    const m = /^metadata\.name=(.+)$/.exec(this.fieldSelector ?? '');
    return !m || o.metadata.name === m[1];
  }

  private apply(e: WatchEvent): void {
    if (e.type === 'BOOKMARK' || e.type === 'ERROR' || !this.matches(e.object)) return;
    const k = this.key(e.object);
    if (e.type === 'DELETED') this.store.delete(k);
    else this.store.set(k, e.object);
    this.onChange({ type: e.type, object: e.object, at: Date.now() });
  }

  private async loop(signal: AbortSignal, ready: () => void, failed: (e: unknown) => void): Promise<void> {
    let rv: string | undefined;
    let first = true;
    let delay = 100;
    while (!signal.aborted) {
      try {
        if (rv === undefined) rv = await this.relist(signal, first);
        if (first) {
          first = false;
          ready();
        }
        delay = 100;
        this.lastError = undefined;
        rv = await this.kube.watch(this.ref, this.namespace, { resourceVersion: rv, fieldSelector: this.fieldSelector, signal }, (e) => this.apply(e));
      } catch (e) {
        if (isAbort(e) || signal.aborted) break;
        if (e instanceof KubeError && e.status === 410) {
          rv = undefined; // too old: list again
          continue;
        }
        this.lastError = e as Error;
        if (first) {
          failed(e);
          return;
        }
        await backoff(delay, signal);
        delay = Math.min(delay * 2, 2000);
      }
    }
    if (first) failed(new InterruptedError());
  }
}
