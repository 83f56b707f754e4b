import { z } from 'zod';
import { CheckFileSchema } from './assert.ts';
import { LabSchema } from './lab.ts';

/** The JSON Schema of lab.yaml (input side: defaults are optional), as committed in schema/lab.schema.json. */
export function labJsonSchema(): string {
  const schema = z.toJSONSchema(LabSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, $id: 'https://labs.dev/schema/lab.schema.json', title: 'labs lab.yaml' }, null, 2)}\n`;
}

/** The JSON Schema of a declarative check (checks/<lab>/<id>.yaml), as committed in schema/check.schema.json. */
export function checkJsonSchema(): string {
  const schema = z.toJSONSchema(CheckFileSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, $id: 'https://labs.dev/schema/check.schema.json', title: 'labs declarative check' }, null, 2)}\n`;
}
