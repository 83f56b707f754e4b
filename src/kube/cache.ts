import { WATCHED } from '../k8s/kinds.ts';
import { isOneShotPod, KIND, volumeOfNamespace, type ApiObject, type CallOptions, type KindRef, type KubeClient, type KubeReader } from '../model/kube.ts';
import { type Change, Informer } from './informer.ts';
import { matchesSelector } from '../k8s/selector.ts';

/** Kinds of the lab's namespace kept in memory: what checks read and what "settled" looks at. */
export const WATCHED_IN_NAMESPACE: readonly KindRef[] = WATCHED.namespace;
/** Cluster-wide kinds the checks read. */
export const WATCHED_CLUSTER: readonly KindRef[] = WATCHED.cluster;

const key = (ref: KindRef) => `${ref.apiVersion}/${ref.kind}`;
const clusterWide = (ref: KindRef): boolean => WATCHED_CLUSTER.some((r) => key(r) === key(ref));

/**
 * The lab's namespace as a set of watches: reads of watched kinds are answered from memory, everything
 * else goes to the API server. Listeners hear every change, so waits and check retries wake on events
 * instead of polling. Events (v1 Event) are kept for reports but do not count as changes of the namespace.
 */
export class NamespaceCache implements KubeReader {
  private readonly informers = new Map<string, Informer>();
  private readonly listeners = new Set<(c: Change) => void>();
  private readonly stop = new AbortController();
  /** Counts changes (not Events): a reader compares it before and after, to know nothing moved in between. */
  version = 0;
  /** When the namespace was last seen changing (ms; not Events; 0 until a change is seen). */
  lastChangeAt = 0;
  private readonly kindVersion = new Map<string, number>();
  private readonly kindChangedAt = new Map<string, number>();

  constructor(readonly kube: KubeClient, readonly namespace: string) {}

  /** Starts every watch; resolves once each has its first list. */
  async start(signal?: AbortSignal): Promise<this> {
    const sig = signal ? AbortSignal.any([signal, this.stop.signal]) : this.stop.signal;
    const make = (ref: KindRef, ns: string | undefined, field?: string) => {
      const inf = new Informer(this.kube, ref, ns, (c) => this.changed(c), field);
      this.informers.set(ref === KIND.namespace ? 'namespace' : key(ref), inf);
      // A signal of its own per watch: a dozen long watches must not pile listeners onto one signal.
      return inf.start(AbortSignal.any([sig]));
    };
    await Promise.all([
      ...WATCHED_IN_NAMESPACE.map((r) => make(r, this.namespace)),
      ...WATCHED_CLUSTER.map((r) => make(r, undefined)),
      make(KIND.namespace, undefined, `metadata.name=${this.namespace}`),
    ]);
    return this;
  }

  /** Stops every watch. */
  close(): void {
    this.stop.abort();
    this.listeners.clear();
  }

  /** How many changes each kind has seen so far, to compare before and after a read. */
  versions(): Map<string, number> {
    return new Map(this.kindVersion);
  }

  /** Changes seen so far to objects of these kinds (all kinds when none are named). */
  versionOf(kinds?: ReadonlySet<string>): number {
    if (!kinds) return this.version;
    let n = 0;
    for (const k of kinds) n += this.kindVersion.get(k) ?? 0;
    return n;
  }

  /** When objects of these kinds last changed (ms; all kinds when none are named). */
  lastChangeOf(kinds?: ReadonlySet<string>): number {
    if (!kinds) return this.lastChangeAt;
    return Math.max(0, ...[...kinds].map((k) => this.kindChangedAt.get(k) ?? 0));
  }

  /**
   * Resolves once the watches have seen `written` (an object as the API server returned it from a write) or
   * anything later of it, so a read right after a write sees the write. Kinds not watched are read from the
   * API server anyway. Gives up after `ms` (the next change will be seen all the same).
   */
  observed(written: ApiObject, ms = 10_000): Promise<void> {
    const inf = this.informers.get(key(written));
    if (!inf) return Promise.resolve();
    const ns = clusterWide(written) ? undefined : this.namespace;
    const rv = (o: ApiObject) => BigInt(String(o.metadata.resourceVersion ?? '0'));
    const want = rv(written);
    const seen = () => {
      const have = inf.get(written.metadata.name!, ns);
      return have !== undefined && have.metadata.uid === written.metadata.uid && rv(have) >= want;
    };
    return this.until(seen, ms);
  }

