// The layer check (.dependency-cruiser.cjs) run on small trees beside the real one: it passes the tree as it is,
// and each rule refuses the one thing it is there to refuse.
import { execa } from 'execa';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** Runs the project's rules over a tree of the given files (path → source). */
async function cruise(files: Record<string, string>): Promise<{ ok: boolean; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'labs-layers-'));
  dirs.push(dir);
  cpSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true } }));
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  const r = await execa(DEPCRUISE, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: dir, reject: false, all: true, timeout: 60_000 });
  return { ok: r.exitCode === 0, out: r.all ?? '' };
}

const GOOD = {
  'src/model/text.ts': 'export const text = 1;\n',
  'src/grade/grade.ts': "import { text } from '../model/text.ts';\nexport const grade = text;\n",
};

describe('the layer check', () => {
  it('passes the project as it is', async () => {
    const r = await execa(join(ROOT, 'scripts/check-layers'), { cwd: ROOT, reject: false, all: true, timeout: 120_000 });
    expect(r.exitCode, r.all).toBe(0);
  }, 150_000);

  it('passes a tree whose arrows point down', async () => {
    const r = await cruise(GOOD);
    expect(r.ok, r.out).toBe(true);
  }, 60_000);

  it('refuses a lower room importing a higher one', async () => {
    const r = await cruise({ ...GOOD, 'src/k8s/bad.ts': "import { grade } from '../grade/grade.ts';\nexport const x = grade;\n" });
    expect(r.ok).toBe(false);
    expect(r.out).toMatch(/layer-k8s: src\/k8s\/bad\.ts → src\/grade\/grade\.ts/);
  }, 60_000);

  it('refuses neighbours of one row importing each other', async () => {
    const r = await cruise({ ...GOOD, 'src/kube/client.ts': 'export const k = 1;\n', 'src/exec/run.ts': "import { k } from '../kube/client.ts';\nexport const e = k;\n" });
    expect(r.out).toMatch(/layer-exec: src\/exec\/run\.ts → src\/kube\/client\.ts/);
  }, 60_000);

  it('refuses a cycle made of type-only imports', async () => {
    const r = await cruise({
      ...GOOD,
      'src/run/a.ts': "import { type B } from './b.ts';\nexport type A = { b?: B };\nexport const a = 1;\n",
      'src/run/b.ts': "import { type A } from './a.ts';\nexport type B = { a?: A };\n",
    });
    expect(r.out).toMatch(/no-cycles: src\/run\/(a|b)\.ts/);
  }, 60_000);

  it('refuses shipped code importing the fake client or a test', async () => {
    const r = await cruise({ ...GOOD, 'src/kube/fake.ts': 'export class FakeKube {}\n', 'src/grade/uses-fake.ts': "import { FakeKube } from '../kube/fake.ts';\nexport const f = FakeKube;\n" });
    expect(r.out).toMatch(/no-test-code-shipped: src\/grade\/uses-fake\.ts → src\/kube\/fake\.ts/);
    // A test may.
    const t = await cruise({ ...GOOD, 'src/kube/fake.ts': 'export class FakeKube {}\n', 'src/grade/grade.test.ts': "import { FakeKube } from '../kube/fake.ts';\nimport { grade } from './grade.ts';\nexport const f = [FakeKube, grade];\n" });
    expect(t.ok, t.out).toBe(true);
  }, 60_000);

  it('refuses a folder that has no place in the layers', async () => {
    const r = await cruise({ ...GOOD, 'src/extra/a.ts': "import { text } from '../model/text.ts';\nexport const y = text;\n" });
    expect(r.out).toMatch(/every-room-known: src\/extra\/a\.ts/);
  }, 60_000);
});
