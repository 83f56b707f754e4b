// The words of src/exec (running commands).
// A translator edits this file alone: the code of the room refers to it.
import { text } from '../model/text.ts';

export const MSG = {
  // run.ts
  /** A command that failed: its command line (in backticks), exit code and the end of its stderr (may be empty). */
  commandExited: (line: string, exitCode: number, tail: string) => text(`${line} 종료 코드 ${exitCode}${tail ? `:\n${tail}` : ''}`, `${line} exited ${exitCode}${tail ? `:\n${tail}` : ''}`),
} as const;
