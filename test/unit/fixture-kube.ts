import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeKube } from '../../src/kube/fake.ts';
import { type RecordedExec } from '../../src/kube/recording.ts';
import { PROJECT_ROOT } from '../../src/load/load-labs.ts';
import { type ApiObject } from '../../src/model/kube.ts';

/** A snapshot captured from a real cluster by scripts/capture-fixtures.ts after one step. */
export interface Fixture {
  lab: string;
  step: string;
  namespace: string;
  capturedFrom: string;
  objects: ApiObject[];
  execs: RecordedExec[];
}

/** Reads test/fixtures/<lab-name>/<step>.json. */
export function readFixture(labName: string, step: string): Fixture {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', labName, `${step}.json`), 'utf8')) as Fixture;
}

/** A FakeKube serving a fixture's objects and replaying its exec answers (by pod and exact command). */
export function fixtureKube(f: Fixture): FakeKube {
  return new FakeKube(f.objects, (namespace, pod, command) => {
    const hit = [...f.execs].reverse().find((e) => e.namespace === namespace && e.pod === pod && JSON.stringify(e.command) === JSON.stringify(command));
    return hit?.result;
  });
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
