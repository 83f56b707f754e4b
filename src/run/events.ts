import { type Step } from '../model/lab.ts';
import { type CheckResult, type LabResult, type StepResult } from './result.ts';

/** What the runner reports while it works; renderers turn these into output. */
export type RunEvent =
  | { type: 'lab-start'; lab: string; title: LabResult['title']; namespace: string; context: string; steps: Step[] }
  | { type: 'step-start'; step: Step; index: number; total: number }
  | { type: 'action-start'; step: string; index: number; description: string }
  | { type: 'action-end'; step: string; index: number; description: string; error?: string }
  | { type: 'check-start'; step: string; id: string; title: CheckResult['title'] }
  | { type: 'check-attempt'; step: string; id: string; attempt: number; summary: string }
  | { type: 'check-end'; result: CheckResult }
  | { type: 'step-end'; result: StepResult }
  | { type: 'lab-end'; result: LabResult };

/** A consumer of run events. */
export type EventSink = (event: RunEvent) => void | Promise<void>;
