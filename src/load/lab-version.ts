import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isAction, normaliseCheckRef, type Lab } from '../model/lab.ts';
import { checkModulePath } from './load-labs.ts';

/**
 * A short digest of what a lab is: lab.yaml (which names every check), its reference manifests and its declarative
 * check files, by their paths inside the lab and their bytes. An archive made with another version of a lab says so when it is graded.
 */
export function labVersion(lab: Lab): string {
  const files = new Set<string>([lab.file, ...lab.manifests.map((m) => join(lab.dir, m))]);
  for (const step of lab.steps) {
    for (const a of step.solution) if (isAction(a, 'apply')) files.add(join(lab.dir, a.apply));
    for (const ref of step.checks) {
      // Declarative checks by their bytes; code checks are compiled where labs is installed, so only their ids count.
      const f = checkModulePath(lab, normaliseCheckRef(ref).id);
      if (f?.endsWith('.yaml')) files.add(f);
    }
  }
  const h = createHash('sha256').update(`${lab.id}\0`);
  for (const f of [...files].sort()) {
    const name = f.startsWith(lab.dir) ? relative(lab.dir, f) : f.split('/checks/').pop()!;
    h.update(`${name}\0`);
    h.update(existsSync(f) ? readFileSync(f) : Buffer.from('absent'));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}
