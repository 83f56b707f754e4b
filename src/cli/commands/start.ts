import { connectWithImages } from '../../cluster/connect.ts';
import { createNamespace } from '../../cluster/namespace.ts';
import { studentPolicy } from '../../run/policy.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { runCommand } from '../../exec/run.ts';
import { findLab } from '../../load/load-labs.ts';
import { type Lab } from '../../model/lab.ts';
import { KIND, type ApiObject } from '../../model/kube.ts';
import { text } from '../../model/text.ts';
import { phaseRenderer } from '../../report/phase.ts';
import { styleFor } from '../../report/style.ts';
import { labVolumeNames, runLab } from '../../run/runner.ts';
import { StateStore } from '../../run/state-store.ts';
import { labVersion } from '../../load/lab-version.ts';
import { validStudentId } from '../../grade/submission.ts';
import { captureObjects, mergeObjects } from '../../run/capture.ts';
import { type EventSink } from '../../run/events.ts';
import { recordingInteraction, recordingSink, Timeline } from '../../run/timeline.ts';
import { defaultVariant, describeVariant, hasVariables, readClass, variantOf } from '../../run/variants.ts';
import { consoleInteraction } from '../interactive.ts';
import { interruption } from '../interrupt.ts';
import { type ClusterFlags } from '../flags.ts';
import { exitCodeOf, fancyOutput, renderer, say } from '../session.ts';

