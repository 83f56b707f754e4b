import { type Text } from '../model/text.ts';

/** One line of `labs doctor`: ok, failed (with its fix), or not needed here. */
export interface Diagnosis {
  name: string;
  status: 'ok' | 'fail' | 'skip';
  /** What was seen, in words. */
  detail: Text;
  /** The tool's own words (a version, an error), quoted as they are. */
  output?: string;
  /** How to fix it, when it failed. */
  fix?: Text;
}
