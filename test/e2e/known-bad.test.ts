import { describe, expect, it } from 'vitest';
import { createNamespace, deleteNamespace, namespaceName } from '../../src/cluster/namespace.ts';
import { ensureSeedStorageClass } from '../../src/cluster/storage-class.ts';
import { type CheckResult } from '../../src/run/result.ts';
import { runLab } from '../../src/run/runner.ts';
import { e2eKube } from './cluster.ts';
import { materialise, swap, type Variant } from './variants.ts';

const applyAll = (...files: string[]) => files.map((apply) => ({ apply }));

/** Every check id of both labs is failed by at least one of these. */
const variants: Variant[] = [
  {
    name: 'missing-storage-class', lab: 'mysql-pvc', steps: ['pvc', 'deploy'],
    files: { 'mysql-pvc.yaml': swap('storageClassName: hostpath', 'storageClassName: fast') },
    solutions: { deploy: applyAll('mysql-deployment.yaml') },
    fail: ['pvc-spec', 'pvc-bindable', 'deployment-available', 'pvc-bound', 'mysql-answers'],
  },
  {
    name: 'readiness-wrong-password', lab: 'mysql-pvc', steps: ['pvc', 'deploy'],
    files: { 'mysql-deployment.yaml': swap('- -ppassword123', '- -pwrongpassword') },
    solutions: { deploy: applyAll('mysql-deployment.yaml') },
    fail: ['deployment-available', 'mysql-answers'],
  },
  {
    name: 'emptydir-and-no-liveness', lab: 'mysql-pvc', steps: ['pvc', 'deploy', 'persist'],
    files: {
      'mysql-deployment.yaml': (y) =>
        swap('persistentVolumeClaim:\n          claimName: mysql-pvc', 'emptyDir: {}')(
          swap('livenessProbe:\n          exec:\n            command:\n            - mysqladmin\n            - ping\n            - -h\n            - localhost\n          initialDelaySeconds: 30\n          periodSeconds: 10\n        ', '')(y),
        ),
    },
    fail: ['pod-mounts-pvc', 'probes', 'rows-present'],
  },
  {
    name: 'pod-not-deleted-and-pvc-left', lab: 'mysql-pvc', steps: ['pvc', 'deploy', 'persist', 'cleanup'],
    solutions: {
      persist: [{ exec: { target: 'deployment/mysql', command: ['sh', '-c', 'mysql -u root -p"$MYSQL_ROOT_PASSWORD" -e "CREATE TABLE testdb.users (id INT PRIMARY KEY, name VARCHAR(50)); INSERT INTO testdb.users VALUES (1, \'Alice\'), (2, \'Bob\');"'] } }],
      cleanup: [{ delete: { file: 'mysql-deployment.yaml' } }],
    },
    fail: ['pod-replaced', 'no-leftovers'],
  },
  {
    name: 'pvc-recreated', lab: 'mysql-pvc', steps: ['pvc', 'deploy', 'persist'],
    solutions: {
      persist: [
        { delete: { file: 'mysql-deployment.yaml' } },
        { delete: { file: 'mysql-pvc.yaml' } },
        ...applyAll('mysql-pvc.yaml', 'mysql-deployment.yaml'),
        { wait: { target: 'deployment/mysql' } },
        { exec: { target: 'deployment/mysql', command: ['sh', '-c', 'mysql -u root -p"$MYSQL_ROOT_PASSWORD" -e "CREATE TABLE testdb.users (id INT PRIMARY KEY, name VARCHAR(50)); INSERT INTO testdb.users VALUES (1, \'Alice\'), (2, \'Bob\');"'] } },
      ],
    },
    fail: ['same-volume'],
  },
  {
    name: 'service-not-headless', lab: 'redis-statefulset', steps: ['service', 'statefulset', 'identity'],
    files: { 'redis-headless-service.yaml': swap('  clusterIP: None\n', '') },
    // CoreDNS still answers redis-0.redis-headless for a ClusterIP Service whose endpoints carry hostnames.
    fail: ['service-headless'],
  },
  {
    name: 'wrong-service-name', lab: 'redis-statefulset', steps: ['service', 'statefulset', 'identity'],
    files: { 'redis-statefulset.yaml': swap('  serviceName: redis-headless\n', '  serviceName: redis\n') },
    fail: ['statefulset-ready', 'pod-dns'],
  },
  {
    name: 'deployment-instead-of-statefulset', lab: 'redis-statefulset', steps: ['service', 'statefulset'],
    files: {
      'redis-statefulset.yaml': (y) =>
        swap('kind: StatefulSet', 'kind: Deployment')(
          swap('  serviceName: redis-headless\n', '')(
            y.replace(/\n {2}volumeClaimTemplates:[\s\S]*$/, '\n').replace('        volumeMounts:', '        volumeMounts:').concat('      volumes:\n      - name: redis-data\n        emptyDir: {}\n'),
          ),
        ),
    },
    solutions: { statefulset: [...applyAll('redis-statefulset.yaml'), { wait: { target: 'deployment/redis' } }] },
    fail: ['statefulset-ready', 'ordinal-names', 'ordered-start', 'per-pod-pvcs'],
  },
  {
    name: 'emptydir-statefulset', lab: 'redis-statefulset', steps: ['service', 'statefulset', 'identity'],
    files: {
      'redis-statefulset.yaml': (y) => y.replace(/\n {2}volumeClaimTemplates:[\s\S]*$/, '\n').concat('      volumes:\n      - name: redis-data\n        emptyDir: {}\n'),
    },
    fail: ['per-pod-pvcs', 'same-identity', 'data-survived'],
  },
  {
    name: 'parallel-no-key2-no-delete', lab: 'redis-statefulset', steps: ['service', 'statefulset', 'identity'],
    files: { 'redis-statefulset.yaml': swap('  replicas: 3\n', '  replicas: 3\n  podManagementPolicy: Parallel\n') },
    solutions: { identity: [{ exec: { target: 'pod/redis-0', command: ['redis-cli', 'set', 'key1', 'value1'] } }] },
    fail: ['ordered-start', 'keys-written', 'same-identity'],
  },
  {
    name: 'pvcs-deleted-service-left', lab: 'redis-statefulset', steps: ['service', 'statefulset', 'cleanup', 'cleanup-pvcs'],
    files: { 'redis-statefulset.yaml': swap('  replicas: 3\n', '  replicas: 3\n  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Delete\n') },
    solutions: { cleanup: [{ delete: { kind: 'StatefulSet', name: 'redis' } }] },
    fail: ['pvcs-kept', 'no-leftovers'],
  },
];

