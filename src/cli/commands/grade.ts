import { existsSync, statSync } from 'node:fs';
import { connect } from '../../cluster/connect.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { runCommand } from '../../exec/run.ts';
import { gradeAll } from '../../grade/grade.ts';
import { writeReports } from '../../grade/reports.ts';
import { findLab } from '../../load/load-labs.ts';
import { type ClusterFlags } from '../main.ts';
import { say } from '../session.ts';

/** Options of `labs grade`. */
export interface GradeFlags extends ClusterFlags {
  parallel: string;
  out: string;
  keepFailed?: boolean;
  regrade?: boolean;
  submissionTimeout: string;
  checkTimeout: string;
}

function positive(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number of at least 1, not "${v}"`);
  return n;
}

/** `labs grade <lab> <submissions>`: every student in a namespace of their own, results as they finish. */
export async function grade(labId: string, dir: string, o: GradeFlags): Promise<void> {
  const lab = findLab(labId);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir}: not a folder`, 'Give the folder that holds one <student-id>/ folder per student.');
  const parallel = positive('--parallel', o.parallel);
  const timeout = positive('--submission-timeout', o.submissionTimeout);
  const checkTimeout = positive('--check-timeout', o.checkTimeout);
  const { kube, context } = await connect({ context: o.context, kubeconfig: o.kubeconfig, create: true, run: runCommand, say });
  const abort = new AbortController();
  const onSignal = () => {
    say('interrupted: finishing nothing new; graded students are saved, the rest are graded on the next run.');
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const results = await gradeAll({
      lab, root: dir, kube, context, parallel, out: o.out, keepFailed: Boolean(o.keepFailed), regrade: Boolean(o.regrade),
      submissionTimeoutSeconds: timeout, checkTimeoutCapSeconds: checkTimeout, lang: o.lang, log: (l) => process.stdout.write(`${l}\n`), signal: abort.signal,
    });
    writeReports(o.out, lab, results, o.lang);
    const graded = results.filter((r) => r.status === 'graded').length;
    process.stdout.write(`graded ${graded} of ${results.length}; reports in ${o.out}/ (gradebook.csv, report.md, report.html, junit.xml, results.json)\n`);
    process.exitCode = abort.signal.aborted || graded < results.length ? EXIT.infra : EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
