import { type RawConfigMap, type RawContainer, type RawPod, type RawSecret, type RawService } from './raw.ts';
import { parseQuantity } from './quantity.ts';

// A container's environment as the kubelet builds it (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables):
// envFrom first (ConfigMaps and Secrets, with prefix and optional), then env in order, the last entry of a name
// winning; `value`s expand $(VAR) from what is declared so far and from the service variables, `$$` is a `$`;
// values read from a Secret, a ConfigMap or a field are never expanded.

/** Where the kubelet reads referenced objects from: the pod's namespace. */
export interface EnvSources {
  configMap(name: string): Promise<RawConfigMap | undefined>;
  secret(name: string): Promise<RawSecret | undefined>;
  /**
   * The Services whose variables the kubelet adds: the namespace's (when enableServiceLinks is not false) and
   * the `kubernetes` Service of `default`. None when omitted.
   */
  services?(): Promise<RawService[]>;
}

/** A container's environment, or why the kubelet would not start the container (CreateContainerConfigError). */
export type ContainerEnv = { ok: true; vars: Map<string, string> } | { ok: false; error: string };

/** The kubelet's $(VAR) expansion (third_party/forked/golang/expansion): `$$` → `$`, unknown $(X) kept as is. */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    const first = String.fromCodePoint(rest.codePointAt(0)!);
    let advance = first.length;
    if (first === '$') out += '$';
    else if (first === '(') {
      const close = rest.indexOf(')', 1);
      if (close > 0) {
        const name = rest.slice(1, close);
        out += lookup(name) ?? `$(${name})`;
        advance = close + 1;
      } else {
        out += '$(';
        advance = 1;
      }
    } else out += `$${first}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/** The service link variables of Services (pkg/kubelet/envvars FromServices), for those with a cluster IP. */
export function serviceVariables(services: readonly RawService[]): Map<string, string> {
  const vars = new Map<string, string>();
  const envName = (s: string) => s.replace(/-/g, '_').toUpperCase();
  for (const svc of services) {
    const ip = svc.spec?.clusterIP;
    const ports = svc.spec?.ports ?? [];
    if (!ip || ip === 'None' || ports.length === 0) continue;
    const prefix = envName(svc.metadata?.name ?? '');
    vars.set(`${prefix}_SERVICE_HOST`, ip);
    vars.set(`${prefix}_SERVICE_PORT`, String(ports[0]!.port));
    for (const p of ports) if (p.name) vars.set(`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port));
    const host = ip.includes(':') ? `[${ip}]` : ip;
    ports.forEach((p, i) => {
      const proto = (p.protocol || 'TCP').toLowerCase();
      const url = `${proto}://${host}:${p.port}`;
      if (i === 0) vars.set(`${prefix}_PORT`, url);
      const at = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      vars.set(at, url);
      vars.set(`${at}_PROTO`, proto);
      vars.set(`${at}_PORT`, String(p.port));
      vars.set(`${at}_ADDR`, ip);
    });
  }
  return vars;
}

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

/** The value of a downward-API field of a pod, as the kubelet gives it (undefined: unknown here). */
export function podField(pod: RawPod, path: string): string | undefined {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (pod.metadata?.[m[1] as 'labels' | 'annotations'] ?? {})[m[2]!] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata?.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.podIPs':
      return (pod.status?.podIPs ?? []).map((p) => p.ip).join(',');
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    case 'status.hostIPs':
      return (pod.status?.hostIPs ?? []).map((p) => p.ip).join(',');
    default:
      return undefined;
  }
}

/** A resourceFieldRef's value: the container's request or limit divided by the divisor, rounded up. */
function resourceField(container: RawContainer, resource: string, divisor: unknown): string | undefined {
  const [kind, name] = resource.split('.') as ['requests' | 'limits', string];
  const amount = parseQuantity(container.resources?.[kind]?.[name]);
  if (amount === undefined) return undefined; // the node's allocatable: not known here
  const by = parseQuantity(divisor ?? 1) || 1;
  return String(Math.ceil(amount / by));
}

