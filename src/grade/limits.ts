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
