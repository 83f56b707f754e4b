// Adds up test reports (missing files count as nothing) plus failures outside them, prints
// "N passed, N failed" and exits 1 if anything failed. A .json file is a vitest JSON report; a .jsonl file
// is `go test -json` output.
import { existsSync, readFileSync } from 'node:fs';

const [extra, ...files] = process.argv.slice(2);
const fmt = (ms) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s` : `${(ms / 1000).toFixed(1)}s`);
// Each phase's time (written by scripts/test-all as "name<TAB>seconds"), then each test file's.
const phases = process.env.LABS_PHASES && existsSync(process.env.LABS_PHASES) ? readFileSync(process.env.LABS_PHASES, 'utf8').trim().split('\n').filter(Boolean) : [];
if (phases.length) console.log('time per phase:');
for (const l of phases) {
  const [name, secs] = l.split('\t');
  console.log(`  ${name.padEnd(34)} ${fmt(Number(secs) * 1000)}`);
}
const suites = [];
let passed = 0;
let failed = Number(extra) || 0;
let skipped = 0;
for (const f of files) {
  if (!existsSync(f)) continue;
  if (f.endsWith('.jsonl')) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const e = JSON.parse(line);
      if (!e.Test) {
        // A package that failed without a failing test (it did not build) is a failure all the same.
        if (e.Action === 'fail') failed++;
        continue;
      }
      if (e.Action === 'pass') passed++;
      if (e.Action === 'fail') failed++;
      if (e.Action === 'skip') skipped++;
    }
    continue;
  }
  const r = JSON.parse(readFileSync(f, 'utf8'));
  for (const t of r.testResults) suites.push([t.name.replace(/^.*?\/(src|test|checks)\//, '$1/'), (t.endTime ?? 0) - (t.startTime ?? 0), t.status]);
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // A suite that failed to load has no failed tests but is a failure all the same.
  failed += r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
}
if (suites.length) console.log('time per test file (the slowest first):');
for (const [name, ms, status] of suites.sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${name.padEnd(50)} ${fmt(ms).padStart(7)}${status === 'failed' ? '  FAILED' : ''}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
