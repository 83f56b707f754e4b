// Code, not data: the order is judged from timestamps across pods (each created after the one before was Ready),
// and a pod replaced later is judged as it was seen here, from this check's own memory of earlier attempts.
import { podManagementPolicy, type RawStatefulSet, view, after, blocked, defineCheck, fail, kubectl, mismatch, pass, PRESENT, text, type Mismatch } from 'labs/check';
import { noStatefulSet, OBJ, ORDINALS, redisSet } from './lib/redis.ts';

/** What ordered-start saw of one pod. */
interface Seen {
  uid: string;
  created: string;
  readySince?: string;
}

/** What ordered-start remembers between attempts of its step. */
interface Memory {
  passed: boolean;
  pods: Record<string, Seen>;
}

export default defineCheck({
  id: 'ordered-start',
  title: text('redis-N이 Ready가 된 뒤에 redis-N+1이 생성됨 (OrderedReady)', 'Each redis-N+1 was created only after redis-N was Ready (OrderedReady)'),
  async run(ctx) {
    const { sts, pods } = await redisSet(ctx);
    if (!sts) return noStatefulSet();
    const policy = podManagementPolicy(view<RawStatefulSet>(sts).spec);
    const redo = `${kubectl(ctx.namespace, 'delete statefulset redis')}; ${kubectl(ctx.namespace, 'apply -f redis-statefulset.yaml')}`;
    if (policy !== 'OrderedReady') {
      return fail([mismatch(OBJ.statefulSet, 'spec.podManagementPolicy', 'OrderedReady', policy)], text(
        `podManagementPolicy: Parallel은 모든 Pod를 동시에 만듭니다. 이 필드는 바꿀 수 없으므로 (다시 apply하면 "updates to statefulset spec … are forbidden") 파일에서 필드를 지우고 StatefulSet을 지운 뒤 다시 만드세요 (PVC는 남습니다): ${redo}`,
        `podManagementPolicy: Parallel starts every pod at once. The field cannot change (applying again fails with "updates to statefulset spec … are forbidden"): remove it from the file, delete the StatefulSet and create it again (the PVCs stay): ${redo}`,
      ));
    }
    // A pod replaced after this step passed (redis-0 in the next step) is judged as it was when seen here.
    const before = ctx.recall('ordered-start') as Memory | undefined;
    const seen: Record<string, Seen> = {};
    for (const p of pods) {
      const old = before?.passed ? before.pods[p.name] : undefined;
      seen[p.name] = old && old.uid !== p.uid ? old : { uid: p.uid, created: p.created ?? '', readySince: p.readySince };
    }
    const problems: Mismatch[] = [];
    let judged = 0;
    for (let n = 0; n + 1 < ORDINALS.length; n++) {
      const prev = seen[ORDINALS[n]!];
      const next = seen[ORDINALS[n + 1]!];
      if (!prev?.readySince || !next?.created) continue;
      judged++;
      // Timestamps are whole seconds and OrderedReady creates the next pod right after the Ready one: a tie is in order.
      if (Date.parse(next.created) < Date.parse(prev.readySince)) {
        problems.push(mismatch(`Pod/${ORDINALS[n + 1]}`, 'metadata.creationTimestamp', after(prev.readySince, `${ORDINALS[n]} Ready`), next.created));
      }
    }
    if (judged === 0) {
      return blocked('statefulset-ready', [mismatch(`${OBJ.statefulSet} pods`, 'status.conditions.Ready', PRESENT, pods.filter((p) => p.ready).map((p) => p.name))], text(
        'Ready인 Pod가 둘 이상 있어야 시작 순서를 판단할 수 있습니다.', 'At least two Ready pods are needed to judge the start order.',
      ));
    }
    const remember: Memory = { passed: problems.length === 0, pods: seen };
    if (problems.length === 0) return pass(text('순서대로 시작됨', 'started in order'), remember);
    return fail(problems, text(
      '순서가 어긋났습니다. Pod를 직접 지우고 다시 만든 적이 있다면 StatefulSet을 지운 뒤 다시 만들어 순서대로 시작하는 것을 확인하세요: ' + redo,
      'The pods did not start in order. If you deleted pods by hand, delete the StatefulSet and create it again to watch an ordered start: ' + redo,
    ), { remember });
  },
});
