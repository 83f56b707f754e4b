import { ABSENT, fail, mismatch, PRESENT } from '../check/outcome.ts';
import { type CheckOutcome } from '../model/check.ts';
import { MSG } from './messages.ts';

/** Every check's verdict when the lab's namespace does not exist: nothing in it can be judged. */
export function namespaceMissing(namespace: string): CheckOutcome {
  return fail([mismatch(`Namespace/${namespace}`, '', PRESENT, ABSENT)], MSG.namespaceMissing(namespace));
}
