import { ABSENT, fail, mismatch, PRESENT } from '../check/outcome.ts';
import { type CheckOutcome } from '../model/check.ts';
import { text } from '../model/text.ts';

/** Every check's verdict when the lab's namespace does not exist: nothing in it can be judged. */
export function namespaceMissing(namespace: string): CheckOutcome {
  return fail([mismatch(`Namespace/${namespace}`, '', PRESENT, ABSENT)], text(
    `네임스페이스 ${namespace}가 없습니다. 다른 네임스페이스에서 작업했다면 --namespace로 알려 주고, 아니라면 kubectl create namespace ${namespace} 로 만드세요.`,
    `Namespace ${namespace} does not exist. If you worked in another namespace, name it with --namespace; otherwise create it: kubectl create namespace ${namespace}`,
  ));
}
