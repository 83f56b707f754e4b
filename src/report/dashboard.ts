// report.html: the instructor's dashboard, one offline file (styles and script inline, nothing fetched). A students ×
// checks matrix (symbol and colour for each verdict), sortable and filterable; the score distribution; the most common
// failures with the students who have them; and each student's page (timeline, per-step figures, failures). Hints
// name what to look at in the student's objects, never commands for grading namespaces that are gone.
import { formatIssue } from '../errors.ts';
import { type Lab } from '../model/lab.ts';
import { type Lang } from '../model/text.ts';
import { xmlEscape as e } from './junit.ts';
import { mismatchKey, renderEvidence, renderMismatch } from './mismatch.ts';
import { type CheckResult } from '../run/result.ts';
import { gradedChecks } from '../grade/grade.ts';
import { type Leftovers } from '../grade/leftovers.ts';
import { refusalsToShow, summarise } from './class-summary.ts';
import { type SubmissionResult } from '../grade/result.ts';
import { flagText } from '../grade/review.ts';
import { DASHBOARD_WORDS as W } from './messages.ts';

type Status = CheckResult['status'] | 'none';
const SYMBOL: Record<Status, string> = { pass: '✔', fail: '✖', blocked: '⊘', error: '⚠', skipped: '↷', none: '–' };

const id = (s: string) => `s-${s.replace(/[^A-Za-z0-9_-]/g, '_')}`;
const secs = (ms?: number) => (ms === undefined ? '–' : ms < 60_000 ? `${Math.round(ms / 1000)}s` : `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s`);

function cell(status: Status, lang: Lang, check: string, title: string): string {
  const w = W[lang];
  return `<td class="st st-${status}" data-check="${e(check)}" data-status="${status}" title="${e(`${check}: ${w.status[status]}${title ? ` — ${title}` : ''}`)}"><span aria-hidden="true">${SYMBOL[status]}</span><span class="sr">${e(w.status[status])}</span></td>`;
}

/** What the instructor looks at for one lost check: the objects and fields that differ, and the cluster's words. */
function lostCheck(c: CheckResult, lang: Lang): string {
  const w = W[lang];
  const head = c.status === 'blocked' ? w.blockedBy(c.blockedBy ?? '?') : c.status === 'error' ? `${w.error}: ${c.error?.[lang] ?? ''}` : c.title[lang];
  const look = (c.mismatches ?? []).map((m) => `<li>${e(renderMismatch(m, lang))}</li>`).join('');
  const said = renderEvidence(c.evidence ?? [], lang).map((l) => `<li>${e(l)}</li>`).join('');
  return `<li class="lost ${c.status}"><span aria-hidden="true">${SYMBOL[c.status]}</span> <b>${e(c.id)}</b> <span class="sr">${e(w.status[c.status])}</span> (${e(c.step)}): ${e(head)}${look ? `<div>${w.lookAt}:</div><ul>${look}</ul>` : ''}${said ? `<div>${w.said}:</div><ul>${said}</ul>` : ''}</li>`;
}

