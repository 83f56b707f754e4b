import { type ApiObject, type ExecResult, type KubeReader } from './kube.ts';
import { type Text } from './text.ts';

/**
 * A value in a mismatch. Plain values are shown as they are; the object forms are the few comparisons a
 * check needs, rendered by one renderer in every language.
 */
export type Value =
  | string
  | number
  | boolean
  | Value[]
  | { absent: true }
  | { present: true }
  | { not: Value }
  | { atLeast: number }
  | { oneOf: Value[] }
  | { after: string; of: string }
  | { contains: Value }
  | { matches: string }
  | { anyOrder: Value[] }
  | { count: number | { min?: number; max?: number } };

/**
 * Why a mismatch is one, as a stable code: reports group and count by it, never by the words. missing: an object (or a
 * file) the check wants is not there; unexpected: one that must not be there is; not-ready: a pod or workload is there
 * but not Ready; answer: a command or a file answered otherwise; field: a field holds another value.
 */
export type MismatchCode = 'missing' | 'unexpected' | 'not-ready' | 'answer' | 'field';

/** One way the cluster differs from what a check wants: `Kind/name` `field.path`: want … got …. */
export interface Mismatch {
  /** "Kind/name", e.g. "PersistentVolumeClaim/mysql-pvc". */
  object: string;
  /** Dotted field path, e.g. "spec.resources.requests.storage"; "" for the object itself. */
  path: string;
  want: Value;
  got: Value;
  /** What kind of difference it is; worked out from want and got when not given (see mismatchCode). */
  code?: MismatchCode;
}

/** What the cluster said about a workload that is not Ready: what a TA would look at first. */
export interface Evidence {
  /** The object the evidence is about: a pod's name, or "Kind/name" of a controller (its ReplicaSet, StatefulSet). */
  pod: string;
  /** Its latest Warning events, newest last ("Unhealthy: Readiness probe failed: …", "FailedCreate: … exceeded quota …"). */
  events: string[];
  /** The last lines of its container's log (pods only). */
  log: string[];
}

/** The result of one attempt of a check. A thrown error is not a result: it means the infrastructure broke. */
export type CheckOutcome =
  | {
      status: 'pass';
      /** What was seen, for the report (e.g. "Bound to pvc-1234"). */
      detail?: Text;
      /** What this check saw, for later steps' checks (kept per step attempt). */
      remember?: unknown;
    }
  | {
      status: 'fail';
      mismatches: Mismatch[];
      /** What to try next: the only hand-written prose of a failure. */
      hint: Text;
      evidence?: Evidence[];
      /** What this check saw that is right, for later steps' checks (e.g. redis-0's volume when redis-2 is missing). */
      remember?: unknown;
    }
  | {
      /** Cannot be judged: an object or a memory another check is responsible for is absent. */
      status: 'blocked';
      /** The check whose failure this follows from. */
      by: string;
      mismatches: Mismatch[];
      hint: Text;
    };

/** What a check can see and do. */
export interface CheckContext {
  /** The namespace the lab runs in. */
  namespace: string;
  /** Read-only access to the cluster (served from watches where it can). */
  kube: KubeReader;
  /**
   * What a check remembered: another check of an earlier step (its latest attempt), or this check's own
   * memory from an earlier attempt of its step. undefined when there is none.
   */
  recall(check: string): unknown;
  /**
   * Runs a command in a grader-owned probe pod (image declared in the lab file under `probes`), never in a
   * student's container. A command that does not answer in time is exit code 124, like `timeout`.
   */
  probe(name: string, command: string[], timeoutSeconds?: number): Promise<ExecResult>;
  /**
   * The latest Warning events and log lines of pods that are not Ready; with a workload, also what its controllers
   * said (a ReplicaSet's FailedCreate with the quota's or the LimitRange's own words, a StatefulSet's).
   */
  evidence(pods: string[], workload?: ApiObject): Promise<Evidence[]>;
  /**
   * A pod's log as `kubectl logs <pod>` shows it: its default container (the `kubectl.kubernetes.io/default-container`
   * annotation, else the first), its last lines up to 64 KiB; '' when there is none. What the declarative `$.log`
   * reads; absent where nothing can read logs (a check that needs it then breaks as infrastructure).
   */
  logs?(pod: string, container?: string): Promise<string>;
  /**
   * What a file in a claim's volume holds (undefined when there is no such file), read by a one-shot pod of labs' own
   * that mounts the claim read-only: what the declarative `volumeFile` reads. Absent where nothing can make pods.
   */
  readVolume?(claim: string, path: string): Promise<string | undefined>;
  /**
   * The name this run gave a cluster-scoped object the lab names (smoke and grading make the lab's PersistentVolumes
   * under names of their namespace's); the name itself when the run renamed nothing.
   */
  clusterName?(kind: string, name: string): string;
  /** Aborted when the run is cancelled or the check's deadline passes. */
  signal: AbortSignal;
  /**
   * The run's data, by the names of the lab's `values`: what the steps wrote (the instructions' own values for a
   * student typing them, values drawn per run when labs writes them).
   */
  values: Readonly<Record<string, string>>;
  /** The student's variant: the lab's per-student variables by name (their defaults without a class seed). */
  variables?: Readonly<Record<string, string>>;
}

/** A grader check: a small read-only function of the cluster's state. */
export interface Check {
  /** The id lab files refer to; the module's file name. */
  id: string;
  /** One line on what it checks. */
  title: Text;
  /**
   * Attempt only once the namespace has settled (e.g. DNS lookups: an early miss would be cached by the
   * cluster's DNS and make a later, correct answer look wrong).
   */
  whenSettled?: boolean;
  /** The claims whose files the check reads (`volumeFile`), as written: labs may mount them ahead of the first read. */
  volumeClaims?: readonly string[];
  /** One attempt; the runner retries a failure until the namespace settles or the deadline passes. */
  run(ctx: CheckContext): Promise<CheckOutcome>;
}
