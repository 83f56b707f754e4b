import { join } from 'node:path';
import { formatIssue } from '../errors.ts';
import { type Lab } from '../model/lab.ts';
import { type Lang } from '../model/text.ts';
import { writeJson, writeText } from '../report/json.ts';
import { toJUnit, xmlEscape } from '../report/junit.ts';
import { type CheckResult } from '../run/result.ts';
import { gradedChecks } from './grade.ts';
import { type SubmissionResult } from './result.ts';

/** A field for CSV (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** gradebook.csv: one row per student, one column per check (points earned), then total and max. */
export function toCsv(lab: Lab, results: SubmissionResult[]): string {
  const checks = gradedChecks(lab);
  const rows = [['student', 'status', ...checks.map((c) => c.id), 'total', 'max']];
  for (const r of results) {
    const by = new Map(r.checks.map((c) => [c.id, c]));
    rows.push([r.student, r.status, ...checks.map((c) => (r.status === 'error' && !by.has(c.id) ? '' : String(by.get(c.id)?.points ?? 0))), String(r.score), String(r.maxScore)]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Class statistics the reports share. */
export interface ClassSummary {
  graded: number;
  errors: number;
  average: number;
  maxScore: number;
  perCheck: { id: string; step: string; points: number; passed: number; rate: number }[];
  /** The most common reasons for lost points: check, what was found, how many students. */
  commonFailures: { id: string; found: string; hint: string; count: number }[];
}

/** Pass rates per check and the most common failures, over graded submissions. */
export function summarise(lab: Lab, results: SubmissionResult[], lang: Lang): ClassSummary {
  const graded = results.filter((r) => r.status === 'graded');
  const checks = gradedChecks(lab);
  const perCheck = checks.map((c) => {
    const passed = graded.filter((r) => r.checks.some((x) => x.id === c.id && x.status === 'pass')).length;
    return { ...c, passed, rate: graded.length ? passed / graded.length : 0 };
  });
  const counts = new Map<string, { id: string; found: string; hint: string; count: number }>();
  for (const r of graded) {
    for (const c of r.checks.filter((x) => x.status !== 'pass')) {
      // Group by check and the shape of the message, so "pod mysql-abc" and "pod mysql-def" count together.
      const found = c.found?.[lang] ?? c.error ?? '';
      const key = `${c.id}\u0000${found.replace(/[0-9a-f]{5,}|\d+/g, '#')}`;
      const e = counts.get(key) ?? { id: c.id, found, hint: c.hint?.[lang] ?? '', count: 0 };
      e.count++;
      counts.set(key, e);
    }
  }
  const commonFailures = [...counts.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)).slice(0, 10);
  const maxScore = checks.reduce((a, c) => a + c.points, 0);
  const average = graded.length ? graded.reduce((a, r) => a + r.score, 0) / graded.length : 0;
  return { graded: graded.length, errors: results.length - graded.length, average, maxScore, perCheck, commonFailures };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A lost point, in words: what was found and what to try. */
function lostLine(c: CheckResult, lang: Lang): string {
  if (c.status === 'error') return `${c.id} (${c.step}): error: ${c.error}`;
  return `${c.id} (${c.step}): ${c.found?.[lang]} — ${c.hint?.[lang]}`;
}

/** report.md: the class summary, then every student with the reason for each lost point. */
export function toMarkdown(lab: Lab, results: SubmissionResult[], lang: Lang): string {
  const s = summarise(lab, results, lang);
  const md = (t: string) => t.replace(/([|\\`*_[\]<>])/g, '\\$1').replace(/\n/g, ' ');
  const out = [`# ${md(lab.title[lang])} — grades`, '', `Lab \`${lab.id}\`: ${s.graded} graded, ${s.errors} not graded (errors). Average ${s.average.toFixed(1)} / ${s.maxScore}.`, ''];
  out.push('## Checks', '', '| check | step | points | passed | pass rate |', '|---|---|---:|---:|---:|');
  for (const c of s.perCheck) out.push(`| ${c.id} | ${c.step} | ${c.points} | ${c.passed}/${s.graded} | ${pct(c.rate)} |`);
  out.push('', '## Most common failures', '');
  if (s.commonFailures.length === 0) out.push('None.');
  s.commonFailures.forEach((f, i) => out.push(`${i + 1}. **${f.id}** (${f.count}): ${md(f.found)} — ${md(f.hint)}`));
  out.push('', '## Students', '');
  for (const r of results) {
    out.push(`### ${md(r.student)} — ${r.status === 'graded' ? `${r.score} / ${r.maxScore}` : 'not graded (error)'}`, '');
    if (r.error) out.push(`- Error: ${md(r.error)}`);
    for (const c of r.checks.filter((x) => x.status !== 'pass')) out.push(`- ✖ ${md(lostLine(c, lang))}`);
    for (const p of r.policy) out.push(`- Refused ${md(p.object)} (${md(p.file)}:${p.line}): ${md(p.reason)}`);
    for (const e of r.applyErrors) out.push(`- Not applied ${md(e.object)} (${md(e.file)}:${e.line}): ${md(e.message)}`);
    for (const i of r.fileIssues) out.push(`- File: ${md(formatIssue(i))}`);
    if (r.status === 'graded' && r.score === r.maxScore && r.policy.length + r.fileIssues.length === 0) out.push('- All checks passed.');
    out.push('');
  }
  return out.join('\n');
}

/** report.html: the same as report.md, one self-contained, well-formed page. */
export function toHtml(lab: Lab, results: SubmissionResult[], lang: Lang): string {
  const s = summarise(lab, results, lang);
  const e = xmlEscape;
  const rows = s.perCheck.map((c) => `<tr><td>${e(c.id)}</td><td>${e(c.step)}</td><td>${c.points}</td><td>${c.passed}/${s.graded}</td><td><div class="bar"><span style="width:${pct(c.rate)}"></span></div> ${pct(c.rate)}</td></tr>`);
  const fails = s.commonFailures.map((f) => `<li><b>${e(f.id)}</b> (${f.count}): ${e(f.found)} — <i>${e(f.hint)}</i></li>`);
  const students = results.map((r) => {
    const items = [
      ...(r.error ? [`<li class="err">Error: ${e(r.error)}</li>`] : []),
      ...r.checks.filter((c) => c.status !== 'pass').map((c) => `<li>✖ ${e(lostLine(c, lang))}</li>`),
      ...r.policy.map((p) => `<li class="err">Refused ${e(p.object)} (${e(p.file)}:${p.line}): ${e(p.reason)}</li>`),
      ...r.applyErrors.map((a) => `<li class="err">Not applied ${e(a.object)} (${e(a.file)}:${a.line}): ${e(a.message)}</li>`),
      ...r.fileIssues.map((i) => `<li class="err">File: ${e(formatIssue(i))}</li>`),
    ];
    const score = r.status === 'graded' ? `${r.score} / ${r.maxScore}` : 'not graded (error)';
    return `<section><h3>${e(r.student)} <span class="score">${e(score)}</span></h3><ul>${items.join('') || '<li>All checks passed.</li>'}</ul></section>`;
  });
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8"/>
<title>${e(lab.title[lang])} — grades</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
.bar{display:inline-block;width:6rem;height:.6rem;background:#eee}.bar span{display:block;height:100%;background:#3a7}
.score{font-weight:normal;color:#555}.err{color:#a22}
</style>
</head>
<body>
<h1>${e(lab.title[lang])} — grades</h1>
<p>Lab <code>${e(lab.id)}</code>: ${s.graded} graded, ${s.errors} not graded (errors). Average ${s.average.toFixed(1)} / ${s.maxScore}.</p>
<h2>Checks</h2>
<table><thead><tr><th>check</th><th>step</th><th>points</th><th>passed</th><th>pass rate</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<h2>Most common failures</h2>
${fails.length ? `<ol>${fails.join('')}</ol>` : '<p>None.</p>'}
<h2>Students</h2>
${students.join('\n')}
</body>
</html>
`;
}

/** Writes every report of a class into `out`. */
export function writeReports(out: string, lab: Lab, results: SubmissionResult[], lang: Lang): void {
  writeText(join(out, 'gradebook.csv'), toCsv(lab, results));
  writeText(join(out, 'report.md'), toMarkdown(lab, results, lang));
  writeText(join(out, 'report.html'), toHtml(lab, results, lang));
  writeText(join(out, 'junit.xml'), toJUnit(results.map((r) => ({ name: r.student, checks: r.checks, durationMs: r.durationMs, properties: { lab: r.lab, score: `${r.score}/${r.maxScore}`, status: r.status } })), lang, `labs grade ${lab.id}`));
  writeJson(join(out, 'results.json'), { lab: lab.id, summary: summarise(lab, results, lang), results });
}
