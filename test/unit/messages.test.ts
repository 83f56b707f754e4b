// A translator edits one file per room: every word labs says lives in its room's messages.ts (src/<room>/messages.ts),
// never beside the code that says it. A text written anywhere else in src/ is named here by file and line.
import { describe, expect, it } from 'vitest';
import { holdsWords, wordsOutsideMessages } from './words.ts';

describe('the words of each room', () => {
  it('live in its messages.ts alone', () => {
    expect(wordsOutsideMessages()).toEqual([]);
  });

  it('are found wherever else they are written: a text() of a string, a language\'s table', () => {
    const lines = ["throw new KubeError(text('없음', 'none'));", 'const W = {', "  ko: { a: '가' },", "  en: '…',", 'const t = text(e.message, e.message);', "// text('예', 'e.g.') in a comment"];
    expect(lines.map(holdsWords)).toEqual([true, false, true, true, false, false]);
  });
});
