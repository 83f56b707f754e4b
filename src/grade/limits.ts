/**
 * Limits of one grading namespace. The rule: a submission that runs on a stock kind cluster with the lab's replica
 * counts is admitted as it is. Each container may ask for up to 2 CPU, 4 GiB of memory and 2 GiB of scratch disk,
 * requests or limits, and one that sets no limit gets those (so a request never exceeds its defaulted limit); one
 * that sets no request gets 50m, 64 MiB and 64 MiB of disk. An emptyDir without a size gets 1 GiB. Per submission: 10 pods (the grader's probe pods among them), 4 CPU and 8 GiB of requests, 6 claims of
 * at most 5 GiB and 10 GiB in all, and bounded object counts. Whether the node can run what was admitted is the
 * scheduler's business (and grading never runs more students at once than the nodes can hold: see capacity.ts).
 */
export const GRADING_LIMITS = {
  quota: {
    pods: '10',
    'requests.cpu': '4',
    'requests.memory': '8Gi',
    'requests.ephemeral-storage': '4Gi',
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
  /** Per container: what one that sets nothing asks, and the most any may ask (also its limit when it sets none). */
  container: { defaultRequest: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '64Mi' }, max: { cpu: '2', memory: '4Gi', 'ephemeral-storage': '2Gi' } },
  /** The size of an emptyDir that names none (the kubelet evicts a pod whose emptyDir outgrows it). */
  emptyDir: '1Gi',
  /** Largest claim one PVC may ask for. */
  maxClaim: '5Gi',
} as const;

/** The grading namespace's LimitRange, as created (the API server fills in the default limits from max). */
export function gradingLimitRange(limits: typeof GRADING_LIMITS = GRADING_LIMITS) {
  return {
    apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'labs-grading' },
    spec: { limits: [{ type: 'Container', ...limits.container }, { type: 'PersistentVolumeClaim', max: { storage: limits.maxClaim } }] },
  };
}

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
