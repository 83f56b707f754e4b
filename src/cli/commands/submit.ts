import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connect } from '../../cluster/connect.ts';
import { UsageError } from '../../errors.ts';
import { runCommand } from '../../exec/run.ts';
import { archiveName, packArchive } from '../../grade/archive.ts';
import { labVersion } from '../../load/lab-version.ts';
import { findLab } from '../../load/load-labs.ts';
import { type ApiObject } from '../../model/kube.ts';
import { text } from '../../model/text.ts';
import { captureObjects, mergeObjects } from '../../run/capture.ts';
import { labVolumeNames } from '../../run/runner.ts';
import { StateStore } from '../../run/state-store.ts';
import { parseTimeline, Timeline, verifyChain } from '../../run/timeline.ts';
import { describeVariant } from '../../run/variants.ts';
import { interruption } from '../interrupt.ts';
import { type ClusterFlags } from '../flags.ts';
import { say } from '../session.ts';

/** `labs submit <lab> [-o <file>]`: the student's objects, timeline, id, variant and lab version in one archive. */
export async function submit(labId: string, o: ClusterFlags & { output?: string; namespace?: string }): Promise<void> {
  const lab = findLab(labId);
  const signal = interruption();
  const { kube, context } = await connect({ context: o.context, kubeconfig: o.kubeconfig, create: false, run: runCommand, say, signal });
  const namespace = o.namespace ?? lab.namespace;
  const store = new StateStore();
  const state = store.load(context, namespace, lab.id);
  if (!state.student) {
    throw new UsageError(
      text(`${namespace}의 ${lab.id} 진행 상황에 학생 id가 없습니다`, `the progress of ${lab.id} in ${namespace} has no student id`),
      text(`먼저 \`labs start ${lab.id} --student <id> --class <파일>\`로 랩을 하세요 (다른 네임스페이스였다면 --namespace).`, `Walk the lab first with \`labs start ${lab.id} --student <id> --class <file>\` (--namespace if it was another namespace).`),
    );
  }
  let objects: ApiObject[] = await captureObjects(kube, namespace, lab.submit.secrets, signal, lab.persistentVolumes ? labVolumeNames(lab) : undefined);
  let snapshot: { step: string; at: string } | undefined;
  if (lab.gradeApply === 'steps' && state.snapshot) {
    // Graded step by step: what each step had (later steps delete some of it), then anything made since.
    objects = mergeObjects(state.snapshot.objects as ApiObject[], objects);
    snapshot = { step: state.snapshot.step, at: state.snapshot.at };
    say(text(`채점되는 단계마다 통과했을 때의 객체를 냅니다 (마지막: "${snapshot.step}", ${snapshot.at}); 그 뒤에 만든 객체도 함께 냅니다.`, `Submitting the objects as they stood when each graded step passed (the last: "${snapshot.step}", ${snapshot.at}), and any made since.`));
  } else if (objects.length === 0 && state.snapshot) {
    objects = state.snapshot.objects as ApiObject[];
    snapshot = { step: state.snapshot.step, at: state.snapshot.at };
    say(text(`네임스페이스 ${namespace}에 객체가 없어 (정리 단계 뒤), 채점되는 마지막 단계 "${snapshot.step}"가 통과했을 때(${snapshot.at})의 객체를 냅니다.`, `Namespace ${namespace} holds no objects (after the clean-up steps): submitting them as they stood when the last graded step "${snapshot.step}" passed (${snapshot.at}).`));
  }
  if (objects.length === 0) {
    throw new UsageError(text(`네임스페이스 ${namespace}에 낼 객체가 없습니다`, `nothing to submit: namespace ${namespace} holds none of your objects`), text('랩의 객체를 만든 뒤 (정리 단계 전에) 다시 내세요.', 'Create the lab\'s objects, then submit (before the clean-up steps).'));
  }
  const timeline = store.timelineFile(context, namespace, lab.id);
  const timelineText = new Timeline(timeline).text();
  const events = parseTimeline(timelineText).events;
  const chain = verifyChain(events);
  const file = resolve(o.output ?? archiveName(state.student, lab.id));
  const { data, manifest } = packArchive({
    student: state.student, lab: lab.id, labVersion: labVersion(lab), ...(state.variant ? { variant: state.variant } : {}), createdAt: new Date().toISOString(),
    secrets: lab.submit.secrets, ...(snapshot ? { snapshot } : {}),
  }, objects, timelineText);
  try {
    writeFileSync(file, data);
  } catch (e) {
    throw new UsageError(text(`${file}에 쓸 수 없습니다: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`), text('-o로 쓸 수 있는 곳을 주세요.', 'Give a writable place with -o.'));
  }
  const secrets = objects.filter((x) => x.kind === 'Secret').length;
  const lines = o.lang === 'ko'
    ? [
        `제출 아카이브를 썼습니다: ${file} (${data.length} 바이트)`,
        `  학생: ${manifest.student}`,
        `  변형: ${manifest.variant?.seedId ? describeVariant(manifest.variant) : '기본 (클래스 시드 없음)'}`,
        `  랩: ${lab.id} (버전 ${manifest.labVersion})`,
        `  객체 ${objects.length}개: ${objects.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`,
        `  타임라인: 이벤트 ${events.length}개, 해시 체인 ${chain.ok ? '온전함' : `${chain.seq}번째에서 끊김`}`,
        secrets === 0 ? '  Secret: 없음' : lab.submit.secrets === 'include' ? `  Secret ${secrets}개: 이 랩이 요구하므로(lab.yaml submit.secrets: include) 값이 들어 있습니다` : `  Secret ${secrets}개: 값은 빼고 키와 각 값의 SHA-256만 넣었습니다 (값이 필요한 랩은 lab.yaml에 submit.secrets: include를 둡니다)`,
        '  강사에게 이 파일 하나를 내세요.',
      ]
    : [
        `Wrote the submission archive ${file} (${data.length} bytes)`,
        `  student: ${manifest.student}`,
        `  variant: ${manifest.variant?.seedId ? describeVariant(manifest.variant) : 'the default (no class seed)'}`,
        `  lab: ${lab.id} (version ${manifest.labVersion})`,
        `  ${objects.length} objects: ${objects.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`,
        `  timeline: ${events.length} events, hash chain ${chain.ok ? 'intact' : `broken at event ${chain.seq}`}`,
        secrets === 0 ? '  Secrets: none' : lab.submit.secrets === 'include' ? `  ${secrets} Secret(s): values included, because this lab asks for them (submit.secrets: include in lab.yaml)` : `  ${secrets} Secret(s): values left out, only their keys and each value's SHA-256 (a lab that needs them sets submit.secrets: include in lab.yaml)`,
        '  Hand this one file to your instructor.',
      ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
