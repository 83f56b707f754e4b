import { EXIT, formatIssue, LabFileError, UsageError } from '../../errors.ts';
import { findLabFiles, LABS_ROOT, loadLab } from '../../load/load-labs.ts';

/** `labs validate [path]`: every lab file under path, every problem as file:line:col path: message. */
export async function validate(path = LABS_ROOT): Promise<void> {
  const files = findLabFiles(path);
  if (files.length === 0) {
    throw new UsageError(`no lab.yaml under ${path}`, 'A lab is a folder with a lab.yaml and its manifests.');
  }
  let bad = 0;
  for (const file of files) {
    try {
      const lab = loadLab(file);
      process.stdout.write(`ok  ${lab.id} (${file})\n`);
    } catch (e) {
      if (!(e instanceof LabFileError)) throw e;
      bad++;
      for (const issue of e.issues) process.stderr.write(`${formatIssue(issue)}\n`);
    }
  }
  if (bad > 0) {
    process.stderr.write(`${bad} of ${files.length} lab file(s) have problems; fix the lines above, then run \`labs validate\` again.\n`);
    process.exitCode = EXIT.usage;
  }
}
