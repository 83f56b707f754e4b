import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../src/load/load-labs.ts';

/** The files of README's worked example ("From an empty folder to a smoke-tested lab"), by their path in the lab folder. */
export function readmeExample(): Record<string, string> {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const files: Record<string, string> = {};
  for (const m of readme.matchAll(/<!-- example: (\S+) -->\n```yaml\n([\s\S]*?)```/g)) files[m[1]!] = m[2]!;
  return files;
}

/** Writes README's example into a fresh folder (my-labs/week4/redis-service); returns the lab folder. */
export function writeReadmeExample(edit: (files: Record<string, string>) => void = () => undefined): string {
  const files = readmeExample();
  edit(files);
  const dir = join(mkdtempSync(join(tmpdir(), 'my-labs-')), 'week4', 'redis-service');
  for (const [f, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), body);
  }
  return dir;
}
