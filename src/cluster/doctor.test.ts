import { describe, expect, it } from 'vitest';
import { stubRunner } from '../exec/run.ts';
import { diagnose } from './doctor.ts';

describe('labs doctor', () => {
  it('names each missing tool with its fix, and never throws', async () => {
    process.env.KUBECONFIG = '/nonexistent/kubeconfig';
    const run = stubRunner({ 'kubectl version --client': { stdout: 'Client Version: v1.34.4' } });
    const d = await diagnose(run, {});
    delete process.env.KUBECONFIG;
    expect(d.map((x) => [x.name, x.ok])).toEqual([['docker', false], ['kind', false], ['kubectl', true], ['cluster', false]]);
    expect(d[0]).toMatchObject({ detail: 'docker: command not found', fix: expect.stringMatching(/Install Docker/) });
    expect(d[3]!.fix).toMatch(/labs start <lab>/);
  });

  it('does not need docker or kind with --context', async () => {
    process.env.KUBECONFIG = '/nonexistent/kubeconfig';
    const d = await diagnose(stubRunner({ kubectl: {} }), { context: 'prod' });
    delete process.env.KUBECONFIG;
    expect(d.slice(0, 2).map((x) => [x.name, x.ok, x.detail])).toEqual([
      ['docker', true, '(not needed with --context) docker: command not found'],
      ['kind', true, '(not needed with --context) kind: command not found'],
    ]);
  });
});
