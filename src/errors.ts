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

/**
 * What went wrong, in words, whatever was thrown: an Error's message, an error event's message or its error's, a
 * string, or the value written out. Never "[object Object]".
 */
export function errorMessage(e: unknown): string {
  if (e instanceof LabsError) return e.text.en;
  if (e instanceof Error) return e.message || e.name;
  if (typeof e === 'string') return e;
  if (typeof e === 'object' && e !== null) {
    const o = e as { message?: unknown; error?: unknown; type?: unknown; code?: unknown };
    if (typeof o.message === 'string' && o.message) return o.message;
    if (o.error !== undefined && o.error !== e) return errorMessage(o.error);
    try {
      const json = JSON.stringify(e);
      if (json && json !== '{}') return json.length > 300 ? `${json.slice(0, 299)}…` : json;
    } catch {
      // A cycle: fall through to what can be named.
    }
    return [o.type, o.code].filter((x) => typeof x === 'string' || typeof x === 'number').join(' ') || (e.constructor?.name ?? 'object');
  }
  return String(e);
}
