import { execa } from 'execa';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIND, type KubeClient } from '../../src/model/kube.ts';
import { LABS_ROOT, PROJECT_ROOT } from '../../src/load/load-labs.ts';
import { waitOn } from '../../src/run/wait.ts';
import { E2E } from './cluster.ts';
import { spawnPty, type Pty } from './pty.ts';

export { swap } from './variants.ts';

/** What labs says at the points a student acts on, as the student sees it. */
export const SCREEN = {
  ko: {
    prompt: '다 했으면 Enter, 그만하려면 q: ',
    menu: '[r] 다시 확인  [h] 더 자세한 힌트  [s] 정답 보기  [k] 건너뛰기  [q] 저장하고 끝내기: ',
    stopping: 'labs: 중단합니다. 저장된 진행 상황은 그대로입니다 (한 번 더 누르면 바로 끝냅니다).',
    saved: '진행 상황을 저장했습니다.',
    resuming: (n: number, total: number, step: string) => `저장된 진행 상황에서 이어서 ${n}/${total}단계 "${step}"부터 시작합니다.`,
    created: (ns: string) => `네임스페이스 ${ns}가 없어서 만들었습니다.`,
    hint: '힌트:',
    interrupted: '중단됨',
  },
  en: {
    prompt: 'Press Enter when done, q to quit: ',
    menu: '[r] retry  [h] more help  [s] show solution  [k] skip  [q] save and quit: ',
    stopping: 'labs: Stopping; saved progress is kept (press Ctrl-C again to quit at once).',
    saved: 'Progress saved;',
    resuming: (n: number, total: number, step: string) => `Resuming at step ${n}/${total} "${step}" (saved progress).`,
    created: (ns: string) => `Namespace ${ns} did not exist, so labs created it;`,
    hint: 'hint:',
    interrupted: 'interrupted',
  },
} as const;

/** Keys as a terminal sends them. */
export const KEY = { enter: '\r', ctrlC: '\u0003', ctrlD: '\u0004' } as const;

/** The kubectl the offline cluster was built with, else the one on PATH. */
export const KUBECTL = (() => {
  const built = join(process.env.LABS_CLUSTER_CACHE ?? '/var/cache/labs-cluster', 'bin', 'kubectl');
  return existsSync(built) ? built : 'kubectl';
})();

/** Runs `labs <args>` in a pseudo-terminal as a student at a terminal would (no CI, colours on), on the e2e cluster. */
export function labsInTerminal(args: string[], o: { home: string; cwd?: string; cols?: number }): Pty {
  const env: NodeJS.ProcessEnv = { ...process.env, LABS_HOME: o.home, TERM: 'xterm-256color' };
  for (const k of ['CI', 'NO_COLOR', 'FORCE_COLOR', 'LABS_LANG']) delete env[k];
  return spawnPty([process.execPath, join(PROJECT_ROOT, 'bin', 'labs.js'), ...args, '--context', E2E.context, '--kubeconfig', E2E.kubeconfig], {
    env, cwd: o.cwd, cols: o.cols ?? 160, rows: 50,
  });
}

