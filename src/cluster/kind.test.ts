import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stubRunner } from '../exec/run.ts';
import { createdClusters, createKindCluster, deleteKindCluster, kindClusterExists, kindConfig, kindCreateArgs } from './kind.ts';

describe('kind', () => {
  let home: string | undefined;
  beforeEach(() => {
    home = process.env.LABS_HOME;
    process.env.LABS_HOME = mkdtempSync(join(tmpdir(), 'labs-home-'));
  });
  afterEach(() => {
    if (home === undefined) delete process.env.LABS_HOME;
    else process.env.LABS_HOME = home;
  });

  it('writes a one-node config named labs', () => {
    expect(parse(kindConfig())).toEqual({
      kind: 'Cluster',
      apiVersion: 'kind.x-k8s.io/v1alpha4',
      name: 'labs',
      nodes: [{ role: 'control-plane', labels: { 'labs.dev/created-by': 'labs' } }],
      kubeadmConfigPatches: ['kind: KubeletConfiguration\npodPidsLimit: 1024\n'],
    });
  });

  it('builds create arguments, with an image only when given', () => {
    expect(kindCreateArgs('/c.yaml')).toEqual(['create', 'cluster', '--name', 'labs', '--config', '/c.yaml', '--wait', '180s']);
    expect(kindCreateArgs('/c.yaml', { image: 'kindest/node:v1.34.0', waitSeconds: 60 })).toEqual([
      'create', 'cluster', '--name', 'labs', '--config', '/c.yaml', '--wait', '60s', '--image', 'kindest/node:v1.34.0',
    ]);
  });

  it('finds an existing cluster by exact name', async () => {
    expect(await kindClusterExists(stubRunner({ 'kind get clusters': { stdout: 'labs-old\nlabs\n' } }))).toBe(true);
    expect(await kindClusterExists(stubRunner({ 'kind get clusters': { stdout: 'labs-old\n' } }))).toBe(false);
  });

  it('deletes only a cluster it created', async () => {
    const run = stubRunner({ 'kind create cluster': {}, 'kind delete cluster': {}, 'docker ps': { stdout: '' }, 'docker network rm kind': {} });
    expect(await deleteKindCluster(run)).toBe(false);
    expect(run.calls).toEqual([]);
    expect(await createKindCluster(run)).toBe('kind-labs');
    expect(createdClusters()).toEqual(['labs']);
    expect(await deleteKindCluster(run)).toBe(true);
    expect(run.calls.slice(-3)).toEqual(['kind delete cluster --name labs', 'docker ps -aq --filter network=kind', 'docker network rm kind']);
    expect(createdClusters()).toEqual([]);
  });

  it('leaves kind\'s docker network alone while another cluster uses it', async () => {
    const run = stubRunner({ 'kind create cluster': {}, 'kind delete cluster': {}, 'docker ps': { stdout: 'abc123' } });
    await createKindCluster(run);
    await deleteKindCluster(run);
    expect(run.calls).not.toContain('docker network rm kind');
  });

  it('explains a failed create with the command and its stderr', async () => {
    const run = stubRunner({ 'kind create cluster': { exitCode: 1, stderr: 'ERROR: failed to create cluster: docker not running' } });
    await expect(createKindCluster(run)).rejects.toMatchObject({ text: { en: expect.stringMatching(/`kind create cluster --name labs .*` exited 1:\nERROR: failed to create cluster: docker not running/) } });
  });
});
