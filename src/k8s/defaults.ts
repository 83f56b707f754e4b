import { type RawProbe } from './raw.ts';

// Defaults the API server fills into objects it stores (pkg/apis/core/v1/defaults.go, apps/v1 defaults), for
// reading a student's file the way the cluster will read it.

/** A probe's timing fields with the API server's defaults. */
export interface ProbeTiming {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

/** A probe's timings, with the defaults for what it leaves out (period 10 s, timeout 1 s, 3 failures). */
export function probeTiming(p: RawProbe | undefined): ProbeTiming {
  return {
    initialDelaySeconds: p?.initialDelaySeconds ?? 0,
    periodSeconds: p?.periodSeconds || 10,
    timeoutSeconds: p?.timeoutSeconds || 1,
    successThreshold: p?.successThreshold || 1,
    failureThreshold: p?.failureThreshold || 3,
  };
}

/** How long a probe may keep failing from the container's start before it counts as failed for good (ms). */
export function probeWindowMs(p: RawProbe | undefined): number {
  if (!p) return 0;
  const t = probeTiming(p);
  return (t.initialDelaySeconds + t.periodSeconds * t.failureThreshold + t.timeoutSeconds) * 1000;
}

/** The image pull policy the API server gives a container that names none: Always for `:latest` or no tag. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const name = image.split('@')[0]!;
  const tag = name.lastIndexOf(':') > name.lastIndexOf('/') ? name.slice(name.lastIndexOf(':') + 1) : '';
  return image.includes('@') ? 'IfNotPresent' : tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** The replicas a workload runs when it says none (Deployment, StatefulSet, ReplicaSet: 1). */
export function replicasOf(spec: { replicas?: number } | undefined): number {
  return typeof spec?.replicas === 'number' ? spec.replicas : 1;
}

/** A StatefulSet's pod management policy, with its default. */
export function podManagementPolicy(spec: { podManagementPolicy?: string } | undefined): string {
  return spec?.podManagementPolicy ?? 'OrderedReady';
}
