import { describe, expect, it } from 'vitest';
import { stubRunner } from '../exec/run.ts';
import { FakeKube } from '../kube/fake.ts';
import { diagnose } from './doctor.ts';
import { clusterImageDiagnoses, imageDiagnoses } from './images.ts';

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

describe('labs doctor: the labs\' images on the cluster', () => {
  const node = (name: string, names: string[][]) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { images: names.map((n) => ({ names: n, sizeBytes: 1 })) } });
  const wanted = [
    { image: 'docker.io/library/busybox:latest', labs: ['week3-day3/redis-statefulset'] },
    { image: 'docker.io/library/mysql:8.0', labs: ['week3-day3/mysql-pvc'] },
    { image: 'docker.io/library/redis:7-alpine', labs: ['week3-day3/redis-statefulset'] },
  ];

  it('says all are there when every node has every image, as digests and short names count', () => {
    const d = imageDiagnoses(wanted, [node('labs-control-plane', [['docker.io/library/busybox:latest', `docker.io/library/busybox@sha256:${'1'.repeat(64)}`], ['mysql:8.0'], ['docker.io/library/redis:7-alpine']])], { kindCluster: true });
    expect(d).toEqual([{ name: 'images', status: 'ok', detail: { ko: '랩 이미지 3개가 모두 노드에 있습니다', en: 'all 3 lab images are on the node(s)' } }]);
  });

  it('gives a line per missing image with the labs using it and the fix', () => {
    const d = imageDiagnoses(wanted, [node('labs-control-plane', [['docker.io/library/busybox:latest']])], { kindCluster: true });
    expect(d.map((x) => [x.status, x.detail.en])).toEqual([
      ['fail', 'docker.io/library/mysql:8.0 (week3-day3/mysql-pvc): not on the cluster\'s nodes; the cluster pulls it on first use if it can reach the registry'],
      ['fail', 'docker.io/library/redis:7-alpine (week3-day3/redis-statefulset): not on the cluster\'s nodes; the cluster pulls it on first use if it can reach the registry'],
    ]);
    expect(d[0]!.fix!.en).toBe('Offline: `labs images save week3-day3/mysql-pvc -o labs-images.tar` on a machine that has the image, then `labs start week3-day3/mysql-pvc --images labs-images.tar` here (smoke and grade take --images too).');
    expect(d[0]!.fix!.ko).toMatch(/labs images save week3-day3\/mysql-pvc -o labs-images\.tar/);
    const other = imageDiagnoses(wanted.slice(1, 2), [node('n1', [])], { kindCluster: false });
    expect(other[0]!.fix!.en).toMatch(/ctr -n k8s\.io images import labs-images\.tar/);
  });

  it('names the nodes that lack an image when others have it', () => {
    const d = imageDiagnoses(wanted.slice(0, 1), [node('a', [['busybox']]), node('b', [])], { kindCluster: true });
    expect(d[0]!.detail.en).toMatch(/^docker\.io\/library\/busybox:latest \(week3-day3\/redis-statefulset\): not on node\(s\) b;/);
  });

  it('cannot tell when a node lists as many images as kubelet reports', () => {
    const full = node('big', Array.from({ length: 50 }, (_, i) => [`example.com/img${i}:1`]));
    const d = imageDiagnoses(wanted.slice(0, 1), [full], { kindCluster: true });
    expect(d).toMatchObject([{ name: 'images', status: 'skip', detail: { en: expect.stringMatching(/kubelet reports no more than 50, so it may still be there$/) } }]);
  });

  it('reads the nodes of the cluster and the bundled labs', async () => {
    const kube = new FakeKube([node('labs-control-plane', [['docker.io/library/redis:7-alpine'], ['docker.io/library/busybox:latest']]) as never]);
    const d = await clusterImageDiagnoses(kube, { kindCluster: true });
    expect(d.map((x) => [x.status, x.detail.en.split(' ')[0]])).toEqual([['fail', 'docker.io/library/busybox:1.36'], ['fail', 'docker.io/library/mysql:8.0'], ['fail', 'docker.io/library/postgres:15']]);
  });
});
