/** Exit codes of the CLI. */
export const EXIT = { ok: 0, checksFailed: 1, usage: 2, infra: 3 } as const;

/** An error the tool expects and explains: no stack trace, a hint, and an exit code. */
export class LabsError extends Error {
  /** What the user can try next. */
  readonly hint?: string;
  /** The process exit code this error maps to. */
  readonly exitCode: number = EXIT.infra;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** One problem found in a lab file, located in the file. */
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
  message: string;
}

/** Renders an issue as `file:line:col dot.path: message`. */
export function formatIssue(i: FileIssue): string {
  const where = [i.file, i.line, i.col].filter((x) => x !== undefined).join(':');
  return `${where}${i.path ? ` ${i.path}` : ''}: ${i.message}`;
}

/** A lab file (or a manifest it names) is invalid. */
export class LabFileError extends LabsError {
  override readonly exitCode = EXIT.usage;
  /** Every problem found, not just the first. */
  readonly issues: FileIssue[];
  constructor(issues: FileIssue[], hint = 'Fix the lines above, then run `labs validate` again.') {
    super(issues.map(formatIssue).join('\n'), hint);
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
  constructor(message: string, hint?: string, status?: number) {
    super(message, hint);
    this.status = status;
  }
}

/** An external command failed. */
export class CommandError extends LabsError {
  override readonly exitCode = EXIT.infra;
}