/** kubectl as the student types it, on the e2e cluster, in `cwd` (where the student's files are). */
export async function kubectl(args: string[], cwd?: string): Promise<string> {
  const r = await execa(KUBECTL, ['--kubeconfig', E2E.kubeconfig, '--context', E2E.context, ...args], { cwd, reject: false, all: true });
  if (r.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.exitCode}):\n${r.all}`);
  return r.stdout;
}

/**
 * At the prompt (the first one after screen offset `from`), the student applies these files and presses Enter.
 * Returns the screen offset just before Enter and when the apply had ended.
 */
export async function applyAtPrompt(p: Pty, prompt: string, ns: string, dir: string, files: string[], from = 0): Promise<{ mark: number; applied: number }> {
  await p.waitFor(prompt, { from });
  await kubectl(['-n', ns, 'apply', ...files.flatMap((f) => ['-f', f])], dir);
  const applied = Date.now();
  const mark = p.text().length;
  p.type(KEY.enter);
  return { mark, applied };
}

/** A student's folder: the lab's manifests (not lab.yaml), each optionally edited. */
export function studentFolder(lab: 'mysql-pvc' | 'redis-statefulset', edits: Record<string, (yaml: string) => string> = {}): { dir: string; reset(file: string): void; remove(): void } {
  const source = join(LABS_ROOT, 'week3-day3', lab);
  const dir = mkdtempSync(join(tmpdir(), `student-${lab}-`));
  cpSync(source, dir, { recursive: true, filter: (f) => !f.endsWith('lab.yaml') });
  for (const [file, edit] of Object.entries(edits)) writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return {
    dir,
    reset: (file) => writeFileSync(join(dir, file), readFileSync(join(source, file))),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * When the last of `count` pods matching `selector` became Ready, as seen by polling the API server (every
 * 250 ms at most) until `seconds` have passed. Pods being deleted do not count.
 */
export async function lastPodReady(kube: KubeClient, namespace: string, selector: string, count: number, seconds: number): Promise<number> {
  return waitOn(undefined, `${count} pods ${selector} Ready`, seconds, async () => {
    const pods = await kube.list(KIND.pod, namespace, selector);
    const ready = pods.filter((p) => !p.metadata.deletionTimestamp && ((p.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'));
    return ready.length >= count ? { done: true, value: Date.now() } : { done: false, why: `${ready.length}/${count} Ready` };
  });
}

/** When a PVC was first seen Bound (polling at most every 250 ms). */
export async function pvcBound(kube: KubeClient, namespace: string, name: string, seconds: number): Promise<number> {
  return waitOn(undefined, `PVC ${name} Bound`, seconds, async () => {
    const pvc = await kube.get(KIND.pvc, name, namespace);
    const phase = (pvc?.status as { phase?: string } | undefined)?.phase;
    return phase === 'Bound' ? { done: true, value: Date.now() } : { done: false, why: phase ?? 'absent' };
  });
}

/**
 * The commands of the last hint on the screen, as a student reads them: the hint's lines joined again (a
 * terminal wraps long lines), cut at each `;`, each command running from `kubectl` up to the prose that
 * follows it.
 */
export function hintCommands(screen: string, lang: 'ko' | 'en'): string[] {
  const at = screen.lastIndexOf(SCREEN[lang].hint);
  if (at < 0) return [];
  const [first, ...rest] = screen.slice(at).split('\n');
  const block = [first!];
  for (const line of rest) {
    if (!/^\s/.test(line) || /^\s*[✔✖›↓⊘]/.test(line)) break;
    block.push(line.trim());
  }
  return block.join(' ').split(';').flatMap((part) => {
    const m = /\bkubectl\s.*$/.exec(part);
    return m ? [m[0].replace(/\s*[\u3131-\ud7a3].*$/, '').replace(/[.)\s]+$/, '')] : [];
  });
}

/** Lines printed after offset `from`, blank ones left out. */
export function linesAfter(p: Pty, from: number): string[] {
  return p.text().slice(from).split(/\r?\n|\r/).map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
}

const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'is', 'are', 'was', 'were', 'be', 'been', 'to', 'of', 'for', 'and', 'or', 'not', 'no', 'with', 'in', 'on', 'at', 'by',
  'from', 'this', 'that', 'it', 'its', 'as', 'when', 'has', 'have', 'do', 'does', 'did', 'you', 'your', 'will', 'can', 'cannot', 'after',
  'before', 'until', 'only', 'yet', 'so', 'then', 'again', 'if', 'into', 'must', 'should', 'there',
]);
/** Words of labs' own English that never belong in a Korean line, even alone. */
const ENGLISH_ONLY = new Set(['missing', 'expected', 'found', 'want', 'got', 'waiting', 'passed', 'failed', 'skipped', 'blocked', 'errors', 'hint', 'press', 'retry', 'quit', 'stopping', 'interrupted', 'resuming', 'solution']);

/**
 * Lines of `screen` with words of the other language, also inside a line that is mostly in `lang` (test/
 * one-language.ts judges whole lines; this finds "실제 no pod redis-1" too). Allowed in any session: commands (from `kubectl` on), quoted tool output,
 * object names, file paths and other names with digits, dots, slashes or dashes, and YAML comments (file
 * content). In a Korean session a line fails when it has two or more English words in a row, one of them a
 * function word ("no pod"), or one of labs' own English words alone ("(missing)"); in an English session,
 * when it has any Hangul.
 */
export function foreignWords(screen: string, lang: 'ko' | 'en'): string[] {
  const bad: string[] = [];
  for (const line of screen.split(/\r?\n|\r/)) {
    const rest = line
      .replace(/"[^"]*"|`[^`]*`|“[^”]*”/g, ' ')
      .replace(/\bkubectl\b.*?(?=;|$)/g, ' ')
      .replace(/\s#\s.*$/, ' ');
    if (lang === 'en') {
      if (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(rest)) bad.push(line);
      continue;
    }
    const tokens = rest.split(/\s+/).filter(Boolean).map((t) => t.replace(/^[([]+|[)\],.:;!?]+$/g, ''));
    let run: string[] = [];
    const flush = () => {
      if ((run.length >= 2 && run.some((w) => FUNCTION_WORDS.has(w.toLowerCase()))) || run.some((w) => ENGLISH_ONLY.has(w.toLowerCase()))) bad.push(line);
      run = [];
    };
    for (const t of tokens) {
      if (/^[A-Za-z]+(?:'[a-z]+)?$/.test(t)) run.push(t);
      else flush();
    }
    flush();
  }
  return [...new Set(bad)];
}

/** What no screen may show: a stack trace, or labs calling something a bug of its own. */
export const STACK_TRACE = /^\s+at \S.*\(.*:\d+:\d+\)|^\s+at (?:file|node):|AbortError|This is a bug in labs|labs의 버그/m;
