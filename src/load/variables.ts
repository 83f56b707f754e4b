import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FileIssue } from '../errors.ts';
import { type LabFile } from '../model/lab.ts';
import { type Text } from '../model/text.ts';
import { fillVars, resolveSite, SitePathError, valueAtKeys, varNames } from '../model/variables.ts';
import { parseManifests } from './manifests.ts';
import { MSG } from './messages.ts';

/** Every string in a value, with its path below `at`. */
function strings(v: unknown, at: PropertyKey[]): { path: PropertyKey[]; s: string }[] {
  if (typeof v === 'string') return [{ path: at, s: v }];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, [...at, i]));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => strings(x, [...at, k]));
  return [];
}

/**
 * The rules for a lab's variables the schema cannot say: every {{var <name>}} names a variable; every site is a field
 * of an object of a manifest of the lab, and holds the default there (so the default variant is the seed's text).
 */
export function variableIssues(labDir: string, raw: LabFile, at: (path: PropertyKey[], message: Text) => FileIssue): FileIssue[] {
  const issues: FileIssue[] = [];
  const names = Object.keys(raw.variables);
  const defaults = Object.fromEntries(Object.entries(raw.variables).map(([k, v]) => [k, v.default]));
  for (const part of ['title', 'summary', 'steps', 'values'] as const) {
    for (const { path, s } of strings(raw[part], [part])) {
      for (const n of varNames(s)) if (!names.includes(n)) issues.push(at(path, MSG.noSuchVariable(n)));
    }
  }
  for (const [name, spec] of Object.entries(raw.variables)) {
    if ('int' in spec.generate && spec.generate.int.min > spec.generate.int.max) issues.push(at(['variables', name, 'generate', 'int'], MSG.minOverMax));
    spec.manifests.forEach((site, i) => {
      const here = ['variables', name, 'manifests', i];
      const template = site.value ?? `{{var ${name}}}`;
      if (!varNames(template).includes(name)) issues.push(at([...here, 'value'], MSG.valueMustHoldVar(name)));
      const full = join(labDir, site.file);
      if (!existsSync(full)) return void issues.push(at([...here, 'file'], MSG.manifestNotFound(site.file)));
      const obj = parseManifests(readFileSync(full, 'utf8'), full).objects.map((o) => o.object as { kind?: string; metadata?: { name?: string } }).find((o) => `${o.kind}/${o.metadata?.name}` === site.object);
      if (!obj) return void issues.push(at([...here, 'object'], MSG.noObjectInFile(site.file, site.object)));
      let keys: (string | number)[] | undefined;
      try {
        keys = resolveSite(obj, site.path);
      } catch (e) {
        if (!(e instanceof SitePathError)) throw e;
        return void issues.push(at([...here, 'path'], MSG.unreadablePath(e.message)));
      }
      if (!keys) return void issues.push(at([...here, 'path'], MSG.noPathInObject(site.file, site.object, site.path)));
      const holds = valueAtKeys(obj, keys);
      const want = fillVars(template, defaults);
      if (typeof holds === 'object' || String(holds) !== want) {
        issues.push(at([...here, 'path'], MSG.siteNotDefault(site.object, site.path, JSON.stringify(holds), want)));
      }
    });
  }
  return issues;
}
