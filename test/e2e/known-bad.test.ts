import { describe, expect, it } from 'vitest';
import { type Action } from '../../src/model/lab.ts';
import { e2eKube } from './cluster.ts';
import { materialise, runVariant, swap, type Variant } from './variants.ts';

const applyAll = (...files: string[]) => files.map((apply) => ({ apply }));
const createTable: Action = {
  probe: {
    use: 'mysql',
    command: ['mysql', '-h', '{{ip deployment/mysql}}', '-u', 'root', '-p{{env deployment/mysql MYSQL_ROOT_PASSWORD}}', '-e', "CREATE TABLE testdb.users (id INT PRIMARY KEY, name VARCHAR(50)); INSERT INTO testdb.users VALUES ({{value id1}}, '{{value name1}}'), ({{value id2}}, '{{value name2}}');"],
  },
};
const emptyDirSet = (y: string) => y.replace(/\n {2}volumeClaimTemplates:[\s\S]*$/, '\n').concat('      volumes:\n      - name: redis-data\n        emptyDir: {}\n');

/** Every check id of both labs is failed (or blocked) by at least one of these, each for its own reason. */
const variants: Variant[] = [
  {
    name: 'missing-storage-class', lab: 'mysql-pvc', steps: ['pvc', 'deploy'],
    files: { 'mysql-pvc.yaml': swap('storageClassName: hostpath', 'storageClassName: fast') },
    solutions: { deploy: applyAll('mysql-deployment.yaml') },
    fail: ['pvc-spec', 'pvc-bindable', 'deployment-available', 'pvc-bound'],
    blocked: ['mysql-answers'],
    says: { 'pvc-bindable': /StorageClass\/fast: want \(present\), got \(none\)/ },
  },
  {
    // The probe's own message and the pod's events are what a TA looks at: they are in the failure.
    name: 'readiness-wrong-password', lab: 'mysql-pvc', steps: ['pvc', 'deploy'],
    files: { 'mysql-deployment.yaml': swap('- -ppassword123', '- -pwrongpassword') },
    solutions: { deploy: applyAll('mysql-deployment.yaml') },
    fail: ['deployment-available'],
    blocked: ['mysql-answers'],
    says: { 'deployment-available': /events: Unhealthy "Readiness probe failed: .*Access denied/ },
  },
  {
    // Ready (its probes use the local socket) but deaf on the network: the grader's client cannot reach it.
    name: 'skip-networking', lab: 'mysql-pvc', steps: ['pvc', 'deploy'],
    files: { 'mysql-deployment.yaml': swap('        image: mysql:8.0\n', '        image: mysql:8.0\n        args: ["--skip-networking"]\n') },
    fail: ['mysql-answers'],
    says: { 'mysql-answers': /mysql -u root -e "SELECT 1": want 1, got exit 1: .*(Can't connect|connect)/ },
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
    solutions: { persist: [createTable], cleanup: [{ delete: { file: 'mysql-deployment.yaml' } }] },
    fail: ['pod-replaced', 'no-leftovers'],
    says: { 'pod-replaced': /metadata\.uid: want ≠/ },
  },
  {
    name: 'pvc-recreated', lab: 'mysql-pvc', steps: ['pvc', 'deploy', 'persist'],
    solutions: {
      persist: [
        { delete: { file: 'mysql-deployment.yaml' } },
        { delete: { file: 'mysql-pvc.yaml' } },
        ...applyAll('mysql-pvc.yaml', 'mysql-deployment.yaml'),
        { wait: { target: 'deployment/mysql' } },
        createTable,
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
    files: { 'redis-statefulset.yaml': (y) => swap('kind: StatefulSet', 'kind: Deployment')(swap('  serviceName: redis-headless\n', '')(emptyDirSet(y))) },
    solutions: { statefulset: [...applyAll('redis-statefulset.yaml'), { wait: { target: 'deployment/redis' } }] },
    fail: ['statefulset-ready'],
    blocked: ['ordinal-names', 'ordered-start', 'per-pod-pvcs'],
  },
  {
    name: 'emptydir-statefulset', lab: 'redis-statefulset', steps: ['service', 'statefulset', 'identity'],
    files: { 'redis-statefulset.yaml': emptyDirSet },
    fail: ['per-pod-pvcs', 'data-survived'],
    blocked: ['same-identity'],
  },
  {
    // A ConfigMap mounted over redis-cli (mode 0755, octal as kubectl reads it) that answers "value1" to anything,
    // on an emptyDir: the grader's own redis-cli talks to the real server, so nothing is faked.
    name: 'fake-redis-cli-on-emptydir', lab: 'redis-statefulset', steps: ['service', 'statefulset', 'identity'],
    files: {
      'redis-statefulset.yaml': (y) =>
        swap('        - name: redis-data\n          mountPath: /data\n', '        - name: redis-data\n          mountPath: /data\n        - name: fake\n          mountPath: /usr/local/bin/redis-cli\n          subPath: redis-cli\n')(emptyDirSet(y))
          .concat('      - name: fake\n        configMap:\n          name: fake-cli\n          defaultMode: 0755\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fake-cli\ndata:\n  redis-cli: |\n    #!/bin/sh\n    echo value1\n'),
    },
    fail: ['per-pod-pvcs', 'data-survived'],
    blocked: ['same-identity'],
    says: { 'data-survived': /Pod\/redis-0 redis GET [a-z0-9]{10}: want [a-z0-9]{10}, got \(nil\)/ },
  },
  {
    name: 'parallel-no-key2-no-delete', lab: 'redis-statefulset', steps: ['service', 'statefulset', 'identity'],
    files: { 'redis-statefulset.yaml': swap('  replicas: 3\n', '  replicas: 3\n  podManagementPolicy: Parallel\n') },
    solutions: { identity: [{ probe: { use: 'redis', command: ['redis-cli', '-h', '{{ip pod/redis-0}}', 'set', '{{value key1}}', '{{value value1}}'] } }] },
    // Without a deletion nothing survived anything: data-survived and same-identity fail even though key1 is there.
    fail: ['ordered-start', 'keys-written', 'same-identity', 'data-survived'],
    says: { 'ordered-start': /spec\.podManagementPolicy: want OrderedReady, got Parallel/, 'data-survived': /metadata\.uid: want ≠/ },
  },
  {
    // One mistake, one loss: redis-0 kept its identity and redis-0, redis-1 started in order.
    name: 'replicas-2', lab: 'redis-statefulset', steps: ['service', 'statefulset', 'identity'],
    files: { 'redis-statefulset.yaml': swap('  replicas: 3\n', '  replicas: 2\n') },
    fail: ['statefulset-ready', 'ordinal-names', 'per-pod-pvcs', 'pod-dns'],
  },
  {
    name: 'pvcs-deleted-service-left', lab: 'redis-statefulset', steps: ['service', 'statefulset', 'cleanup', 'cleanup-pvcs'],
    files: { 'redis-statefulset.yaml': swap('  replicas: 3\n', '  replicas: 3\n  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Delete\n') },
    solutions: { cleanup: [{ delete: { kind: 'StatefulSet', name: 'redis' } }] },
    fail: ['pvcs-kept', 'no-leftovers'],
  },
];

describe('every check fails on a known-bad variant, for its own reason', () => {
  const kube = e2eKube();

  it('covers every check id of both labs', () => {
    const failed = new Set(variants.flatMap((v) => v.fail));
    for (const lab of ['mysql-pvc', 'redis-statefulset']) {
      const l = materialise({ name: 'all', lab: lab as Variant['lab'], steps: ['pvc', 'deploy', 'persist', 'cleanup', 'service', 'statefulset', 'identity', 'cleanup-pvcs'], fail: [] });
      for (const s of l.steps) for (const c of s.checks) expect(failed, `no variant fails ${lab}/${typeof c === 'string' ? c : c.id}`).toContain(typeof c === 'string' ? c : c.id);
    }
  });

  describe.concurrent.each(variants)('$lab: $name', (v) => {
    it(`fails exactly ${v.fail.join(', ')}${v.blocked ? `; blocked ${v.blocked.join(', ')}` : ''}`, async () => {
      await runVariant(kube, { ...v, lab: `week3-day3/${v.lab}` });
    });
  });
});
