// The words of the assert room (declarative checks: their engine and their explanation for authors).
// A translator edits this file alone.
import { text, type Text } from '../model/text.ts';

export const MSG = {
  // engine.ts
  /** A probe's command names a placeholder that cannot be filled in. */
  commandCannotBeSent: (why: Text) => text(`명령을 보낼 수 없습니다: ${why.ko}`, `The command cannot be sent: ${why.en}`),
  /** A value to compare with was to be remembered by a check of an earlier step that has not passed. */
  earlierCheckMustPass: (check: string) => text(`앞 단계의 ${check} 체크가 통과해야 비교할 수 있습니다.`, `Check ${check} of an earlier step must pass first, to compare with.`),

  // explain.ts
  /** Why a check is code: its opening comment (written in English) is quoted only in an English session. */
  codeReason: (comment: string) => text('파일 첫머리의 주석에 있습니다', comment),
} as const;

/** explain.ts: the words of a check's explanation, by language. */
export const EXPLAIN_WORDS = {
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
