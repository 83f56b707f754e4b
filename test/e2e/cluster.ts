import { execa } from 'execa';
import { join } from 'node:path';
import { Kube, loadKubeConfig } from '../../src/kube/client.ts';
import { PROJECT_ROOT } from '../../src/load/load-labs.ts';

/** The offline cluster the e2e tests run on (started by scripts/cluster/up). */
export const E2E = {
  kubeconfig: process.env.LABS_E2E_KUBECONFIG ?? '/var/lib/labs-cluster/kubeconfig',
  context: process.env.LABS_E2E_CONTEXT ?? 'labs-local',
};

/** A client for the e2e cluster. */
export function e2eKube(): Kube {
  return new Kube(loadKubeConfig(E2E.context, E2E.kubeconfig));
}

/** Runs the labs CLI as a user would (a real process), against the e2e cluster. */
export function labsCli(args: string[], env: Record<string, string> = {}) {
  return execa('node', [join(PROJECT_ROOT, 'bin', 'labs.js'), ...args, '--context', E2E.context, '--kubeconfig', E2E.kubeconfig], {
    reject: false,
    env: { CI: '1', NO_COLOR: '1', ...env },
    all: true,
  });
}
