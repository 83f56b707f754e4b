// `labs smoke`'s own lines: the closing count, and with --timings per step the time spent, the cluster's own time
// (floor) and labs' part.
import { type Lang } from '../model/text.ts';
import { type LabResult } from '../run/result.ts';
import { SMOKE_WORDS as WORDS } from './messages.ts';

const sec = (ms?: number) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)}s`);

/** The --timings table of one lab: per step, the time spent, the cluster's own time (floor) and labs' part. */
export function timingLines(r: LabResult, lang: Lang): string[] {
  const w = WORDS[lang];
  const rows = r.steps.map((s) => {
    const t = s.timings;
    const over = t?.floorMs !== undefined ? t.totalMs - t.floorMs : undefined;
    return `${s.id.padEnd(16)}  ${sec(t?.totalMs).padStart(6)}  ${sec(t?.actionsMs).padStart(9)}  ${sec(t?.checksMs).padStart(7)}  ${sec(t?.floorMs).padStart(13)}  ${sec(over).padStart(12)}`;
  });
  const total = r.steps.reduce((a, s) => a + (s.timings?.totalMs ?? 0), 0);
  const floor = r.steps.reduce((a, s) => a + (s.timings?.floorMs ?? 0), 0);
  return [`${r.lab}`, `  ${w.head}`, ...rows.map((l) => `  ${l}`), `  ${w.total.padEnd(16)}  ${sec(total).padStart(6)}  ${''.padStart(9)}  ${''.padStart(7)}  ${sec(floor).padStart(13)}  ${sec(total - floor).padStart(12)} (${floor ? `+${Math.round(((total - floor) / floor) * 100)}%` : '-'})`];
}

/** The closing line: labs run, checks passed, failed, blocked and in error. */
export function smokeSummary(results: LabResult[], lang: Lang): string {
  const all = results.flatMap((r) => r.steps.flatMap((s) => s.checks));
  const n = (st: string) => all.filter((c) => c.status === st).length;
  return WORDS[lang].summary(results.length, n('pass'), n('fail'), n('blocked'), n('error'));
}
