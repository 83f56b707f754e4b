import { type FileIssue } from '../errors.ts';
import { type Text } from '../model/text.ts';
import { type CheckResult } from '../run/result.ts';
import { type RunValues } from '../run/values.ts';
import { type Rejection } from './policy.ts';
import { type Review } from './review.ts';

/** An object the API server refused when the grader applied it. */
export interface ApplyError {
  file: string;
  line: number;
  object: string;
  message: Text;
}

/** Where one submission's grading time went (ms). */
export interface Phases {
  /** Namespace, quota, policy, identity, watches and probe pods. */
  setup?: number;
  /** Applying the student's objects. */
  apply?: number;
  /** The lab's actions (writing data, deleting pods, waiting for workloads). */
  actions?: number;
  /** The checks. */
  checks?: number;
  /** Measuring what the student's volumes hold. */
  measure?: number;
  /** Probe pods and namespace deletion started. */
  cleanup?: number;
}

/** The grade of one submission, as written to <out>/students/<student>.json. */
export interface SubmissionResult {
  student: string;
  lab: string;
  /** graded: every check ran; error: the grader or the cluster failed, so the score says nothing (graded again next run). */
  status: 'graded' | 'error';
  score: number;
  maxScore: number;
  namespace: string;
  /** Whether the namespace was kept for inspection (--keep-failed). */
  kept: boolean;
  checks: CheckResult[];
  /** Objects refused before anything was applied. */
  policy: Rejection[];
  /** Files or documents that could not be read. */
  fileIssues: FileIssue[];
  /** What the cluster was expected to refuse of the lab's own objects (LimitRange, quota), with the rule and the numbers. */
  warnings?: FileIssue[];
  applyErrors: ApplyError[];
  /** The data the grader wrote and read back, drawn from this seed for this student's run (so no fixed answer passes). */
  values?: RunValues;
  /** Rules of the grading namespace the submission broke while it ran (a volume filled past its claim): its score is 0. */
  violations?: Text[];
  /** For status error: what went wrong. */
  error?: Text;
  startedAt: string;
  durationMs: number;
  phases?: Phases;
  /** The cluster's own time for the graded steps (the floor a run cannot go under), when it was measured. */
  floorMs?: number;
  /** Whose variant it is, what an archive claimed against the re-grade, its timeline's chain and per-step figures. */
  review?: Review;
}
