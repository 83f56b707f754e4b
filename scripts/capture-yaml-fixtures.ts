// Captures what kubectl makes of each input of capture-yaml-fixtures.cases.ts: the JSON it sends for every object
// (its last-applied-configuration annotation, written by client-side apply from exactly what it read), values the
// server stored, or kubectl's error. Writes test/fixtures/yaml-as-kubectl.json, which src/load/manifests.test.ts
// replays through parseManifests.
//   node --import tsx scripts/capture-yaml-fixtures.ts [--kubectl PATH] [--kubeconfig FILE] [--context NAME]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/load/load-labs.ts';
import { writeJson } from '../src/files.ts';
import { CASES, type YamlCase } from './capture-yaml-fixtures.cases.ts';

const { values } = parseArgs({
  options: {
    kubectl: { type: 'string', default: '/var/cache/labs-cluster/bin/kubectl' },
    kubeconfig: { type: 'string', default: '/var/lib/labs-cluster/kubeconfig' },
    context: { type: 'string', default: 'labs-local' },
    namespace: { type: 'string', default: 'yaml-capture' },
  },
});
const NS = values.namespace!;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Runs kubectl with the capture's cluster; never throws. */
function kubectl(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(values.kubectl!, ['--kubeconfig', values.kubeconfig!, '--context', values.context!, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Waits (polling, with a deadline) until `ok` holds. */
function until(what: string, seconds: number, ok: () => boolean): void {
  const deadline = Date.now() + seconds * 1000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}

/** The value at a dotted path ("spec.volumes.0.name"). */
function at(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[k]), o);
}

/** Runs one case and records what kubectl sent, what the server kept at the asked paths, or kubectl's error. */
function capture(c: YamlCase, dir: string) {
  const file = join(dir, 'input.yaml');
  writeFileSync(file, c.base64 !== undefined ? Buffer.from(c.base64, 'base64') : c.input!);
  const r = kubectl(['apply', '--dry-run=server', '-o', 'json', `--validate=${c.validate ?? 'false'}`, '-n', NS, '-f', file]);
  const error = r.code === 0 ? null : r.stderr.trim().split(file).join('<file>');
  const out = r.stdout.trim() ? (JSON.parse(r.stdout) as { kind?: string; items?: unknown[] }) : undefined;
  const objects = (out === undefined ? [] : out.kind === 'List' && Array.isArray(out.items) ? out.items : [out]) as { metadata?: { annotations?: Record<string, string> } }[];
  const sent = objects.map((o) => JSON.parse(o.metadata?.annotations?.[LAST_APPLIED] ?? 'null') as unknown);
  const stored = c.stored && objects[0] ? Object.fromEntries(c.stored.map((p) => [p, at(objects[0], p)])) : undefined;
  return { ...c, validate: c.validate ?? 'false', sent, ...(stored ? { stored } : {}), error };
}

const version = JSON.parse(kubectl(['version', '-o', 'json']).stdout) as { clientVersion: { gitVersion: string }; serverVersion: { gitVersion: string } };
kubectl(['delete', 'namespace', NS, '--ignore-not-found', '--wait=true']);
const created = kubectl(['create', 'namespace', NS]);
if (created.code !== 0) throw new Error(created.stderr);
const dir = mkdtempSync(join(tmpdir(), 'yaml-capture-'));
try {
  // Pods need the namespace's default ServiceAccount, which a controller creates shortly after the namespace.
  until(`serviceaccount ${NS}/default`, 60, () => kubectl(['get', 'serviceaccount', 'default', '-n', NS]).code === 0);
  const cases = CASES.map((c) => capture(c, dir));
  writeJson(join(PROJECT_ROOT, 'test', 'fixtures', 'yaml-as-kubectl.json'), {
    about: 'What kubectl sends for each input (apply --dry-run=server -o json; the last-applied-configuration of each object). Captured by scripts/capture-yaml-fixtures.ts; do not edit.',
    kubectl: version.clientVersion.gitVersion,
    server: version.serverVersion.gitVersion,
    namespace: NS,
    cases,
  });
  console.log(`${cases.length} cases captured, ${cases.filter((c) => c.error).length} refused by kubectl`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  kubectl(['delete', 'namespace', NS, '--wait=false']);
}
