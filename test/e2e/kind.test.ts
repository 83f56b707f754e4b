// The students' default path on a real kind cluster, with no --context: labs creates kind cluster "labs" from the
// node image in LABS_KIND_IMAGE, loads the labs' images from an archive (`labs images save`, `--images`), passes
// both labs, grades, and `labs down` leaves nothing behind. Runs only with LABS_E2E_KIND=1 (scripts/test-all sets
// it after scripts/kind/docker-up and scripts/kind/node-image); then a missing docker, kind or node image fails it.
import { execa } from 'execa';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveContents } from '../../src/cluster/image-archive.ts';
import { type SubmissionResult } from '../../src/grade/result.ts';
import { Kube, loadKubeConfig } from '../../src/kube/client.ts';
import { PROJECT_ROOT } from '../../src/load/load-labs.ts';
import { KIND } from '../../src/model/kube.ts';
import { type LabResult } from '../../src/run/result.ts';

const ENABLED = process.env.LABS_E2E_KIND === '1';
const NODE_IMAGE = process.env.LABS_KIND_IMAGE || 'labs.local/kind-node:v1.34.4';
/** The offline stand-ins of the labs' images (scripts/cluster/images), loaded into docker first when present. */
const STAND_INS = process.env.LABS_E2E_IMAGE_ARCHIVES ?? '/var/cache/labs-cluster/images';
const LAB_IMAGES = ['docker.io/library/busybox:1.36', 'docker.io/library/busybox:latest', 'docker.io/library/mysql:8.0', 'docker.io/library/postgres:15', 'docker.io/library/redis:7-alpine'];
const MINUTE = 60_000;

const dir = ENABLED ? mkdtempSync(join(tmpdir(), 'labs-kind-e2e-')) : '';
const env = {
  KUBECONFIG: join(dir, 'kubeconfig'),
  LABS_HOME: join(dir, 'home'),
  LABS_KIND_IMAGE: NODE_IMAGE,
  CI: '1',
  NO_COLOR: '1',
};
const allImages = join(dir, 'images', 'all.tar');
const redisImages = join(dir, 'images', 'redis.tar');

/** Runs the labs CLI as a student would: no --context, our own kubeconfig and LABS_HOME. */
function labs(args: string[], timeoutMs = 15 * MINUTE) {
  return execa('node', [join(PROJECT_ROOT, 'bin', 'labs.js'), ...args, '--lang', 'en'], { reject: false, all: true, env, timeout: timeoutMs });
}

