import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../load/load-labs.ts';
import { checkJsonSchema, labJsonSchema } from '../../model/json-schema.ts';
import { sessionLang } from '../../model/text.ts';
import { MSG } from '../messages.ts';

/** `labs schema [--check] [--write]`: the JSON Schema of lab.yaml (or of a declarative check), from the zod schema. */
export async function schema(o: { write?: boolean; check?: boolean }): Promise<void> {
  if (!o.write) {
    process.stdout.write(o.check ? checkJsonSchema() : labJsonSchema());
    return;
  }
  for (const [name, text] of [['lab.schema.json', labJsonSchema()], ['check.schema.json', checkJsonSchema()]] as const) {
    const file = join(PROJECT_ROOT, 'schema', name);
    writeFileSync(file, text);
    process.stdout.write(`${MSG.schemaWritten(file)[sessionLang()]}\n`);
  }
}
