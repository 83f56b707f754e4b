// `labs grade --dry-run`'s lines: per student what would be applied, refused, and why, in the session's language.
import { formatIssue } from '../errors.ts';
import { type Lang } from '../model/text.ts';
import { type DryRunReport } from '../grade/dry-run.ts';

/** The lines to print for a dry run, in one language. */
export function renderDryRun(report: DryRunReport, lang: Lang): string[] {
  const t = (ko: string, en: string) => (lang === 'ko' ? ko : en);
  const lines = [
    t(`랩 ${report.lab}: 미리 보기 (클러스터에는 아무것도 적용하지 않았습니다)`, `lab ${report.lab}: dry run (nothing was applied to any cluster)`),
    t(`쓸 수 있는 이미지: ${report.images.join(', ') || '없음'}`, `allowed images: ${report.images.join(', ') || 'none'}`),
  ];
  for (const i of report.labIssues) lines.push(t(`랩 매니페스트 문제: ${formatIssue(i, lang)}`, `lab manifest problem: ${formatIssue(i, lang)}`));
  for (const s of report.students) {
    lines.push('', t(`${s.student}: 적용 ${s.apply.length}개, 거부 ${s.refused.length}개, 파일 문제 ${s.issues.length}개`, `${s.student}: ${s.apply.length} to apply, ${s.refused.length} refused, ${s.issues.length} file issues`));
    for (const a of s.apply) lines.push(`  ${a.role === 'lab' ? t('적용 (랩)  ', 'apply (lab)  ') : t('적용 (추가)', 'apply (extra)')} ${a.file}:${a.line} ${a.object}`);
    for (const r of s.refused) lines.push(`  ${t('거부', 'refused')} ${r.file}:${r.line} ${r.object}: ${r.reason[lang]}`);
    for (const i of s.issues) lines.push(`  ${t('파일 문제', 'file issue')} ${formatIssue(i, lang)}`);
    for (const w of s.warnings) lines.push(`  ${t('주의', 'warning')} ${formatIssue(w, lang)}`);
  }
  const refused = report.students.filter((s) => s.refused.length > 0).length;
  const issues = report.students.filter((s) => s.issues.length > 0).length;
  lines.push('', t(`학생 ${report.students.length}명: 거부된 객체가 있는 학생 ${refused}명, 파일 문제가 있는 학생 ${issues}명`, `${report.students.length} students: ${refused} with refused objects, ${issues} with file issues`));
  return lines;
}
