import type {
  V1ConfigMap, V1Container, V1Deployment, V1EndpointSlice, V1LabelSelector, V1LimitRange, V1Namespace, V1Node,
  V1PersistentVolume, V1PersistentVolumeClaim, V1Pod, V1PodSpec, V1Probe, V1ReplicaSet, V1ResourceQuota, V1Secret,
  V1Service, V1ServicePort, V1StatefulSet, V1StorageClass, CoreV1Event,
} from '@kubernetes/client-node';

/**
 * An API object as the API server sends it, read-only: client-node's V1 types with timestamps as the strings
 * they are on the wire (client-node's classes turn them into Dates; labs reads plain JSON).
 */
export type Raw<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? readonly Raw<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Raw<T[K]> }
      : T;

/** A Pod as sent by the API server. */
export type RawPod = Raw<V1Pod>;
/** A pod spec. */
export type RawPodSpec = Raw<V1PodSpec>;
/** A container of a pod spec. */
export type RawContainer = Raw<V1Container>;
/** A probe of a container. */
export type RawProbe = Raw<V1Probe>;
/** A Service. */
export type RawService = Raw<V1Service>;
/** A port of a Service. */
export type RawServicePort = Raw<V1ServicePort>;
/** A PersistentVolumeClaim. */
export type RawClaim = Raw<V1PersistentVolumeClaim>;
/** A PersistentVolume. */
export type RawVolume = Raw<V1PersistentVolume>;
/** A StorageClass. */
export type RawStorageClass = Raw<V1StorageClass>;
/** A Deployment. */
export type RawDeployment = Raw<V1Deployment>;
/** A StatefulSet. */
export type RawStatefulSet = Raw<V1StatefulSet>;
/** A ReplicaSet. */
export type RawReplicaSet = Raw<V1ReplicaSet>;
/** A ConfigMap. */
export type RawConfigMap = Raw<V1ConfigMap>;
/** A Secret (data values are base64). */
export type RawSecret = Raw<V1Secret>;
/** A LimitRange. */
export type RawLimitRange = Raw<V1LimitRange>;
/** A ResourceQuota. */
export type RawResourceQuota = Raw<V1ResourceQuota>;
/** An EndpointSlice. */
export type RawEndpointSlice = Raw<V1EndpointSlice>;
/** A Namespace. */
export type RawNamespace = Raw<V1Namespace>;
/** A Node. */
export type RawNode = Raw<V1Node>;
/** An Event (core/v1). */
export type RawEvent = Raw<CoreV1Event>;
/** A label selector in its object form. */
export type RawLabelSelector = Raw<V1LabelSelector>;

/** Views an object of unknown shape (a student's file, the API server's answer) as the raw type of its kind. */
export function view<T>(o: unknown): T {
  return (typeof o === 'object' && o !== null ? o : {}) as T;
}
