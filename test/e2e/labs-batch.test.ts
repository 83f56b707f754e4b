// The batch labs on the offline cluster: Jobs and CronJobs (week3-day4), PostgreSQL backed up by a CronJob and
// restored (week3-day5). Their reference solutions pass `labs smoke`; every check fails on a known-bad copy of its lab,
// for its own reason; and a class of realistic submissions per lab is graded with the exact verdicts below. Everything
// runs at once: each test has a namespace (or a grading run) of its own.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABS_ROOT, loadLab, PROJECT_ROOT } from '../../src/load/load-labs.ts';
import { normaliseCheckRef, type Action } from '../../src/model/lab.ts';
import { type LabResult } from '../../src/run/result.ts';
import { foreignLines } from '../one-language.ts';
import { e2eKube, labsCli } from './cluster.ts';
import { verdicts, type Verdict } from './results.ts';
import { applyAll, runVariant, swap, type LabVariant } from './variants.ts';

const JOBS = 'week3-day4/jobs-cronjobs';
const PG = 'week3-day5/postgres-backup';

/** A known-bad copy of one of the batch labs: changed manifests or solutions, and the checks it must fail. */
type BatchVariant = LabVariant & { lab: typeof JOBS | typeof PG };

const PG_PROBE = ['env', 'PGPASSWORD={{env statefulset/postgres POSTGRES_PASSWORD}}', 'psql', '-h', '{{ip statefulset/postgres}}', '-U', '{{env statefulset/postgres POSTGRES_USER}}', '-d', 'appdb', '-v', 'ON_ERROR_STOP=1', '-c'];
const insertRows: Action = { probe: { use: 'postgres', command: [...PG_PROBE, "CREATE TABLE IF NOT EXISTS users (id INT PRIMARY KEY, name VARCHAR(50)); INSERT INTO users VALUES ({{value id1}}, '{{value name1}}'), ({{value id2}}, '{{value name2}}') ON CONFLICT DO NOTHING;"] } };
const SECRET_REF = `          valueFrom:
            secretKeyRef:
              name: postgres-secret
              key: POSTGRES_PASSWORD
`;

