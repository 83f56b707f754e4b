import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connect } from '../../cluster/connect.ts';
import { UsageError } from '../../errors.ts';
import { runCommand } from '../../exec/run.ts';
import { archiveName, packArchive } from '../../grade/archive.ts';
import { labVersion } from '../../load/lab-version.ts';
import { findLab } from '../../load/load-labs.ts';
import { type ApiObject } from '../../model/kube.ts';
import { captureObjects, mergeObjects } from '../../run/capture.ts';
import { labVolumeNames } from '../../run/runner.ts';
import { StateStore } from '../../run/state-store.ts';
import { parseTimeline, Timeline, verifyChain } from '../../run/timeline.ts';
import { describeVariant } from '../../run/variants.ts';
import { interruption } from '../interrupt.ts';
import { type ClusterFlags } from '../flags.ts';
import { MSG } from '../messages.ts';
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
    throw new UsageError(MSG.noStudentId(lab.id, namespace), MSG.noStudentIdHint(lab.id));
  }
  let objects: ApiObject[] = await captureObjects(kube, namespace, lab.submit.secrets, signal, lab.persistentVolumes ? labVolumeNames(lab) : undefined);
  let snapshot: { step: string; at: string } | undefined;
  if (lab.gradeApply === 'steps' && state.snapshot) {
    // Graded step by step: what each step had (later steps delete some of it), then anything made since.
    objects = mergeObjects(state.snapshot.objects as ApiObject[], objects);
    snapshot = { step: state.snapshot.step, at: state.snapshot.at };
    say(MSG.submittingStepSnapshots(snapshot.step, snapshot.at));
  } else if (objects.length === 0 && state.snapshot) {
    objects = state.snapshot.objects as ApiObject[];
    snapshot = { step: state.snapshot.step, at: state.snapshot.at };
    say(MSG.submittingLastSnapshot(namespace, snapshot.step, snapshot.at));
  }
  if (objects.length === 0) {
    throw new UsageError(MSG.nothingToSubmit(namespace), MSG.nothingToSubmitHint);
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
    throw new UsageError(MSG.archiveNotWritable(file, (e as NodeJS.ErrnoException).code ?? String(e)), MSG.archiveNotWritableHint);
  }
  const secrets = objects.filter((x) => x.kind === 'Secret').length;
  const lines = [
    MSG.submitWrote(file, data.length),
    MSG.submitStudent(manifest.student),
    MSG.submitVariant(manifest.variant?.seedId ? describeVariant(manifest.variant) : undefined),
    MSG.submitLab(lab.id, manifest.labVersion),
    MSG.submitObjects(objects.length, objects.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')),
    MSG.submitTimeline(events.length, chain.ok ? undefined : chain.seq),
    secrets === 0 ? MSG.submitNoSecrets : lab.submit.secrets === 'include' ? MSG.submitSecretsIncluded(secrets) : MSG.submitSecretsHashed(secrets),
    MSG.submitHandIn,
  ].map((t) => t[o.lang]);
  process.stdout.write(`${lines.join('\n')}\n`);
}
