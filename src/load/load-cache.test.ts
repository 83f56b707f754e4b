import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatIssue, LabFileError } from '../errors.ts';
import { DATA_CHECKS_ROOT } from './lab-files.ts';
import { cachedLab, labCacheDir } from './lab-cache.ts';
import { loadLabsCached } from './labs-cached.ts';
import { LABS_ROOT, loadLab, loadLabs } from './load-labs.ts';

const home = process.env.LABS_HOME;
beforeEach(() => {
  process.env.LABS_HOME = mkdtempSync(join(tmpdir(), 'labs-home-'));
});
afterEach(() => {
  if (home === undefined) delete process.env.LABS_HOME;
  else process.env.LABS_HOME = home;
});

/** A copy of the bundled MySQL lab in a folder of its own; returns its lab.yaml. */
function labCopy(root = mkdtempSync(join(tmpdir(), 'lab-cache-')), name = 'mysql-pvc'): string {
  const dir = join(root, name);
  cpSync(join(LABS_ROOT, 'week3-day3', 'mysql-pvc'), dir, { recursive: true });
  return join(dir, 'lab.yaml');
}

const edit = (file: string, from: string, to: string) => {
  const before = readFileSync(file, 'utf8');
  expect(before).toContain(from);
  writeFileSync(file, before.replace(from, to));
};

/** What loading says: the lab, or every issue as it is printed. */
function outcome(load: () => unknown): unknown {
  try {
    return load();
  } catch (e) {
    if (e instanceof LabFileError) return e.issues.map((i) => formatIssue(i, 'en'));
    throw e;
  }
}

/** The same load with no cache at all: an empty LABS_HOME of its own. */
function withoutCache<T>(load: () => T): T {
  const kept = process.env.LABS_HOME;
  process.env.LABS_HOME = mkdtempSync(join(tmpdir(), 'labs-home-cold-'));
  try {
    return load();
  } finally {
    process.env.LABS_HOME = kept;
  }
}

const entries = () => readdirSync(labCacheDir()).filter((n) => !n.startsWith('order-')).map((n) => join(labCacheDir(), n));

