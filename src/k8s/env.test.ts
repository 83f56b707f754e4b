import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../load/load-labs.ts';
import { containerEnv, expand, type EnvSources } from './env.ts';
import { type RawConfigMap, type RawPod, type RawSecret, type RawService } from './raw.ts';

/** One case of test/fixtures/k8s/env.json (scripts/capture-k8s-fixtures.ts): a pod that ran `env`, and what it printed. */
interface Captured {
  name: string;
  about: string;
  container: string;
  pod: RawPod;
  configMaps: RawConfigMap[];
  secrets: RawSecret[];
  services: RawService[];
  kubernetesService: RawService;
  env?: Record<string, string>;
  refused?: { reason: string; message: string };
}

const fixture = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'k8s', 'env.json'), 'utf8')) as { serverVersion: string; cases: Captured[] };

// Variables in the printed environment that are not the kubelet's, so containerEnv does not give them: PATH comes
// from the busybox image's config; HOSTNAME and HOME are added by the container runtime (containerd) when the
// image and the spec set none. TERM (only with `tty: true`), SHLVL and PWD (set by a shell) do not appear, since
// `env` runs without a shell or tty, but would be the image's or the runtime's too. The `baseline` case (no env,
// no service links) checks that this list covers everything else that was printed.
const NOT_KUBELET = new Set(['PATH', 'HOSTNAME', 'HOME', 'TERM', 'SHLVL', 'PWD']);

/** The captured namespace as the kubelet reads it: its ConfigMaps, Secrets and Services, and default's kubernetes Service. */
function sources(c: Captured): EnvSources {
  return {
    configMap: async (n) => c.configMaps.find((x) => x.metadata?.name === n),
    secret: async (n) => c.secrets.find((x) => x.metadata?.name === n),
    services: async () => [...c.services, c.kubernetesService],
  };
}

const kubeletVars = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).filter(([k]) => !NOT_KUBELET.has(k)));

describe(`containerEnv, against what the kubelet of ${fixture.serverVersion} gave`, () => {
  it('the baseline prints only the ignored variables and the kubernetes Service links', () => {
    const base = fixture.cases.find((c) => c.name === 'baseline')!;
    const other = Object.keys(base.env!).filter((k) => !NOT_KUBELET.has(k) && !k.startsWith('KUBERNETES_'));
    expect(other).toEqual([]);
  });

  it.each(fixture.cases.filter((c) => !c.refused).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const got = await containerEnv(c.pod, c.container, sources(c));
    expect(got.ok ? Object.fromEntries(got.vars) : got).toEqual(kubeletVars(c.env!));
  });

  it.each(fixture.cases.filter((c) => c.refused).map((c) => [c.name, c] as const))('%s: refused as the kubelet refused it', async (_name, c) => {
    expect(c.refused!.reason).toBe('CreateContainerConfigError');
    const got = await containerEnv(c.pod, c.container, sources(c));
    expect(got).toEqual({ ok: false, error: c.refused!.message });
  });
});

