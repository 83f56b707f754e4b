import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

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
