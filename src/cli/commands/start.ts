import { connectWithImages } from '../../cluster/connect.ts';
import { createNamespace } from '../../cluster/namespace.ts';
import { studentPolicy } from '../../run/policy.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { runCommand } from '../../exec/run.ts';
import { findLab } from '../../load/load-labs.ts';
import { type Lab } from '../../model/lab.ts';
import { KIND, type ApiObject } from '../../model/kube.ts';
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
import { MSG } from '../messages.ts';
import { exitCodeOf, fancyOutput, renderer, say } from '../session.ts';

/** `labs start <lab>`: walk the lab, resuming where the saved progress left off. */
export async function start(labId: string, o: ClusterFlags & { auto?: boolean; from?: string; namespace?: string; restart?: boolean; student?: string; class?: string }): Promise<void> {
  const lab = findLab(labId);
  if (o.from && !lab.steps.some((s) => s.id === o.from)) {
    throw new UsageError(MSG.noSuchStep(lab.id, o.from), MSG.knownSteps(lab.steps.map((s) => s.id).join(', ')));
  }
  if (!o.auto && !process.stdin.isTTY) {
    throw new UsageError(MSG.interactiveNeedsTerminal, MSG.interactiveNeedsTerminalHint);
  }
  if (o.student !== undefined && !validStudentId(o.student)) {
    throw new UsageError(MSG.badStudentId(o.student));
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
    say(MSG.namespaceCreated(namespace));
  }
  // Who the student is and their variant are remembered with the progress: `check` and `submit` need neither again.
  if (o.student && state.student && o.student !== state.student && !o.restart) {
    throw new UsageError(MSG.progressOfOtherStudent(state.student), MSG.progressOfOtherStudentHint);
  }
  const student = o.student ?? state.student;
  if (klass && !student) throw new UsageError(MSG.seedNeedsStudent, MSG.seedNeedsStudentHint);
  if (student) state.student = student;
  if (student && klass) state.variant = variantOf(lab, student, klass.seed);
  else if (!state.variant || state.variant.student !== student) state.variant = defaultVariant(lab, student);
  store.save(state);
  if (hasVariables(lab)) {
    say(state.variant.seedId
      ? MSG.studentVariant(student, describeVariant(state.variant))
      : MSG.defaultVariant(describeVariant(state.variant)));
  }
  const timeline = new Timeline(store.timelineFile(context, namespace, lab.id));
  if (o.restart) timeline.append({ type: 'restart' });
  let from = o.from;
  if (!from) {
    from = lab.steps.find((s) => !state.completedSteps.includes(s.id))?.id;
    if (!from) {
      say(MSG.labAlreadyDone);
      return;
    }
    if (state.completedSteps.length > 0) {
      const n = lab.steps.findIndex((s) => s.id === from) + 1;
      say(MSG.resuming(n, lab.steps.length, from));
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