// The rows of the kubelet's own tests (third_party/forked/golang/expansion/expand_test.go, doExpansionTest),
// with the same variables, plus the non-ASCII rows the cluster answered (env.json, case non-ascii).
const VARS: Record<string, string> = { VAR_A: 'A', VAR_B: 'B', VAR_C: 'C', VAR_REF: '$(VAR_A)', VAR_EMPTY: '', GREETING: '안녕하세요' };
const EXPAND: [string, string, string][] = [
  ['whole string', '$(VAR_A)', 'A'],
  ['repeat', '$(VAR_A)-$(VAR_A)', 'A-A'],
  ['beginning', '$(VAR_A)-1', 'A-1'],
  ['middle', '___$(VAR_B)___', '___B___'],
  ['end', '___$(VAR_C)', '___C'],
  ['compound', '$(VAR_A)_$(VAR_B)_$(VAR_C)', 'A_B_C'],
  ['escape & expand', '$$(VAR_B)_$(VAR_A)', '$(VAR_B)_A'],
  ['compound escape', '$$(VAR_A)_$$(VAR_B)', '$(VAR_A)_$(VAR_B)'],
  ['mixed in escapes', 'f000-$$VAR_A', 'f000-$VAR_A'],
  ['backslash escape ignored', 'foo\\$(VAR_C)bar', 'foo\\Cbar'],
  ['backslash escape ignored (2)', 'foo\\\\$(VAR_C)bar', 'foo\\\\Cbar'],
  ['lots of backslashes', 'foo\\\\\\\\$(VAR_A)bar', 'foo\\\\\\\\Abar'],
  ['nested var references', '$(VAR_A$(VAR_B))', '$(VAR_A$(VAR_B))'],
  ['nested var references second type', '$(VAR_A$(VAR_B)', '$(VAR_A$(VAR_B)'],
  ['value is a reference (not expanded again)', '$(VAR_REF)', '$(VAR_A)'],
  ['value is a reference x 2', '%%$(VAR_REF)--$(VAR_REF)%%', '%%$(VAR_A)--$(VAR_A)%%'],
  ['empty var', 'foo$(VAR_EMPTY)bar', 'foobar'],
  ['unterminated expression', 'foo$(VAR_Awhoops!', 'foo$(VAR_Awhoops!'],
  ['expression without operator', 'f00__(VAR_A)__', 'f00__(VAR_A)__'],
  ['shell special vars pass through', '$?_boo_$!', '$?_boo_$!'],
  ['bare operators are ignored', '$VAR_A', '$VAR_A'],
  ['undefined vars are passed through', '$(VAR_DNE)', '$(VAR_DNE)'],
  ['multiple (even) operators, var undefined', '$$$$$$(BIG_MONEY)', '$$$(BIG_MONEY)'],
  ['multiple (even) operators, var defined', '$$$$$$(VAR_A)', '$$$(VAR_A)'],
  ['multiple (odd) operators, var undefined', '$$$$$$$(GOOD_ODDS)', '$$$$(GOOD_ODDS)'],
  ['multiple (odd) operators, var defined', '$$$$$$$(VAR_A)', '$$$A'],
  ['missing open expression ($))', '$VAR_A)', '$VAR_A)'],
  ['shell syntax ignored', '${VAR_A}', '${VAR_A}'],
  ['trailing incomplete expression not consumed', '$(VAR_B)_______$(A', 'B_______$(A'],
  ['trailing incomplete expression, no content, is not consumed', '$(VAR_C)_______$(', 'C_______$('],
  ['operator at end of input string is preserved', '$(VAR_A)foobarzab$', 'Afoobarzab$'],
  ['shell escaped incomplete expr', 'foo-\\$(VAR_A', 'foo-\\$(VAR_A'],
  ['lots of $( in middle', '--$($($($($--', '--$($($($($--'],
  ['lots of $( in beginning', '$($($($($--foo$(', '$($($($($--foo$('],
  ['lots of $( at end', 'foo0--$($($($(', 'foo0--$($($($('],
  ['escaped operators in variable names are not escaped', '$(foo$$var)', '$(foo$$var)'],
  ['newline not expanded', '\n', '\n'],
  ['$) alone', '$)', '$)'],
  ['a lone trailing $', '$', '$'],
  ['$$ at the end', 'Pa$$', 'Pa$'],
  ['$ before a non-ASCII character (cluster: non-ascii)', '$é', '$é'],
  ['$ before a Hangul syllable (cluster: non-ascii)', 'price $원', 'price $원'],
  ['a non-ASCII value after a reference (cluster: non-ascii)', '$(GREETING)é', '안녕하세요é'],
  ['$$ before a non-ASCII character (cluster: non-ascii)', 'café $$€', 'café $€'],
];

describe('expand', () => {
  it.each(EXPAND)('%s: %j → %j', (_name, input, want) => {
    expect(expand(input, (n) => VARS[n])).toBe(want);
  });
});