function studentPage(lab: Lab, r: SubmissionResult, lang: Lang): string {
  const w = W[lang];
  const v = r.review;
  const score = r.status === 'graded' ? `${r.score} / ${r.maxScore}` : w.notGraded;
  const facts = [
    v ? `<li>${w.source}: ${v.source === 'archive' ? w.archive : w.folder}</li>` : '',
    v ? `<li>${w.variant}: ${v.variant.seedId ? e(Object.entries(v.variant.vars).map(([k, x]) => `${k}=${x}`).join(', ')) : w.defaultVariant}</li>` : '',
    ...(v?.flags ?? []).map((f) => `<li class="flag"><span aria-hidden="true">⚑</span> ${e(flagText(f)[lang])}</li>`),
    r.error ? `<li class="err">${e(r.error[lang])}</li>` : '',
    ...(r.violations ?? []).map((x) => `<li class="err">${w.violation}: ${e(x[lang])}</li>`),
  ].join('');
  const steps = v?.steps?.length
    ? `<h3>${w.steps}</h3><table><thead><tr><th scope="col">${w.step}</th><th scope="col">${w.time}</th><th scope="col">${w.attempts}</th><th scope="col">${w.hints}</th><th scope="col">${w.solution}</th></tr></thead><tbody>${v.steps.map((s) => `<tr><th scope="row">${e(s.step)}</th><td>${secs(s.timeToPassMs)}</td><td>${s.attempts}</td><td>${s.hints}</td><td>${s.solutionViewed ? w.yes : w.no}</td></tr>`).join('')}</tbody></table>`
    : '';
  const lost = (['fail', 'error', 'blocked'] as const).flatMap((st) => r.checks.filter((c) => c.status === st).map((c) => lostCheck(c, lang)));
  const refused = refusalsToShow(r.policy, lang);
  const other = [
    ...refused.shown.map((p) => `<li class="err">${w.refused} ${e(p.object)} (${e(p.file)}:${p.line}): ${e(p.reason[lang])}</li>`),
    ...r.applyErrors.map((a) => `<li class="err">${w.notApplied} ${e(a.object)} (${e(a.file)}:${a.line}): ${e(a.message[lang])}</li>`),
    ...r.fileIssues.map((i) => `<li class="err">${w.file}: ${e(formatIssue(i, lang))}</li>`),
    ...(r.warnings ?? []).map((i) => `<li>${w.warning}: ${e(formatIssue(i, lang))}</li>`),
  ];
  const timeline = v?.timeline?.length
    ? `<h3>${w.timeline}</h3><table class="timeline"><thead><tr><th scope="col">${w.at}</th><th scope="col">${w.event}</th><th scope="col">${w.step}</th><th scope="col">${w.status.fail}</th></tr></thead><tbody>${v.timeline.map((t) => `<tr><td>${e(t.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}</td><td>${e(t.type)}${t.status ? ` (${e(t.status)})` : ''}</td><td>${e(t.step ?? '')}</td><td>${e(t.detail ?? '')}</td></tr>`).join('')}</tbody></table>`
    : '';
  const body = lost.length + other.length ? `<h3>${w.failures}</h3><ul>${[...lost, ...other].join('')}</ul>` : `<p>${w.allPassed}</p>`;
  return `<section class="student" id="${id(r.student)}" aria-label="${e(r.student)}"><h2>${e(r.student)} <span class="score">${e(score)}</span></h2><p><a href="#matrix">${w.back}</a></p><ul class="facts">${facts}</ul>${steps}${body}${timeline}</section>`;
}

/** report.html: the dashboard, one self-contained, well-formed page in `lang`. */
export function toDashboard(lab: Lab, results: SubmissionResult[], lang: Lang, left: Leftovers = { namespaces: [], volumes: [] }): string {
  const w = W[lang];
  const s = summarise(lab, results, lang);
  const checks = gradedChecks(lab);
  const head = checks.map((c) => `<th scope="col" aria-sort="none"><button type="button" data-sort="c:${e(c.id)}" title="${e(c.step)}">${e(c.id)}</button></th>`).join('');
  const rows = results.map((r) => {
    const by = new Map(r.checks.map((c) => [c.id, c]));
    const flags = r.review?.flags ?? [];
    const cells = checks.map((c) => {
      const x = by.get(c.id);
      return cell(x?.status ?? 'none', lang, c.id, x?.mismatches?.[0] ? renderMismatch(x.mismatches[0], lang) : '');
    }).join('');
    const score = r.status === 'graded' ? `${r.score}` : '–';
    return `<tr data-student="${e(r.student)}" data-score="${r.status === 'graded' ? r.score : -1}" data-flags="${flags.length}"><th scope="row"><a href="#${id(r.student)}">${e(r.student)}</a></th><td class="num">${score}</td>${cells}<td class="flags">${flags.map((f) => `<span class="flag"><span aria-hidden="true">⚑</span> ${e(flagText(f)[lang])}</span>`).join('<br/>')}</td></tr>`;
  }).join('\n');
  const graded = results.filter((r) => r.status === 'graded');
  const counts = Array.from({ length: s.maxScore + 1 }, (_, i) => graded.filter((r) => r.score === i).length);
  const most = Math.max(1, ...counts);
  const dist = counts.map((n, i) => `<tr><th scope="row">${i}</th><td><span class="bar" style="width:${Math.round((n / most) * 100)}%"></span> ${e(w.students(n))}</td></tr>`).reverse().join('');
  const common = s.commonFailures.map((f) => {
    const who = graded.filter((r) => r.checks.some((c) => c.id === f.id && c.status === 'fail' && (c.code ?? 'field') === f.code && (f.where === '' || (c.mismatches?.[0] && mismatchKey(c.mismatches[0]) === f.where))));
    return `<li><b>${e(f.id)}</b> <span class="code">${e(f.code)}</span> <code>${e(f.where)}</code> (${f.count}): ${e(f.example)}<br/>${who.map((r) => `<a href="#${id(r.student)}">${e(r.student)}</a>`).join(', ')}</li>`;
  }).join('');
  const perCheck = s.perCheck.map((c) => `<tr><th scope="row">${e(c.id)}</th><td>${e(c.step)}</td><td class="num">${c.passed}/${s.graded}</td><td><span class="bar" style="width:${Math.round(c.rate * 100)}%"></span> ${Math.round(c.rate * 100)}%</td></tr>`).join('');
  const options = checks.map((c) => `<option value="${e(c.id)}">${e(c.id)}</option>`).join('');
  const statuses = (['pass', 'fail', 'blocked', 'error', 'none'] as const).map((st) => `<option value="${st}">${SYMBOL[st]} ${e(w.status[st])}</option>`).join('');
  const legend = (['pass', 'fail', 'blocked', 'error', 'none'] as const).map((st) => `<li><span class="st st-${st}" aria-hidden="true">${SYMBOL[st]}</span> ${e(w.status[st])}</li>`).join('');
  const leftovers = left.namespaces.length + left.volumes.length > 0 ? `<h2>${w.left}</h2><p>${e([...left.namespaces, ...left.volumes].join(', '))}</p>` : '';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${e(lab.title[lang])} — ${w.grades}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1b1b;background:#fff}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2rem .45rem;text-align:left;vertical-align:top}
thead th{background:#f1f1f1;position:sticky;top:0}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;text-decoration:underline dotted}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
button:focus,a:focus,input:focus,select:focus{outline:3px solid #1a5fb4;outline-offset:1px}
.st{text-align:center;font-weight:700;min-width:1.6rem}
.st-pass{background:#d8f0dc;color:#1d5b2a}.st-fail{background:#f8d7d5;color:#8a1c14}.st-blocked{background:#e9e9e9;color:#444}
.st-error{background:#fde9b8;color:#6b4b00}.st-none,.st-skipped{background:#fff;color:#666}
.num{text-align:right}.flags{max-width:28rem;font-size:.9rem}.flag{color:#7a3e00}
.bar{display:inline-block;height:.7rem;background:#3a7bd5;min-width:1px;max-width:14rem;vertical-align:middle}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:end;margin:.6rem 0}.filters label{display:flex;flex-direction:column;font-size:.9rem}
.legend{list-style:none;display:flex;gap:1rem;padding:0}.legend .st{display:inline-block;padding:0 .3rem;border:1px solid #bbb}
.student{display:none;border-top:2px solid #888;margin-top:2rem}.student:target{display:block}
.score{font-weight:normal;color:#444}.err{color:#8a1c14}.lost{margin-bottom:.4rem}
tr[hidden]{display:none}
</style>
</head>
<body>
<h1>${e(lab.title[lang])} — ${w.grades}</h1>
<p>${e(lab.id)}: ${e(w.intro(s.graded, s.errors, s.average.toFixed(1), s.maxScore))}</p>
<h2 id="matrix-title">${w.matrix}</h2>
<ul class="legend" aria-label="${w.legend}">${legend}</ul>
<form class="filters" role="search" onsubmit="return false">
<label for="f-name">${w.filterName}<input id="f-name" type="search" autocomplete="off"/></label>
<label for="f-check">${w.filterCheck}<select id="f-check"><option value="">${w.any}</option>${options}</select></label>
<label for="f-status">${w.filterStatus}<select id="f-status"><option value="">${w.any}</option>${statuses}<option value="flagged">⚑ ${w.flagged}</option></select></label>
<p><span id="shown">${results.length}</span> ${w.shown}</p>
</form>
<table id="matrix" aria-labelledby="matrix-title">
<thead><tr><th scope="col" aria-sort="none"><button type="button" data-sort="student">${w.student}</button></th><th scope="col" aria-sort="none"><button type="button" data-sort="score">${w.score}</button></th>${head}<th scope="col">${w.flags}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>${w.dist}</h2>
<table id="distribution"><tbody>${dist}</tbody></table>
<h2>${w.common}</h2>
${common ? `<ol id="common">${common}</ol>` : `<p>${w.none}</p>`}
<h2>${w.perCheck}</h2>
<table><thead><tr><th scope="col">${w.filterCheck}</th><th scope="col">${w.step}</th><th scope="col">${w.passed}</th><th scope="col">${w.rate}</th></tr></thead><tbody>${perCheck}</tbody></table>
${leftovers}
${results.map((r) => studentPage(lab, r, lang)).join('\n')}
<script>
//<![CDATA[
(function () {
  var body = document.querySelector('#matrix tbody');
  var rows = Array.prototype.slice.call(body.querySelectorAll('tr'));
  var nameBox = document.getElementById('f-name'), checkBox = document.getElementById('f-check'), statusBox = document.getElementById('f-status');
  var order = { pass: 0, skipped: 1, none: 2, blocked: 3, fail: 4, error: 5 };
  function filter() {
    var n = nameBox.value.trim().toLowerCase(), c = checkBox.value, s = statusBox.value, shown = 0;
    rows.forEach(function (r) {
      var ok = r.getAttribute('data-student').toLowerCase().indexOf(n) !== -1;
      if (ok && s === 'flagged') ok = r.getAttribute('data-flags') !== '0';
      else if (ok && s) {
        var cells = Array.prototype.slice.call(r.querySelectorAll('td[data-check]')).filter(function (td) { return !c || td.getAttribute('data-check') === c; });
        ok = cells.some(function (td) { return td.getAttribute('data-status') === s; });
      }
      r.hidden = !ok;
      if (ok) shown++;
    });
    document.getElementById('shown').textContent = String(shown);
  }
  [nameBox, checkBox, statusBox].forEach(function (el) { el.addEventListener('input', filter); el.addEventListener('change', filter); });
  Array.prototype.forEach.call(document.querySelectorAll('#matrix th button[data-sort]'), function (b) {
    b.addEventListener('click', function () {
      var th = b.parentNode, key = b.getAttribute('data-sort'), up = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(document.querySelectorAll('#matrix thead th'), function (x) { if (x.hasAttribute('aria-sort')) x.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
      function value(r) {
        if (key === 'student') return r.getAttribute('data-student').toLowerCase();
        if (key === 'score') return Number(r.getAttribute('data-score'));
        var td = r.querySelector('td[data-check="' + key.slice(2) + '"]');
        return td ? order[td.getAttribute('data-status')] : 0;
      }
      rows.sort(function (a, z) { var x = value(a), y = value(z); return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1); });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
//]]>
</script>
</body>
</html>
`;
}
