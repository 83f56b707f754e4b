// Whether the cluster's DNS serves a name yet, told from the objects it serves them from, so that a probe never asks
// too early: a lookup made before a record exists is answered "no such name", and the cluster's DNS keeps that answer
// for a while (kind's CoreDNS: 30 s). A Service's own name exists once the Service has an address (or, headless,
// once its EndpointSlices hold a ready endpoint); a pod's name under a Service once an endpoint with that hostname is
// ready — under a headless Service as the DNS specification says, and under one with an address too, as the
// cluster's DNS (CoreDNS) answers it. Names of other namespaces, and names that are not a Service's, are not judged here.
import { ABSENT, PRESENT } from '../check/outcome.ts';
import { view } from '../k8s/raw.ts';
import { KIND, type KubeReader } from '../model/kube.ts';
import { type Mismatch } from '../model/check.ts';

/** A DNS label. */
const LABEL = '[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?';

/** The Service names (and pod hostnames under them) of `namespace` that a command's words look up. */
export function serviceNamesIn(words: readonly string[], namespace: string): { fqdn: string; service: string; host?: string }[] {
  const ns = namespace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![-a-z0-9.])(?:(${LABEL})\\.)?(${LABEL})\\.${ns}(?:\\.svc(?:\\.cluster\\.local)?)?\\.?(?![-a-z0-9.])`, 'g');
  const found = new Map<string, { fqdn: string; service: string; host?: string }>();
  for (const word of words) {
    for (const m of word.matchAll(re)) {
      const [fqdn, host, service] = [m[0].replace(/\.$/, ''), m[1], m[2]!];
      found.set(fqdn, { fqdn, service, ...(host ? { host } : {}) });
    }
  }
  return [...found.values()];
}

type Slice = { endpoints?: { hostname?: string; addresses?: string[]; conditions?: { ready?: boolean } }[] };
type Service = { spec?: { clusterIP?: string; type?: string; publishNotReadyAddresses?: boolean } };

/**
 * Why the cluster's DNS does not serve the names of `words` yet, as mismatches of the objects it serves them from: the
 * Service missing, no ready endpoint (with that hostname). Empty
 * when every name is served, or none is a Service's of this namespace.
 */
export async function namesNotServed(words: readonly string[], namespace: string, kube: KubeReader): Promise<Mismatch[]> {
  const names = serviceNamesIn(words, namespace);
  if (names.length === 0) return [];
  const problems: Mismatch[] = [];
  for (const name of names) {
    const raw = await kube.get(KIND.service, name.service, namespace);
    if (!raw) {
      problems.push({ object: `Service/${name.service}`, path: '', want: PRESENT, got: ABSENT });
      continue;
    }
    const svc = view<Service>(raw);
    const headless = svc.spec?.clusterIP === 'None';
    if (!name.host && !headless) continue; // a ClusterIP or ExternalName Service's own name: served at once
    const everyAddress = svc.spec?.publishNotReadyAddresses === true;
    const slices = (await kube.list(KIND.endpointSlice, namespace, `kubernetes.io/service-name=${name.service}`)).map((x) => view<Slice>(x));
    const endpoints = slices.flatMap((s) => s.endpoints ?? []).filter((e) => (e.addresses ?? []).length > 0 && (everyAddress || e.conditions?.ready !== false));
    if (name.host ? endpoints.some((e) => e.hostname === name.host) : endpoints.length > 0) continue;
    const slicesOf = `EndpointSlice/-l kubernetes.io/service-name=${name.service}`;
    problems.push({ object: slicesOf, path: name.host ? `endpoints[hostname=${name.host}].conditions.ready` : 'endpoints[*].conditions.ready', want: true, got: ABSENT });
  }
  return problems;
}
