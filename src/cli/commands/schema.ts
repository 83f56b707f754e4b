import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../load/load-labs.ts';
import { labJsonSchema } from '../../model/json-schema.ts';
import { sessionLang, text as bi } from '../../model/text.ts';

/** `labs schema [--write]`: the JSON Schema of lab.yaml, generated from the zod schema. */
export async function schema(o: { write?: boolean }): Promise<void> {
  const text = labJsonSchema();
  if (!o.write) {
    process.stdout.write(text);
    return;
  }
  const file = join(PROJECT_ROOT, 'schema', 'lab.schema.json');
  writeFileSync(file, text);
  process.stdout.write(`${bi(`${file}에 썼습니다`, `wrote ${file}`)[sessionLang()]}\n`);
}
