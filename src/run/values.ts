import { createHmac, randomBytes } from 'node:crypto';
import { type ValueSpec } from '../model/lab.ts';

/** The values of one run of a lab: what its steps write and its checks read back. */
export interface RunValues {
  /** The seed the values were drawn from (none when they are the student values of the instructions). */
  seed?: string;
  values: Record<string, string>;
}

/** A fresh seed: 64 random bits, in hex. */
export function newSeed(): string {
  return randomBytes(8).toString('hex');
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const WORD = `${LOWER}0123456789`;

/** One value drawn from a seed: the same seed and name always give the same value. */
function draw(seed: string, name: string, spec: ValueSpec['draw']): string {
  const bytes = createHmac('sha256', seed).update(name).digest();
  if (typeof spec === 'object') return String(spec.min + (bytes.readUInt32BE(0) % (spec.max - spec.min + 1)));
  if (spec === 'name') return [...bytes.subarray(0, 8)].map((b, i) => (i === 0 ? LOWER[b % 26]!.toUpperCase() : LOWER[b % 26])).join('');
  // A letter first, so the value is a name for any program.
  return [...bytes.subarray(0, 10)].map((b, i) => (i === 0 ? LOWER[b % 26] : WORD[b % WORD.length])).join('');
}

/** The values a run draws from its seed. */
export function drawValues(specs: Readonly<Record<string, ValueSpec>>, seed: string): RunValues {
  return { seed, values: Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, draw(seed, k, s.draw)])) };
}

/** The values of the instructions, for a student writing them by hand. */
export function studentValues(specs: Readonly<Record<string, ValueSpec>>): RunValues {
  return { values: Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, s.student])) };
}
