import { diagnose } from '../../cluster/doctor.ts';
import { EXIT } from '../../errors.ts';
import { runCommand } from '../../exec/run.ts';
import { type Lang } from '../../model/text.ts';
import { styleFor } from '../../report/style.ts';
import { DOCTOR_FIX } from '../messages.ts';

/** `labs doctor`: each prerequisite, ok (✔), failed with its fix (✖), or not needed here (-). Never a ✔ beside an error. */
export async function doctor(o: { context?: string; kubeconfig?: string; lang: Lang }): Promise<void> {
  const s = styleFor(process.stdout);
  const results = await diagnose(runCommand, o);
  for (const d of results) {
    const mark = d.status === 'ok' ? s.ok('✔') : d.status === 'fail' ? s.bad('✖') : s.dim('-');
    process.stdout.write(`${mark} ${d.name.padEnd(13)} ${d.detail[o.lang]}${d.output ? s.dim(` "${d.output}"`) : ''}\n`);
    if (d.fix) process.stdout.write(`  ${s.warn(`${DOCTOR_FIX[o.lang]}:`)} ${d.fix[o.lang]}\n`);
  }
  if (results.some((d) => d.status === 'fail')) process.exitCode = EXIT.infra;
}