/** Every check id of both labs is failed by at least one of these, each for its own reason. */
const variants: BatchVariant[] = [
  {
    name: 'jobs-serial-typo', lab: JOBS, steps: ['parallel'],
    files: { 'parallel-job.yaml': (y) => swap("Hello, Kubernetes Batch Job!", 'Hello Kubernetes')(swap('  parallelism: 2   # 동시에 실행하는 Pod 수\n', '')(y)) },
    fail: ['job-spec', 'job-logs'],
    says: { 'job-spec': /Job\/parallel-job spec\.parallelism: want 2, got 1/, 'job-logs': /Pod\/parallel-job-\S+ log: want contains Hello, Kubernetes Batch Job!, got Hello Kubernetes/ },
  },
  {
    name: 'jobs-never-completes', lab: JOBS, steps: ['parallel'],
    files: { 'parallel-job.yaml': (y) => swap('backoffLimit: 4', 'backoffLimit: 0')(swap("echo 'Hello, Kubernetes Batch Job!'; sleep 5", 'exit 3')(y)) },
    solutions: { parallel: applyAll('parallel-job.yaml') },
    fail: ['job-complete', 'job-logs'],
    says: { 'job-complete': /Job\/parallel-job status\.conditions\[type=Complete\]\.status: want True, got \(none\)/ },
  },
  {
    name: 'jobs-failing-job-succeeds', lab: JOBS, steps: ['failing'],
    files: { 'failing-job.yaml': swap('cat /data/input.csv', 'echo done') },
    solutions: { failing: [...applyAll('failing-job.yaml'), { wait: { target: 'job/failing-job' } }] },
    fail: ['job-failed', 'failure-in-logs'],
    says: { 'job-failed': /Job\/failing-job status\.conditions\[type=Failed\]\.status: want True, got \(none\)/, 'failure-in-logs': /Job\/failing-job pods: want count 3, got count 1/ },
  },
  {
    name: 'jobs-cronjob-allow-not-run', lab: JOBS, steps: ['cronjob'],
    files: { 'daily-backup-cronjob.yaml': swap('  concurrencyPolicy: Forbid\n', '') },
    solutions: { cronjob: applyAll('daily-backup-cronjob.yaml') },
    fail: ['cronjob-spec', 'cronjob-runs'],
    says: { 'cronjob-spec': /CronJob\/daily-backup spec\.concurrencyPolicy: want Forbid, got Allow/, 'cronjob-runs': /Job\/daily-backup-manual: want \(present\), got \(none\)/ },
  },
  {
    name: 'jobs-cronjob-left', lab: JOBS, steps: ['cronjob', 'cleanup'],
    solutions: { cleanup: [{ delete: { kind: 'Job', name: 'daily-backup-manual' } }] },
    fail: ['no-leftovers'],
    says: { 'no-leftovers': /CronJob\/daily-backup: want \(none\), got \(present\)/ },
  },
  {
    // A misspelt key: the kubelet cannot build the container's environment, and the server never starts.
    name: 'pg-wrong-secret-key', lab: PG, steps: ['secret', 'statefulset'],
    files: { 'postgres-secret.yaml': swap('  POSTGRES_PASSWORD: password123', '  POSTGRES_PASS: password123') },
    solutions: { statefulset: applyAll('postgres-headless-service.yaml', 'postgres-service.yaml', 'postgres-statefulset.yaml') },
    fail: ['secret-keys', 'statefulset-ready', 'password-from-secret', 'service-answers'],
    blocked: ['data-on-pvc'],
    says: { 'statefulset-ready': /CreateContainerConfigError/, 'password-from-secret': /couldn't find key POSTGRES_PASSWORD in Secret/ },
  },
  {
    name: 'pg-literal-password-clusterip-headless-port', lab: PG, steps: ['secret', 'statefulset'],
    files: {
      'postgres-statefulset.yaml': swap(SECRET_REF, '          value: password123\n'),
      'postgres-headless-service.yaml': swap('  clusterIP: None\n', ''),
      'postgres-service.yaml': swap('  - port: 5432', '  - port: 5433'),
    },
    fail: ['password-from-secret', 'services', 'service-answers'],
    says: {
      'password-from-secret': /Pod\/postgres-0 env POSTGRES_PASSWORD: want valueFrom\.secretKeyRef \| envFrom\.secretRef, got value/,
      services: /Service\/postgres-headless spec\.clusterIP: want None, got [0-9.]+/,
      'service-answers': /pg_isready -h postgres: want exit 0, got exit 2/,
    },
  },
  {
    name: 'pg-emptydir', lab: PG, steps: ['secret', 'statefulset', 'data'],
    files: {
      'postgres-statefulset.yaml': (y) => y.replace(/\n {2}volumeClaimTemplates:[\s\S]*$/, '\n').concat('      volumes:\n      - name: data\n        emptyDir: {}\n'),
    },
    fail: ['data-on-pvc', 'rows-survived'],
    blocked: ['same-volume'],
    says: { 'data-on-pvc': /Pod\/postgres-0 PGDATA \/var\/lib\/postgresql\/data\/pgdata: want volumeClaimTemplates, got emptyDir/ },
  },
  {
    // The claim deleted and made again: a new, empty PV (the rows are inserted again, so only the volume differs);
    // then a backup claim of another size and a CronJob whose runs may overlap.
    name: 'pg-pvc-recreated-backup-spec', lab: PG, steps: ['secret', 'statefulset', 'data', 'backup'],
    files: {
      'postgres-backup-pvc.yaml': swap('storage: 1Gi', 'storage: 2Gi'),
      'postgres-backup-cronjob.yaml': swap('  concurrencyPolicy: Forbid\n', '  concurrencyPolicy: Allow\n'),
    },
    solutions: {
      data: [
        insertRows,
        { delete: { kind: 'StatefulSet', name: 'postgres' } },
        { delete: { kind: 'PersistentVolumeClaim', name: 'data-postgres-0' } },
        ...applyAll('postgres-statefulset.yaml'),
        { wait: { target: 'statefulset/postgres' } },
        insertRows,
      ],
    },
    fail: ['same-volume', 'backup-pvc', 'cronjob-spec'],
    says: { 'same-volume': /PersistentVolumeClaim\/data-postgres-0 spec\.volumeName: want pvc-\S+, got pvc-/, 'backup-pvc': /spec\.resources\.requests\.storage: want 1Gi, got 2Gi/ },
  },
  {
    // The pod never deleted, and a backup Job that cannot reach the database.
    name: 'pg-not-deleted-backup-fails', lab: PG, steps: ['secret', 'statefulset', 'data', 'backup'],
    files: { 'postgres-backup-cronjob.yaml': (y) => swap('backoffLimit: 2', 'backoffLimit: 0')(swap('              value: postgres\n', '              value: postgres-db\n')(y)) },
    solutions: {
      data: [insertRows],
      backup: [...applyAll('postgres-backup-pvc.yaml', 'postgres-backup-cronjob.yaml'), { createJob: { name: 'postgres-backup-manual', fromCronJob: 'postgres-backup' } }, { wait: { target: 'job/postgres-backup-manual', condition: 'failed' } }],
    },
    fail: ['pod-replaced', 'backup-job-done'],
    says: { 'pod-replaced': /metadata\.uid: want ≠/, 'backup-job-done': /Job\/postgres-backup-manual status\.conditions\[type=Complete\]\.status: want True, got \(none\)/ },
  },
  {
    // The restore Job left suspended, and the claims left behind.
    name: 'pg-restore-suspended-pvcs-left', lab: PG, steps: ['secret', 'statefulset', 'data', 'backup', 'restore', 'cleanup'],
    solutions: {
      restore: applyAll('postgres-restore-job.yaml'),
      cleanup: ['postgres-restore-job.yaml', 'postgres-backup-cronjob.yaml', 'postgres-statefulset.yaml', 'postgres-service.yaml', 'postgres-headless-service.yaml', 'postgres-secret.yaml'].map((file) => ({ delete: { file } })),
    },
    fail: ['restore-complete', 'restored-rows', 'no-leftovers'],
    says: { 'restore-complete': /Job\/postgres-restore spec\.suspend: want ≠ true, got true/, 'no-leftovers': /PersistentVolumeClaim\/data-postgres-0: want \(none\), got \(present\)/ },
  },
];

const allChecks = (lab: string) => loadLab(join(LABS_ROOT, lab, 'lab.yaml')).steps.flatMap((s) => s.checks.map((c) => normaliseCheckRef(c).id));

/** The exact grade of each fixture student of each class: the checks failed, and those blocked by another's failure. */
const CLASSES: { lab: string; dir: string; expected: Record<string, Verdict> }[] = [
  {
    lab: JOBS,
    dir: 'class-jobs',
    expected: {
      'ref-seo': { score: 7, fail: [], blocked: [] },
      'kim-other-spellings': { score: 7, fail: [], blocked: [] },
      'lee-no-parallelism': { score: 6, fail: ['job-spec'], blocked: [] },
      'park-onfailure': { score: 6, fail: ['failure-in-logs'], blocked: [] },
      'choi-allow-defaults': { score: 6, fail: ['cronjob-spec'], blocked: [] },
      'han-echo-typo': { score: 5, fail: ['job-logs', 'cronjob-spec'], blocked: [] },
      'oh-no-cronjob': { score: 5, fail: ['cronjob-spec', 'cronjob-runs'], blocked: [] },
    },
  },
  {
    lab: PG,
    dir: 'class-postgres',
    expected: {
      'ref-seed': { score: 14, fail: [], blocked: [] },
      'kim-other-ways': { score: 14, fail: [], blocked: [] },
      'lee-literal-password': { score: 13, fail: ['password-from-secret'], blocked: [] },
      'park-no-volume': { score: 9, fail: ['data-on-pvc', 'rows-survived', 'restore-complete', 'restored-rows'], blocked: ['same-volume'] },
      'choi-not-headless': { score: 13, fail: ['services'], blocked: [] },
      'jung-no-suspend': { score: 12, fail: ['restore-complete', 'restored-rows'], blocked: [] },
      'han-allow-concurrency': { score: 13, fail: ['cronjob-spec'], blocked: [] },
    },
  },
];

describe.concurrent('the batch labs on the offline cluster', () => {
  const kube = e2eKube();

  it('labs smoke passes both labs with their reference solutions, in English only, with the timings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smoke-batch-'));
    const r = await labsCli(['smoke', JOBS, PG, '--json', join(dir, 'results.json'), '--timings']);
    expect(r.all).toMatch(/smoke: 2 lab\(s\), 23 checks passed, 0 failed, 0 blocked, 0 errors/);
    expect(r.exitCode).toBe(0);
    expect(foreignLines(String(r.all), 'en')).toEqual([]);
    const { results } = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { results: LabResult[] };
    expect(results.map((l) => [l.lab, l.steps.flatMap((s) => s.checks.filter((c) => c.status === 'pass').map((c) => c.id))])).toEqual([
      [JOBS, allChecks(JOBS)],
      [PG, allChecks(PG)],
    ]);
    for (const l of results) for (const st of l.steps) expect(st.timings?.totalMs, `${l.lab}/${st.id}`).toBeGreaterThanOrEqual(0);
  });

  it('every check id of both labs fails in a known-bad variant', () => {
    const failed = new Set(variants.flatMap((v) => v.fail));
    for (const lab of [JOBS, PG]) for (const id of allChecks(lab)) expect(failed, `no variant fails ${lab}/${id}`).toContain(id);
  });

  it.each(variants)('$lab: $name fails exactly its checks', async (v) => {
    await runVariant(kube, v);
  });

  it.each(CLASSES)('labs grade --parallel 4 gives the class of $lab its exact verdicts', async ({ lab, dir, expected }) => {
    const out = mkdtempSync(join(tmpdir(), 'grades-batch-'));
    const r = await labsCli(['grade', lab, join(PROJECT_ROOT, 'test', 'fixtures', dir), '--out', out, '--parallel', '4', '--lang', 'en']);
    expect(r.all).toMatch(new RegExp(`graded ${Object.keys(expected).length} of ${Object.keys(expected).length}`));
    expect(r.exitCode).toBe(0);
    expect(foreignLines(String(r.all), 'en')).toEqual([]);
    expect(verdicts(out)).toEqual(expected);
  });
});
