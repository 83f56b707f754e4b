import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../load/load-labs.ts';
import { type RawLabelSelector } from './raw.ts';
import { matchesSelector, parseSelector, selectorMatches } from './selector.ts';

/** test/fixtures/k8s/selectors.json (scripts/capture-k8s-fixtures.ts): pods, and what `kubectl get pods -l` listed. */
interface Fixture {
  serverVersion: string;
  pods: { name: string; labels: Record<string, string> }[];
  strings: { selector: string; names?: string[]; error?: string }[];
  objects: { selector: RawLabelSelector; asString: string; names: string[] }[];
}

const fixture = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'k8s', 'selectors.json'), 'utf8')) as Fixture;
const selected = (match: (labels: Record<string, string>) => boolean) => fixture.pods.filter((p) => match(p.labels)).map((p) => p.name).sort();

describe(`label selectors, against what the API server of ${fixture.serverVersion} listed`, () => {
  it.each(fixture.strings.filter((s) => s.names).map((s) => [s.selector, s] as const))('-l %j', (_s, s) => {
    expect(parseSelector(s.selector), 'parses').toBeDefined();
    expect(selected((labels) => matchesSelector(labels, s.selector))).toEqual(s.names);
  });

  it.each(fixture.strings.filter((s) => s.error).map((s) => [s.selector, s] as const))('-l %j is refused', (_s, s) => {
    expect(parseSelector(s.selector)).toBeUndefined();
    expect(selected((labels) => matchesSelector(labels, s.selector))).toEqual([]);
  });

  it.each(fixture.objects.map((o) => [JSON.stringify(o.selector), o] as const))('%s', (_s, o) => {
    expect(selected((labels) => selectorMatches(o.selector, labels))).toEqual(o.names);
    // The string the API server was asked with reads the same way.
    expect(selected((labels) => matchesSelector(labels, o.asString))).toEqual(o.names);
  });

  it('a missing selector selects nothing', () => {
    expect(selected((labels) => selectorMatches(undefined, labels))).toEqual([]);
  });
});
