// The words of the report room (src/report): run output, smoke timings, class reports and the dashboard.
// A translator edits this file alone.

/** A check's verdict, as run/result.ts's CheckStatus names it (this file imports nothing of the rooms). */
type Verdict = 'pass' | 'fail' | 'blocked' | 'error' | 'skipped';

// class.ts
export const CLASS_WORDS = {
  ko: {
    grades: '성적', intro: (id: string, g: number, e: number, avg: string, max: number) => `랩 \`${id}\`: 채점 ${g}명, 채점 못 함 ${e}명 (오류). 평균 ${avg} / ${max}.`,
    checks: '체크', head: '| 체크 | 단계 | 배점 | 통과 | 판단 불가 | 통과율 |', common: '가장 흔한 실패', none: '없음.', students: '학생', notGraded: '채점 못 함 (오류)',
    error: '오류', blocked: (by: string) => `${by} 때문에 판단할 수 없음`, refused: '거부됨', refusedMore: (n: number, why: string) => `같은 이유로 거부된 객체 ${n}개 더: ${why}`, notApplied: '적용되지 않음', file: '파일', allPassed: '모든 체크 통과.',
    warning: '주의', violation: '규칙 위반 (0점)', left: '클러스터에 남은 것', leftNs: '아직 지워지는 중인 채점 네임스페이스', leftPv: '남은 볼륨', leftHint: '같은 --out으로 다시 실행하면 지웁니다.',
  },
  en: {
    grades: 'grades', intro: (id: string, g: number, e: number, avg: string, max: number) => `Lab \`${id}\`: ${g} graded, ${e} not graded (errors). Average ${avg} / ${max}.`,
    checks: 'Checks', head: '| check | step | points | passed | blocked | pass rate |', common: 'Most common failures', none: 'None.', students: 'Students', notGraded: 'not graded (error)',
    error: 'error', blocked: (by: string) => `blocked by ${by}`, refused: 'Refused', refusedMore: (n: number, why: string) => `${n} more objects refused for the same reason: ${why}`, notApplied: 'Not applied', file: 'File', allPassed: 'All checks passed.',
    warning: 'Warning', violation: 'Broke a rule (score 0)', left: 'Left on the cluster', leftNs: 'grading namespaces still being deleted', leftPv: 'volumes left', leftHint: 'A rerun into the same --out deletes them.',
  },
} as const;

// dashboard.ts
export const DASHBOARD_WORDS = {
  ko: {
    grades: '성적', intro: (g: number, er: number, avg: string, max: number) => `채점 ${g}명, 채점 못 함 ${er}명 (오류). 평균 ${avg} / ${max}.`,
    matrix: '학생 × 체크', student: '학생', score: '점수', flags: '살펴볼 것', filterName: '이름', filterCheck: '체크', filterStatus: '상태', any: '전체', flagged: '살펴볼 것 있음',
    shown: '보이는 학생', legend: '기호', status: { pass: '통과', fail: '실패', blocked: '판단 불가', error: '오류', skipped: '건너뜀', none: '실행 안 됨' } as Record<Verdict | 'none', string>,
    dist: '점수 분포', students: (n: number) => `${n}명`, common: '가장 흔한 실패', none: '없음.', perCheck: '체크별 통과율', passed: '통과', rate: '통과율', step: '단계',
    back: '표로 돌아가기', source: '제출 방식', archive: '아카이브 (labs submit)', folder: '폴더', variant: '변형', defaultVariant: '기본 (클래스 시드 없음)', steps: '단계별',
    time: '통과까지', attempts: '시도', hints: '힌트', solution: '정답 봄', yes: '예', no: '아니오', timeline: '타임라인', at: '시각', event: '이벤트', failures: '잃은 점수',
    lookAt: '볼 곳', said: '클러스터가 한 말', notGraded: '채점 못 함 (오류)', refused: '거부됨', file: '파일', notApplied: '적용되지 않음', warning: '주의', violation: '규칙 위반 (0점)',
    allPassed: '모든 체크 통과.', left: '클러스터에 남은 것', blockedBy: (b: string) => `${b} 때문에 판단할 수 없음`, error: '오류 (학생 탓 아님)', claimed: '학생 기록',
  },
  en: {
    grades: 'grades', intro: (g: number, er: number, avg: string, max: number) => `${g} graded, ${er} not graded (errors). Average ${avg} / ${max}.`,
    matrix: 'Students × checks', student: 'Student', score: 'Score', flags: 'Look into', filterName: 'Name', filterCheck: 'Check', filterStatus: 'Status', any: 'any', flagged: 'has something to look into',
    shown: 'students shown', legend: 'Symbols', status: { pass: 'pass', fail: 'fail', blocked: 'blocked', error: 'error', skipped: 'skipped', none: 'not run' } as Record<Verdict | 'none', string>,
    dist: 'Score distribution', students: (n: number) => `${n} student${n === 1 ? '' : 's'}`, common: 'Most common failures', none: 'None.', perCheck: 'Pass rate per check', passed: 'passed', rate: 'pass rate', step: 'step',
    back: 'Back to the matrix', source: 'Handed in as', archive: 'an archive (labs submit)', folder: 'a folder', variant: 'Variant', defaultVariant: 'the default (no class seed)', steps: 'Per step',
    time: 'time to pass', attempts: 'attempts', hints: 'hints', solution: 'solution viewed', yes: 'yes', no: 'no', timeline: 'Timeline', at: 'time', event: 'event', failures: 'Points lost',
    lookAt: 'Look at', said: 'What the cluster said', notGraded: 'not graded (error)', refused: 'Refused', file: 'File', notApplied: 'Not applied', warning: 'Warning', violation: 'Broke a rule (score 0)',
    allPassed: 'All checks passed.', left: 'Left on the cluster', blockedBy: (b: string) => `blocked by ${b}`, error: 'error (not the student\'s fault)', claimed: 'the student\'s own record',
  },
} as const;

