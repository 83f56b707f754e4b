import { existsSync, mkdirSync, statSync, accessSync, constants } from 'node:fs';
import { connectWithImages } from '../../cluster/connect.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { runCommand } from '../../exec/run.ts';
import { dryRun } from '../../grade/dry-run.ts';
import { renderDryRun } from '../../report/dry-run.ts';
import { probeUsage } from '../../grade/decide.ts';
import { gradeAll } from '../../grade/grade.ts';
import { enforcesNetworkPolicy } from '../../grade/netpol-probe.ts';
import { writeReports } from '../../report/class.ts';
import { findLab } from '../../load/load-labs.ts';
import { interruption } from '../interrupt.ts';
import { type ClusterFlags } from '../flags.ts';
import { MSG } from '../messages.ts';
import { say } from '../session.ts';
import { readClass } from '../../run/variants.ts';

/** Options of `labs grade`. */
export interface GradeFlags extends ClusterFlags {
  parallel: string;
  out: string;
  keepFailed?: boolean;
  regrade?: boolean;
  dryRun?: boolean;
  allowSharedNetwork?: boolean;
  submissionTimeout: string;
  checkTimeout: string;
  class?: string;
}

function positive(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(MSG.notPositiveInteger(name, v));
  return n;
}

/** The out folder must be writable before anything is graded: results are written as students finish. */
function writableOut(out: string): void {
  try {
    mkdirSync(out, { recursive: true });
    accessSync(out, constants.W_OK);
  } catch (e) {
    throw new UsageError(MSG.outNotWritable(out, (e as Error).message), MSG.outNotWritableHint);
  }
}

/** `labs grade <lab> <submissions>`: every student in a namespace of their own, results as they finish. */
export async function grade(labId: string, dir: string, o: GradeFlags): Promise<void> {
  const lab = findLab(labId);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(MSG.submissionsNotFolder(dir), MSG.submissionsNotFolderHint);
  }
  if (o.dryRun) {
    for (const line of renderDryRun(dryRun(lab, dir, { reserved: probeUsage(lab) }), o.lang)) process.stdout.write(`${line}\n`);
    return;
  }
  const parallel = positive('--parallel', o.parallel);
  const timeout = positive('--submission-timeout', o.submissionTimeout);
  const checkTimeout = positive('--check-timeout', o.checkTimeout);
  writableOut(o.out);
  const klass = readClass(o.class);
  const signal = interruption();
  const { kube, context } = await connectWithImages({ context: o.context, kubeconfig: o.kubeconfig, create: true, run: runCommand, say, signal, images: o.images });
  const isolated = await enforcesNetworkPolicy(kube, signal);
  if (isolated === false) {
    if (parallel > 1 && !o.allowSharedNetwork) {
      throw new UsageError(MSG.networkNotIsolated, MSG.networkNotIsolatedHint);
    }
    say(MSG.sharedNetworkWarning);
  } else if (isolated === undefined) {
    say(MSG.networkPolicyUnknown);
  }
  const results = await gradeAll({
    lab, root: dir, kube, context, parallel, out: o.out, keepFailed: Boolean(o.keepFailed), regrade: Boolean(o.regrade),
    submissionTimeoutSeconds: timeout, checkTimeoutCapSeconds: checkTimeout, lang: o.lang, ...(klass ? { klass } : {}), log: (l) => process.stdout.write(`${l[o.lang]}\n`), signal,
  });
  writeReports(o.out, lab, results, o.lang);
  const graded = results.filter((r) => r.status === 'graded').length;
  process.stdout.write(`${MSG.gradedSummary(graded, results.length, o.out)[o.lang]}\n`);
  if (signal.aborted) return;
  process.exitCode = graded < results.length ? EXIT.infra : EXIT.ok;
}
