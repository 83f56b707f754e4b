import { UsageError } from '../../errors.ts';
import { type ClusterFlags } from '../main.ts';

/** `labs grade`: wired in its own module. */
export async function grade(_lab: string, _dir: string, _o: ClusterFlags & Record<string, unknown>): Promise<void> {
  throw new UsageError('labs grade is not available in this build');
}
