// The API for check authors, in one module: `import { defineCheck, pass, fail, … } from 'labs/check'`.
// Checks and the runner share this one copy of every class and helper.
export { type Check, type CheckContext, type CheckOutcome, type Evidence, type Mismatch, type Value } from '../model/check.ts';
export { KIND, type ApiObject, type ExecResult, type KindRef } from '../model/kube.ts';
export { joinText, literal, text, type Text } from '../model/text.ts';
export * from './outcome.ts';
export * from './pods.ts';
export { compareQuantity, parseQuantity, sameQuantity } from '../k8s/quantity.ts';
export { matchesSelector, parseSelector, selectorMatches } from '../k8s/selector.ts';
export { targetPortOf } from '../k8s/ports.ts';
export { podsOf } from '../k8s/workloads.ts';
export { podManagementPolicy, probeTiming, replicasOf } from '../k8s/defaults.ts';
export type { RawClaim, RawContainer, RawDeployment, RawPod, RawService, RawStatefulSet, RawVolume } from '../k8s/raw.ts';
export { view } from '../k8s/raw.ts';
export { commandFor, kubectl } from '../model/commands.ts';
