/**
 * Benchmark (not a test): how soon a student sees a verdict once it is certain. Plays the mistakes of issue 7
 * against a running cluster, each in a namespace of its own, with labs in a pseudo-terminal as a student
 * runs it, and prints one table: per case, the time from the moment the verdict became certain to the
 * verdict on screen, next to its target. Run through scripts/bench-feedback.
 *
 *   Parallel StatefulSet   labs start   certain when the last pod is Ready        target 15 s
 *   2Gi PVC                labs start   certain when the apply is done            target 5 s
 *   missing namespace      labs check   certain when the command starts           target 3 s, names the namespace
 *   correct StatefulSet    labs start   true when the last pod is Ready           passes as soon as true
 *   correct PVC            labs start   true when the PVC is Bound                passes as soon as true
 *   no readiness probe     labs start   true when MySQL first answers             target 5 s; only `probes` is lost
 *
 * "Certain" moments are seen by polling the API server (every 250 ms at most), so they may be seen up to a
 * quarter of a second late. Exit code 0 when every target is met, 1 otherwise.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const usage = 'usage: scripts/bench-feedback [--runs N] [--only case,...] [--context ctx] [--kubeconfig file]';
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
if (args.includes('-h') || args.includes('--help')) {
  console.log(usage);
  process.exit(0);
}
const runs = Number(opt('--runs') ?? 1);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(usage);
  process.exit(2);
}
process.env.LABS_E2E_CONTEXT = opt('--context') ?? process.env.LABS_E2E_CONTEXT ?? 'labs-local';
process.env.LABS_E2E_KUBECONFIG = opt('--kubeconfig') ?? process.env.LABS_E2E_KUBECONFIG ?? `${process.env.LABS_CLUSTER_STATE ?? '/var/lib/labs-cluster'}/kubeconfig`;

// The cluster is named through the environment, so the helpers are loaded after it is set.
const { deleteNamespace, namespaceName } = await import('../src/cluster/namespace.ts');
const { E2E, e2eKube } = await import('../test/e2e/cluster.ts');
const { applyAtPrompt, KEY, labsInTerminal, lastPodReady, pvcBound, SCREEN, studentFolder, swap } = await import('../test/e2e/student.ts');
type Pty = import('../test/e2e/pty.ts').Pty;

const kube = e2eKube();
const w = SCREEN.en;
const cleanups: (() => unknown)[] = [];
const cleanUp = async () => {
  for (const c of cleanups.splice(0).reverse()) {
    try {
      await c();
    } catch {
      // one cleanup failing must not keep the others from running
    }
  }
};
let stopping = false;
process.on('SIGINT', () => {
  if (stopping) process.exit(130);
  stopping = true;
  console.error('\nbench-feedback: interrupted; cleaning up (Ctrl-C again to leave things behind)');
  void cleanUp().finally(() => process.exit(130));
});

/** A namespace name, a LABS_HOME and a student's folder for one run, all removed afterwards. */
function sandbox(name: string) {
  const ns = namespaceName('labs-bench', name);
  const home = mkdtempSync(join(tmpdir(), `labs-bench-home-`));
  cleanups.push(() => rmSync(home, { recursive: true, force: true }));
  cleanups.push(() => deleteNamespace(kube, ns, 240).catch(() => undefined));
  const labs = (a: string[], cwd?: string): Pty => {
    const p = labsInTerminal([...a, '--lang', 'en'], { home, cwd, cols: 200 });
    cleanups.push(() => p.kill());
    return p;
  };
  const folder = (lab: 'mysql-pvc' | 'redis-statefulset', edits?: Record<string, (y: string) => string>) => {
    const f = studentFolder(lab, edits);
    cleanups.push(() => f.remove());
    return f;
  };
  return { ns, labs, folder };
}

/** One measurement: milliseconds from the certain moment to the verdict on screen, and a note. */
interface Sample {
  ms: number;
  note?: string;
}

/** Ends a session that waits at a prompt or menu. */
async function quit(p: Pty): Promise<void> {
  p.type(`q${KEY.enter}`);
  await p.exited;
}

