/** A Kubernetes object as written in a manifest file. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; namespace?: string; labels?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

/** A Kubernetes object as the API server returns it (plain JSON). */
export type ApiObject = KubeObject & { metadata: KubeObject['metadata'] & { uid?: string; creationTimestamp?: string } };

/** apiVersion and kind of a resource type. */
export interface KindRef {
  apiVersion: string;
  kind: string;
}

/** What a command run in a container returned. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit code of the command; 0 on success. */
  exitCode: number;
}

/** Everything a check may do: read objects and run commands in pods. Nothing here changes the cluster's objects. */
export interface KubeReader {
  /** The object, or undefined when it does not exist. */
  get(ref: KindRef, name: string, namespace?: string): Promise<ApiObject | undefined>;
  /** Objects of a kind in a namespace (all namespaces for cluster-scoped kinds), optionally by label selector. */
  list(ref: KindRef, namespace?: string, labelSelector?: string): Promise<ApiObject[]>;
  /** Runs a command in a container of a pod (the first container when none is named). */
  exec(namespace: string, pod: string, command: string[], container?: string): Promise<ExecResult>;
}

/** Options for applying an object. */
export interface ApplyOptions {
  /** The field manager recorded on the object (e.g. "labs" or "student-alice"). */
  fieldManager: string;
}

/** Reading plus the writes the runner and the grader need. */
export interface KubeClient extends KubeReader {
  /** Server-side apply of one object into a namespace. */
  apply(object: ApiObject, namespace: string, options: ApplyOptions): Promise<ApiObject>;
  /** Deletes an object; resolves when the API server accepted the deletion (not when it is gone). */
  delete(ref: KindRef, name: string, namespace?: string): Promise<void>;
  /** Creates an object (fails if it exists). */
  create(object: ApiObject, namespace?: string): Promise<ApiObject>;
  /** The API server's version, e.g. "v1.34.4". */
  version(): Promise<string>;
}

/** The kinds the bundled checks read. */
export const KIND = {
  pod: { apiVersion: 'v1', kind: 'Pod' },
  pvc: { apiVersion: 'v1', kind: 'PersistentVolumeClaim' },
  pv: { apiVersion: 'v1', kind: 'PersistentVolume' },
  service: { apiVersion: 'v1', kind: 'Service' },
  namespace: { apiVersion: 'v1', kind: 'Namespace' },
  configMap: { apiVersion: 'v1', kind: 'ConfigMap' },
  secret: { apiVersion: 'v1', kind: 'Secret' },
  job: { apiVersion: 'batch/v1', kind: 'Job' },
  deployment: { apiVersion: 'apps/v1', kind: 'Deployment' },
  replicaSet: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  statefulSet: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  storageClass: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' },
  endpointSlice: { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' },
  resourceQuota: { apiVersion: 'v1', kind: 'ResourceQuota' },
  limitRange: { apiVersion: 'v1', kind: 'LimitRange' },
} as const satisfies Record<string, KindRef>;
