import { type Lang } from '../model/text.ts';
import { type RunEvent } from '../run/events.ts';
import { type CheckResult, type CheckStatus } from '../run/result.ts';
import { renderEvidence, renderMismatch } from './mismatch.ts';
import { type Style } from './style.ts';
import { PLAIN_WORDS as WORDS } from './messages.ts';

const MARK: Record<CheckStatus, string> = { pass: '✔', fail: '✖', blocked: '⊘', error: '!', skipped: '-' };

/** Words of the renderers themselves, kept under their old name for the modules that import them from here. */
export { PLAIN_WORDS as WORDS } from './messages.ts';

/** Lines describing a finished check: the verdict, then mismatches, evidence and hint for a failure. */
export function checkLines(r: CheckResult, lang: Lang, s: Style): string[] {
  const w = WORDS[lang];
  const colour = r.status === 'pass' ? s.ok : r.status === 'skipped' || r.status === 'blocked' ? s.dim : s.bad;
  const head = `  ${colour(MARK[r.status])} ${r.id}: ${r.title[lang]}${r.detail ? s.dim(` — ${r.detail[lang]}`) : ''}`;
  if (r.status === 'pass' || r.status === 'skipped') return [head];
  if (r.status === 'error') return [head, `      ${w.error}: ${r.error?.[lang] ?? ''}`];
  const lines = [head];
  if (r.status === 'blocked') lines.push(`      ${s.dim(w.blockedBy(r.blockedBy ?? '?'))}`);
  for (const m of r.mismatches ?? []) lines.push(`      ${renderMismatch(m, lang)}`);
  for (const e of renderEvidence(r.evidence ?? [], lang)) lines.push(`      ${s.dim(e)}`);
  if (r.hint) lines.push(`      ${s.warn(w.hint)}: ${r.hint[lang]}`);
  return lines;
}

/** What a pending check is waiting on, in one line: the latest thing found and what still moves. */
export function progressLine(e: Extract<RunEvent, { type: 'check-progress' }>, lang: Lang): string {
  const w = WORDS[lang];
  const o = e.outcome;
  const found = o.status === 'error' ? o.error[lang] : o.status === 'fail' || o.status === 'blocked' ? (o.mismatches[0] ? renderMismatch(o.mismatches[0], lang) : '') : '';
  const waiting = e.waiting.length ? ` — ${w.waiting}: ${e.waiting.slice(0, 2).map((t) => t[lang]).join(', ')}` : '';
  return `${found}${waiting} (${w.of(Math.round(e.elapsedMs / 1000))}/${w.of(Math.round(e.deadlineMs / 1000))})`;
}

/**
 * Ends a check's task of a live (listr2) view with its result: the check's title line; a failure's details as the
 * task's error; skipped when it has no result (a quit, a step filter — or Ctrl-C, then said so).
 */
export function endCheckTask(task: { title: string; skip(message?: string): void }, id: string, r: CheckResult | undefined, o: { interrupted: boolean; lang: Lang; s: Style }): void {
  if (!r) return task.skip(o.interrupted ? `${id} — ${WORDS[o.lang].interrupted}` : undefined);
  task.title = checkLines({ ...r, status: 'pass' }, o.lang, o.s)[0]!.replace(/^\s+\S+\s/, '');
  if (r.status === 'skipped') return task.skip(task.title);
  if (r.status !== 'pass') throw new Error(checkLines(r, o.lang, o.s).slice(1).map((l) => l.trim()).join('\n'));
}

/**
 * The final summary of a run, counting the whole lab: this run's results, and every other kept verdict (a step
 * quit after a failed attempt, steps of earlier sessions). Only verdicts another run gave are said to be from
 * earlier sessions.
 */
export function summaryLine(e: Extract<RunEvent, { type: 'lab-end' }>, lang: Lang): string {
  const n: Record<CheckStatus, number> = { pass: 0, fail: 0, blocked: 0, error: 0, skipped: 0 };
  const ran = e.result.steps.flatMap((st) => st.checks);
  for (const c of ran) n[c.status]++;
  const seen = new Set(ran.map((c) => c.id));
  const kept = Object.entries(e.verdicts).filter(([id]) => !seen.has(id)).map(([, v]) => v);
  for (const v of kept) n[v.status]++;
  const earlier = kept.filter((v) => v.earlier).length;
  return `${e.result.lab}: ${WORDS[lang].summary(n, earlier)}`;
}

/**
 * One plain line per event, for pipes, CI logs and interactive sessions (no cursor tricks). While a check
 * waits, a line is printed each time what it waits on changes, not on every attempt.
 */
export function plainRenderer(write: (line: string) => void, lang: Lang, s: Style): (e: RunEvent) => void {
  const w = WORDS[lang];
  const shown = new Map<string, string>();
  return (e) => {
    switch (e.type) {
      case 'lab-start':
        write(s.bold(`${e.title[lang]} (${e.lab})`) + s.dim(`  ${w.ns} ${e.namespace}, ${w.context} ${e.context}`));
        break;
      case 'step-start':
        write(s.bold(`[${e.number}/${e.total}] ${e.step.title[lang]}`));
        break;
      case 'action-start':
        write(s.dim(`  $ ${e.description}`));
        break;
      case 'action-end':
        if (e.error) write(s.bad(`  ✖ ${e.error[lang]}`));
        break;
      case 'check-progress': {
        const key = `${e.step}/${e.id}`;
        const line = progressLine(e, lang);
        const gist = line.replace(/ \(\d+\D*\/\d+\D*\)$/, '');
        if (shown.get(key) !== gist) write(s.dim(`  … ${e.id}: ${line}`));
        shown.set(key, gist);
        break;
      }
      case 'check-end':
        for (const line of checkLines(e.result, lang, s)) write(line);
        break;
      case 'lab-end':
        // After Ctrl-C the interruption's own line is the last word: no summary of a run cut short.
        if (!e.result.interrupted) write(s.bold(summaryLine(e, lang)));
        break;
      default:
        break;
    }
  };
}
