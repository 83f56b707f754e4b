#!/usr/bin/env node
// Runs the compiled CLI in dist/ (`npm run build`; `npm ci` and `npm pack` build it). In a clone whose
// TypeScript sources are newer than the last build, or with LABS_FROM_SOURCE=1, it runs the sources
// through tsx instead, so a run never uses stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

/** True when dist/ holds a build of the sources as they are (always, in an installed package: it has no sources). */
function builtIsCurrent() {
  if (process.env.LABS_FROM_SOURCE === '1') return false;
  if (!existsSync(new URL('src/', root))) return true;
  let built;
  try {
    built = statSync(new URL('dist/.built', root)).mtimeMs;
  } catch {
    return false;
  }
  for (const top of ['src/', 'checks/']) {
    const dir = new URL(top, root);
    for (const name of readdirSync(dir, { recursive: true })) {
      if (name.endsWith('.ts') && !name.endsWith('.test.ts') && statSync(new URL(name, dir)).mtimeMs > built) return false;
    }
  }
  return true;
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