describe('the lab cache', () => {
  it('serves the lab a cold load gave, from the cache', () => {
    const file = labCopy();
    const cold = loadLab(file);
    expect(cachedLab(file)).toStrictEqual(cold);
    expect(loadLab(file)).toStrictEqual(cold);
    // Proof that the second load came from the cache: what the entry says is what is served.
    const [entry] = entries();
    const kept = JSON.parse(readFileSync(entry!, 'utf8'));
    kept.lab.title.en = 'from the cache';
    writeFileSync(entry!, JSON.stringify(kept));
    expect(loadLab(file).title.en).toBe('from the cache');
  });

  it('gives the bundled labs exactly as without a cache', () => {
    const cold = withoutCache(() => loadLabs());
    expect(loadLabs()).toStrictEqual(cold);
    expect(loadLabs()).toStrictEqual(cold);
  });

  it.each([
    ['lab.yaml', (f: string) => edit(f, 'en: "Lab 1: A database on a PV/PVC"', 'en: "Lab 1: edited"'), (l: ReturnType<typeof loadLab>) => expect(l.title.en).toBe('Lab 1: edited')],
    ['a manifest', (f: string) => edit(join(f, '..', 'mysql-deployment.yaml'), 'image: mysql:8.0', 'image: mysql:8.4'), (l: ReturnType<typeof loadLab>) => expect(l.images).toEqual(['mysql:8.0', 'mysql:8.4'])],
  ])('validates again after an edit of %s', (_name, change, check) => {
    const file = labCopy();
    loadLab(file);
    change(file);
    expect(cachedLab(file)).toBeUndefined();
    const lab = loadLab(file);
    check(lab);
    expect(lab).toStrictEqual(withoutCache(() => loadLab(file)));
    expect(cachedLab(file)).toStrictEqual(lab);
  });

  it('validates again when a check file appears beside lab.yaml, and when it changes', () => {
    const file = labCopy();
    loadLab(file);
    const local = join(file, '..', 'checks', 'pvc-spec.yaml');
    mkdirSync(join(local, '..'));
    cpSync(join(DATA_CHECKS_ROOT, 'week3-day3', 'mysql-pvc', 'pvc-spec.yaml'), local);
    expect(cachedLab(file)).toBeUndefined();
    loadLab(file);
    expect(cachedLab(file)).toBeDefined();
    edit(local, 'quantity: "{{var storage}}"', 'quantity: [1Gi');
    expect(cachedLab(file)).toBeUndefined();
    const issues = outcome(() => loadLab(file));
    expect(issues).toContainEqual(expect.stringMatching(/checks\/pvc-spec\.yaml:16:65: YAML: Flow sequence/));
    expect(issues).toEqual(withoutCache(() => outcome(() => loadLab(file))));
  });

  it.each([
    ['a schema error in lab.yaml', (f: string) => edit(f, 'timeout: 420', 'timeout: -1')],
    ['a misspelt check id', (f: string) => edit(f, '[rows-present, pod-replaced, same-volume]', '[rows-present, pod-replacd, same-volume]')],
    ['a broken manifest', (f: string) => writeFileSync(join(f, '..', 'mysql-pvc.yaml'), 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: [x\n')],
    ['a manifest gone', (f: string) => rmSync(join(f, '..', 'mysql-deployment.yaml'))],
  ])('shows %s exactly as without a cache, and never keeps it', (_name, change) => {
    const file = labCopy();
    loadLab(file);
    change(file);
    const issues = outcome(() => loadLab(file));
    expect(issues).toEqual(withoutCache(() => outcome(() => loadLab(file))));
    expect((issues as string[]).length).toBeGreaterThan(0);
    expect(cachedLab(file)).toBeUndefined();
    expect(outcome(() => loadLab(file))).toEqual(issues);
  });

  it.each([
    ['garbage', (entry: string) => writeFileSync(entry, '{"format": 1, "lab": ')],
    ['a valid JSON of another shape', (entry: string) => writeFileSync(entry, '{"format": 1, "lab": {}}')],
    ['an entry that cannot be read', (entry: string) => (rmSync(entry), mkdirSync(entry))],
  ])('ignores %s in the cache', (_name, spoil) => {
    const file = labCopy();
    const cold = loadLab(file);
    for (const entry of entries()) spoil(entry);
    expect(cachedLab(file)).toBeUndefined();
    expect(loadLab(file)).toStrictEqual(cold);
  });

  it('works with a LABS_HOME it cannot write to: no cache, no error', () => {
    const blocked = join(mkdtempSync(join(tmpdir(), 'labs-home-')), 'a-file');
    writeFileSync(blocked, 'not a folder');
    process.env.LABS_HOME = blocked;
    const file = labCopy();
    const lab = loadLab(file);
    expect(lab.id).toBe('week3-day3/mysql-pvc');
    expect(cachedLab(file)).toBeUndefined();
    expect(loadLab(file)).toStrictEqual(lab);
  });
});

describe('loadLabsCached', () => {
  /** A copy of the MySQL lab under a new id, its checks beside its lab.yaml. */
  function newLab(root: string, i: number): void {
    const file = labCopy(root, `lab-${i}`);
    edit(file, 'id: week3-day3/mysql-pvc', `id: gen/lab-${i}`);
    cpSync(join(DATA_CHECKS_ROOT, 'week3-day3', 'mysql-pvc'), join(file, '..', 'checks'), { recursive: true });
  }

  /** A folder of `n` labs, made in reverse order (the order of the folder's entries is not the labs' order). */
  function catalogue(n: number): string {
    const root = mkdtempSync(join(tmpdir(), 'lab-catalogue-'));
    for (let i = n; i >= 1; i--) newLab(root, i);
    return root;
  }

  it('gives what loadLabs gives, in its order, cold and warm', async () => {
    const root = catalogue(12);
    const labs = withoutCache(() => loadLabs(root));
    expect(await loadLabsCached(root)).toStrictEqual(labs);
    expect(await loadLabsCached(root)).toStrictEqual(labs);
    expect(labs.map((l) => l.id).slice(0, 4)).toEqual(['gen/lab-1', 'gen/lab-10', 'gen/lab-11', 'gen/lab-12']);
  });

  it('sees a lab added to the folder, and an edited one', async () => {
    const root = catalogue(3);
    await loadLabsCached(root);
    newLab(root, 0);
    edit(join(root, 'lab-2', 'lab.yaml'), 'en: "Lab 1: A database on a PV/PVC"', 'en: "Lab 1: edited"');
    const labs = await loadLabsCached(root);
    expect(labs.map((l) => l.id)).toEqual(['gen/lab-0', 'gen/lab-1', 'gen/lab-2', 'gen/lab-3']);
    expect(labs[2]!.title.en).toBe('Lab 1: edited');
  });

  it.each([
    ['two labs of one id', (root: string) => edit(join(root, 'lab-2', 'lab.yaml'), 'id: gen/lab-2', 'id: gen/lab-1')],
    ['a broken lab', (root: string) => edit(join(root, 'lab-3', 'lab.yaml'), 'timeout: 420', 'timeout: -1')],
  ])('reports %s as loadLabs does', async (_name, change) => {
    const root = catalogue(3);
    await loadLabsCached(root);
    change(root);
    const expected = withoutCache(() => outcome(() => loadLabs(root)));
    expect(expected).toEqual([expect.any(String)]);
    await expect(loadLabsCached(root)).rejects.toThrow(LabFileError);
    expect(await loadLabsCached(root).catch((e: LabFileError) => e.issues.map((i) => formatIssue(i, 'en')))).toEqual(expected);
  });
});
