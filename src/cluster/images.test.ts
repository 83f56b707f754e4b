import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CommandError, EXIT, UsageError } from '../errors.ts';
import { stubRunner, type Runner } from '../exec/run.ts';
import { findLab, loadLabs } from '../load/load-labs.ts';
import { canonicalImage } from '../k8s/image.ts';
import { connectWithImages } from './connect.ts';
import { archiveContents, checkArchive } from './image-archive.ts';
import { imagesTarget, kindLoadArgs, loadDeadlineMs, loadImageArchive } from './image-load.ts';
import { dockerSaveArgs, imagesOfLabs, labImages, saveImages } from './images.ts';
import { type Text } from '../model/text.ts';
import { type KubeObject } from '../model/kube.ts';
import { imagesOf } from '../k8s/pod-specs.ts';

/** The error a promise rejects with (the test fails when it resolves). */
async function rejection<E>(p: Promise<unknown>): Promise<E> {
  return p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e as E);
}

const tmp = () => mkdtempSync(join(tmpdir(), 'labs-images-'));

/** A docker save style archive: manifest.json naming the tags, and a layer. */
function dockerArchive(dir: string, tags: string[]): string {
  const src = join(dir, 'src');
  mkdirSync(join(src, 'abc'), { recursive: true });
  writeFileSync(join(src, 'manifest.json'), JSON.stringify([{ Config: 'abc.json', RepoTags: tags, Layers: ['abc/layer.tar'] }]));
  writeFileSync(join(src, 'abc', 'layer.tar'), Buffer.alloc(3000, 7));
  const file = join(dir, 'images.tar');
  execFileSync('tar', ['-cf', file, '-C', src, 'abc', 'manifest.json']);
  return file;
}

describe('the images of the labs', () => {
  it('names images as containerd does', () => {
    expect(canonicalImage('redis:7-alpine')).toBe('docker.io/library/redis:7-alpine');
    expect(canonicalImage('busybox')).toBe('docker.io/library/busybox:latest');
    expect(canonicalImage('index.docker.io/bitnami/redis:7')).toBe('docker.io/bitnami/redis:7');
    expect(canonicalImage('registry.k8s.io/pause:3.10')).toBe('registry.k8s.io/pause:3.10');
    expect(canonicalImage(`redis@sha256:${'a'.repeat(64)}`)).toBe(`docker.io/library/redis@sha256:${'a'.repeat(64)}`);
  });

  it('finds every container image of an object, wherever its pod spec is', () => {
    const cron = { kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: { initContainers: [{ image: 'busybox:1.36' }], containers: [{ image: 'redis:7-alpine' }, { name: 'no-image' }] } } } } } };
    expect(imagesOf([cron as unknown as KubeObject])).toEqual(['redis:7-alpine', 'busybox:1.36']); // containers, then init containers
    expect(imagesOf([{ kind: 'ConfigMap', data: { image: 'not-a-container' } } as unknown as KubeObject])).toEqual([]);
  });

  it('collects manifests, probes and labs grade\'s own image, each once with the labs using it', () => {
    expect(labImages(findLab('week3-day3/redis-statefulset'))).toEqual(['docker.io/library/busybox:latest', 'docker.io/library/redis:7-alpine']);
    expect(imagesOfLabs(loadLabs())).toEqual([
      { image: 'docker.io/library/busybox:1.36', labs: ['week3-day3/static-pv', 'week3-day4/jobs-cronjobs'] },
      { image: 'docker.io/library/busybox:latest', labs: ['week3-day3/redis-statefulset', 'week3-day3/static-pv', 'week3-day4/jobs-cronjobs'] },
      { image: 'docker.io/library/mysql:8.0', labs: ['week3-day3/mysql-pvc'] },
      { image: 'docker.io/library/postgres:15', labs: ['week3-day5/postgres-backup'] },
      { image: 'docker.io/library/redis:7-alpine', labs: ['week3-day3/redis-statefulset'] },
    ]);
    expect(imagesOfLabs([findLab('week3-day3/mysql-pvc')])).toEqual([
      { image: 'docker.io/library/busybox:latest', labs: [] },
      { image: 'docker.io/library/mysql:8.0', labs: ['week3-day3/mysql-pvc'] },
    ]);
  });

  it('builds docker save and kind load arguments', () => {
    expect(dockerSaveArgs('/x/a.tar.part', ['docker.io/library/redis:7-alpine', 'docker.io/library/busybox:latest'])).toEqual(['save', '-o', '/x/a.tar.part', 'docker.io/library/redis:7-alpine', 'docker.io/library/busybox:latest']);
    expect(kindLoadArgs('/x/a.tar', 'labs')).toEqual(['load', 'image-archive', '/x/a.tar', '--name', 'labs']);
    expect(loadDeadlineMs(0)).toBe(300_000);
    expect(loadDeadlineMs(350e6)).toBe(540_000);
  });
});

