import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeKube } from '../../src/kube/fake.ts';
import { PROJECT_ROOT } from '../../src/load/load-labs.ts';
import { type ApiObject, type ExecResult } from '../../src/model/kube.ts';

/** One probe command and its answer, as recorded on the real cluster. */
export interface RecordedProbe {
  probe: string;
  command: string[];
  result: ExecResult;
}

/** A snapshot captured from a real cluster by scripts/capture-fixtures.ts after one step. */
export interface Fixture {
  lab: string;
  step: string;
  namespace: string;
  capturedFrom: string;
  objects: ApiObject[];
  probes: RecordedProbe[];
}

/** Reads test/fixtures/<lab-name>/<step>.json. */
export function readFixture(labName: string, step: string): Fixture {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', labName, `${step}.json`), 'utf8')) as Fixture;
}

/** A FakeKube serving a fixture's objects. */
export function fixtureKube(f: Fixture): FakeKube {
  return new FakeKube(f.objects);
}

/** A probe answered from a fixture's recordings (latest first), after any answers a test put in front. */
export class ProbeReplay {
  readonly overrides: ((probe: string, command: string) => ExecResult | undefined)[] = [];
  constructor(private readonly recorded: RecordedProbe[]) {}

  /** Answers commands that `match` with `result` instead of the recording. */
  answer(match: (probe: string, command: string) => boolean, result: Partial<ExecResult> & { exitCode: number }): void {
    this.overrides.unshift((p, c) => (match(p, c) ? { stdout: '', stderr: '', ...result } : undefined));
  }

  run(probe: string, command: string[]): ExecResult {
    for (const o of this.overrides) {
      const r = o(probe, command.join(' '));
      if (r) return r;
    }
    const hit = [...this.recorded].reverse().find((e) => e.probe === probe && JSON.stringify(e.command) === JSON.stringify(command));
    return hit?.result ?? { stdout: '', stderr: `no recorded answer for ${probe}: ${command.join(' ')}`, exitCode: 127 };
  }
}

/** Finds one object of a fake by kind and name, to mutate it. */
export function obj(kube: FakeKube, kind: string, name: string): ApiObject & Record<string, any> {
  const o = kube.objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`fixture has no ${kind} ${name}`);
  return o as ApiObject & Record<string, any>;
}

/** Every object of a kind in a fake. */
export function all(kube: FakeKube, kind: string): (ApiObject & Record<string, any>)[] {
  return kube.objects.filter((x) => x.kind === kind) as (ApiObject & Record<string, any>)[];
}
