import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Writes a lab folder outside the package, as an instructor brings one: lab.yaml, and checks/hello.ts that
 * imports `labs/check` and a helper of its own by a relative .ts path. The check passes when it can list the
 * pods of its namespace, and exports the API functions it got, so a test can compare them with the runner's.
 */
export function writeOutsideLab(dir = mkdtempSync(join(tmpdir(), 'outside-lab-'))): string {
  mkdirSync(join(dir, 'checks', 'lib'), { recursive: true });
  writeFileSync(join(dir, 'lab.yaml'), `id: outside/hello
title: { ko: 바깥 랩, en: A lab from outside }
summary: { ko: 패키지 밖에서 온 랩입니다., en: A lab that does not come with the package. }
steps:
  - id: hello
    title: { ko: 인사, en: Hello }
    instructions: { ko: 할 일이 없습니다., en: Nothing to do. }
    checks: [hello]
    timeout: 20
`);
  writeFileSync(join(dir, 'checks', 'lib', 'words.ts'), `export const WORDS: { ko: string; en: string } = { ko: '파드', en: 'pods' };\n`);
  writeFileSync(join(dir, 'checks', 'hello.ts'), `import { defineCheck, fail, KIND, pass, text, type CheckContext } from 'labs/check';
import { WORDS } from './lib/words.ts';

/** What this module got for labs/check, for tests. */
export const api = { defineCheck, fail, pass, text };

export default defineCheck({
  id: 'hello',
  title: text('인사', 'hello'),
  async run(ctx: CheckContext) {
    const pods = await ctx.kube.list(KIND.pod, ctx.namespace);
    return pass(text(\`\${WORDS.ko} \${pods.length}개\`, \`\${pods.length} \${WORDS.en}\`));
  },
});
`);
  return dir;
}

/** What a compiled runner saw when it loaded every bundled check and the outside lab's check. */
export interface CompiledProbe {
  /** "lab/check" of every bundled check loaded. */
  bundled: string[];
  /** Every module URL Node loaded while loading the bundled checks. */
  seenBundled: string[];
  /** Every module URL Node loaded, up to the end. */
  seen: string[];
  /** What the runner resolves `labs/check` to. */
  apiUrl: string;
  /** The outside check's labs/check functions are the runner's own. */
  same: { fail: boolean; pass: boolean; text: boolean };
  /** The outside check's outcome on a cluster with no pods. */
  outcome: unknown;
}

// Run by Node, without tsx, on the compiled code of a package root: records every module loaded (a load
// hook), loads the bundled checks, then the outside lab's check, and prints what it saw as JSON.
const PROBE = `import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const [root, outsideLab] = process.argv.slice(2);
const SEEN = \`const seen = [];
export async function resolve(specifier, context, next) {
  return specifier.startsWith('labs-probe:') ? { url: specifier, shortCircuit: true } : next(specifier, context);
}
export async function load(url, context, next) {
  if (url.startsWith('labs-probe:')) return { format: 'module', source: 'export default ' + JSON.stringify(seen), shortCircuit: true };
  seen.push(url);
  return next(url, context);
}\`;
register('data:text/javascript,' + encodeURIComponent(SEEN));
const at = (p) => pathToFileURL(join(root, p)).href;
const { loadLab, loadLabs } = await import(at('dist/src/load/load-labs.js'));
const { loadCheck, CHECK_API_URL } = await import(at('dist/src/run/check-loader.js'));
const { fail, pass } = await import(at('dist/src/check/outcome.js'));
const { text } = await import(at('dist/src/model/text.js'));
const bundled = [];
for (const lab of loadLabs()) for (const step of lab.steps) for (const ref of step.checks) {
  const id = typeof ref === 'string' ? ref : ref.id;
  await loadCheck(lab, id);
  bundled.push(lab.id + '/' + id);
}
const seenBundled = (await import('labs-probe:seen-1')).default;
const check = await loadCheck(loadLab(join(outsideLab, 'lab.yaml')), 'hello');
const { api } = await import(pathToFileURL(join(outsideLab, 'checks', 'hello.ts')).href);
const kube = { list: async () => [], get: async () => undefined };
const outcome = await check.run({ namespace: 'default', kube, recall: () => undefined, signal: new AbortController().signal });
const seen = (await import('labs-probe:seen-2')).default;
process.stdout.write(JSON.stringify({ bundled, seenBundled, seen, apiUrl: CHECK_API_URL, same: { fail: api.fail === fail, pass: api.pass === pass, text: api.text === text }, outcome }));
`;

/** Runs PROBE with Node on the compiled code under `root` (a clone after a build, or an installed package). */
export async function probeCompiled(root: string, outsideLab: string, timeoutMs = 60_000): Promise<CompiledProbe> {
  const dir = mkdtempSync(join(tmpdir(), 'labs-probe-'));
  const script = join(dir, 'probe.mjs');
  writeFileSync(script, PROBE);
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [script, root, outsideLab], { cwd: dir, timeout: timeoutMs, env: { ...process.env, NODE_OPTIONS: '' } }, (e, out, err) => (e ? reject(new Error(`${e.message}\n${err}`)) : resolve(out)));
  });
  return JSON.parse(stdout) as CompiledProbe;
}

/** The module URL of `path` under `root`, as Node names it. */
export function urlUnder(root: string, path: string): string {
  return pathToFileURL(join(root, path)).href;
}
