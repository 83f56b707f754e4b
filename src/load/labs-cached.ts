// `labs list`'s way to the labs: from the cache alone when it holds every lab as it is, so the validators are never
// imported; otherwise through loadLabs, which validates and refills the cache.
import { type Lab } from '../model/lab.ts';
import { cachedLab, labFilesInOrder } from './lab-cache.ts';
import { LABS_ROOT } from './lab-files.ts';

/**
 * Every lab under `dir`, from the cache when all of them are there and current; otherwise `loadLabs` validates them
 * (importing the validators only then), with the same result and the same errors.
 */
export async function loadLabsCached(dir = LABS_ROOT): Promise<Lab[]> {
  const files = labFilesInOrder(dir);
  const labs: Lab[] = [];
  for (const file of files) {
    const lab = cachedLab(file);
    if (!lab) break;
    labs.push(lab);
  }
  // Two labs of one id is an error only loadLabs words.
  if (labs.length === files.length && new Set(labs.map((l) => l.id)).size === labs.length) return labs;
  return (await import('./load-labs.ts')).loadLabs(dir);
}
