import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stubRunner } from '../exec/run.ts';
import { PROJECT_ROOT } from '../load/load-labs.ts';
import { type Text } from '../model/text.ts';
import { connect } from './connect.ts';

const KUBECONFIG = join(PROJECT_ROOT, 'test', 'unit', 'kubeconfig-empty.yaml');

describe('connect without kind or Docker', () => {
  it.each([
    ['kind is not installed', {}, /kind is not installed/],
    ['Docker is not running', { 'kind version': { stdout: 'kind v0.30.0' }, 'kind get clusters': { stdout: '' }, 'docker info': { exitCode: 1, stderr: 'Cannot connect to the Docker daemon' } }, /Docker is not running/],
  ])('%s: says so in both languages, suggests labs doctor and the kubeconfig\'s own contexts, exit 3', async (_name, answers, message) => {
    const said: Text[] = [];
    const err = await connect({ kubeconfig: KUBECONFIG, create: true, run: stubRunner(answers), say: (t) => said.push(t) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ exitCode: 3, text: { en: expect.stringMatching(message) } });
    const e = err as { text: Text; hint: Text };
    expect(e.hint.en).toMatch(/`labs doctor`.*--context one/);
    expect(e.hint.ko).toMatch(/`labs doctor`.*--context one/);
    expect(e.text.ko).toMatch(/[가-힣]/);
    expect(said).toEqual([]);
  });
});
