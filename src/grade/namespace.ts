import { createNamespace } from '../cluster/namespace.ts';
import { type KubeClient } from '../model/kube.ts';

/** Limits of one grading namespace: enough for the labs, too little to starve the node. */
export const GRADING_LIMITS = {
  quota: {
    pods: '8',
    'requests.cpu': '2',
    'requests.memory': '3Gi',
    'limits.cpu': '4',
    'limits.memory': '4Gi',
    persistentvolumeclaims: '6',
    'requests.storage': '10Gi',
    services: '4',
    'services.nodeports': '0',
    'services.loadbalancers': '0',
    configmaps: '20',
    secrets: '20',
    'count/deployments.apps': '4',
    'count/statefulsets.apps': '4',
    'count/replicasets.apps': '20',
    'count/jobs.batch': '4',
    'count/cronjobs.batch': '2',
  },
  /** Defaults for containers that set no resources, so the quota can count them. */
  container: { defaultRequest: { cpu: '50m', memory: '64Mi' }, default: { cpu: '1', memory: '768Mi' }, max: { cpu: '2', memory: '2Gi' } },
  /** Largest claim one PVC may ask for. */
  maxClaim: '5Gi',
} as const;

/**
 * Creates a submission's namespace: Pod Security "baseline" enforced, a ResourceQuota and a LimitRange, all
 * labelled so a cleanup can find leftovers. Objects a submission cannot touch: it may not create these kinds.
 */
export async function createGradingNamespace(kube: KubeClient, name: string, student: string, lab: string): Promise<void> {
  await createNamespace(kube, name, {
    'labs.dev/purpose': 'grade',
    'labs.dev/student': student.toLowerCase().replace(/[^a-z0-9.-]/g, '-').slice(0, 63).replace(/[^a-z0-9]+$/, '') || 'student',
    'labs.dev/lab': lab.replace(/\//g, '.'),
    'pod-security.kubernetes.io/enforce': 'baseline',
    'pod-security.kubernetes.io/enforce-version': 'latest',
    'pod-security.kubernetes.io/warn': 'baseline',
  });
  await kube.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'labs-grading' }, spec: { hard: GRADING_LIMITS.quota } }, name);
  await kube.create(
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'labs-grading' },
      spec: {
        limits: [
          { type: 'Container', ...GRADING_LIMITS.container },
          { type: 'PersistentVolumeClaim', max: { storage: GRADING_LIMITS.maxClaim } },
        ],
      },
    },
    name,
  );
}
