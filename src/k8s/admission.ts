import { canonicalQuantity, compareQuantity, quantityNano } from './quantity.ts';
import { containersOf, mapping, mappings, type PodSpecAt } from './pod-specs.ts';

// What the API server does to a pod's resources on the way in, and refuses, in its own words: the Pod defaulting
// (a request defaults to its limit), the LimitRanger admission plugin (default limits and requests; min, max and
// maxLimitRequestRatio), and the validation that a request is not above its limit. Read from the plugin
// (plugin/pkg/admission/limitranger) and pkg/apis/core/v1/defaults.go, and checked against what the offline
// cluster admitted (test/fixtures/admission).

/** Resource amounts by resource name ("cpu", "memory", "storage"), as written. */
export type ResourceList = Record<string, unknown>;

/** One item of a LimitRange, as the API server stores it (with its own defaults filled in). */
export interface LimitItem {
  type: string;
  default: ResourceList;
  defaultRequest: ResourceList;
  min: ResourceList;
  max: ResourceList;
  maxLimitRequestRatio: ResourceList;
}

/**
 * The items of a LimitRange as the API server stores them (SetDefaults_LimitRangeItem): for containers, a
 * missing default limit is the max, and a missing default request is the default limit, else the min.
 */
export function limitItems(limitRange: unknown): LimitItem[] {
  return mappings(mapping(mapping(limitRange)?.spec)?.limits).map((l) => {
    const item: LimitItem = {
      type: String(l.type ?? ''),
      default: { ...mapping(l.default) },
      defaultRequest: { ...mapping(l.defaultRequest) },
      min: { ...mapping(l.min) },
      max: { ...mapping(l.max) },
      maxLimitRequestRatio: { ...mapping(l.maxLimitRequestRatio) },
    };
    if (item.type === 'Container') {
      for (const [k, v] of Object.entries(item.max)) if (!(k in item.default)) item.default[k] = v;
      for (const [k, v] of Object.entries(item.default)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
      for (const [k, v] of Object.entries(item.min)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
    }
    return item;
  });
}

/** A container's resources once admitted. */
export interface AdmittedContainer {
  /** Dotted path for messages, e.g. "spec.template.spec.containers[mysql]". */
  path: string;
  name: string;
  field: 'containers' | 'initContainers';
  /** Restarts with the pod (a sidecar init container): counted with the app containers. */
  sidecar: boolean;
  requests: ResourceList;
  limits: ResourceList;
}

/** A pod spec's resources as the API server admits them, and what it refuses. */
export interface AdmittedPod {
  containers: AdmittedContainer[];
  /** The API server's own reasons for refusing such a pod (validation, then the LimitRanger), in its words. */
  errors: string[];
}

/** A quantity as the API server prints it in a message. */
const show = (_resource: string, q: unknown): string => canonicalQuantity(q);

/** The LimitRanger's min, max and maxLimitRequestRatio of one item against requests and limits, in its words. */
function limitErrors(item: LimitItem, kind: string, requests: ResourceList, limits: ResourceList): string[] {
  const out: string[] = [];
  for (const [k, min] of Object.entries(item.min)) {
    if (!(k in requests)) out.push(`minimum ${k} usage per ${kind} is ${show(k, min)}.  No request is specified`);
    else if ((compareQuantity(requests[k], min) ?? 0) < 0) out.push(`minimum ${k} usage per ${kind} is ${show(k, min)}, but request is ${show(k, requests[k])}`);
    else if (k in limits && (compareQuantity(limits[k], min) ?? 0) < 0) out.push(`minimum ${k} usage per ${kind} is ${show(k, min)}, but limit is ${show(k, limits[k])}`);
  }
  for (const [k, max] of Object.entries(item.max)) {
    if (!(k in limits)) out.push(`maximum ${k} usage per ${kind} is ${show(k, max)}.  No limit is specified`);
    else if ((compareQuantity(limits[k], max) ?? 0) > 0) out.push(`maximum ${k} usage per ${kind} is ${show(k, max)}, but limit is ${show(k, limits[k])}`);
    else if (k in requests && (compareQuantity(requests[k], max) ?? 0) > 0) out.push(`maximum ${k} usage per ${kind} is ${show(k, max)}, but request is ${show(k, requests[k])}`);
  }
  for (const [k, ratio] of Object.entries(item.maxLimitRequestRatio)) {
    const req = Number(quantityNano(requests[k]) ?? 0n);
    const lim = Number(quantityNano(limits[k]) ?? 0n);
    if (!req) out.push(`${k} max limit to request ratio per ${kind} is ${show(k, ratio)}, but no request is specified or request is 0`);
    else if (!lim) out.push(`${k} max limit to request ratio per ${kind} is ${show(k, ratio)}, but no limit is specified or limit is 0`);
    else if (lim / req > Number(quantityNano(ratio) ?? 0n) / 1e9) out.push(`${k} max limit to request ratio per ${kind} is ${show(k, ratio)}, but provided ratio is ${(lim / req).toFixed(6)}`);
  }
  return out;
}

/**
 * What the API server makes of the containers of a pod with this spec in a namespace with these LimitRange
 * items: requests defaulted to limits, then the LimitRange's default limits and requests; and its refusals.
 */
export function admitPod(pod: PodSpecAt, items: readonly LimitItem[]): AdmittedPod {
  const containerItems = items.filter((i) => i.type === 'Container');
  const out: AdmittedPod = { containers: [], errors: [] };
  const counters = { containers: 0, initContainers: 0 };
  for (const { path, field, container } of containersOf(pod)) {
    if (field === 'ephemeralContainers') continue;
    const index = counters[field]++;
    const r = mapping(container.resources);
    const limits: ResourceList = { ...mapping(r?.limits) };
    const requests: ResourceList = { ...mapping(r?.requests) };
    // The Pod's defaulting: a limit without a request is also the request.
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
    // The LimitRanger's defaults.
    for (const item of containerItems) {
      for (const [k, v] of Object.entries(item.default)) if (!(k in limits)) limits[k] = v;
      for (const [k, v] of Object.entries(item.defaultRequest)) if (!(k in requests)) requests[k] = v;
    }
    const name = typeof container.name === 'string' ? container.name : String(index);
    out.containers.push({ path, name, field, sidecar: field === 'initContainers' && container.restartPolicy === 'Always', requests, limits });
    const at = `spec.${field}[${index}].resources.requests`;
    for (const [k, v] of Object.entries(requests)) {
      if (k in limits && (compareQuantity(v, limits[k]) ?? 0) > 0) {
        out.errors.push(`${at}: Invalid value: "${show(k, v)}": must be less than or equal to ${k} limit of ${show(k, limits[k])}`);
      }
    }
  }
  // An invalid pod is refused before the LimitRanger's checks run: only its validation errors are said.
  if (out.errors.length > 0) return out;
  for (const item of containerItems) {
    for (const c of out.containers) out.errors.push(...limitErrors(item, 'Container', c.requests, c.limits));
  }
  for (const item of items.filter((i) => i.type === 'Pod')) {
    const asList = (t: Record<string, bigint>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, `${v}n`]));
    out.errors.push(...limitErrors(item, 'Pod', asList(podTotals(out, 'requests')), asList(podTotals(out, 'limits'))));
  }
  return out;
}

