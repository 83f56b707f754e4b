import { connectWithImages } from '../../cluster/images.ts';
import { createNamespace } from '../../cluster/namespace.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { runCommand } from '../../exec/run.ts';
import { findLab } from '../../load/load-labs.ts';
import { KIND } from '../../model/kube.ts';
import { text } from '../../model/text.ts';
import { phaseRenderer } from '../../report/phase.ts';
import { styleFor } from '../../report/style.ts';
import { runLab } from '../../run/runner.ts';
import { StateStore } from '../../run/state-store.ts';
import { consoleInteraction } from '../interactive.ts';
import { interruption } from '../interrupt.ts';
import { type ClusterFlags } from '../main.ts';
import { exitCodeOf, fancyOutput, renderer, say } from '../session.ts';

/** `labs start <lab>`: walk the lab, resuming where the saved progress left off. */
export async function start(labId: string, o: ClusterFlags & { auto?: boolean; from?: string; namespace?: string; restart?: boolean }): Promise<void> {
  const lab = findLab(labId);
  if (o.from && !lab.steps.some((s) => s.id === o.from)) {
    throw new UsageError(text(`랩 ${lab.id}에 "${o.from}" 단계가 없습니다`, `lab ${lab.id} has no step "${o.from}"`), text(`단계: ${lab.steps.map((s) => s.id).join(', ')}.`, `Steps: ${lab.steps.map((s) => s.id).join(', ')}.`));
  }
  if (!o.auto && !process.stdin.isTTY) {
    throw new UsageError(text('대화형 모드는 터미널이 필요합니다', 'interactive mode needs a terminal'), text('터미널에서 실행하거나, --auto로 labs가 각 단계를 수행하게 하세요.', 'Run it in a terminal, or add --auto to let labs perform each step.'));
  }
  const signal = interruption();
  const { kube, context } = await connectWithImages({ context: o.context, kubeconfig: o.kubeconfig, create: true, run: runCommand, say, signal, images: o.images });
  const namespace = o.namespace ?? lab.namespace;
  const store = new StateStore();
  const state = o.restart ? store.reset(context, namespace, lab.id) : store.load(context, namespace, lab.id);
  if (!(await kube.get(KIND.namespace, namespace, undefined, { signal }))) {
    await createNamespace(kube, namespace, { 'labs.dev/lab': lab.id.replace(/\//g, '.') }, signal);
    state.createdNamespace = true;
    store.save(state);
    say(text(`네임스페이스 ${namespace}가 없어서 만들었습니다. 명령은 이 네임스페이스용으로 보여 줍니다.`, `Namespace ${namespace} did not exist, so labs created it; the commands shown are for this namespace.`));
  }
  let from = o.from;
  if (!from) {
    from = lab.steps.find((s) => !state.completedSteps.includes(s.id))?.id;
    if (!from) {
      say(text('이 랩은 이미 끝났습니다. 처음부터 하려면 --restart, 특정 단계부터는 --from <단계>.', 'This lab is already done. Use --restart to start over, or --from <step>.'));
      return;
    }
    if (state.completedSteps.length > 0) {
      const n = lab.steps.findIndex((s) => s.id === from) + 1;
      say(text(`저장된 진행 상황에서 이어서 ${n}/${lab.steps.length}단계 "${from}"부터 시작합니다.`, `Resuming at step ${n}/${lab.steps.length} "${from}" (saved progress).`));
    }
  }
  const steps = lab.steps.slice(lab.steps.findIndex((s) => s.id === from));
  const interaction = o.auto ? undefined : consoleInteraction(lab, namespace, o.lang, signal);
  // Around prompts, plain lines; while checks wait, a live view (on a terminal).
  const view = o.auto || !fancyOutput()
    ? renderer(steps, true, o.lang, !o.auto)
    : { sink: phaseRenderer((l) => process.stdout.write(`${l}\n`), o.lang, styleFor(process.stdout)), done: Promise.resolve() };
  try {
    const result = await runLab({
      lab, kube, context, namespace, lang: o.lang, mode: o.auto ? 'auto' : 'interactive',
      steps: steps.map((s) => s.id), store, state, emit: view.sink, interaction, signal,
    });
    await view.done;
    // Quitting with q saves progress: nothing failed, so it is not an error.
    process.exitCode = result.quit ? EXIT.ok : exitCodeOf([result.status]);
  } finally {
    interaction?.close();
  }
}