/** A command that must work; its output. */
async function sh(cmd: string, args: string[], timeoutMs = 2 * MINUTE): Promise<string> {
  const r = await execa(cmd, args, { reject: false, all: true, timeout: timeoutMs });
  if (r.exitCode !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.exitCode ?? r.signal}: ${r.all}`);
  return r.stdout;
}

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);
const kindClusters = async () => lines(await sh('kind', ['get', 'clusters'])).filter((l) => !/^No kind clusters/.test(l));
const contexts = () => (existsSync(env.KUBECONFIG) ? ((parse(readFileSync(env.KUBECONFIG, 'utf8')) ?? {}) as { contexts?: { name: string }[] }).contexts ?? [] : []).map((c) => c.name);
const recorded = () => (existsSync(join(env.LABS_HOME, 'created-clusters.json')) ? JSON.parse(readFileSync(join(env.LABS_HOME, 'created-clusters.json'), 'utf8')) as string[] : []);
const volumes = async () => lines(await sh('docker', ['volume', 'ls', '-q']));
const networks = async () => lines(await sh('docker', ['network', 'ls', '--format', '{{.Name}}']));

describe.runIf(ENABLED)('labs on a kind cluster of its own (LABS_E2E_KIND=1)', () => {
  let before: { volumes: string[]; networks: string[] };

  beforeAll(async () => {
    // Required, not optional: with LABS_E2E_KIND=1 a machine without them fails here.
    await sh('docker', ['info', '--format', '{{.ServerVersion}}']);
    await sh('kind', ['version']);
    await sh('docker', ['image', 'inspect', '--format', '{{.Id}}', NODE_IMAGE]).catch((e: Error) => {
      throw new Error(`node image ${NODE_IMAGE} is not in docker (sudo scripts/kind/node-image): ${e.message}`);
    });
    if ((await kindClusters()).includes('labs')) throw new Error('a kind cluster "labs" already exists: this test makes its own and would not touch it');
    for (const name of ['busybox', 'redis', 'mysql', 'postgres']) {
      const archive = join(STAND_INS, `${name}.tar`);
      if (existsSync(archive)) await sh('docker', ['load', '-i', archive], 5 * MINUTE);
    }
    before = { volumes: await volumes(), networks: await networks() };
  });

  afterAll(async () => {
    // Whatever failed above, the cluster labs made does not outlive the test.
    if (recorded().includes('labs')) await labs(['down'], 5 * MINUTE);
    // The archives are hundreds of MB.
    rmSync(dir, { recursive: true, force: true });
  });

  it('labs images save writes the labs\' images into one archive, and names an image it cannot get', async () => {
    const all = await labs(['images', 'save', '-o', allImages]);
    expect(all.all).toMatch(/all\.tar: 5 image\(s\)/);
    expect(all.exitCode).toBe(0);
    expect(archiveContents(allImages)).toMatchObject({ format: 'docker', images: LAB_IMAGES });
    const redis = await labs(['images', 'save', 'week3-day3/redis-statefulset', '-o', redisImages]);
    expect(redis.exitCode).toBe(0);
    expect(archiveContents(redisImages).images).toEqual(['docker.io/library/busybox:latest', 'docker.io/library/redis:7-alpine']);

    // A lab whose probe image docker does not have and cannot pull: no archive, the image named, how to get it.
    const lab = join(dir, 'lab-absent-image');
    cpSync(join(PROJECT_ROOT, 'labs', 'week3-day3', 'redis-statefulset'), lab, { recursive: true });
    const yaml = readFileSync(join(lab, 'lab.yaml'), 'utf8');
    writeFileSync(join(lab, 'lab.yaml'), yaml.replace('{ name: dns, image: busybox }', '{ name: dns, image: labs.local/e2e-absent:1 }'));
    const absent = await labs(['images', 'save', lab, '-o', join(dir, 'images', 'absent.tar')]);
    expect(absent.exitCode).toBe(3);
    expect(absent.all).toMatch(/labs\.local\/e2e-absent:1: not in docker, pulling it/);
    expect(absent.all).toMatch(/1 image\(s\) are not in docker and could not be pulled, so no archive was written:\n {2}labs\.local\/e2e-absent:1 \(week3-day3\/redis-statefulset\): /);
    expect(absent.all).toMatch(/hint: On a machine that reaches the registry, `docker pull` them and `docker save -o images\.tar labs\.local\/e2e-absent:1`/);
    expect(existsSync(join(dir, 'images', 'absent.tar'))).toBe(false);
  });

  it('labs smoke --images creates the kind cluster, loads the images and passes both labs on local-path', async () => {
    const json = join(dir, 'smoke.json');
    const r = await labs(['smoke', '--images', allImages, '--json', json], 25 * MINUTE);
    expect(r.all).toMatch(/Creating kind cluster "labs"/);
    expect(r.all).toMatch(/Created StorageClass "hostpath" \(served by rancher\.io\/local-path\)/);
    expect(r.all).toMatch(/Loading 5 image\(s\) \([\d.]+ MB\) into kind cluster "labs": docker\.io\/library\/busybox:1\.36, docker\.io\/library\/busybox:latest, docker\.io\/library\/mysql:8\.0, docker\.io\/library\/postgres:15, docker\.io\/library\/redis:7-alpine…/);
    expect(r.all).toMatch(/Images loaded \([\d.]+s\)\./);
    expect(r.all).toMatch(/smoke: 5 lab\(s\), 56 checks passed, 0 failed, 0 blocked, 0 errors/);
    expect(r.exitCode).toBe(0);

    expect(contexts()).toContain('kind-labs');
    expect(recorded()).toEqual(['labs']);
    const kube = new Kube(loadKubeConfig('kind-labs', env.KUBECONFIG));
    expect(await kube.get(KIND.storageClass, 'hostpath')).toMatchObject({ provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' });

    // The other branch of pvc-bindable: the claim waits for its first consumer, and the check says why.
    const { results } = JSON.parse(readFileSync(json, 'utf8')) as { results: LabResult[] };
    const bindable = results.flatMap((l) => l.steps.flatMap((s) => s.checks)).find((c) => c.id === 'pvc-bindable')!;
    expect(bindable.status).toBe('pass');
    expect(bindable.detail?.en).toMatch(/^Pending: StorageClass hostpath binds WaitForFirstConsumer, so the PV is made when a pod using this PVC is scheduled\./);
    expect(bindable.detail?.ko).toMatch(/WaitForFirstConsumer 모드라/);
  });

  it('labs doctor finds every lab image on the node', async () => {
    const r = await labs(['doctor']);
    expect(r.all).toMatch(/✔ cluster +kind-labs: Kubernetes v1\.34\.\d+/);
    expect(r.all).toMatch(/✔ images +all 5 lab images are on the node\(s\)/);
    expect(r.exitCode).toBe(0);
  });

  it('labs start --auto --images walks a lab in the default namespace, and labs check agrees', async () => {
    const start = await labs(['start', 'week3-day3/redis-statefulset', '--auto', '--images', redisImages]);
    expect(start.all).toMatch(/Loading 2 image\(s\) \([\d.]+ MB\) into kind cluster "labs"/);
    expect(start.all).toMatch(/namespace default, context kind-labs/);
    expect(start.all).toMatch(/week3-day3\/redis-statefulset: 11 passed, 0 failed, 0 blocked, 0 errors, 0 skipped/);
    expect(start.exitCode).toBe(0);
    const check = await labs(['check', 'week3-day3/redis-statefulset']);
    expect(check.all).toMatch(/11 passed, 0 failed, 0 blocked, 0 errors/);
    expect(check.exitCode).toBe(0);
  });

  it('labs grade says the cluster does not enforce NetworkPolicy and grades one at a time', async () => {
    const klass = join(dir, 'class');
    for (const student of ['ref-kim', 'lee-not-headless']) cpSync(join(PROJECT_ROOT, 'test', 'fixtures', 'class-redis', student), join(klass, student), { recursive: true });
    const out = join(dir, 'grades');
    const refused = await labs(['grade', 'week3-day3/redis-statefulset', klass, '--out', out, '--parallel', '2']);
    expect(refused.all).toMatch(/this cluster does not enforce NetworkPolicy, so students graded at the same time could reach each other's pods/);
    expect(refused.exitCode).toBe(2);

    const r = await labs(['grade', 'week3-day3/redis-statefulset', klass, '--out', out, '--parallel', '1', '--check-timeout', '20', '--images', redisImages], 25 * MINUTE);
    expect(r.all).toMatch(/Warning: this cluster does not enforce NetworkPolicy/);
    expect(r.all).toMatch(/graded 2 of 2/);
    expect(r.exitCode).toBe(0);
    const { results } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { results: SubmissionResult[] };
    expect(Object.fromEntries(results.map((s) => [s.student, [s.score, s.checks.filter((c) => c.status !== 'pass').map((c) => c.id)]]))).toEqual({
      'ref-kim': [9, []],
      'lee-not-headless': [8, ['service-headless']],
    });
  });

  it('labs down deletes the cluster and leaves nothing of it', async () => {
    const r = await labs(['down'], 5 * MINUTE);
    expect(r.all).toMatch(/deleted kind cluster "labs" and its kubeconfig context kind-labs/);
    expect(r.exitCode).toBe(0);
    expect(await kindClusters()).not.toContain('labs');
    expect(contexts()).not.toContain('kind-labs');
    expect(recorded()).toEqual([]);
    expect(lines(await sh('docker', ['ps', '-a', '-q', '--filter', 'label=io.x-k8s.kind.cluster']))).toEqual([]);
    expect((await volumes()).filter((v) => !before.volumes.includes(v))).toEqual([]);
    // kind keeps its "kind" network for the next cluster (kind delete cluster never removes it): nothing may be on it.
    expect((await networks()).filter((n) => !before.networks.includes(n) && n !== 'kind')).toEqual([]);
    if ((await networks()).includes('kind')) expect(lines(await sh('docker', ['network', 'inspect', 'kind', '--format', '{{range .Containers}}{{.Name}} {{end}}']))).toEqual([]);
  });
});
