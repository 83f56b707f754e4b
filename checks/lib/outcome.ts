import { type Check, type CheckOutcome } from '../../src/model/check.ts';
import { text, type Text } from '../../src/model/text.ts';

/** A passing outcome. */
export function pass(detail?: Text, remember?: Record<string, unknown>): CheckOutcome {
  return { status: 'pass', detail, remember };
}

/** A failing outcome: what was expected, what was found, what to try. */
export function fail(expected: Text, found: Text, hint: Text): CheckOutcome {
  return { status: 'fail', expected, found, hint };
}

/** Declares a check module (typed identity, so modules stay small). */
export function defineCheck(check: Check): Check {
  return check;
}

/** Joins several texts language by language. */
export function joinText(parts: Text[], sep = '; '): Text {
  return text(parts.map((p) => p.ko).join(sep), parts.map((p) => p.en).join(sep));
}

/** The same words in both languages (names, values, command output). */
export function literal(s: string): Text {
  return text(s, s);
}

/** "object X not found" in both languages. */
export function notFound(what: string, ns: string): Text {
  return text(`네임스페이스 ${ns}에 ${what}이(가) 없습니다`, `no ${what} in namespace ${ns}`);
}
