import { spawn } from 'node:child_process';

/**
 * A program run in a real pseudo-terminal, as a person at a terminal would run it. Python's `pty` module
 * does the terminal part (no native module needed): the program gets a controlling terminal of COLS×ROWS,
 * its output arrives here with the time each piece was seen, and what is written here is typed into it.
 * Ctrl-C is the byte \x03, handled by the terminal as a real one would (SIGINT unless in raw mode).
 */
const RELAY = String.raw`
import errno, fcntl, os, pty, select, signal, struct, sys, termios
rows, cols, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
def stop(*_):
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    os._exit(137)
signal.signal(signal.SIGTERM, stop)
inputs = [fd, 0]
while True:
    r, _, _ = select.select(inputs, [], [])
    if 0 in r:
        data = os.read(0, 4096)
        if data:
            os.write(fd, data)
        else:
            inputs.remove(0)
    if fd in r:
        try:
            data = os.read(fd, 65536)
        except OSError as e:
            if e.errno != errno.EIO:
                raise
            data = b''
        if not data:
            break
        os.write(1, data)
_, status = os.waitpid(pid, 0)
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
`;

/** Removes terminal control sequences (colours, cursor moves, erasures), leaving the text. */
export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g, '');
}

/** How a program in the terminal ended: its exit code and when the terminal saw it end. */
export interface PtyExit {
  code: number;
  at: number;
}

/** A point in the output: an offset into the text (control sequences removed) and when it was seen. */
export interface Seen {
  /** Offset just after the match in `text()`. */
  end: number;
  /** Offset of the match's start in `text()`. */
  start: number;
  /** When (epoch ms) the output that completed the match arrived. */
  at: number;
  match: RegExpExecArray;
}

export interface Pty {
  /** Types into the terminal (keys as bytes: '\r' is Enter, '\x03' is Ctrl-C). */
  type(keys: string): void;
  /** Everything printed so far, control sequences removed, CR LF as LF. */
  text(): string;
  /** Everything printed so far, as sent to the terminal. */
  raw(): string;
  /**
   * Waits until `pattern` appears in the output after offset `from` (default: anywhere), at most `timeoutMs`.
   * Fails with the screen's tail if it does not, or if the program ends first.
   */
  waitFor(pattern: RegExp | string, o?: { from?: number; timeoutMs?: number }): Promise<Seen>;
  /** Resolves when the program has ended. */
  exited: Promise<PtyExit>;
  /** Ends the program (and its process group) if it is still running. */
  kill(): void;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Starts `command` in a pseudo-terminal of `cols`×`rows`, with `env` as its whole environment. */
export function spawnPty(command: string[], o: { env: NodeJS.ProcessEnv; cwd?: string; cols?: number; rows?: number }): Pty {
  const child = spawn('python3', ['-c', RELAY, String(o.rows ?? 50), String(o.cols ?? 160), ...command], {
    env: o.env,
    cwd: o.cwd,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let raw = '';
  let text = '';
  let pending = '';
  // Where each piece of text ended and when it arrived, to time a match by the output that completed it.
  const marks: { end: number; at: number }[] = [];
  const listeners = new Set<() => void>();
  let ended: PtyExit | undefined;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const at = Date.now();
    raw += chunk;
    // A control sequence cut in two by the pipe is kept until its end arrives.
    let s = pending + chunk;
    pending = '';
    const esc = s.lastIndexOf('\u001b');
    if (esc >= 0 && stripAnsi(s.slice(esc)).startsWith('\u001b') && s.length - esc < 64) {
      pending = s.slice(esc);
      s = s.slice(0, esc);
    }
    text += stripAnsi(s).replace(/\r\n/g, '\n');
    marks.push({ end: text.length, at });
    for (const l of listeners) l();
  });
  const exited = new Promise<PtyExit>((resolve) => {
    child.on('close', (code, signal) => {
      ended = { code: code ?? 128 + (signal === 'SIGKILL' ? 9 : 15), at: Date.now() };
      for (const l of listeners) l();
      resolve(ended);
    });
  });
  const timeOf = (end: number) => marks.find((m) => m.end >= end)?.at ?? Date.now();

  return {
    type: (keys) => void child.stdin.write(keys),
    text: () => text,
    raw: () => raw,
    exited,
    kill: () => {
      if (!ended) child.kill('SIGTERM');
    },
    waitFor(pattern, w = {}) {
      const re = new RegExp(typeof pattern === 'string' ? escape(pattern) : pattern.source, typeof pattern === 'string' ? 'g' : pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      const from = w.from ?? 0;
      const timeoutMs = w.timeoutMs ?? 60_000;
      return new Promise<Seen>((resolve, reject) => {
        const look = () => {
          re.lastIndex = from;
          const m = re.exec(text);
          if (m) {
            done();
            const end = m.index + m[0].length;
            resolve({ start: m.index, end, at: timeOf(end), match: m });
          } else if (ended) {
            done();
            reject(new Error(`the program ended (exit ${ended.code}) before ${re} appeared; its screen ended with:\n${text.slice(-3000)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${re} did not appear within ${timeoutMs / 1000}s; the screen ends with:\n${text.slice(-3000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(look);
        };
        listeners.add(look);
        look();
      });
    },
  };
}

/** Whether the terminal is left with its cursor shown: never hidden, or shown again after the last hide. */
export function cursorRestored(raw: string): boolean {
  return raw.lastIndexOf('\u001b[?25l') < raw.lastIndexOf('\u001b[?25h') || !raw.includes('\u001b[?25l');
}
