import { connect } from '../../cluster/connect.ts';
import { createNamespace, deleteNamespace, namespaceName } from '../../cluster/namespace.ts';
import { runCommand } from '../../exec/run.ts';
import { findLab, loadLabs } from '../../load/load-labs.ts';
import { writeJson, writeText } from '../../report/json.ts';
import { suiteOfLab, toJUnit } from '../../report/junit.ts';
import { type LabResult } from '../../run/result.ts';
import { runLab } from '../../run/runner.ts';
import { type ClusterFlags } from '../main.ts';
import { exitCodeOf, renderer, say } from '../session.ts';

/** `labs smoke`: each lab's reference solution, in a fresh namespace, checked, then cleaned up. */
export async function smoke(ids: string[], o: ClusterFlags & { junit?: string; json?: string; keep?: boolean }): Promise<void> {
  const labs = ids.length > 0 ? ids.map(findLab) : loadLabs();
  const { kube, context } = await connect({ context: o.context, kubeconfig: o.kubeconfig, create: true, run: runCommand, say });
  const results: LabResult[] = [];
  for (const lab of labs) {
    const namespace = namespaceName('labs-smoke', lab.id.split('/').pop()!);
    await createNamespace(kube, namespace, { 'labs.dev/purpose': 'smoke' });
    const view = renderer(lab.steps, true, o.lang);
    try {
      results.push(await runLab({ lab, kube, context, namespace, lang: o.lang, mode: 'auto', emit: view.sink }));
      await view.done;
    } finally {
      if (!o.keep) await deleteNamespace(kube, namespace, 180).catch((e: Error) => say(`could not delete namespace ${namespace}: ${e.message}`));
    }
  }
  if (o.junit) writeText(o.junit, toJUnit(results.map(suiteOfLab), o.lang, 'labs smoke'));
  if (o.json) writeJson(o.json, { context, results });
  const all = results.flatMap((r) => r.steps.flatMap((s) => s.checks));
  const n = (st: string) => all.filter((c) => c.status === st).length;
  process.stdout.write(`smoke: ${results.length} lab(s), ${n('pass')} checks passed, ${n('fail')} failed, ${n('error')} errors\n`);
  process.exitCode = exitCodeOf(results.map((r) => r.status));
}