function byStatus(checks: CheckResult[], status: CheckResult['status']): string[] {
  return checks.filter((c) => c.status === status).map((c) => c.id).sort();
}

describe('every check fails on a known-bad variant, with a useful message', () => {
  const kube = e2eKube();

  it('covers every check id of both labs', () => {
    const failed = new Set(variants.flatMap((v) => v.fail));
    for (const lab of ['mysql-pvc', 'redis-statefulset']) {
      const l = materialise({ name: 'all', lab: lab as Variant['lab'], steps: ['pvc', 'deploy', 'persist', 'cleanup', 'service', 'statefulset', 'identity', 'cleanup-pvcs'], fail: [] });
      for (const s of l.steps) for (const c of s.checks) expect(failed, `no variant fails ${lab}/${typeof c === 'string' ? c : c.id}`).toContain(typeof c === 'string' ? c : c.id);
    }
  });

  describe.concurrent.each(variants)('$lab: $name', (v) => {
    it(`fails exactly ${v.fail.join(', ')}`, async () => {
      await ensureSeedStorageClass(kube);
      const lab = materialise(v);
      const namespace = namespaceName('labs-e2e', v.name);
      await createNamespace(kube, namespace);
      try {
        const result = await runLab({ lab, kube, namespace, context: kube.context, lang: 'en', mode: 'auto', emit: () => undefined });
        const checks = result.steps.flatMap((s) => s.checks);
        const ran = checks.map((c) => c.id).sort();
        expect(byStatus(checks, 'fail')).toEqual([...v.fail].sort());
        expect(byStatus(checks, 'error')).toEqual([...(v.error ?? [])].sort());
        expect(byStatus(checks, 'pass')).toEqual(ran.filter((id) => !v.fail.includes(id) && !(v.error ?? []).includes(id)));
        for (const c of checks.filter((x) => x.status === 'fail')) {
          expect(c.found?.en, `${c.id} says what it found`).toBeTruthy();
          expect(c.hint?.en, `${c.id} says what to try`).toBeTruthy();
          expect(c.hint?.ko, `${c.id} has a Korean hint`).toBeTruthy();
        }
      } finally {
        await deleteNamespace(kube, namespace, 240).catch(() => undefined);
      }
    });
  });
});