/**
 * A pod's effective requests or limits (component-helpers resource.PodRequests): the app containers and sidecars
 * summed, or the largest init container (with the sidecars started before it) when that is larger.
 */
export function podTotals(pod: AdmittedPod, which: 'requests' | 'limits'): Record<string, bigint> {
  const sum: Record<string, bigint> = {};
  const add = (to: Record<string, bigint>, list: ResourceList) => {
    for (const [k, v] of Object.entries(list)) to[k] = (to[k] ?? 0n) + (quantityNano(v) ?? 0n);
  };
  for (const c of pod.containers) if (c.field === 'containers' || c.sidecar) add(sum, c[which]);
  const sidecarsSoFar: Record<string, bigint> = {};
  const init: Record<string, bigint> = {};
  for (const c of pod.containers.filter((x) => x.field === 'initContainers')) {
    const here: Record<string, bigint> = { ...sidecarsSoFar };
    add(here, c[which]);
    if (c.sidecar) add(sidecarsSoFar, c[which]);
    for (const [k, v] of Object.entries(here)) if (v > (init[k] ?? 0n)) init[k] = v;
  }
  for (const [k, v] of Object.entries(init)) if (v > (sum[k] ?? 0n)) sum[k] = v;
  return sum;
}

/** Why the API server refuses a PVC asking for `storage` in a namespace with these LimitRange items, in its words. */
export function claimErrors(storage: unknown, items: readonly LimitItem[]): string[] {
  const out: string[] = [];
  for (const item of items.filter((i) => i.type === 'PersistentVolumeClaim')) {
    for (const [k, min] of Object.entries(item.min)) {
      if (k !== 'storage') continue;
      if (storage === undefined) out.push(`minimum storage usage per PersistentVolumeClaim is ${show(k, min)}.  No request is specified`);
      else if ((compareQuantity(storage, min) ?? 0) < 0) out.push(`minimum storage usage per PersistentVolumeClaim is ${show(k, min)}, but request is ${show(k, storage)}`);
    }
    for (const [k, max] of Object.entries(item.max)) {
      if (k !== 'storage') continue;
      if (storage === undefined) out.push(`maximum storage usage per PersistentVolumeClaim is ${show(k, max)}.  No request is specified`);
      else if ((compareQuantity(storage, max) ?? 0) > 0) out.push(`maximum storage usage per PersistentVolumeClaim is ${show(k, max)}, but request is ${show(k, storage)}`);
    }
  }
  return out;
}
