import { join } from 'node:path';
import { formatIssue } from '../errors.ts';
import { type Lab } from '../model/lab.ts';
import { type Lang } from '../model/text.ts';
import { writeJson, writeText } from '../files.ts';
import { toJUnit } from './junit.ts';
import { renderEvidence, renderMismatch } from './mismatch.ts';
import { type CheckResult } from '../run/result.ts';
import { gradedChecks } from '../grade/grade.ts';
import { readLeftovers, type Leftovers } from '../grade/leftovers.ts';
import { type SubmissionResult } from '../grade/result.ts';
import { flagText } from '../grade/review.ts';
import { toDashboard } from './dashboard.ts';
import { refusalsToShow, summarise } from './class-summary.ts';
import { CLASS_WORDS as WORDS } from './messages.ts';

/** A field for CSV (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * gradebook.csv: one row per student, one column per check (points earned), total and max; then the submission's
 * source, its variant and flags, and per graded step (from an archive's timeline) the seconds to pass, attempts,
 * hints viewed and whether the solution was viewed.
 */
export function toCsv(lab: Lab, results: SubmissionResult[], lang: Lang = 'en'): string {
  const checks = gradedChecks(lab);
  const steps = lab.steps.filter((s) => s.graded).map((s) => s.id);
  const perStep = steps.flatMap((s) => [`${s} seconds to pass`, `${s} attempts`, `${s} hints`, `${s} solution viewed`]);
  const rows = [['student', 'status', ...checks.map((c) => c.id), 'total', 'max', 'source', 'variant', 'flags', ...perStep]];
  for (const r of results) {
    const by = new Map(r.checks.map((c) => [c.id, c]));
    const v = r.review;
    const stats = steps.flatMap((id) => {
      const st = v?.steps?.find((x) => x.step === id);
      return st ? [st.timeToPassMs === undefined ? '' : String(Math.round(st.timeToPassMs / 1000)), String(st.attempts), String(st.hints), st.solutionViewed ? 'yes' : 'no'] : ['', '', '', ''];
    });
    rows.push([
      r.student, r.status, ...checks.map((c) => (r.status === 'error' && !by.has(c.id) ? '' : String(by.get(c.id)?.points ?? 0))), String(r.score), String(r.maxScore),
      v?.source ?? '', v ? Object.entries(v.variant.vars).map(([k, x]) => `${k}=${x}`).join(' ') : '', (v?.flags ?? []).map((f) => flagText(f)[lang]).join('; '), ...stats,
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The lines of one lost (or blocked) check: what differs, what the cluster said, what to try. */
export function lostLines(c: CheckResult, lang: Lang): { head: string; details: string[] } {
  const w = WORDS[lang];
  if (c.status === 'error') return { head: `${c.id} (${c.step}): ${w.error}: ${c.error?.[lang] ?? ''}`, details: [] };
  const head = c.status === 'blocked' ? `${c.id} (${c.step}): ${w.blocked(c.blockedBy ?? '?')}` : `${c.id} (${c.step}): ${c.hint?.[lang] ?? ''}`;
  return { head, details: [...(c.mismatches ?? []).map((m) => renderMismatch(m, lang)), ...renderEvidence(c.evidence ?? [], lang)] };
}

/** report.md: the class summary, then every student with the reason for each lost point; blocked checks apart. */
export function toMarkdown(lab: Lab, results: SubmissionResult[], lang: Lang, left: Leftovers = { namespaces: [], volumes: [] }): string {
  const w = WORDS[lang];
  const s = summarise(lab, results, lang);
  const md = (t: string) => t.replace(/([|\\`*_[\]<>])/g, '\\$1').replace(/\n/g, ' ');
  const out = [`# ${md(lab.title[lang])} — ${w.grades}`, '', w.intro(lab.id, s.graded, s.errors, s.average.toFixed(1), s.maxScore), ''];
  out.push(`## ${w.checks}`, '', w.head, '|---|---|---:|---:|---:|---:|');
  for (const c of s.perCheck) out.push(`| ${c.id} | ${c.step} | ${c.points} | ${c.passed}/${s.graded} | ${c.blocked} | ${pct(c.rate)} |`);
  out.push('', `## ${w.common}`, '');
  if (s.commonFailures.length === 0) out.push(w.none);
  s.commonFailures.forEach((f, i) => out.push(`${i + 1}. **${f.id}** \`${f.code}\` — \`${md(f.where)}\` (${f.count}): ${md(f.example)} — ${md(f.hint)}`));
  out.push('', `## ${w.students}`, '');
  for (const r of results) {
    out.push(`### ${md(r.student)} — ${r.status === 'graded' ? `${r.score} / ${r.maxScore}` : w.notGraded}`, '');
    if (r.error) out.push(`- ${w.error}: ${md(r.error[lang])}`);
    for (const v of r.violations ?? []) out.push(`- ${w.violation}: ${md(v[lang])}`);
    for (const st of ['fail', 'error', 'blocked'] as const) {
      for (const c of r.checks.filter((x) => x.status === st)) {
        const l = lostLines(c, lang);
        out.push(`- ${st === 'blocked' ? '⊘' : '✖'} ${md(l.head)}`, ...l.details.map((d) => `  - ${md(d)}`));
      }
    }
    const refused = refusalsToShow(r.policy, lang);
    for (const p of refused.shown) out.push(`- ${w.refused} ${md(p.object)} (${md(p.file)}:${p.line}): ${md(p.reason[lang])}`);
    for (const m of refused.more) out.push(`- ${w.refusedMore(m.count, m.reason)}`);
    for (const e of r.applyErrors) out.push(`- ${w.notApplied} ${md(e.object)} (${md(e.file)}:${e.line}): ${md(e.message[lang])}`);
    for (const i of r.fileIssues) out.push(`- ${w.file}: ${md(formatIssue(i, lang))}`);
    for (const i of r.warnings ?? []) out.push(`- ${w.warning}: ${md(formatIssue(i, lang))}`);
    if (r.status === 'graded' && r.score === r.maxScore && r.policy.length + r.fileIssues.length === 0 && r.checks.every((c) => c.status === 'pass')) out.push(`- ${w.allPassed}`);
    out.push('');
  }
  if (left.namespaces.length + left.volumes.length > 0) {
    out.push(`## ${w.left}`, '', `- ${w.leftNs}: ${left.namespaces.map(md).join(', ') || '-'}`, `- ${w.leftPv}: ${left.volumes.map(md).join(', ') || '-'}`, '', w.leftHint, '');
  }
  return out.join('\n');
}

/** report.html: the instructor's dashboard (grade/dashboard.ts), one self-contained, well-formed page. */
export function toHtml(lab: Lab, results: SubmissionResult[], lang: Lang, left: Leftovers = { namespaces: [], volumes: [] }): string {
  return toDashboard(lab, results, lang, left);
}

/** Writes every report of a class into `out`. */
export function writeReports(out: string, lab: Lab, results: SubmissionResult[], lang: Lang): void {
  writeText(join(out, 'gradebook.csv'), toCsv(lab, results, lang));
  const left = readLeftovers(out);
  writeText(join(out, 'report.md'), toMarkdown(lab, results, lang, left));
  writeText(join(out, 'report.html'), toHtml(lab, results, lang, left));
  writeText(join(out, 'junit.xml'), toJUnit(results.map((r) => ({ name: r.student, checks: r.checks, durationMs: r.durationMs, properties: { lab: r.lab, score: `${r.score}/${r.maxScore}`, status: r.status } })), lang, `labs grade ${lab.id}`));
  writeJson(join(out, 'results.json'), { lab: lab.id, summary: summarise(lab, results, lang), results, left });
}
