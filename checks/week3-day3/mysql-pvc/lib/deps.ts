// The shared check library, re-exported for this lab's helpers.
export * from '../../../lib/index.ts';
export { type ExecResult as ExecResultLike } from '../../../../src/model/kube.ts';
