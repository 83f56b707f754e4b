import { sessionLang, text, type Lang, type Text } from './model/text.ts';

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, checksFailed: 1, usage: 2, infra: 3, interrupted: 130 } as const;

/** An error the tool expects and explains: no stack trace, a hint, and an exit code, in both languages. */
export class LabsError extends Error {
  /** What went wrong, in every language. */
  readonly text: Text;
  /** What the user can try next. */
  readonly hint?: Text;
  /** The process exit code this error maps to. */
  readonly exitCode: number = EXIT.infra;
  constructor(message: Text, hint?: Text) {
    super(message[sessionLang()]);
    this.name = new.target.name;
    this.text = message;
    this.hint = hint;
  }
}

/** One problem found in a lab file or a submission, located in the file. */
export interface FileIssue {
  /** The file the problem is in. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  col?: number;
  /** Dotted path of the offending value, e.g. "steps.1.checks.0". */
  path?: string;
  /** What is wrong. */
  message: Text;
}

/** Renders an issue as `file:line:col dot.path: message`. */
export function formatIssue(i: FileIssue, lang: Lang = sessionLang()): string {
  const where = [i.file, i.line, i.col].filter((x) => x !== undefined).join(':');
  return `${where}${i.path ? ` ${i.path}` : ''}: ${i.message[lang]}`;
}

/** A lab file (or a manifest it names) is invalid. */
export class LabFileError extends LabsError {
  override readonly exitCode = EXIT.usage;
  /** Every problem found, not just the first. */
  readonly issues: FileIssue[];
  constructor(issues: FileIssue[], hint = text('위 줄을 고친 뒤 `labs validate`를 다시 실행하세요.', 'Fix the lines above, then run `labs validate` again.')) {
    super(text(issues.map((i) => formatIssue(i, 'ko')).join('\n'), issues.map((i) => formatIssue(i, 'en')).join('\n')), hint);
    this.issues = issues;
  }
}

/** The command line was wrong. */
export class UsageError extends LabsError {
  override readonly exitCode = EXIT.usage;
}

/** The cluster or the API server failed (not the student's fault). */
export class KubeError extends LabsError {
  override readonly exitCode = EXIT.infra;
  /** HTTP status from the API server, when there was one. */
  readonly status?: number;
  /** The API server's reason (e.g. "AlreadyExists", "Forbidden"), when it gave one. */
  readonly reason?: string;
  constructor(message: Text, hint?: Text, status?: number, reason?: string) {
    super(message, hint);
    this.status = status;
    this.reason = reason;
  }
}

/** An external command failed. */
export class CommandError extends LabsError {
  override readonly exitCode = EXIT.infra;
}

/** The user pressed Ctrl-C (or the run was otherwise cancelled): not an error, exit 130. */
export class InterruptedError extends LabsError {
  override readonly exitCode = EXIT.interrupted;
  constructor() {
    super(text('중단되었습니다.', 'Interrupted.'));
  }
}

/** Whether an error is a cancellation (an AbortSignal fired), whatever threw it. */
export function isAbort(e: unknown): boolean {
  return e instanceof InterruptedError || (e instanceof Error && (e.name === 'AbortError' || (e as { code?: string }).code === 'ABORT_ERR'));
}
