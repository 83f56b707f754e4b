import { imagesOfLabs, saveImages } from '../../cluster/images.ts';
import { UsageError } from '../../errors.ts';
import { runCommand } from '../../exec/run.ts';
import { findLab, loadLabs } from '../../load/load-labs.ts';
import { text, type Lang } from '../../model/text.ts';
import { interruption } from '../interrupt.ts';
import { say } from '../session.ts';

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** `labs images` alone: which subcommand there is. */
export async function imagesHelp(): Promise<void> {
  throw new UsageError(text('무엇을 할지 정하세요: labs images save [<랩>…] -o <아카이브>', 'say what to do: labs images save [<lab>…] -o <archive>'), text('`labs images save --help`를 보세요.', 'See `labs images save --help`.'));
}

/** `labs images save [<lab>…] -o <archive>`: every image the labs run, in one archive for `--images`. */
export async function imagesSave(ids: string[], o: { output?: string; lang: Lang }): Promise<void> {
  if (!o.output) {
    throw new UsageError(text('쓸 아카이브를 주세요: -o <파일>', 'give the archive to write: -o <file>'), text('예: labs images save -o labs-images.tar', 'For example: labs images save -o labs-images.tar'));
  }
  const labs = ids.length > 0 ? ids.map(findLab) : loadLabs();
  const images = imagesOfLabs(labs);
  for (const w of images) process.stdout.write(`${w.image}  (${w.labs.length ? w.labs.join(', ') : 'labs grade'})\n`);
  const r = await saveImages({ run: runCommand, images, out: o.output, say, signal: interruption() });
  const lab = ids[0] ?? labs[0]?.id ?? '<lab>';
  process.stdout.write(`${text(
    `${r.file}: 이미지 ${images.length}개, ${MB(r.bytes)}${r.pulled.length ? ` (받은 이미지: ${r.pulled.join(', ')})` : ''}. 쓰는 법: labs start ${lab} --images ${r.file}`,
    `${r.file}: ${images.length} image(s), ${MB(r.bytes)}${r.pulled.length ? ` (pulled: ${r.pulled.join(', ')})` : ''}. Use it with: labs start ${lab} --images ${r.file}`,
  )[o.lang]}\n`);
}
