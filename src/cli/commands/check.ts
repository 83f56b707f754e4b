import { existsSync, readFileSync } from 'node:fs';
import { LabFileError, UsageError } from '../../errors.ts';
import { checkPolicy } from '../../run/policy.ts';
import { explainCode, explainDeclarative } from '../../assert/explain.ts';
import { checkModulePath, findLab, readCheckFile } from '../../load/load-labs.ts';
import { normaliseCheckRef } from '../../model/lab.ts';
import { type Lab } from '../../model/lab.ts';
import { type Lang, type Text } from '../../model/text.ts';
import { StateStore, type RunState } from '../../run/state-store.ts';
import { type ClusterFlags } from '../flags.ts';
import { readClass, variantOf } from '../../run/variants.ts';
import { MSG } from '../messages.ts';

/**
 * Which steps `labs check` judges. The cluster shows the state after one step at a time (a cleaned-up lab no
 * longer has its StatefulSet), so: the step asked for; else the step the saved progress is at (the last one
 * when the lab is done); else the steps in order, up to the first that does not pass.
 */
export function stepsToCheck(lab: Lab, state: RunState, step?: string): { steps: string[]; stopAtFailure: boolean; note?: Text } {
  if (step) return { steps: [step], stopAtFailure: false };
  const ids = lab.steps.map((s) => s.id);
  if (state.completedSteps.length === 0) {
    return { steps: ids, stopAtFailure: true, note: MSG.checkNoSavedProgress };
  }
  const next = ids.find((id) => !state.completedSteps.includes(id));
  const at = next ?? ids[ids.length - 1]!;
  const n = ids.indexOf(at) + 1;
  return next
    ? { steps: [at], stopAtFailure: false, note: MSG.checkCurrentStep(n, ids.length, at) }
    : { steps: [at], stopAtFailure: false, note: MSG.checkLastStep(n, ids.length, at) };
}

/** `labs check <lab> --explain <id>`: what a check looks at and expects, for its author; no cluster. */
async function explain(lab: Lab, id: string, lang: Lang): Promise<void> {
  const file = checkModulePath(lab, id);
  const known = lab.steps.flatMap((s) => s.checks.map((r) => normaliseCheckRef(r).id));
  if (!file || !known.includes(id)) {
    throw new UsageError(MSG.noSuchCheck(lab.id, id), MSG.knownChecks(known.join(', ')));
  }
  let lines: string[];
  if (file.endsWith('.yaml')) {
    const r = readCheckFile(lab, file, id);
    if (!r.ok) throw new LabFileError(r.issues);
    lines = explainDeclarative(id, file, r.check, lang);
  } else {
    const { loadCheck } = await import('../../run/check-loader.ts');
    const c = await loadCheck(lab, id);
    const source = file.endsWith('.js') && existsSync(file.replace(/^(.*)\/dist\/checks\/(.*)\.js$/, '$1/checks/$2.ts')) ? file.replace(/^(.*)\/dist\/checks\/(.*)\.js$/, '$1/checks/$2.ts') : file;
    lines = explainCode(id, file, c.title, readFileSync(source, 'utf8'), lang);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `labs check <lab> [--step id]`: the checks against the cluster as it is, with no actions. */
export async function check(labId: string, o: ClusterFlags & { step?: string; namespace?: string; timeout: string; explain?: string; student?: string; class?: string }): Promise<void> {
  const lab = findLab(labId);
  if (o.explain !== undefined) return explain(lab, o.explain, o.lang);
  if (o.step && !lab.steps.some((s) => s.id === o.step)) {
    throw new UsageError(MSG.noSuchStep(lab.id, o.step), MSG.knownSteps(lab.steps.map((s) => s.id).join(', ')));
  }
  const timeout = Number(o.timeout);
  if (!Number.isFinite(timeout) || timeout < 0) throw new UsageError(MSG.timeoutNotSeconds(o.timeout));
  // The cluster client and the live view are loaded only now: `--explain` and usage errors answer without them.
  const [{ connect }, { runCommand }, { runLab }, { interruption }, { exitCodeOf, renderer, say }] = await Promise.all([
    import('../../cluster/connect.ts'), import('../../exec/run.ts'), import('../../run/runner.ts'), import('../interrupt.ts'), import('../session.ts'),
  ]);
  const signal = interruption();
  const { kube, context } = await connect({ context: o.context, kubeconfig: o.kubeconfig, create: false, run: runCommand, say, signal });
  const namespace = o.namespace ?? lab.namespace;
  const store = new StateStore();
  const state = store.load(context, namespace, lab.id);
  // Judged against the student's own variant: the one `labs start --student` remembered, or the one asked for here.
  const klass = readClass(o.class);
  const student = o.student ?? state.student;
  if (student && klass) state.variant = variantOf(lab, student, klass.seed);
  const plan = stepsToCheck(lab, state, o.step);
  if (plan.note) say(plan.note);
  const view = renderer(lab.steps.filter((s) => plan.steps.includes(s.id)), false, o.lang);
  const result = await runLab({
    lab, kube, context, namespace, lang: o.lang, policy: checkPolicy({ stopAtFailure: plan.stopAtFailure, timeoutSeconds: Math.max(timeout, 1) }), steps: plan.steps,
    store, state, emit: view.sink, signal,
  });
  await view.done;
  process.exitCode = exitCodeOf([result.status]);
}
