// The API for check authors, in one module: `import { defineCheck, pass, fail, … } from 'labs/check'`.
// Checks and the runner share this one copy of every class and helper.
export { type Check, type CheckContext, type CheckOutcome, type Evidence, type Mismatch, type Value } from '../model/check.ts';
export { KIND, type ApiObject, type ExecResult, type KindRef } from '../model/kube.ts';
export { joinText, literal, text, type Text } from '../model/text.ts';
export * from './outcome.ts';
export * from './pods.ts';
export * from './quantity.ts';
export { commandFor, kubectl } from '../model/commands.ts';