  /** Resolves once the watches see that a deleted object is going (marked for deletion) or gone. */
  observedDeleting(ref: KindRef, name: string, ms = 10_000): Promise<void> {
    const inf = this.informers.get(key(ref));
    if (!inf) return Promise.resolve();
    const ns = clusterWide(ref) ? undefined : this.namespace;
    const going = () => {
      const o = inf.get(name, ns);
      return !o || Boolean(o.metadata.deletionTimestamp);
    };
    return this.until(going, ms);
  }

  /** Resolves once `cond` holds (looked at on every change), or after `ms`. */
  private until(cond: () => boolean, ms: number): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stop();
        resolve();
      };
      const timer = setTimeout(done, ms);
      const stop = this.subscribe(() => cond() && done());
    });
  }

  /** Calls `fn` on every change; returns the function that stops it. */
  subscribe(fn: (c: Change) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Whether the namespace itself exists (and is not being deleted). */
  namespaceExists(): boolean {
    const ns = this.informers.get('namespace')?.get(this.namespace);
    return Boolean(ns && !ns.metadata.deletionTimestamp);
  }

  /**
   * Every object of the watched kinds in the namespace (Events excluded; the grader's one-shot pods too), and the
   * PersistentVolumes that are its business, for the settled rule.
   */
  objects(): ApiObject[] {
    const own = WATCHED_IN_NAMESPACE.filter((r) => r.kind !== 'Event').flatMap((r) => this.informers.get(key(r))?.items() ?? []).filter((o) => !isOneShotPod(o));
    const volumes = (this.informers.get(key(KIND.pv))?.items() ?? []).filter((pv) => volumeOfNamespace(pv, this.namespace));
    return [...own, ...volumes];
  }

  /** The namespace's Events. */
  events(): ApiObject[] {
    return this.informers.get(key(KIND.event))?.items() ?? [];
  }

  /** An error of a watch that is reconnecting (its copy may be stale), if any. */
  staleness(): Error | undefined {
    return [...this.informers.values()].map((i) => i.lastError).find(Boolean);
  }

  async get(ref: KindRef, name: string, namespace?: string, o?: CallOptions): Promise<ApiObject | undefined> {
    const inf = this.served(ref, namespace);
    if (!inf) return this.kube.get(ref, name, namespace, o);
    return inf.get(name, clusterWide(ref) ? undefined : this.namespace);
  }

  async list(ref: KindRef, namespace?: string, labelSelector?: string, o?: CallOptions): Promise<ApiObject[]> {
    const inf = this.served(ref, namespace);
    if (!inf) return this.kube.list(ref, namespace, labelSelector, o);
    return inf.items().filter((i) => matchesSelector(i.metadata.labels, labelSelector)).sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  }

  private served(ref: KindRef, namespace?: string): Informer | undefined {
    const inf = this.informers.get(key(ref));
    if (!inf) return undefined;
    const clusterScoped = clusterWide(ref);
    return clusterScoped || namespace === this.namespace ? inf : undefined;
  }

  /** Whether the namespace, once seen, was deleted (or marked for deletion) while watched: by someone else. */
  namespaceLost = false;

  private changed(c: Change): void {
    if (c.object.kind === 'Namespace' && c.object.metadata.name === this.namespace && !c.initial && (c.type === 'DELETED' || c.object.metadata.deletionTimestamp)) this.namespaceLost = true;
    // Another namespace's volumes are someone else's business: they must not wake or delay this one.
    if (c.object.kind === 'PersistentVolume' && !volumeOfNamespace(c.object, this.namespace)) return;
    // The grader's one-shot pods (reading a volume, measuring claims) wake their own waits, but are no change of the
    // namespace: a check that reads a volume would otherwise never see it settle.
    if (c.object.kind !== 'Event' && !c.initial && !isOneShotPod(c.object)) {
      this.version++;
      this.lastChangeAt = c.at;
      this.kindVersion.set(c.object.kind, (this.kindVersion.get(c.object.kind) ?? 0) + 1);
      this.kindChangedAt.set(c.object.kind, c.at);
    }
    for (const l of this.listeners) l(c);
  }
}