// mismatch.ts
export const MISMATCH_WORDS = {
  ko: { absent: '(없음)', present: '(있음)', want: '기대', got: '실제', after: '이후', events: '이벤트', log: '로그', contains: '포함', matches: '패턴', anyOrder: '순서 무관', count: '개수' },
  en: { absent: '(none)', present: '(present)', want: 'want', got: 'got', after: 'after', events: 'events', log: 'log', contains: 'contains', matches: 'matching', anyOrder: 'in any order', count: 'count' },
} as const;

// plain.ts
/** Words of the renderers themselves, in both languages. */
export const PLAIN_WORDS = {
  ko: {
    hint: '힌트', error: '인프라 오류(학생 잘못 아님)', ns: '네임스페이스', context: '컨텍스트', waiting: '대기 중', blockedBy: (id: string) => `${id} 때문에 판단할 수 없음`,
    summary: (n: Record<Verdict, number>, earlier: number) => `통과 ${n.pass}, 실패 ${n.fail}, 판단 불가 ${n.blocked}, 오류 ${n.error}, 건너뜀 ${n.skipped}${earlier ? ` (이전 세션의 결과 ${earlier}개 포함)` : ''}`,
    of: (s: number) => `${s}초`, actions: '정답 수행', checks: '체크', interrupted: '중단됨',
  },
  en: {
    hint: 'hint', error: 'infrastructure error (not your mistake)', ns: 'namespace', context: 'context', waiting: 'waiting for', blockedBy: (id: string) => `cannot be judged: blocked by ${id}`,
    summary: (n: Record<Verdict, number>, earlier: number) => `${n.pass} passed, ${n.fail} failed, ${n.blocked} blocked, ${n.error} errors, ${n.skipped} skipped${earlier ? ` (${earlier} from earlier sessions)` : ''}`,
    of: (s: number) => `${s}s`, actions: 'solution', checks: 'checks', interrupted: 'interrupted',
  },
} as const;

// smoke.ts
export const SMOKE_WORDS = {
  ko: { head: '단계              전체    정답 수행   체크    클러스터 최소   labs 부담', total: '합계', summary: (l: number, p: number, f: number, b: number, e: number) => `smoke: 랩 ${l}개, 체크 통과 ${p}, 실패 ${f}, 판단 불가 ${b}, 오류 ${e}` },
  en: { head: 'step              total   solution    checks  cluster floor   labs overhead', total: 'total', summary: (l: number, p: number, f: number, b: number, e: number) => `smoke: ${l} lab(s), ${p} checks passed, ${f} failed, ${b} blocked, ${e} errors` },
} as const;
