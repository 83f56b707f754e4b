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
import { text } from '../../model/text.ts';
import { interruption } from '../interrupt.ts';
import { type ClusterFlags } from '../flags.ts';
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
  if (!Number.isInteger(n) || n < 1) throw new UsageError(text(`${name}는 1 이상의 정수여야 합니다: "${v}"`, `${name} must be a whole number of at least 1, not "${v}"`));
  return n;
}

/** The out folder must be writable before anything is graded: results are written as students finish. */
function writableOut(out: string): void {
  try {
    mkdirSync(out, { recursive: true });
    accessSync(out, constants.W_OK);
  } catch (e) {
    throw new UsageError(text(`결과 폴더 ${out}에 쓸 수 없습니다: ${(e as Error).message}`, `cannot write to the results folder ${out}: ${(e as Error).message}`), text('--out으로 쓸 수 있는 폴더를 주세요.', 'Give a folder you can write to with --out.'));
  }
}

/** `labs grade <lab> <submissions>`: every student in a namespace of their own, results as they finish. */
export async function grade(labId: string, dir: string, o: GradeFlags): Promise<void> {
  const lab = findLab(labId);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(text(`${dir}: 폴더가 아닙니다`, `${dir}: not a folder`), text('학생마다 <학생-id>/ 폴더가 든 폴더를 주세요.', 'Give the folder that holds one <student-id>/ folder per student.'));
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
      throw new UsageError(
        text('이 클러스터는 NetworkPolicy를 강제하지 않아, 동시에 채점하는 학생들이 서로의 Pod에 닿을 수 있습니다', 'this cluster does not enforce NetworkPolicy, so students graded at the same time could reach each other\'s pods'),
        text('--parallel 1로 하나씩 채점하거나, 위험을 알고 --allow-shared-network를 주세요.', 'Grade one at a time with --parallel 1, or accept the risk with --allow-shared-network.'),
      );
    }
    say(text('주의: 이 클러스터는 NetworkPolicy를 강제하지 않습니다. 학생들 사이의 네트워크가 격리되지 않습니다.', 'Warning: this cluster does not enforce NetworkPolicy; students are not isolated from each other on the network.'));
  } else if (isolated === undefined) {
    say(text('주의: NetworkPolicy 강제 여부를 확인하지 못했습니다.', 'Warning: could not find out whether this cluster enforces NetworkPolicy.'));
  }
  const results = await gradeAll({
    lab, root: dir, kube, context, parallel, out: o.out, keepFailed: Boolean(o.keepFailed), regrade: Boolean(o.regrade),
    submissionTimeoutSeconds: timeout, checkTimeoutCapSeconds: checkTimeout, lang: o.lang, ...(klass ? { klass } : {}), log: (l) => process.stdout.write(`${l[o.lang]}\n`), signal,
  });
  writeReports(o.out, lab, results, o.lang);
  const graded = results.filter((r) => r.status === 'graded').length;
  process.stdout.write(`${text(`${results.length}명 중 ${graded}명 채점; 보고서는 ${o.out}/ (gradebook.csv, report.md, report.html, junit.xml, results.json)`, `graded ${graded} of ${results.length}; reports in ${o.out}/ (gradebook.csv, report.md, report.html, junit.xml, results.json)`)[o.lang]}\n`);
  if (signal.aborted) return;
  process.exitCode = graded < results.length ? EXIT.infra : EXIT.ok;
}
