import { type KindRef } from '../k8s/kinds.ts';

export { KIND, type KindRef } from '../k8s/kinds.ts';

/** The label every pod the grader makes carries (its probe pods): no student target ever means one of them. */
export const PROBE_LABEL = { key: 'labs.dev/role', value: 'probe' } as const;

/** The label that ties a PersistentVolume labs made for a run (smoke, grading) to the namespace of that run. */
export const VOLUME_NAMESPACE_LABEL = 'labs.dev/namespace';

/** The roles of the grader's one-shot pods (reading or writing a volume, measuring the claims): labs' doing, never a step's. */
export const ONE_SHOT_ROLES: ReadonlySet<string> = new Set(['volume', 'measure']);

/** Whether a pod is one of the grader's one-shot pods. */
export function isOneShotPod(o: KubeObject): boolean {
  return o.kind === 'Pod' && ONE_SHOT_ROLES.has(o.metadata.labels?.[PROBE_LABEL.key] ?? '');
}

/**
 * Whether a PersistentVolume is a namespace's business: labelled for its run, claimed from it, or made by hand and
 * claimed by no one yet (any claim may bind it). Another run's volumes are not.
 */
export function volumeOfNamespace(pv: KubeObject, namespace: string): boolean {
  const claimRef = (pv.spec as { claimRef?: { namespace?: string } | null } | undefined)?.claimRef;
  const label = pv.metadata.labels?.[VOLUME_NAMESPACE_LABEL];
  return label === namespace || claimRef?.namespace === namespace || (label === undefined && !claimRef);
}

/** A Kubernetes object as written in a manifest file. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; namespace?: string; labels?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

/** A Kubernetes object as the API server returns it (plain JSON). */
export type ApiObject = KubeObject & { metadata: KubeObject['metadata'] & { uid?: string; creationTimestamp?: string } };

/** What a command run in a container returned. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit code of the command; 0 on success. */
  exitCode: number;
  /** Output past the cap (64 KiB per stream) was not kept; the kept output says how much. */
  truncated?: boolean;
}

/** A deadline and a cancellation for one call. */
export interface CallOptions {
  /** Aborting closes the request (or the exec websocket, or the watch). */
  signal?: AbortSignal;
  /** The call's own deadline, when shorter than the default. */
  timeoutMs?: number;
}

/** A list and the resourceVersion to watch from. */
export interface ListResult {
  items: ApiObject[];
  resourceVersion: string;
}

/** Which changes a watch streams. */
export interface WatchOptions extends CallOptions {
  resourceVersion: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Seconds after which the server ends the stream (the caller reconnects). */
  timeoutSeconds?: number;
}

/** One change seen by a watch. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: ApiObject;
}

/** Which lines of a container's log to read. */
export interface LogOptions {
  container?: string;
  tailLines?: number;
  /** The previous (crashed) instance of the container. */
  previous?: boolean;
  limitBytes?: number;
}

/** What a check may read. Nothing here changes the cluster, and nothing runs inside a student's container. */
export interface KubeReader {
  /** The object, or undefined when it does not exist. */
  get(ref: KindRef, name: string, namespace?: string, o?: CallOptions): Promise<ApiObject | undefined>;
  /** Objects of a kind in a namespace (all namespaces for cluster-scoped kinds), optionally by label selector. */
  list(ref: KindRef, namespace?: string, labelSelector?: string, o?: CallOptions): Promise<ApiObject[]>;
}

/** Options for applying an object. */
export interface ApplyOptions extends CallOptions {
  /** The field manager recorded on the object (e.g. "labs" or "student-alice"). */
  fieldManager: string;
}

/** Reading plus the writes, execs, logs and watches the runner and the grader need. */
export interface KubeClient extends KubeReader {
  /** The list and its resourceVersion, to start a watch from. */
  listAt(ref: KindRef, namespace?: string, labelSelector?: string, o?: CallOptions): Promise<ListResult>;
  /** Streams changes until the server ends the stream; resolves with the last resourceVersion seen. */
  watch(ref: KindRef, namespace: string | undefined, o: WatchOptions, onEvent: (e: WatchEvent) => void): Promise<string>;
  /** Runs a command in a container of a pod (the first container when none is named). */
  exec(namespace: string, pod: string, command: string[], container?: string, o?: CallOptions): Promise<ExecResult>;
  /** The last lines of a container's log ('' when there is none). */
  logs(namespace: string, pod: string, o?: LogOptions & CallOptions): Promise<string>;
  /** Server-side apply of one object into a namespace. */
  apply(object: ApiObject, namespace: string, options: ApplyOptions): Promise<ApiObject>;
  /**
   * Deletes an object (only that UID, when given; with this grace period, when given); resolves when the API server
   * accepted it (not when it is gone).
   */
  delete(ref: KindRef, name: string, namespace?: string, o?: CallOptions & { uid?: string; gracePeriodSeconds?: number }): Promise<void>;
  /**
   * Changes one object by a JSON merge patch (RFC 7386, as `kubectl patch --type=merge`: null removes a field), under
   * `kubectl-patch`'s field manager unless another is given; rejects when the object does not exist.
   */
  mergePatch(ref: KindRef, name: string, namespace: string | undefined, patch: Record<string, unknown>, o?: CallOptions & { fieldManager?: string }): Promise<ApiObject>;
  /** Creates an object (fails if it exists). */
  create(object: ApiObject, namespace?: string, o?: CallOptions): Promise<ApiObject>;
  /** The API server's version, e.g. "v1.34.4". */
  version(o?: CallOptions): Promise<string>;
}
