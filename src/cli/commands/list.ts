import { loadLabsCached } from '../../load/labs-cached.ts';
import { type Lang } from '../../model/text.ts';
import { LIST_STEPS } from '../messages.ts';

/** `labs list`: every bundled lab with its title and steps (validated labs from the cache; a changed one is validated again). */
export async function list(o: { lang: Lang }): Promise<void> {
  for (const lab of await loadLabsCached()) {
    process.stdout.write(`${lab.id}\t${lab.title[o.lang]}\n`);
    process.stdout.write(`\t${LIST_STEPS[o.lang]}: ${lab.steps.map((s) => s.id).join(' → ')}\n`);
  }
}
