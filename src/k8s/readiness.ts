import { mapping, podSpecOf, type AnyObject } from './pod-specs.ts';

// Whether an object is ready as Kubernetes' own tools count it: `kubectl rollout status` for workloads (the
// controller has seen the spec, and enough replicas are available or ready), the Ready condition for a pod.

/** One status field that is not yet what readiness needs. */
export interface NotReady {
  path: string;
  want: number | string;
  got: number | string;
}

const n = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Why an object is not ready (nothing when it is). Kinds without a notion of readiness are ready. */
export function notReadyFields(o: AnyObject): NotReady[] {
  const spec = mapping(o.spec);
  const status = mapping(o.status) ?? {};
  const replicas = typeof spec?.replicas === 'number' ? spec.replicas : 1;
  const out: NotReady[] = [];
  const generation = n(mapping(o.metadata)?.generation);
  // Pods, Jobs and CronJobs keep no observedGeneration.
  if (!['Pod', 'Job', 'CronJob'].includes(o.kind) && generation > 0 && n(status.observedGeneration) < generation) out.push({ path: 'status.observedGeneration', want: generation, got: n(status.observedGeneration) });
  switch (o.kind) {
    case 'Deployment':
      if (n(status.updatedReplicas) < replicas) out.push({ path: 'status.updatedReplicas', want: replicas, got: n(status.updatedReplicas) });
      if (n(status.availableReplicas) < replicas) out.push({ path: 'status.availableReplicas', want: replicas, got: n(status.availableReplicas) });
      break;
    case 'StatefulSet':
      if (n(status.updatedReplicas) < replicas && mapping(spec?.updateStrategy)?.type !== 'OnDelete') out.push({ path: 'status.updatedReplicas', want: replicas, got: n(status.updatedReplicas) });
      if (n(status.readyReplicas) < replicas) out.push({ path: 'status.readyReplicas', want: replicas, got: n(status.readyReplicas) });
      break;
    case 'ReplicaSet':
      if (n(status.readyReplicas) < replicas) out.push({ path: 'status.readyReplicas', want: replicas, got: n(status.readyReplicas) });
      break;
    case 'DaemonSet':
      if (n(status.numberReady) < n(status.desiredNumberScheduled)) out.push({ path: 'status.numberReady', want: n(status.desiredNumberScheduled), got: n(status.numberReady) });
      break;
    case 'Job': {
      // Done as `kubectl wait --for=condition=complete` counts it.
      const complete = (Array.isArray(status.conditions) ? status.conditions : []).some((c) => mapping(c)?.type === 'Complete' && mapping(c)?.status === 'True');
      if (!complete) out.push({ path: 'status.conditions.Complete', want: 'True', got: conditionOf(status, 'Failed') === 'True' ? 'Failed' : 'False' });
      break;
    }
    case 'Pod': {
      const ready = (Array.isArray(status.conditions) ? status.conditions : []).some((c) => mapping(c)?.type === 'Ready' && mapping(c)?.status === 'True');
      if (!ready) out.push({ path: 'status.conditions.Ready', want: 'True', got: 'False' });
      break;
    }
  }
  return out;
}

/** The status of a condition of a status ("True", "False"), or undefined when it has none of that type. */
function conditionOf(status: Record<string, unknown>, type: string): string | undefined {
  const c = (Array.isArray(status.conditions) ? status.conditions : []).map((x) => mapping(x)).find((x) => x?.type === type);
  return c ? String(c.status) : undefined;
}

/** What a pod (or a workload's pod template) mounts where: mount path → the volume and its source. */
export function mountsOf(o: AnyObject): Record<string, { volume: string; container: string; type?: string; claim?: string; configMap?: string; secret?: string }> {
  const spec = podSpecOf(o)?.spec;
  const volumes = new Map((Array.isArray(spec?.volumes) ? spec.volumes : []).map((v) => [String(mapping(v)?.name ?? ''), mapping(v) ?? {}]));
  const out: ReturnType<typeof mountsOf> = {};
  for (const c of Array.isArray(spec?.containers) ? spec.containers : []) {
    for (const m of Array.isArray(mapping(c)?.volumeMounts) ? (mapping(c)!.volumeMounts as unknown[]) : []) {
      const mount = mapping(m);
      const path = String(mount?.mountPath ?? '').replace(/(.)\/+$/, '$1');
      if (!path || out[path]) continue;
      const v = volumes.get(String(mount?.name ?? '')) ?? {};
      const type = Object.keys(v).find((k) => k !== 'name');
      out[path] = {
        volume: String(mount?.name ?? ''),
        container: String(mapping(c)?.name ?? ''),
        ...(type ? { type } : {}),
        ...(mapping(v.persistentVolumeClaim)?.claimName ? { claim: String(mapping(v.persistentVolumeClaim)!.claimName) } : {}),
        ...(mapping(v.configMap)?.name ? { configMap: String(mapping(v.configMap)!.name) } : {}),
        ...(mapping(v.secret)?.secretName ? { secret: String(mapping(v.secret)!.secretName) } : {}),
      };
    }
  }
  return out;
}