/** `labs start <lab>`: walk the lab, resuming where the saved progress left off. */
export async function start(labId: string, o: ClusterFlags & { auto?: boolean; from?: string; namespace?: string; restart?: boolean; student?: string; class?: string }): Promise<void> {
  const lab = findLab(labId);
  if (o.from && !lab.steps.some((s) => s.id === o.from)) {
    throw new UsageError(text(`랩 ${lab.id}에 "${o.from}" 단계가 없습니다`, `lab ${lab.id} has no step "${o.from}"`), text(`단계: ${lab.steps.map((s) => s.id).join(', ')}.`, `Steps: ${lab.steps.map((s) => s.id).join(', ')}.`));
  }
  if (!o.auto && !process.stdin.isTTY) {
    throw new UsageError(text('대화형 모드는 터미널이 필요합니다', 'interactive mode needs a terminal'), text('터미널에서 실행하거나, --auto로 labs가 각 단계를 수행하게 하세요.', 'Run it in a terminal, or add --auto to let labs perform each step.'));
  }
  if (o.student !== undefined && !validStudentId(o.student)) {
    throw new UsageError(text(`"${o.student}"는 학생 id가 될 수 없습니다 (영문자, 숫자, . _ -; 63자 이하)`, `"${o.student}" cannot be a student id (letters, digits, . _ -; at most 63)`));
  }
  const klass = readClass(o.class);
  const signal = interruption();
  const { kube, context } = await connectWithImages({ context: o.context, kubeconfig: o.kubeconfig, create: true, run: runCommand, say, signal, images: o.images });
  const namespace = o.namespace ?? lab.namespace;
  const store = new StateStore();
  const state = o.restart ? store.reset(context, namespace, lab.id) : store.load(context, namespace, lab.id);
  if (!(await kube.get(KIND.namespace, namespace, undefined, { signal }))) {
    await createNamespace(kube, namespace, { 'labs.dev/lab': lab.id.replace(/\//g, '.') }, signal);
    state.createdNamespace = true;
    store.save(state);
    say(text(`네임스페이스 ${namespace}가 없어서 만들었습니다. 명령은 이 네임스페이스용으로 보여 줍니다.`, `Namespace ${namespace} did not exist, so labs created it; the commands shown are for this namespace.`));
  }
  // Who the student is and their variant are remembered with the progress: `check` and `submit` need neither again.
  if (o.student && state.student && o.student !== state.student && !o.restart) {
    throw new UsageError(text(`이 진행 상황은 학생 ${state.student}의 것입니다`, `this progress is student ${state.student}'s`), text('처음부터 하려면 --restart, 다른 학생이면 --namespace로 다른 네임스페이스를 쓰세요.', 'Use --restart to start over, or another --namespace for another student.'));
  }
  const student = o.student ?? state.student;
  if (klass && !student) throw new UsageError(text('클래스 시드가 있으면 --student <id>도 있어야 합니다', 'a class seed needs --student <id> too'), text('강사가 준 학생 id를 --student로 주세요.', 'Give the student id your instructor gave you with --student.'));
  if (student) state.student = student;
  if (student && klass) state.variant = variantOf(lab, student, klass.seed);
  else if (!state.variant || state.variant.student !== student) state.variant = defaultVariant(lab, student);
  store.save(state);
  if (hasVariables(lab)) {
    say(state.variant.seedId
      ? text(`학생 ${student}의 변형: ${describeVariant(state.variant)}`, `Student ${student}'s variant: ${describeVariant(state.variant)}`)
      : text(`클래스 시드가 없어 기본 변형(시드의 값)입니다: ${describeVariant(state.variant)}`, `No class seed: the default variant (the seed's values): ${describeVariant(state.variant)}`));
  }
  const timeline = new Timeline(store.timelineFile(context, namespace, lab.id));
  if (o.restart) timeline.append({ type: 'restart' });
  let from = o.from;
  if (!from) {
    from = lab.steps.find((s) => !state.completedSteps.includes(s.id))?.id;
    if (!from) {
      say(text('이 랩은 이미 끝났습니다. 처음부터 하려면 --restart, 특정 단계부터는 --from <단계>.', 'This lab is already done. Use --restart to start over, or --from <step>.'));
      return;
    }
    if (state.completedSteps.length > 0) {
      const n = lab.steps.findIndex((s) => s.id === from) + 1;
      say(text(`저장된 진행 상황에서 이어서 ${n}/${lab.steps.length}단계 "${from}"부터 시작합니다.`, `Resuming at step ${n}/${lab.steps.length} "${from}" (saved progress).`));
    }
  }
  const steps = lab.steps.slice(lab.steps.findIndex((s) => s.id === from));
  timeline.append({
    type: 'session', mode: o.auto ? 'auto' : 'interactive', lab: lab.id, labVersion: labVersion(lab), ...(student ? { student } : {}),
    ...(state.variant.seedId ? { seedId: state.variant.seedId, vars: state.variant.vars } : {}), resumed: timeline.read().some((e) => e.type === 'step-start'), ...(from ? { step: from } : {}),
  });
  const skipped = new Set<string>();
  const console_ = o.auto ? undefined : consoleInteraction(lab, namespace, o.lang, signal, { variant: state.variant, onView: (what, step) => timeline.append({ type: what, step }) });
  const interaction = console_ ? { ...recordingInteraction(console_, timeline, skipped), close: () => console_.close() } : undefined;
  // Around prompts, plain lines; while checks wait, a live view (on a terminal).
  const view = o.auto || !fancyOutput()
    ? renderer(steps, true, o.lang, !o.auto)
    : { sink: phaseRenderer((l) => process.stdout.write(`${l}\n`), o.lang, styleFor(process.stdout)), done: Promise.resolve() };
  try {
    const result = await runLab({
      lab, kube, context, namespace, lang: o.lang, policy: studentPolicy(Boolean(o.auto)),
      steps: steps.map((s) => s.id), store, state, emit: recordingSink(snapshotting(view.sink, snapshotSteps(lab), async (step) => {
        // The last graded step passed: what the student built, kept for `labs submit` after the clean-up steps. A lab
        // graded step by step (gradeApply: steps) keeps what each graded step had, as later steps delete some of it.
        const captured = await captureObjects(kube, namespace, lab.submit.secrets, signal, lab.persistentVolumes ? labVolumeNames(lab) : undefined).catch(() => []);
        const objects = lab.gradeApply === 'steps' ? mergeObjects((state.snapshot?.objects ?? []) as ApiObject[], captured) : captured;
        if (objects.length === 0) return;
        state.snapshot = { step, at: new Date().toISOString(), objects };
        timeline.append({ type: 'snapshot', step, objects: captured.length });
      }), timeline, skipped), interaction, signal,
    });
    await view.done;
    // Quitting with q saves progress: nothing failed, so it is not an error.
    process.exitCode = result.quit ? EXIT.ok : exitCodeOf([result.status]);
  } finally {
    interaction?.close();
  }
}

/** A sink that, when one of `steps` passes, runs `onPass` before passing the event on. */
function snapshotting(sink: EventSink, steps: ReadonlySet<string>, onPass: (step: string) => Promise<void>): EventSink {
  return async (ev) => {
    if (ev.type === 'step-end' && steps.has(ev.result.id) && ev.result.status === 'pass') await onPass(ev.result.id);
    await sink(ev);
  };
}

/** The steps after which the student's objects are kept: the last graded one, or every graded one (gradeApply: steps). */
function snapshotSteps(lab: Lab): Set<string> {
  const graded = lab.steps.filter((st) => st.graded).map((st) => st.id);
  return new Set(lab.gradeApply === 'steps' ? graded : graded.slice(-1));
}
