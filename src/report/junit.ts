import { type CheckResult, type LabResult } from '../run/result.ts';
import { type Lang } from '../model/text.ts';
import { renderEvidence, renderMismatch } from './mismatch.ts';

/** Escapes text for XML, dropping characters XML 1.0 cannot hold. */
export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A JUnit test suite: a name and its checks. */
export interface JUnitSuite {
  name: string;
  checks: CheckResult[];
  durationMs: number;
  /** Extra properties shown in the suite (namespace, context, score…). */
  properties?: Record<string, string>;
}

/** One suite per lab run. */
export function suiteOfLab(r: LabResult): JUnitSuite {
  return { name: r.lab, checks: r.steps.flatMap((s) => s.checks), durationMs: r.durationMs, properties: { namespace: r.namespace, context: r.context } };
}

/** JUnit XML (the common Surefire/Jenkins shape): a testsuite per suite, a testcase per check. */
export function toJUnit(suites: JUnitSuite[], lang: Lang = 'en', name = 'labs'): string {
  const count = (cs: CheckResult[], st: CheckResult['status']) => cs.filter((c) => c.status === st).length;
  const all = suites.flatMap((s) => s.checks);
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="${xmlEscape(name)}" tests="${all.length}" failures="${count(all, 'fail')}" errors="${count(all, 'error')}" skipped="${count(all, 'skipped') + count(all, 'blocked')}" time="${secs(suites.reduce((a, s) => a + s.durationMs, 0))}">`);
  for (const s of suites) {
    const c = s.checks;
    out.push(`  <testsuite name="${xmlEscape(s.name)}" tests="${c.length}" failures="${count(c, 'fail')}" errors="${count(c, 'error')}" skipped="${count(c, 'skipped') + count(c, 'blocked')}" time="${secs(s.durationMs)}">`);
    if (s.properties) {
      out.push('    <properties>');
      for (const [k, v] of Object.entries(s.properties)) out.push(`      <property name="${xmlEscape(k)}" value="${xmlEscape(v)}"/>`);
      out.push('    </properties>');
    }
    for (const r of c) {
      const open = `    <testcase classname="${xmlEscape(`${s.name}.${r.step}`)}" name="${xmlEscape(r.id)}" time="${secs(r.durationMs)}"`;
      if (r.status === 'pass') {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      if (r.status === 'skipped') out.push('      <skipped/>');
      if (r.status === 'blocked') out.push(`      <skipped message="${xmlEscape(`blocked by ${r.blockedBy}`)}"/>`);
      if (r.status === 'error') out.push(`      <error message="${xmlEscape(r.error?.[lang] ?? 'error')}" type="${xmlEscape(r.code ?? 'internal')}">${xmlEscape(r.error?.[lang] ?? '')}</error>`);
      if (r.status === 'fail') {
        const lines = [...(r.mismatches ?? []).map((m) => renderMismatch(m, lang)), ...renderEvidence(r.evidence ?? [], lang), `hint: ${r.hint?.[lang] ?? ''}`];
        const first = r.mismatches?.[0] ? renderMismatch(r.mismatches[0], lang) : 'failed';
        out.push(`      <failure message="${xmlEscape(first)}" type="${xmlEscape(r.code ?? 'field')}">${xmlEscape(lines.join('\n'))}</failure>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
