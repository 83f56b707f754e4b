import { EXIT, formatIssue, LabFileError, UsageError } from '../../errors.ts';
import { findLabFiles, LABS_ROOT, loadLab } from '../../load/load-labs.ts';
import { sessionLang } from '../../model/text.ts';
import { MSG } from '../messages.ts';

/** `labs validate [path]`: every lab file under path, every problem as file:line:col path: message. */
export async function validate(path = LABS_ROOT): Promise<void> {
  const lang = sessionLang();
  const files = findLabFiles(path);
  if (files.length === 0) {
    throw new UsageError(MSG.noLabFiles(path), MSG.noLabFilesHint);
  }
  let bad = 0;
  for (const file of files) {
    try {
      const lab = loadLab(file);
      process.stdout.write(`ok  ${lab.id} (${file})\n`);
    } catch (e) {
      if (!(e instanceof LabFileError)) throw e;
      bad++;
      for (const issue of e.issues) process.stderr.write(`${formatIssue(issue, lang)}\n`);
    }
  }
  if (bad > 0) {
    const t = MSG.labFilesHaveProblems(bad, files.length);
    process.stderr.write(`${t[lang]}\n`);
    process.exitCode = EXIT.usage;
  }
}
