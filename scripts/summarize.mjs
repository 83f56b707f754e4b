// Adds up test reports (missing files count as nothing) plus failures outside them, prints
// "N passed, N failed" and exits 1 if anything failed. A .json file is a vitest JSON report; a .jsonl file
// is `go test -json` output.
import { existsSync, readFileSync } from 'node:fs';

const [extra, ...files] = process.argv.slice(2);
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
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // A suite that failed to load has no failed tests but is a failure all the same.
  failed += r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