describe('labs images save', () => {
  const images = [
    { image: 'docker.io/library/busybox:latest', labs: [] },
    { image: 'docker.io/library/mysql:8.0', labs: ['week3-day3/mysql-pvc'] },
  ];
  const said: Text[] = [];
  const say = (t: Text) => void said.push(t);

  it('uses the images docker has and pulls the others, then writes one archive', async () => {
    const dir = tmp();
    const run = stubRunner({
      'docker version': { stdout: '20.10.24' },
      'docker image inspect --format {{.Id}} docker.io/library/busybox:latest': { stdout: 'sha256:1' },
      'docker image inspect --format {{.Id}} docker.io/library/mysql:8.0': { exitCode: 1, stderr: 'Error: No such image: docker.io/library/mysql:8.0' },
      'docker pull docker.io/library/mysql:8.0': {},
      'docker save': {},
    });
    const saving: Runner = async (cmd, args, opts) => {
      const r = await run(cmd, args, opts);
      if (cmd === 'docker' && args[0] === 'save') writeFileSync(args[2]!, 'archive');
      return r;
    };
    const out = join(dir, 'sub', 'labs.tar');
    const r = await saveImages({ run: saving, images, out, say });
    expect(r).toEqual({ file: out, bytes: 7, pulled: ['docker.io/library/mysql:8.0'] });
    expect(run.calls.at(-1)).toBe(`docker save -o ${out}.part docker.io/library/busybox:latest docker.io/library/mysql:8.0`);
    expect(existsSync(`${out}.part`)).toBe(false);
    expect(said.map((t) => t.en)).toContain('docker.io/library/mysql:8.0: not in docker, pulling it (docker pull)…');
  });

  it('names each image it cannot get and how to get it, and writes nothing', async () => {
    const dir = tmp();
    const run = stubRunner({
      'docker version': { stdout: '20.10.24' },
      'docker image inspect': { exitCode: 1, stderr: 'Error: No such image' },
      'docker pull docker.io/library/busybox:latest': { exitCode: 1, stderr: 'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host' },
      'docker pull docker.io/library/mysql:8.0': {},
    });
    const e = await rejection<CommandError>(saveImages({ run, images, out: join(dir, 'labs.tar'), say }));
    expect(e).toBeInstanceOf(CommandError);
    const err = e;
    expect(err.exitCode).toBe(EXIT.infra);
    expect(err.text.en).toMatch(/^1 image\(s\) are not in docker and could not be pulled, so no archive was written:\n {2}docker\.io\/library\/busybox:latest \(labs grade\): Error response from daemon: .*no such host$/);
    expect(err.text.ko).toMatch(/docker\.io\/library\/busybox:latest \(labs grade\)/);
    expect(err.hint?.en).toMatch(/docker save -o images\.tar docker\.io\/library\/busybox:latest.*docker load -i images\.tar/);
    expect(run.calls.some((c) => c.startsWith('docker save'))).toBe(false);
    expect(existsSync(join(dir, 'labs.tar'))).toBe(false);
  });

  it('says so when docker is missing or not running', async () => {
    const missing = await rejection<CommandError>(saveImages({ run: stubRunner({}), images, out: join(tmp(), 'a.tar'), say }));
    expect(missing.text.en).toBe('docker is not installed, so labs cannot collect the images');
    const down = await rejection<CommandError>(saveImages({ run: stubRunner({ 'docker version': { exitCode: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' } }), images, out: join(tmp(), 'a.tar'), say }));
    expect(down.text.en).toMatch(/^Docker does not answer: Cannot connect/);
    expect(down.hint?.ko).toMatch(/Docker를 실행하세요/);
  });
});

describe('--images', () => {
  it('reads the image names of a docker save archive without reading its layers', () => {
    const file = dockerArchive(tmp(), ['redis:7-alpine', 'busybox:latest']);
    expect(archiveContents(file)).toMatchObject({ format: 'docker', images: ['docker.io/library/busybox:latest', 'docker.io/library/redis:7-alpine'] });
  });

  it('refuses a missing file or one that is not an image archive, as a usage error', () => {
    const dir = tmp();
    const missing = (() => { try { checkArchive(join(dir, 'nope.tar')); } catch (e) { return e as UsageError; } })()!;
    expect(missing).toBeInstanceOf(UsageError);
    expect(missing.exitCode).toBe(EXIT.usage);
    expect(missing.text.en).toBe(`--images ${join(dir, 'nope.tar')}: no such file`);
    writeFileSync(join(dir, 'notes.txt'), 'hello, this is not a tar archive at all'.repeat(20));
    const notTar = (() => { try { checkArchive(join(dir, 'notes.txt')); } catch (e) { return e as UsageError; } })()!;
    expect(notTar.text.en).toBe(`--images ${join(dir, 'notes.txt')}: not an image archive (not a tar archive)`);
  });

  it('loads into labs\' kind cluster, or the kind cluster of a kind-<name> context, and refuses any other context', async () => {
    const run = stubRunner({ 'kind get clusters': { stdout: 'labs\nclassroom\n' }, 'kind get kubeconfig --name classroom': { stdout: stringify({ clusters: [{ name: 'kind-classroom', cluster: { server: 'https://127.0.0.1:40000' } }] }) } });
    expect(await imagesTarget({ run })).toBe('labs');
    const dir = tmp();
    const kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, stringify({
      apiVersion: 'v1', kind: 'Config',
      clusters: [{ name: 'kind-classroom', cluster: { server: 'https://127.0.0.1:40000' } }, { name: 'prod', cluster: { server: 'https://prod.example:6443' } }, { name: 'old', cluster: { server: 'https://127.0.0.1:39999' } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'kind-classroom', context: { cluster: 'kind-classroom', user: 'u' } }, { name: 'prod', context: { cluster: 'prod', user: 'u' } }, { name: 'kind-gone', context: { cluster: 'old', user: 'u' } }],
    }));
    expect(await imagesTarget({ run, context: 'kind-classroom', kubeconfig })).toBe('classroom');
    const prod = await rejection<UsageError>(imagesTarget({ run, context: 'prod', kubeconfig }));
    expect(prod).toBeInstanceOf(UsageError);
    expect(prod.exitCode).toBe(EXIT.usage);
    expect(prod.text.en).toBe('--images loads images into a kind cluster only (labs\' own, without --context, or a kind-<name> context): "prod" is not a kind context');
    expect(prod.text.ko).toMatch(/kind 컨텍스트가 아닙니다/);
    const gone = await rejection<UsageError>(imagesTarget({ run, context: 'kind-gone', kubeconfig }));
    expect(gone.text.en).toMatch(/there is no kind cluster "gone" on this machine$/);
    const other = stubRunner({ 'kind get clusters': { stdout: 'classroom\n' }, 'kind get kubeconfig --name classroom': { stdout: stringify({ clusters: [{ cluster: { server: 'https://127.0.0.1:41111' } }] }) } });
    const moved = await rejection<UsageError>(imagesTarget({ run: other, context: 'kind-classroom', kubeconfig }));
    expect(moved.text.en).toMatch(/is not kind cluster "classroom"'s \(https:\/\/127\.0\.0\.1:41111\)$/);
  });

  it('checks the archive before it makes or touches any cluster', async () => {
    const run = stubRunner({});
    const e = await rejection<UsageError>(connectWithImages({ create: true, run, say: () => undefined, images: join(tmp(), 'missing.tar') }));
    expect(e).toBeInstanceOf(UsageError);
    expect(run.calls).toEqual([]);
  });

  it('tells what it loads and how long it took', async () => {
    const file = dockerArchive(tmp(), ['redis:7-alpine']);
    const run = stubRunner({ 'kind load image-archive': {} });
    const said: Text[] = [];
    await loadImageArchive({ run, archive: checkArchive(file), cluster: 'labs', say: (t) => void said.push(t) });
    expect(run.calls).toEqual([`kind load image-archive ${file} --name labs`]);
    expect(said[0]!.en).toMatch(/^Loading 1 image\(s\) \(\d+\.\d MB\) into kind cluster "labs": docker\.io\/library\/redis:7-alpine…$/);
    expect(said[0]!.ko).toMatch(/kind 클러스터 "labs"에 넣습니다/);
    expect(said[1]!.en).toMatch(/^Images loaded \(\d+\.\ds\)\.$/);
    const failing = stubRunner({ 'kind load image-archive': { exitCode: 1, stderr: 'ERROR: no nodes found for cluster "labs"' } });
    await expect(loadImageArchive({ run: failing, archive: checkArchive(file), cluster: 'labs', say: () => undefined })).rejects.toThrow(/no nodes found/);
  });
});
