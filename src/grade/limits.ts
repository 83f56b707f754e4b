/** Limits of one grading namespace: enough for the labs, too little to starve the node. */
export const GRADING_LIMITS = {
  quota: {
    pods: '8',
    'requests.cpu': '2',
    'requests.memory': '3Gi',
    'limits.cpu': '6',
    'limits.memory': '6Gi',
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
    // A PodDisruptionBudget only guards the submission's own pods against evictions; allowed, but counted.
    'count/poddisruptionbudgets.policy': '4',
  },
  /** Defaults for containers that set no resources, so the quota can count them. */
  container: { defaultRequest: { cpu: '50m', memory: '64Mi' }, default: { cpu: '1', memory: '768Mi' }, max: { cpu: '2', memory: '2Gi' } },
  /** Largest claim one PVC may ask for. */
  maxClaim: '5Gi',
} as const;

/**
 * What labs reads of one student's folder. A bootcamp lab needs a handful of files and objects; these caps are
 * far above that and far below what could slow a class run down. Past a cap, the rest is not read and the
 * student gets a file issue naming the cap and where it was crossed.
 */
export const SUBMISSION_LIMITS = {
  /** Manifest files (.yaml, .yml, .json), in all folders. */
  files: 50,
  /** Bytes of all manifest files together: 1 MiB. */
  bytes: 1024 * 1024,
  /** YAML documents (or JSON values), empty ones not counted. */
  documents: 200,
  /** Kubernetes objects, list items included. */
  objects: 100,
  /** Folder depth below the student's folder. */
  depth: 8,
  /** Directory entries looked at (files of any kind and folders): bounds the walk of a folder of junk. */
  entries: 2000,
} as const;
