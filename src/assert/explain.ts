import { type Assert, type CheckFile, type Expectation, type Matcher } from '../model/assert.ts';
import { type Lang, type Text } from '../model/text.ts';
import { matcherName } from './match.ts';
import { EXPLAIN_WORDS as W, MSG } from './messages.ts';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function matcher(m: Matcher, lang: Lang): string {
  const w = W[lang];
  const name = matcherName(m);
  switch (name) {
    case 'present':
      return w.present;
    case 'absent':
      return w.notSet;
    case 'not':
      return `${w.not} (${matcher(m.not!, lang)})`;
    case undefined:
      return '?';
    default:
      return `${w[name]} ${show((m as Record<string, unknown>)[name])}`;
  }
}

function target(a: Assert, lang: Lang): string {
  const w = W[lang];
  if (a.object) return `${w.object} ${a.object.kind}/${a.object.name}`;
  if (a.objects) return `${w.objects} ${a.objects.kind}${a.objects.selector ? ` -l ${a.objects.selector}` : ''}`;
  if (a.podsOf) return `${w.podsOf} ${a.podsOf.kind}/${a.podsOf.name}`;
  if (a.volumeFile) return `${w.volumeFile}: ${a.volumeFile.claim}:/${a.volumeFile.path.replace(/^\/+/, '')}`;
  return `${w.probe} "${a.probe!.use}": ${a.probe!.command.join(' ')}`;
}

/** What a declarative check looks at and expects, for its author, in one language. */
export function explainDeclarative(id: string, file: string, c: CheckFile, lang: Lang): string[] {
  const w = W[lang];
  const t = (x: Text) => x[lang];
  const lines = [`${id}: ${w.data} (${file})`, `  ${w.title}: ${t(c.title)}`];
  if (c.whenSettled) lines.push(`  ${w.settled}`);
  c.asserts.forEach((a, i) => {
    lines.push(`  ${i + 1}. ${w.looks}: ${target(a, lang)}`);
    if (a.absent) lines.push(`     - ${a.volumeFile ? w.noFile : w.absent}`);
    if (a.ready) lines.push(`     - ${w.ready}`);
    for (const e of a.expect as Expectation[]) {
      lines.push(`     - ${e.path || w.whole}${/^\$\.log\b/.test(e.path) ? ` (${w.log})` : ''}: ${matcher(e, lang)}`);
      if (e.hint) lines.push(`       ${w.failHint}: ${t(e.hint)}`);
    }
    if (a.answer && a.volumeFile) lines.push(`     - ${w.content}: ${[a.answer.stdout !== undefined ? `${w.equals} ${JSON.stringify(a.answer.stdout)}` : '', a.answer.contains !== undefined ? `${w.contains} ${JSON.stringify(a.answer.contains)}` : '', a.answer.matches !== undefined ? `${w.matches} /${a.answer.matches}/` : ''].filter(Boolean).join(', ') || w.present}`);
    else if (a.answer) lines.push(`     - ${w.answer}: ${w.exit} ${a.answer.exitCode ?? 0}${a.answer.stdout !== undefined ? `, ${w.stdout} ${JSON.stringify(a.answer.stdout)}` : ''}${a.answer.contains !== undefined ? `, ${w.contains} ${JSON.stringify(a.answer.contains)}` : ''}${a.answer.matches !== undefined ? `, ${w.matches} /${a.answer.matches}/` : ''}`);
    if (a.ifAbsent) lines.push(`     - ${w.ifAbsent}: ${a.ifAbsent.blockedBy ? `${w.blockedBy} ${a.ifAbsent.blockedBy}` : ''}${a.ifAbsent.hint ? `${a.ifAbsent.blockedBy ? '; ' : ''}${t(a.ifAbsent.hint)}` : ''}`);
    if (a.remember) lines.push(`     - ${w.remember}: ${Object.entries(a.remember).map(([k, p]) => `${k} = ${p}`).join(', ')}`);
    if (a.hint) lines.push(`     - ${w.hint}: ${t(a.hint)}`);
  });
  lines.push(`  ${w.hint}: ${t(c.hint)}`);
  return lines;
}

/** What a check written as code is, for its author: its title, its file and why it is code (its opening comment). */
export function explainCode(id: string, file: string, title: Text, source: string, lang: Lang): string[] {
  const w = W[lang];
  const why = source.split('\n').filter((l, i, all) => l.startsWith('//') && all.slice(0, i).every((x) => x.startsWith('//'))).map((l) => l.replace(/^\/\/\s?/, ''));
  // The opening comment is written in English: quoted as it is only in an English session.
  const reason = MSG.codeReason(why.join(' '))[lang];
  return [`${id}: ${w.code} (${file})`, `  ${w.title}: ${title[lang]}`, ...(why.length ? [`  ${w.why}: ${reason}`] : [])];
}