/**
 * The environment the kubelet gives container `name` of `pod` (a Pod, or a workload's pod template with the
 * namespace it runs in). Missing non-optional ConfigMaps, Secrets or keys are the kubelet's errors.
 */
export async function containerEnv(pod: RawPod, name: string, sources: EnvSources): Promise<ContainerEnv> {
  const spec = pod.spec;
  const container = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].find((c) => c.name === name);
  if (!container) return { ok: false, error: `no container "${name}"` };
  const ns = pod.metadata?.namespace ?? '';
  const services = sources.services ? await sources.services() : [];
  const linked = services.filter((s) => (s.metadata?.namespace === 'default' && s.metadata.name === 'kubernetes') || (spec?.enableServiceLinks !== false && (s.metadata?.namespace ?? ns) === ns));
  const serviceEnv = serviceVariables(linked);
  const configMaps = new Map<string, RawConfigMap>();
  const secrets = new Map<string, RawSecret>();
  const getConfigMap = async (n: string) => configMaps.get(n) ?? (await sources.configMap(n).then((c) => (c && configMaps.set(n, c), c)));
  const getSecret = async (n: string) => secrets.get(n) ?? (await sources.secret(n).then((s) => (s && secrets.set(n, s), s)));
  const env = new Map<string, string>();

  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = await getConfigMap(from.configMapRef.name ?? '');
      if (!cm) {
        if (from.configMapRef.optional) continue;
        return { ok: false, error: `configmap "${from.configMapRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) env.set(prefix + k, v);
    } else if (from.secretRef) {
      const s = await getSecret(from.secretRef.name ?? '');
      if (!s) {
        if (from.secretRef.optional) continue;
        return { ok: false, error: `secret "${from.secretRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(s.data ?? {})) env.set(prefix + k, decode(v));
    }
  }

  for (const e of container.env ?? []) {
    let value = e.value ?? '';
    if (value !== '') {
      value = expand(value, (n) => env.get(n) ?? serviceEnv.get(n));
    } else if (e.valueFrom) {
      const f = e.valueFrom;
      if (f.fieldRef) {
        const v = podField(pod, f.fieldRef.fieldPath ?? '');
        if (v === undefined) return { ok: false, error: `unsupported fieldPath "${f.fieldRef.fieldPath}"` };
        value = v;
      } else if (f.resourceFieldRef) {
        const target = f.resourceFieldRef.containerName ? [...(spec?.containers ?? [])].find((c) => c.name === f.resourceFieldRef!.containerName) : container;
        const v = target ? resourceField(target, f.resourceFieldRef.resource ?? '', f.resourceFieldRef.divisor) : undefined;
        if (v === undefined) return { ok: false, error: `resourceFieldRef ${f.resourceFieldRef.resource} has no value here` };
        value = v;
      } else if (f.configMapKeyRef) {
        const ref = f.configMapKeyRef;
        const cm = await getConfigMap(ref.name ?? '');
        if (!cm) {
          if (ref.optional) continue;
          return { ok: false, error: `configmap "${ref.name}" not found` };
        }
        const v = cm.data?.[ref.key];
        if (v === undefined) {
          if (ref.optional) continue;
          return { ok: false, error: `couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}` };
        }
        value = v;
      } else if (f.secretKeyRef) {
        const ref = f.secretKeyRef;
        const s = await getSecret(ref.name ?? '');
        if (!s) {
          if (ref.optional) continue;
          return { ok: false, error: `secret "${ref.name}" not found` };
        }
        const v = s.data?.[ref.key];
        if (v === undefined) {
          if (ref.optional) continue;
          return { ok: false, error: `couldn't find key ${ref.key} in Secret ${ns}/${ref.name}` };
        }
        value = decode(v);
      }
    }
    env.set(e.name, value);
  }
  for (const [k, v] of serviceEnv) if (!env.has(k)) env.set(k, v);
  return { ok: true, vars: env };
}
