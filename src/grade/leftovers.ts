import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Text } from '../model/text.ts';
import { MSG } from './messages.ts';

/** Where a run writes what it left on the cluster. */
export const LEFTOVERS = 'leftovers.json';

/** What an earlier run into this folder left (nothing when it left nothing, or wrote no record). */
export function readLeftovers(out: string): Leftovers {
  try {
    const l = JSON.parse(readFileSync(join(out, LEFTOVERS), 'utf8')) as Partial<Leftovers>;
    return { namespaces: Array.isArray(l.namespaces) ? l.namespaces.map(String) : [], volumes: Array.isArray(l.volumes) ? l.volumes.map(String) : [] };
  } catch {
    return { namespaces: [], volumes: [] };
  }
}

/** Grading namespaces still terminating, and volumes of grading namespaces still there, after a run. */
export interface Leftovers {
  namespaces: string[];
  volumes: string[];
}

/** What a run left on the cluster, as a line. */
export function leftoversText(l: Leftovers): Text {
  return MSG.leftovers(l.namespaces, l.volumes);
}
