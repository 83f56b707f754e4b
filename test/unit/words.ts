// Where words are written outside a room's messages.ts (test/unit/messages.test.ts holds src/ to none).
//   node --import tsx test/unit/words.ts   lists them, file:line
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../src/load/load-labs.ts';

const SRC = join(PROJECT_ROOT, 'src');

/** Words in a language: a text() of a written string, or a language's entry of a table ({ ko: '…' }, ko: { … }). */
export const WORDS = [/\btext\(\s*['`"]/, /\b(ko|en):\s*['`"{]/];

const COMMENT = /^\s*(\/\/|\*|\/\*)/;

/** Files that may hold words: each room's messages.ts, the Text type itself, and the rooms that are one file (their own messages). */
const allowed = (file: string) => file.endsWith('/messages.ts') || ['model/text.ts', 'errors.ts', 'files.ts'].includes(file);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Every line outside a messages file that holds words, as "file:line". */
export function wordsOutsideMessages(root = SRC): string[] {
  return sources(root).flatMap((path) => {
    const file = relative(root, path);
    if (allowed(file)) return [];
    const source = readFileSync(path, 'utf8');
    const lines = source.split('\n');
    // A text() may open on one line and take its words on the next.
    const at = new Set<number>();
    for (const w of WORDS) for (const m of source.matchAll(new RegExp(w.source, 'g'))) at.add(source.slice(0, m.index).split('\n').length);
    return [...at].sort((a, b) => a - b).filter((n) => !COMMENT.test(lines[n - 1]!)).map((n) => `${file}:${n}`);
  });
}

/** Whether a line holds words (a comment does not). */
export const holdsWords = (line: string) => WORDS.some((w) => w.test(line)) && !COMMENT.test(line);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.stdout.write(wordsOutsideMessages().map((l) => `${l}\n`).join(''));
