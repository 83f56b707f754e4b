import { connectWithImages } from '../../cluster/connect.ts';
import { createNamespace, deleteNamespace, namespaceName } from '../../cluster/namespace.ts';
import { smokePolicy } from '../../run/policy.ts';
import { runCommand } from '../../exec/run.ts';
import { findLab, loadLabs } from '../../load/load-labs.ts';
import { writeJson, writeText } from '../../files.ts';
import { suiteOfLab, toJUnit } from '../../report/junit.ts';
import { smokeSummary, timingLines } from '../../report/smoke.ts';
import { type LabResult } from '../../run/result.ts';
import { runLab } from '../../run/runner.ts';
import { interruption } from '../interrupt.ts';
import { UsageError } from '../../errors.ts';
import { readClass, variantOf } from '../../run/variants.ts';
import { type ClusterFlags } from '../flags.ts';
import { MSG } from '../messages.ts';
import { exitCodeOf, renderer, say } from '../session.ts';

/** `labs smoke`: each lab's reference solution, in a fresh namespace, checked; the namespace is deleted in the background. */
export async function smoke(ids: string[], o: ClusterFlags & { junit?: string; json?: string; keep?: boolean; timings?: boolean; student?: string; class?: string }): Promise<void> {
  const labs = ids.length > 0 ? ids.map(findLab) : loadLabs();
  // A student's variant of each lab (its reference solution in that student's values), or the default.
  const klass = readClass(o.class);
  if (o.student && !klass) throw new UsageError(MSG.studentNeedsSeed, MSG.studentNeedsSeedHint);
  const signal = interruption();
  const { kube, context } = await connectWithImages({ context: o.context, kubeconfig: o.kubeconfig, create: true, run: runCommand, say, signal, images: o.images });
  const results: LabResult[] = [];
  const cleanups: Promise<void>[] = [];
  for (const lab of labs) {
    if (signal.aborted) break;
    const namespace = namespaceName('labs-smoke', lab.id.split('/').pop()!);
    await createNamespace(kube, namespace, { 'labs.dev/purpose': 'smoke' }, signal);
    const view = renderer(lab.steps, true, o.lang);
    try {
      results.push(await runLab({ lab, kube, context, namespace, lang: o.lang, policy: smokePolicy(), emit: view.sink, signal, ...(o.student && klass ? { variant: variantOf(lab, o.student, klass.seed) } : {}) }));
      await view.done;
    } finally {
      // Nobody needs to wait for the namespace to be gone: the cluster finishes that on its own.
      if (!o.keep) cleanups.push(deleteNamespace(kube, namespace).catch((e: Error) => say(MSG.namespaceNotDeleted(namespace, e.message))));
    }
  }
  await Promise.all(cleanups);
  if (o.junit) writeText(o.junit, toJUnit(results.map(suiteOfLab), o.lang, 'labs smoke'));
  if (o.json) writeJson(o.json, { context, results });
  if (o.timings) for (const r of results) for (const l of timingLines(r, o.lang)) process.stdout.write(`${l}\n`);
  process.stdout.write(`${smokeSummary(results, o.lang)}\n`);
  process.exitCode = exitCodeOf(results.map((r) => r.status));
}
