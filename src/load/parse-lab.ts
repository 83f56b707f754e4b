import { z } from 'zod';
import { type FileIssue } from '../errors.ts';
import { LabSchema, withSchemaLang, type LabFile } from '../model/lab.ts';
import { text, type Lang } from '../model/text.ts';
import { yamlIssue } from './yaml-errors.ts';
import { locate, parseLocated, type LocatedDoc } from './yaml-locate.ts';

/** The outcome of parsing a lab file: the lab, or every problem with its place. */
export type ParseResult = { ok: true; lab: LabFile } | { ok: false; issues: FileIssue[] };

/** Parses and validates the text of a lab.yaml. Pure: the file name is only used in messages. */
export function parseLab(source: string, file: string): ParseResult {
  const r = parseWithSchema(LabSchema, source, file);
  return r.ok ? { ok: true, lab: r.value } : r;
}

/**
 * Parses one YAML document and validates it against a schema; every problem comes back with its line, column and
 * dot path, worded in each language (zod's own locale, and the schema's own messages).
 */
export function parseWithSchema<S extends z.ZodType>(schema: S, source: string, file: string): { ok: true; value: z.infer<S>; located: LocatedDoc } | { ok: false; issues: FileIssue[] } {
  const located = parseLocated(source);
  const yamlIssues = [...located.doc.errors, ...located.doc.warnings];
  if (yamlIssues.length > 0) return { ok: false, issues: yamlIssues.map((e) => yamlIssue(e, located.lines, file)) };
  const data = located.doc.toJS() as unknown;
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data, located };
  const inLang = (lang: Lang) => withSchemaLang(lang, () => schema.safeParse(data, { error: z.locales[lang]().localeError })).error!.issues.map(mostSpecific);
  const ko = inLang('ko');
  return {
    ok: false,
    issues: inLang('en').map((issue, i) => {
      const path = issue.path as PropertyKey[];
      const { line, col } = locate(located, path);
      return { file, line, col, path: path.join('.') || undefined, message: text(ko[i]?.message ?? issue.message, issue.message) };
    }),
  };
}

type Issue = z.core.$ZodIssue;

/**
 * A union failure says only "Invalid input"; the branch the author most likely meant (fewest
 * problems, then the deepest) says what to fix. When no branch stands out, the union's own message does.
 */
function mostSpecific(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const score = (branch: Issue[]) => [branch.length, -Math.max(...branch.map((i) => i.path.length))] as const;
  const ranked = [...issue.errors].sort((a, b) => score(a)[0] - score(b)[0] || score(a)[1] - score(b)[1]);
  const [best, next] = ranked;
  if (!best || best.length === 0) return issue;
  if (next && score(best)[0] === score(next)[0] && score(best)[1] === score(next)[1]) return issue;
  const inner = mostSpecific(best[0]!);
  return { ...inner, path: [...issue.path, ...inner.path] };
}
