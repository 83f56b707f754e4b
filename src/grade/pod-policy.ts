import { containersOf, mapping, mappings, shown, type PodSpecAt } from '../k8s/pod-specs.ts';
import { literal, type Text } from '../model/text.ts';
import { imageAllowed } from '../k8s/image.ts';
import { MSG, POD_FIELDS_REFUSED } from './messages.ts';

// What a pod in a grading namespace may be: an allow-list. Every volume type, pod field and container field that is
// not known to be safe on a shared node is refused, naming the field, rather than a list of the known dangers.

/** Volume types a pod may use: data of its own namespace, or scratch space. */
export const VOLUME_TYPES = new Set(['configMap', 'secret', 'emptyDir', 'persistentVolumeClaim', 'downwardAPI', 'projected', 'ephemeral']);

/** Sources a projected volume may hold (a service-account token is an API credential). */
const PROJECTED_SOURCES = new Set(['configMap', 'secret', 'downwardAPI']);

/** The longest a pod may take to stop, in seconds: nothing may outlive a student's grading. */
export const MAX_GRACE_SECONDS = 30;

/** Capabilities the runtime gives by default that a lab does not need unless it says so. */
export const DROPPED_BY_DEFAULT = ['NET_RAW'] as const;

/** What the policy needs of the lab for pods. */
export interface PodPolicyOptions {
  /** Images a submission may run (the lab's allow-list). */
  images: readonly string[];
  /** Capabilities the lab's pods need (none by default; NET_RAW is dropped otherwise). */
  capabilities?: readonly string[];
}

const has = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== '';

/** Why a probe handler or lifecycle hook may not run as written (its `host` is reached from the node). */
function handlerProblems(at: string, handler: unknown): Text[] {
  const h = mapping(handler);
  const out: Text[] = [];
  for (const kind of ['httpGet', 'tcpSocket'] as const) {
    if (has(mapping(h?.[kind])?.host)) out.push(MSG.handlerHost(at, kind));
  }
  return out;
}

/** Why a pod spec may not run in a grading namespace (none when it may). */
export function podSpecProblems(p: PodSpecAt, o: PodPolicyOptions | readonly string[]): Text[] {
  const { images, capabilities = [] } = Array.isArray(o) ? { images: o as readonly string[] } : (o as PodPolicyOptions);
  const out: Text[] = [];
  const { path, spec } = p;
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[f] === true) out.push(MSG.hostNamespaces(path, f));
  }
  for (const [f, why] of Object.entries(POD_FIELDS_REFUSED)) {
    if (has((spec as Record<string, unknown>)[f])) out.push(MSG.podFieldRefused(path, f, why));
  }
  const grace = spec.terminationGracePeriodSeconds as unknown;
  if (typeof grace === 'number' && grace > MAX_GRACE_SECONDS) {
    out.push(MSG.graceTooLong(path, grace, MAX_GRACE_SECONDS));
  }
  // No service-account token may reach a student's pod: it would let the pod call the API server.
  if (spec.automountServiceAccountToken === true) {
    out.push(MSG.automountToken(path));
  }
  for (const f of ['serviceAccountName', 'serviceAccount'] as const) {
    const sa = spec[f];
    if (sa !== undefined && sa !== null && sa !== 'default') {
      out.push(MSG.serviceAccountNotDefault(path, f, shown(sa)));
    }
  }
  for (const v of mappings(spec.volumes)) {
    const at = `${path}.volumes[${shown(v.name)}]`;
    const types = Object.keys(v).filter((k) => k !== 'name');
    for (const t of types.filter((k) => !VOLUME_TYPES.has(k))) {
      out.push(MSG.volumeTypeRefused(at, t, [...VOLUME_TYPES].join(', ')));
    }
    for (const source of mappings(mapping(v.projected)?.sources)) {
      for (const k of Object.keys(source).filter((x) => !PROJECTED_SOURCES.has(x))) {
        out.push(k === 'serviceAccountToken'
          ? MSG.projectedTokenRefused(at)
          : MSG.projectedSourceRefused(at, k));
      }
    }
  }
  for (const { path: at, container: c } of containersOf(p)) {
    const sc = mapping(c.securityContext);
    if (sc?.privileged === true) out.push(MSG.privileged(at));
    const add = mapping(sc?.capabilities)?.add;
    const extra = Array.isArray(add) ? add.filter((x) => !capabilities.includes(shown(x))) : [];
    if (extra.length > 0) out.push(MSG.capabilitiesAdded(at, extra.map(shown).join(', ')));
    for (const port of mappings(c.ports)) {
      if (has(port.hostPort) && port.hostPort !== 0) out.push(MSG.hostPort(at));
      else if (has(port.hostIP)) out.push(MSG.hostIP(at));
    }
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) out.push(...handlerProblems(`${at}.${probe}`, c[probe]));
    const lifecycle = mapping(c.lifecycle);
    if (has(lifecycle?.preStop)) out.push(MSG.preStop(at));
    out.push(...handlerProblems(`${at}.lifecycle.postStart`, lifecycle?.postStart));
    const image = typeof c.image === 'string' ? c.image : '';
    if (!imageAllowed(image, images)) {
      const digest = image.includes('@') ? MSG.imageDigestNote : literal('');
      out.push(MSG.imageNotAllowed(at, image, images, digest));
    }
  }
  return out;
}

/**
 * What the grader adds to a pod spec it admits, as a mutating admission would: capabilities the lab does not need
 * are dropped (NET_RAW: no forged packets on the node's bridge), and an emptyDir without a size gets one.
 * Returns the copy; the student's own object is not changed.
 */
export function hardenPodSpec(p: PodSpecAt, o: { capabilities?: readonly string[]; emptyDirLimit: string }): void {
  const drop = DROPPED_BY_DEFAULT.filter((c) => !(o.capabilities ?? []).includes(c));
  for (const { container } of containersOf(p)) {
    const c = container as Record<string, unknown>;
    const sc = (mapping(c.securityContext) ?? {}) as Record<string, unknown>;
    const caps = (mapping(sc.capabilities) ?? {}) as Record<string, unknown>;
    // Scalars become text; a mapping or list (the API server refuses it anyway) stays as written: String() can throw on it.
    const dropped = Array.isArray(caps.drop) ? caps.drop.map((x: unknown) => (typeof x === 'object' && x !== null ? x : String(x))) : [];
    if (drop.length && !dropped.includes('ALL')) caps.drop = [...dropped, ...drop.filter((d) => !dropped.includes(d))];
    sc.capabilities = caps;
    c.securityContext = sc;
  }
  for (const v of mappings(p.spec.volumes)) {
    const e = mapping(v.emptyDir);
    if (v.emptyDir !== undefined && (!e || !has(e.sizeLimit))) (v as Record<string, unknown>).emptyDir = { ...(e ?? {}), sizeLimit: o.emptyDirLimit };
  }
}
