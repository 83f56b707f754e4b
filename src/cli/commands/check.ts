import { connect } from '../../cluster/connect.ts';
import { UsageError } from '../../errors.ts';
import { runCommand } from '../../exec/run.ts';
import { findLab } from '../../load/load-labs.ts';
import { runLab } from '../../run/runner.ts';
import { StateStore } from '../../run/state-store.ts';
import { type ClusterFlags } from '../main.ts';
import { exitCodeOf, renderer, say } from '../session.ts';

/** `labs check <lab> [--step id]`: the checks against the cluster as it is, with no actions. */
export async function check(labId: string, o: ClusterFlags & { step?: string; namespace?: string; timeout: string }): Promise<void> {
  const lab = findLab(labId);
  if (o.step && !lab.steps.some((s) => s.id === o.step)) {
    throw new UsageError(`lab ${lab.id} has no step "${o.step}"`, `Steps: ${lab.steps.map((s) => s.id).join(', ')}.`);
  }
  const timeout = Number(o.timeout);
  if (!Number.isFinite(timeout) || timeout < 0) throw new UsageError(`--timeout must be a number of seconds, not "${o.timeout}"`);
  const { kube, context } = await connect({ context: o.context, kubeconfig: o.kubeconfig, create: false, run: runCommand, say });
  const steps = lab.steps.filter((s) => !o.step || s.id === o.step);
  const view = renderer(steps, false, o.lang);
  const result = await runLab({
    lab, kube, context, namespace: o.namespace ?? lab.namespace, lang: o.lang, mode: 'check',
    steps: steps.map((s) => s.id), store: new StateStore(), emit: view.sink, checkTimeoutSeconds: Math.max(timeout, 1),
  });
  await view.done;
  process.exitCode = exitCodeOf([result.status]);
}
