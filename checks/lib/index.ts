// What every check module needs, in one import.
export { type Check, type CheckContext, type CheckOutcome, MissingStateError } from '../../src/model/check.ts';
export { KIND, type ApiObject } from '../../src/model/kube.ts';
export { text, type Text } from '../../src/model/text.ts';
export * from './outcome.ts';
export * from './pods.ts';
export * from './quantity.ts';
