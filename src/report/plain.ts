import { type RunEvent } from '../run/events.ts';
import { type CheckResult } from '../run/result.ts';
import { type Lang } from '../model/text.ts';
import { type Style } from './style.ts';

const MARK = { pass: '✔', fail: '✖', error: '!', skipped: '-' } as const;

/** Words of the renderer itself, in both languages. */
const WORDS = {
  ko: { expected: '기대', found: '실제', hint: '힌트', error: '인프라 오류(학생 잘못 아님)', step: '단계', ns: '네임스페이스', attempt: '재시도' },
  en: { expected: 'expected', found: 'found', hint: 'hint', error: 'infrastructure error (not your mistake)', step: 'step', ns: 'namespace', attempt: 'retrying' },
} as const;

/** Lines describing a finished check: the verdict, then expected/found/hint for a failure. */
export function checkLines(r: CheckResult, lang: Lang, s: Style): string[] {
  const w = WORDS[lang];
  const colour = r.status === 'pass' ? s.ok : r.status === 'skipped' ? s.dim : s.bad;
  const head = `  ${colour(MARK[r.status])} ${r.id}: ${r.title[lang]}${r.detail ? s.dim(` — ${r.detail[lang]}`) : ''}`;
  if (r.status === 'pass' || r.status === 'skipped') return [head];
  if (r.status === 'error') return [head, `      ${w.error}: ${r.error}`];
  return [head, `      ${w.expected}: ${r.expected?.[lang]}`, `      ${w.found}: ${r.found?.[lang]}`, `      ${s.warn(w.hint)}: ${r.hint?.[lang]}`];
}

/**
 * One line per event, for pipes and CI logs (no cursor tricks). Retries are shown once per check,
 * so a long wait does not flood the log.
 */
export function plainRenderer(write: (line: string) => void, lang: Lang, s: Style): (e: RunEvent) => void {
  const w = WORDS[lang];
  const retried = new Set<string>();
  return (e) => {
    switch (e.type) {
      case 'lab-start':
        write(s.bold(`${e.title[lang]} (${e.lab})`) + s.dim(`  ${w.ns} ${e.namespace}, context ${e.context}`));
        break;
      case 'step-start':
        write(s.bold(`[${e.index + 1}/${e.total}] ${e.step.title[lang]}`));
        break;
      case 'action-start':
        write(s.dim(`  $ ${e.description}`));
        break;
      case 'action-end':
        if (e.error) write(s.bad(`  ✖ ${e.error}`));
        break;
      case 'check-attempt':
        if (!retried.has(`${e.step}/${e.id}`)) write(s.dim(`  … ${e.id}: ${w.attempt} (${e.summary})`));
        retried.add(`${e.step}/${e.id}`);
        break;
      case 'check-end':
        for (const line of checkLines(e.result, lang, s)) write(line);
        break;
      case 'lab-end': {
        const all = e.result.steps.flatMap((st) => st.checks);
        const n = (st: CheckResult['status']) => all.filter((c) => c.status === st).length;
        write(s.bold(`${e.result.lab}: ${n('pass')} passed, ${n('fail')} failed, ${n('error')} errors, ${n('skipped')} skipped`));
        break;
      }
      default:
        break;
    }
  };
}
