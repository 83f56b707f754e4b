import { EXIT, formatIssue, LabFileError, UsageError } from '../../errors.ts';
import { findLabFiles, LABS_ROOT, loadLab } from '../../load/load-labs.ts';
import { sessionLang, text } from '../../model/text.ts';

/** `labs validate [path]`: every lab file under path, every problem as file:line:col path: message. */
export async function validate(path = LABS_ROOT): Promise<void> {
  const lang = sessionLang();
  const files = findLabFiles(path);
  if (files.length === 0) {
    throw new UsageError(text(`${path} 아래에 lab.yaml이 없습니다`, `no lab.yaml under ${path}`), text('랩은 lab.yaml과 그 매니페스트가 든 폴더입니다.', 'A lab is a folder with a lab.yaml and its manifests.'));
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
    const t = text(`랩 파일 ${files.length}개 중 ${bad}개에 문제가 있습니다. 위 줄을 고친 뒤 \`labs validate\`를 다시 실행하세요.`, `${bad} of ${files.length} lab file(s) have problems; fix the lines above, then run \`labs validate\` again.`);
    process.stderr.write(`${t[lang]}\n`);
    process.exitCode = EXIT.usage;
  }
}
