import { execa } from 'execa';
import { CommandError } from '../errors.ts';
import { type Text } from '../model/text.ts';
import { MSG } from './messages.ts';

/** The outcome of a finished command. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs commands; an interface so tests can stub it by command string. */
export type Runner = (command: string, args: string[], options?: { input?: string; timeoutMs?: number; env?: Record<string, string>; signal?: AbortSignal }) => Promise<CommandResult>;

/** The real runner, through execa. A missing program is exit code 127, like a shell. Every command has a deadline. */
export const runCommand: Runner = async (command, args, options = {}) => {
  const r = await execa(command, args, {
    reject: false,
    input: options.input,
    timeout: options.timeoutMs ?? 10 * 60_000,
    cancelSignal: options.signal,
    env: options.env,
    stripFinalNewline: true,
  });
  const missing = (r as { code?: string }).code === 'ENOENT';
  return { stdout: String(r.stdout ?? ''), stderr: missing ? `${command}: command not found` : String(r.stderr ?? ''), exitCode: missing ? 127 : (r.exitCode ?? 1) };
};

/** Runs a command and throws a CommandError naming it, its exit code and the end of its stderr when it fails. */
export async function mustRun(run: Runner, command: string, args: string[], hint?: Text, options?: Parameters<Runner>[2]): Promise<CommandResult> {
  const r = await run(command, args, options);
  if (r.exitCode !== 0) {
    const tail = r.stderr.trim().split('\n').slice(-5).join('\n');
    const line = `\`${[command, ...args].join(' ')}\``;
    throw new CommandError(MSG.commandExited(line, r.exitCode, tail), hint);
  }
  return r;
}

/** A stub Runner for tests: answers by the command line, records every call. */
export function stubRunner(answers: Record<string, Partial<CommandResult>>): Runner & { calls: string[] } {
  const calls: string[] = [];
  const fn = (async (command: string, args: string[]) => {
    const line = [command, ...args].join(' ');
    calls.push(line);
    const hit = Object.entries(answers).find(([k]) => line === k || line.startsWith(`${k} `));
    if (!hit) return { stdout: '', stderr: `${command}: command not found`, exitCode: 127 };
    return { stdout: '', stderr: '', exitCode: 0, ...hit[1] };
  }) as Runner & { calls: string[] };
  fn.calls = calls;
  return fn;
}
