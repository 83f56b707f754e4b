import { type CheckOutcome } from '../model/check.ts';
import { type Step } from '../model/lab.ts';
import { type Text } from '../model/text.ts';
import { type CheckResult, type LabResult, type StepResult } from './result.ts';
import { type KeptVerdict } from './state-store.ts';

/** What the runner reports while it works; renderers turn these into output. */
export type RunEvent =
  | {
      type: 'lab-start';
      lab: string;
      title: LabResult['title'];
      namespace: string;
      context: string;
      /** The steps this run walks, with their numbers in the lab. */
      steps: { step: Step; number: number }[];
      /** How many steps the lab has. */
      total: number;
    }
  | { type: 'step-start'; step: Step; number: number; total: number }
  | { type: 'action-start'; step: string; index: number; description: string }
  | { type: 'action-end'; step: string; index: number; description: string; error?: Text }
  | { type: 'check-start'; step: string; id: string; title: Text; deadlineMs: number }
  | {
      type: 'check-progress';
      step: string;
      id: string;
      attempt: number;
      /** The latest outcome, or what broke. */
      outcome: CheckOutcome | { status: 'error'; error: Text };
      /** What the namespace is still waiting for. */
      waiting: Text[];
      elapsedMs: number;
      deadlineMs: number;
    }
  | { type: 'check-end'; result: CheckResult }
  | { type: 'step-end'; result: StepResult }
  | {
      type: 'lab-end';
      result: LabResult;
      /** The latest verdict of every check of the lab, this session's and earlier ones'. */
      verdicts: Record<string, KeptVerdict & { earlier: boolean }>;
    };

/** A consumer of run events. */
export type EventSink = (event: RunEvent) => void | Promise<void>;
