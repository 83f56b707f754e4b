import { ABSENT, blocked, defineCheck, fail, KIND, literal, mismatch, pass, PRESENT, templateContainers, text, type Mismatch } from 'labs/check';
import { NAMES, OBJ } from './lib/mysql.ts';

export default defineCheck({
  id: 'probes',
  title: text('liveness probe(mysqladmin ping)와 readiness probe', 'A liveness probe running mysqladmin ping, and a readiness probe'),
  async run(ctx) {
    const dep = await ctx.kube.get(KIND.deployment, NAMES.deployment, ctx.namespace);
    if (!dep) return blocked('deployment-available', [mismatch(OBJ.deployment, '', PRESENT, ABSENT)], text('mysql-deployment.yaml을 적용하세요.', 'Apply mysql-deployment.yaml.'));
    const c = templateContainers(dep)[0];
    const at = `spec.template.spec.containers[${c?.name ?? 0}]`;
    const problems: Mismatch[] = [];
    const cmd = c?.livenessProbe?.exec?.command ?? [];
    const joined = cmd.join(' ');
    if (!c?.livenessProbe) problems.push(mismatch(OBJ.deployment, `${at}.livenessProbe`, 'exec: mysqladmin ping', ABSENT));
    else if (!/mysqladmin/.test(joined) || !/\bping\b/.test(joined)) {
      problems.push(mismatch(OBJ.deployment, `${at}.livenessProbe`, 'exec: mysqladmin ping', c.livenessProbe.exec ? `exec: ${joined}` : Object.keys(c.livenessProbe).join(',')));
    }
    if (!c?.readinessProbe) problems.push(mismatch(OBJ.deployment, `${at}.readinessProbe`, PRESENT, ABSENT));
    if (problems.length === 0) return pass(literal(`liveness [${joined}], readiness ✓`));
    return fail(problems, text(
      'liveness는 죽은 컨테이너를 재시작하고, readiness는 준비되지 않은 Pod에 트래픽을 보내지 않습니다. 시드의 mysql-deployment.yaml처럼 두 probe를 모두 두세요.',
      'Liveness restarts a dead container; readiness keeps traffic away from a pod that is not ready. Give the container both, as in the seed mysql-deployment.yaml.',
    ));
  },
});
