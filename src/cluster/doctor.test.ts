import { describe, expect, it } from 'vitest';
import { stubRunner } from '../exec/run.ts';
import { diagnose } from './doctor.ts';

describe('labs doctor', () => {
  it('names each missing tool with its fix, and never throws', async () => {
    process.env.KUBECONFIG = '/nonexistent/kubeconfig';
    const run = stubRunner({ 'kubectl version --client': { stdout: 'Client Version: v1.34.4' } });
    const d = await diagnose(run, {});
    delete process.env.KUBECONFIG;
    expect(d.map((x) => [x.name, x.status])).toEqual([['docker', 'fail'], ['kind', 'fail'], ['kubectl', 'ok'], ['cluster', 'fail']]);
    expect(d[0]).toMatchObject({ detail: { en: 'docker is not installed', ko: 'docker을(를) 찾을 수 없습니다' }, fix: { en: expect.stringMatching(/Install Docker/) } });
    expect(d[3]!.fix?.en).toMatch(/labs start <lab>/);
  });

  it('never shows a tool that answers with an error as found', async () => {
    process.env.KUBECONFIG = '/nonexistent/kubeconfig';
    const run = stubRunner({ 'docker info': { exitCode: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' } });
    const d = await diagnose(run, {});
    delete process.env.KUBECONFIG;
    expect(d[0]).toMatchObject({ name: 'docker', status: 'fail', output: expect.stringMatching(/Cannot connect to the Docker daemon/), fix: { en: expect.stringMatching(/start it/) } });
  });

  it('does not need docker or kind with --context', async () => {
    process.env.KUBECONFIG = '/nonexistent/kubeconfig';
    const d = await diagnose(stubRunner({ kubectl: {} }), { context: 'prod' });
    delete process.env.KUBECONFIG;
    expect(d.slice(0, 2).map((x) => [x.name, x.status, x.detail.en])).toEqual([
      ['docker', 'skip', 'not needed with --context: docker is not installed'],
      ['kind', 'skip', 'not needed with --context: kind is not installed'],
    ]);
  });
});
