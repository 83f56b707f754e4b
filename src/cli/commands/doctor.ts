import { diagnose } from '../../cluster/doctor.ts';
import { EXIT } from '../../errors.ts';
import { runCommand } from '../../exec/run.ts';
import { styleFor } from '../../report/style.ts';

/** `labs doctor`: each prerequisite, ok or with its fix. */
export async function doctor(o: { context?: string; kubeconfig?: string }): Promise<void> {
  const s = styleFor(process.stdout);
  const results = await diagnose(runCommand, o);
  for (const d of results) {
    process.stdout.write(`${d.ok ? s.ok('✔') : s.bad('✖')} ${d.name.padEnd(13)} ${d.detail}\n`);
    if (d.fix) process.stdout.write(`  ${s.warn('fix:')} ${d.fix}\n`);
  }
  if (results.some((d) => !d.ok)) process.exitCode = EXIT.infra;
}
