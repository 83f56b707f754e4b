import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { waitOn } from '../../src/run/wait.ts';
import { E2E, e2eKube } from './cluster.ts';

/** The offline cluster's state folder (pid files, logs): beside its kubeconfig. */
const STATE = dirname(E2E.kubeconfig);

function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[0];
    return state !== undefined && state !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Kills the offline cluster's kube-apiserver (SIGKILL, as a crash would) and starts it again with the same
 * command line, log and pid file, as scripts/cluster/up does; resolves once it answers again.
 */
export async function crashApiServer(onDown: () => void = () => undefined): Promise<{ downMs: number }> {
  const pidFile = join(STATE, 'pids', 'kube-apiserver.pid');
  if (!existsSync(pidFile)) throw new Error(`${pidFile} not found: these fault tests need the offline cluster of scripts/cluster/up`);
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const t0 = Date.now();
  process.kill(pid, 'SIGKILL');
  await waitOn(undefined, 'kube-apiserver gone', 30, async () => (alive(pid) ? { done: false, why: 'still running' } : { done: true, value: undefined }));
  onDown();
  const log = openSync(join(STATE, 'logs', 'kube-apiserver.log'), 'a');
  const child = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  child.unref();
  writeFileSync(pidFile, `${child.pid}\n`);
  const kube = e2eKube();
  await waitOn(undefined, 'kube-apiserver answering again', 180, async () => {
    try {
      await kube.version({ timeoutMs: 2000 });
      return { done: true, value: undefined };
    } catch {
      return { done: false, why: 'not answering yet' };
    }
  });
  return { downMs: Date.now() - t0 };
}
