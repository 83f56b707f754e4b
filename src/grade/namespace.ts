import { createNamespace } from '../cluster/namespace.ts';
import { type KubeClient } from '../model/kube.ts';
import { GRADING_LIMITS } from './limits.ts';

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
