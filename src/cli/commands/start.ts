import { connect } from '../../cluster/connect.ts';
import { UsageError } from '../../errors.ts';
import { runCommand } from '../../exec/run.ts';
import { findLab } from '../../load/load-labs.ts';
import { runLab } from '../../run/runner.ts';
import { StateStore } from '../../run/state-store.ts';
import { consoleInteraction } from '../interactive.ts';
import { type ClusterFlags } from '../main.ts';
import { exitCodeOf, renderer, say } from '../session.ts';

/** `labs start <lab>`: walk the lab, resuming where the saved progress left off. */
export async function start(labId: string, o: ClusterFlags & { auto?: boolean; from?: string; namespace?: string; restart?: boolean }): Promise<void> {
  const lab = findLab(labId);
  if (o.from && !lab.steps.some((s) => s.id === o.from)) {
    throw new UsageError(`lab ${lab.id} has no step "${o.from}"`, `Steps: ${lab.steps.map((s) => s.id).join(', ')}.`);
  }
  if (!o.auto && !process.stdin.isTTY) {
    throw new UsageError('interactive mode needs a terminal', 'Run it in a terminal, or add --auto to let labs perform each step.');
  }
  const { kube, context } = await connect({ context: o.context, kubeconfig: o.kubeconfig, create: true, run: runCommand, say });
  const namespace = o.namespace ?? lab.namespace;
  const store = new StateStore();
  const state = o.restart ? store.reset(context, namespace, lab.id) : store.load(context, namespace, lab.id);
  let from = o.from;
  if (!from) {
    from = lab.steps.find((s) => !state.completedSteps.includes(s.id))?.id;
    if (!from) {
      say(o.lang === 'ko' ? '이 랩은 이미 끝났습니다. 처음부터 하려면 --restart, 특정 단계부터는 --from <step>.' : 'This lab is already done. Use --restart to start over, or --from <step>.');
      return;
    }
    if (state.completedSteps.length > 0) say(o.lang === 'ko' ? `저장된 진행 상황에서 이어서 "${from}" 단계부터 시작합니다.` : `Resuming from step "${from}" (saved progress).`);
  }
  const steps = lab.steps.slice(lab.steps.findIndex((s) => s.id === from));
  // Interactive runs print plain lines between prompts; a live listr view would fight the prompts.
  const view = renderer(steps, true, o.lang, !o.auto);
  const interaction = o.auto ? undefined : consoleInteraction(lab, namespace, o.lang);
  try {
    const result = await runLab({
      lab, kube, context, namespace, lang: o.lang, mode: o.auto ? 'auto' : 'interactive',
      steps: steps.map((s) => s.id), store, state, emit: view.sink, interaction,
    });
    await view.done;
    process.exitCode = exitCodeOf([result.status]);
  } finally {
    interaction?.close();
  }
}