const cases: { id: string; name: string; via: string; certain: string; targetMs?: number; run(): Promise<Sample> }[] = [
  {
    id: 'parallel', name: 'Parallel StatefulSet', via: 'labs start', certain: 'last pod Ready', targetMs: 15_000,
    async run() {
      const s = sandbox('parallel');
      const f = s.folder('redis-statefulset', { 'redis-statefulset.yaml': swap('  replicas: 3\n', '  replicas: 3\n  podManagementPolicy: Parallel\n') });
      const p = s.labs(['start', 'week3-day3/redis-statefulset', '--from', 'statefulset', '--namespace', s.ns], f.dir);
      const { mark } = await applyAtPrompt(p, w.prompt, s.ns, f.dir, ['redis-headless-service.yaml', 'redis-statefulset.yaml']);
      const [ready, shown] = await Promise.all([lastPodReady(kube, s.ns, 'app=redis', 3, 300), p.waitFor('✖ ordered-start', { from: mark, timeoutMs: 330_000 })]);
      await p.waitFor(w.menu, { from: mark });
      await quit(p);
      return { ms: shown.at - ready };
    },
  },
  {
    id: 'pvc-2gi', name: '2Gi PVC', via: 'labs start', certain: 'apply done', targetMs: 5_000,
    async run() {
      const s = sandbox('pvc-2gi');
      const f = s.folder('mysql-pvc', { 'mysql-pvc.yaml': swap('storage: 1Gi', 'storage: 2Gi') });
      const p = s.labs(['start', 'week3-day3/mysql-pvc', '--namespace', s.ns], f.dir);
      const { mark, applied } = await applyAtPrompt(p, w.prompt, s.ns, f.dir, ['mysql-pvc.yaml']);
      const shown = await p.waitFor('✖ pvc-spec', { from: mark, timeoutMs: 90_000 });
      await p.waitFor(w.menu, { from: mark });
      await quit(p);
      return { ms: shown.at - applied };
    },
  },
  {
    id: 'missing-namespace', name: 'missing namespace', via: 'labs check', certain: 'command start', targetMs: 3_000,
    async run() {
      const s = sandbox('missing-ns');
      const started = Date.now();
      const p = s.labs(['check', 'week3-day3/mysql-pvc', '--namespace', s.ns]);
      const shown = await p.waitFor('✖ pvc-spec', { timeoutMs: 150_000 });
      const end = await p.exited;
      const failure = p.text().slice(shown.start);
      const named = failure.includes(`Namespace/${s.ns}`) && failure.includes(`Namespace ${s.ns} does not exist`);
      return { ms: shown.at - started, note: `names the namespace: ${named ? 'yes' : 'NO'}; exit ${end.code}` };
    },
  },
  {
    id: 'correct-statefulset', name: 'correct StatefulSet', via: 'labs start', certain: 'last pod Ready',
    async run() {
      const s = sandbox('correct-sts');
      const f = s.folder('redis-statefulset');
      const p = s.labs(['start', 'week3-day3/redis-statefulset', '--from', 'statefulset', '--namespace', s.ns], f.dir);
      const { mark } = await applyAtPrompt(p, w.prompt, s.ns, f.dir, ['redis-headless-service.yaml', 'redis-statefulset.yaml']);
      const [ready, shown] = await Promise.all([lastPodReady(kube, s.ns, 'app=redis', 3, 300), p.waitFor(/\[3\/5\]|\[r\] retry/, { from: mark, timeoutMs: 330_000 })]);
      if (shown.match[0] !== '[3/5]') throw new Error(`the correct StatefulSet did not pass:\n${p.text().slice(mark).slice(-2000)}`);
      await p.waitFor(w.prompt, { from: shown.end });
      await quit(p);
      return { ms: shown.at - ready, note: 'step passed (next step shown)' };
    },
  },
  {
    id: 'correct-pvc', name: 'correct PVC', via: 'labs start', certain: 'PVC Bound',
    async run() {
      const s = sandbox('correct-pvc');
      const f = s.folder('mysql-pvc');
      const p = s.labs(['start', 'week3-day3/mysql-pvc', '--namespace', s.ns], f.dir);
      const { mark } = await applyAtPrompt(p, w.prompt, s.ns, f.dir, ['mysql-pvc.yaml']);
      const [bound, shown] = await Promise.all([pvcBound(kube, s.ns, 'mysql-pvc', 90), p.waitFor(/\[2\/4\]|\[r\] retry/, { from: mark, timeoutMs: 90_000 })]);
      if (shown.match[0] !== '[2/4]') throw new Error(`the correct PVC did not pass:\n${p.text().slice(mark).slice(-2000)}`);
      await p.waitFor(w.prompt, { from: shown.end });
      await quit(p);
      return { ms: shown.at - bound, note: 'step passed (next step shown)' };
    },
  },
  {
    // Ready at once, long before MySQL has initialised: "can't connect" must not be the verdict, and the step must
    // fail for the missing probes alone, as soon as MySQL answers.
    id: 'no-readiness-probe', name: 'no readiness probe', via: 'labs start', certain: 'MySQL answers', targetMs: 5_000,
    async run() {
      const s = sandbox('no-probes');
      const f = s.folder('mysql-pvc', { 'mysql-deployment.yaml': (y) => y.replace(/ {8}livenessProbe:[\s\S]*?periodSeconds: 5\n/, '') });
      const p = s.labs(['start', 'week3-day3/mysql-pvc', '--from', 'deploy', '--namespace', s.ns], f.dir);
      const { mark } = await applyAtPrompt(p, w.prompt, s.ns, f.dir, ['mysql-pvc.yaml', 'mysql-deployment.yaml']);
      const [answered, shown] = await Promise.all([mysqlAnswers(s.ns, 300), p.waitFor(w.menu, { from: mark, timeoutMs: 330_000 })]);
      const screen = p.text().slice(mark);
      const onlyProbes = screen.includes('✖ probes') && screen.includes('✔ mysql-answers') && !/✖ (deployment-available|mysql-answers|pod-mounts-pvc|pvc-bound)/.test(screen);
      await quit(p);
      return { ms: shown.at - answered, note: `only probes lost: ${onlyProbes ? 'yes' : 'NO'}` };
    },
  },
];

