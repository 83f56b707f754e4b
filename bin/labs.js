#!/usr/bin/env node
// Runs the compiled CLI in dist/ (`npm run build`; `npm ci` and `npm pack` build it). In a clone whose
// TypeScript sources are newer than the last build, or with LABS_FROM_SOURCE=1, it runs the sources
// through tsx instead, so a run never uses stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22 keeps compiled code between runs (a no-op where it is missing).
module.enableCompileCache?.();

const root = fileURLToPath(new URL('..', import.meta.url));

/** True when a source under `dir` (tests aside) was changed after `time`. */
function changedSince(dir, time) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory() ? changedSince(path, time) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && statSync(path).mtimeMs > time) return true;
  }
  return false;
}

/** True when dist/ holds a build of the sources as they are (always, in an installed package: it has no sources). */
function builtIsCurrent() {
  if (process.env.LABS_FROM_SOURCE === '1') return false;
  if (!existsSync(`${root}/src`)) return true;
  const built = statSync(`${root}/dist/.built`, { throwIfNoEntry: false })?.mtimeMs;
  return built !== undefined && !changedSince(`${root}/src`, built) && !changedSince(`${root}/checks`, built);
}

let main;
if (builtIsCurrent()) {
  ({ main } = await import('../dist/src/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
await main(process.argv);
