import { imagesOfLabs, saveImages } from '../../cluster/images.ts';
import { UsageError } from '../../errors.ts';
import { runCommand } from '../../exec/run.ts';
import { findLab, loadLabs } from '../../load/load-labs.ts';
import { type Lang } from '../../model/text.ts';
import { interruption } from '../interrupt.ts';
import { MSG } from '../messages.ts';
import { say } from '../session.ts';

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** `labs images` alone: which subcommand there is. */
export async function imagesHelp(): Promise<void> {
  throw new UsageError(MSG.imagesWhatToDo, MSG.imagesWhatToDoHint);
}

/** `labs images save [<lab>…] -o <archive>`: every image the labs run, in one archive for `--images`. */
export async function imagesSave(ids: string[], o: { output?: string; lang: Lang }): Promise<void> {
  if (!o.output) {
    throw new UsageError(MSG.imagesNoOutput, MSG.imagesNoOutputHint);
  }
  const labs = ids.length > 0 ? ids.map(findLab) : loadLabs();
  const images = imagesOfLabs(labs);
  for (const w of images) process.stdout.write(`${w.image}  (${w.labs.length ? w.labs.join(', ') : 'labs grade'})\n`);
  const r = await saveImages({ run: runCommand, images, out: o.output, say, signal: interruption() });
  const lab = ids[0] ?? labs[0]?.id ?? '<lab>';
  process.stdout.write(`${MSG.imagesSaved(r.file, images.length, MB(r.bytes), r.pulled, lab)[o.lang]}\n`);
}
