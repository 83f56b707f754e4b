import { type RawPod, type RawServicePort } from './raw.ts';

/**
 * The pod port a Service port sends traffic to, as the EndpointSlice controller resolves it (podutil.FindPort):
 * a number is itself, a name is the containerPort of the pod's port with that name and the Service port's
 * protocol, and no targetPort means the Service's own port. Undefined when a name matches no port of the pod.
 */
export function targetPortOf(port: RawServicePort, pod: RawPod): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^[0-9]+$/.test(target ?? '')) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** The port of a container that listens on `containerPort`, or a port named `name`. */
export function containerPort(pod: RawPod, nameOrNumber: string | number): number | undefined {
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === nameOrNumber || p.containerPort === Number(nameOrNumber)) return p.containerPort;
  }
  return typeof nameOrNumber === 'number' ? nameOrNumber : undefined;
}
