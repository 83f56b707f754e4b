import { z } from 'zod';
import { LabSchema } from './lab.ts';

/** The JSON Schema of lab.yaml (input side: defaults are optional), as committed in schema/lab.schema.json. */
export function labJsonSchema(): string {
  const schema = z.toJSONSchema(LabSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, $id: 'https://labs.dev/schema/lab.schema.json', title: 'labs lab.yaml' }, null, 2)}\n`;
}