/** When MySQL in the namespace first answers a query (polled through the API server every half second). */
async function mysqlAnswers(ns: string, seconds: number): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const pod = (await kube.list({ apiVersion: 'v1', kind: 'Pod' }, ns, 'app=mysql')).find((x) => (x.status as { phase?: string } | undefined)?.phase === 'Running');
    if (pod) {
      const r = await kube.exec(ns, pod.metadata.name!, ['mysql', '-h', '127.0.0.1', '-uroot', '-ppassword123', '-e', 'SELECT 1'], undefined, { timeoutMs: 5000 }).catch(() => ({ exitCode: 1 }));
      if (r.exitCode === 0) return Date.now();
    }
    if (Date.now() > deadline) throw new Error('MySQL never answered');
    await new Promise((r) => setTimeout(r, 500));
  }
}

const only = opt('--only')?.split(',');
const chosen = cases.filter((c) => !only || only.includes(c.id));
if (chosen.length === 0) {
  console.error(`bench-feedback: no such case; cases: ${cases.map((c) => c.id).join(', ')}`);
  process.exit(2);
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const loadBefore = load();
const rows: string[][] = [];
let allMet = true;
for (const c of chosen) {
  const samples: Sample[] = [];
  let error: string | undefined;
  for (let i = 0; i < runs && !error; i++) {
    try {
      samples.push(await c.run());
    } catch (e) {
      // The first line says what did not happen; the screen's last line, what labs said instead.
      const lines = (e instanceof Error ? e.message : String(e)).split('\n').map((l) => l.trim()).filter(Boolean);
      error = lines.length > 1 ? `${lines[0]!.split(';')[0]}: ${lines.at(-1)}` : lines[0];
    } finally {
      await cleanUp();
    }
  }
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const worst = ms.at(-1);
  const median = ms[Math.floor((ms.length - 1) / 2)];
  const sec = (x?: number) => (x === undefined ? '-' : `${(x / 1000).toFixed(1)} s`);
  const met = error ? 'ERROR' : c.targetMs === undefined ? '-' : worst! <= c.targetMs ? 'yes' : 'NO';
  const notes = [...new Set(samples.map((s) => s.note).filter(Boolean))];
  if (notes.some((n) => n!.includes('NO')) || met === 'NO' || met === 'ERROR') allMet = false;
  rows.push([c.name, c.via, c.certain, runs > 1 ? `${sec(median)} (max ${sec(worst)})` : sec(worst), c.targetMs ? `≤ ${c.targetMs / 1000} s` : 'as soon as true', met, error ?? notes.join('; ')]);
}

const head = ['case', 'through', 'certain at', runs > 1 ? `on screen after (median of ${runs})` : 'on screen after', 'target', 'met', 'note'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((x, i) => (i === 3 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
console.log(`bench-feedback on ${E2E.context}: time from the moment a verdict was certain to the verdict on screen (labs in a pseudo-terminal)`);
console.log(`load average (1/5/15 min) before: ${loadBefore}, after: ${load()}; ${cpus().length} cores`);
console.log(line(head));
for (const r of rows) console.log(line(r));
console.log('(the certain moments are seen by polling every 250 ms, so a time may read up to 0.25 s short, even below zero)');
process.exit(allMet ? 0 : 1);
