import { type Lang } from '../src/model/text.ts';

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/;
/** Words that make ASCII text an English sentence rather than names, values and commands. */
const PROSE = /\b(the|is|are|was|were|not|no|to|of|and|or|an|in|on|for|with|from|this|that|it|can|cannot|could|should|will|has|have|does|did|be|been|your|you|when|then|there|here|which|what|why|how|than|into|only|still|yet|at|passed|failed|errors?|skipped|blocked|graded|missing|found|waiting|deleted|created|done|reports?|warning|interrupted|saved|progress|resuming|steps?|hint|want|got|expected)\b/i;

/** A line with what is not language: commands, quoted tool output, paths, URLs and Kubernetes names taken out. */
export function proseOf(line: string): string {
  return line
    .replace(ANSI, '')
    .replace(/(^|[\s(;$])(kubectl|labs|redis-cli|mysql|nslookup|kind|docker|npx|node)\s[^\uAC00-\uD7AF]*/g, '$1')
    .replace(/"[^"]*"|'[^']*'|`[^`]*`|“[^”]*”/g, '')
    .replace(/https?:\/\/\S+|\S*\/\S*/g, '')
    .replace(/\b[\w.-]+=[\w.-]*/g, '');
}

/**
 * Lines of `output` that are in the other language: any Hangul in an English session; in a Korean session,
 * a line with no Hangul that still reads as an English sentence (names, values, commands and quoted tool
 * output are fine in either language).
 */
export function foreignLines(output: string, lang: Lang): string[] {
  return output
    .split('\n')
    .map((l) => l.replace(ANSI, ''))
    .filter((l) => l.trim())
    .filter((l) => {
      if (lang === 'en') return HANGUL.test(proseOf(l));
      if (HANGUL.test(l)) return false;
      const prose = proseOf(l);
      const words = prose.match(/[A-Za-z]{2,}/g) ?? [];
      return words.length >= 2 && PROSE.test(prose);
    });
}
