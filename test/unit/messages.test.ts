// A translator edits one file per room: every word labs says lives in its room's messages.ts (src/<room>/messages.ts),
// never beside the code that says it. A text written anywhere else in src/ is named here by file and line.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('are found in a tree by file and line, a text() whose words start on the next line too; a room\'s messages.ts and tests are theirs', () => {
    const root = mkdtempSync(join(tmpdir(), 'labs-words-'));
    mkdirSync(join(root, 'grade'));
    writeFileSync(join(root, 'grade', 'quota.ts'), "const a = 1;\nwarn(text(\n  `거부합니다 ${why}`,\n  `refused ${why}`,\n));\nconst b = text(x, x);\n");
    writeFileSync(join(root, 'grade', 'messages.ts'), "export const MSG = { none: text('없음', 'none') };\n");
    writeFileSync(join(root, 'grade', 'quota.test.ts'), "expect(text('없음', 'none')).toBeTruthy();\n");
    expect(wordsOutsideMessages(root)).toEqual(['grade/quota.ts:2']);
  });
});
