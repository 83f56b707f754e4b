#!/usr/bin/env node
// Compiles src/ and checks/ into dist/ with tsc (tsconfig.build.json), removes what an earlier build left
// there from sources that are gone, and stamps dist/.built so bin/labs.js knows the build is current.
// `npm run build` fails on a type error. `prepare` (run by `npm ci` and `npm pack`) passes --lenient: a type
// error or a missing TypeScript then only warns, since bin/labs.js runs the sources until a build passes.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');
const stamp = join(dist, '.built');
const lenient = process.argv.includes('--lenient');

function give(code, why) {
  if (code === 0) return process.exit(0);
  process.stderr.write(`labs build: ${why}\n`);
  if (!lenient) return process.exit(code);
  process.stderr.write('labs build: bin/labs.js runs the TypeScript sources (through tsx) until `npm run build` passes.\n');
  process.exit(0);
}

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  give(1, 'TypeScript is not installed (a devDependency): no build.');
}
rmSync(stamp, { force: true });
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', timeout: 10 * 60_000 });

// Outputs whose source is gone (a deleted check must not live on in dist/).
for (const top of ['src', 'checks']) {
  const dir = join(dist, top);
  if (!existsSync(dir)) continue;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const m = /^(.*)\.(js|d\.ts)$/.exec(entry.name);
    if (!entry.isFile() || !m) continue;
    const out = join(entry.parentPath ?? entry.path, entry.name);
    const source = join(root, relative(dist, dirname(out)), `${m[1]}.ts`);
    if (!existsSync(source)) rmSync(out);
  }
}

if (r.status === 0) writeFileSync(stamp, `${new Date().toISOString()}\n`);
give(r.status ?? 1, r.error ? `tsc did not finish: ${r.error.message}` : `tsc exited with ${r.status ?? r.signal}; dist/ is not current.`);
