import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests keep labs' own files (progress, the lab cache) in a folder of their own, never in the user's ~/.labs.
process.env.LABS_HOME ??= mkdtempSync(join(tmpdir(), 'labs-test-home-'));

// Checks import the check authors' API by its public name; in tests it is the sources' copy, like the runner's.
const resolve = { alias: [{ find: /^labs\/check$/, replacement: fileURLToPath(new URL('./src/check/index.ts', import.meta.url)) }] };

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'checks/**/*.test.ts', 'test/unit/**/*.test.ts'],
        },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 30 * 60_000,
          hookTimeout: 30 * 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
