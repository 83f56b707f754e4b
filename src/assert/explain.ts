import { type Assert, type CheckFile, type Expectation, type Matcher } from '../model/assert.ts';
import { type Lang, type Text } from '../model/text.ts';
import { matcherName } from './match.ts';

const W = {
  ko: {
    data: '선언형 체크', code: '코드 체크', title: '제목', looks: '보는 것', object: '객체', objects: '객체 목록', podsOf: '다음 워크로드의 Pod', probe: 'probe Pod에서 실행',
    absent: '없어야 함', ready: '준비됨 (레플리카 가용, Pod Ready; 아니면 이벤트와 로그를 보여 줌)', expects: '기대', answer: '응답', exit: '종료 코드', stdout: '출력',
    ifAbsent: '대상이 없으면', blockedBy: '판단 보류 (책임 체크)', remember: '다음 단계를 위해 기억', hint: '힌트', failHint: '이 기대가 틀리면', file: '파일', why: '코드인 이유',
    equals: '같음', oneOf: '다음 중 하나', quantity: '같은 양', present: '있음', notSet: '없음', contains: '포함', exactly: '정확히 (순서 무관)', count: '개수', matches: '정규식', not: '아님',
    whole: '(대상 자체)', settled: '네임스페이스가 자리 잡은 뒤에만 봅니다', log: 'Pod의 로그 (kubectl logs처럼)',
    volumeFile: 'PVC 볼륨 안의 파일 (labs의 Pod가 마운트해 읽음)', noFile: '파일이 없어야 함', content: '내용',
  },
  en: {
    data: 'declarative check', code: 'code check', title: 'title', looks: 'looks at', object: 'object', objects: 'objects', podsOf: 'the pods of', probe: 'runs in probe pod',
    absent: 'must not exist', ready: 'ready (replicas available, pods Ready; else shows their events and log)', expects: 'expects', answer: 'answer', exit: 'exit code', stdout: 'output',
    ifAbsent: 'when the target is missing', blockedBy: 'not judged (responsible check)', remember: 'remembers for later steps', hint: 'hint', failHint: 'when this fails', file: 'file', why: 'why it is code',
    equals: 'equals', oneOf: 'one of', quantity: 'the quantity', present: 'is set', notSet: 'is not set', contains: 'contains', exactly: 'exactly (any order)', count: 'count', matches: 'matches', not: 'not',
    whole: '(the target itself)', settled: 'looks only once the namespace has settled', log: 'the pod\'s log, as kubectl logs shows it',
    volumeFile: 'a file in a claim\'s volume (read by a pod of labs\' own that mounts it)', noFile: 'the file must not exist', content: 'content',
  },
} as const;

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
  const reason = lang === 'en' ? why.join(' ') : '파일 첫머리의 주석에 있습니다';
  return [`${id}: ${w.code} (${file})`, `  ${w.title}: ${title[lang]}`, ...(why.length ? [`  ${w.why}: ${reason}`] : [])];
}
