import { defineCheck, fail, joinText, KIND, literal, notFound, pass, templateContainers, text, type Text } from '../../lib/index.ts';
import { NAMES } from './lib/mysql.ts';

export default defineCheck({
  id: 'probes',
  title: text('liveness probe(mysqladmin ping)와 readiness probe', 'A liveness probe running mysqladmin ping, and a readiness probe'),
  async run(ctx) {
    const expected = text('livenessProbe.exec: mysqladmin ping …, readinessProbe 있음', 'livenessProbe.exec running mysqladmin ping, and a readinessProbe');
    const dep = await ctx.kube.get(KIND.deployment, NAMES.deployment, ctx.namespace);
    if (!dep) return fail(expected, notFound(`Deployment ${NAMES.deployment}`, ctx.namespace), text('mysql-deployment.yaml을 적용하세요.', 'Apply mysql-deployment.yaml.'));
    const c = templateContainers(dep)[0];
    const problems: Text[] = [];
    const cmd = c?.livenessProbe?.exec?.command ?? [];
    const joined = cmd.join(' ');
    if (!c?.livenessProbe) problems.push(text('livenessProbe 없음', 'no livenessProbe'));
    else if (!/mysqladmin/.test(joined) || !/\bping\b/.test(joined)) problems.push(literal(`livenessProbe: ${c.livenessProbe.exec ? `exec [${joined}]` : Object.keys(c.livenessProbe).join(',')}`));
    if (!c?.readinessProbe) problems.push(text('readinessProbe 없음', 'no readinessProbe'));
    if (problems.length === 0) return pass(literal(`liveness [${joined}], readiness ✓`));
    return fail(expected, joinText(problems), text(
      'liveness는 죽은 컨테이너를 재시작하고, readiness는 준비되지 않은 Pod에 트래픽을 보내지 않습니다. 시드의 mysql-deployment.yaml처럼 두 probe를 모두 두세요.',
      'Liveness restarts a dead container; readiness keeps traffic away from a pod that is not ready. Give the container both, as in the seed mysql-deployment.yaml.',
    ));
  },
});
