import { z } from 'zod';
import { TextSchema } from './lab.ts';

// A check written as data (checks/<lab>/<id>.yaml): what it looks at, what it expects there, and what each
// mismatch teaches. The engine (src/assert) builds the failure from the matchers; nothing here is prose but hints.

const id = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be lower-case letters, digits and dashes');

/** A value to compare with: any YAML value; strings may hold {{value x}}, {{recall check.key}}, {{namespace}}… */
const Want = z.unknown();

/** One matcher: exactly one of these fields. */
export const MatcherSchema = z
  .object({
    equals: Want.optional().describe('The value equals this (lists and maps in full; a string placeholder also matches the same number).'),
    oneOf: z.array(Want).optional().describe('The value is one of these.'),
    quantity: z.union([z.string(), z.number()]).optional().describe('The value is the same Kubernetes quantity ("1Gi" = "1024Mi").'),
    present: z.literal(true).optional().describe('The field is set.'),
    absent: z.literal(true).optional().describe('The field is not set.'),
    contains: Want.optional().describe('A list holds this item (a map item matches when it has these fields), each of these when a list is given; a string holds this text.'),
    exactly: z.array(Want).optional().describe('A list holds exactly these items, in any order.'),
    count: z.union([z.number().int().min(0), z.object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).strict()]).optional().describe('How many values (or objects) there are: a number, or {min, max}.'),
    matches: z.string().optional().describe('The value (a list: its items joined by spaces) matches this regular expression.'),
    get not() {
      return MatcherSchema.optional().describe('The inner matcher must not hold.');
    },
  })
  .strict();
/** One matcher. */
export type Matcher = z.infer<typeof MatcherSchema>;

/** The matcher names, in the order the engine looks for them. */
export const MATCHERS = ['equals', 'oneOf', 'quantity', 'present', 'absent', 'contains', 'exactly', 'count', 'matches', 'not'] as const;

/** What one field must be. */
export const ExpectationSchema = MatcherSchema.extend({
  path: z.string().default('').describe('Where the value is: a dotted path with list filters, e.g. spec.template.spec.containers[name=mysql].ports[containerPort=3306]; $.mounts[\'/data\'].claim for what labs works out; $.log for a pod\'s log as `kubectl logs <pod>` shows it (pods only); $.storageClass for a volume\'s or a claim\'s class as the volume controller reads it (the beta annotation, else spec.storageClassName); empty for the target itself.'),
  hint: TextSchema.optional().describe('What to try when this expectation fails: the failure\'s hint, in place of the assert\'s.'),
}).strict();
/** What one field must be. */
export type Expectation = z.infer<typeof ExpectationSchema>;

/** One object by kind and name. */
const ObjectTarget = z.object({ kind: z.string().min(1).describe('The kind, e.g. PersistentVolumeClaim.'), name: z.string().min(1).describe('Its name (placeholders allowed).') }).strict();

/** What a probe command must answer. */
export const ProbeExpectSchema = z
  .object({
    exitCode: z.number().int().default(0).describe('The exit code (0 by default).'),
    stdout: z.string().optional().describe('The output, trimmed, equals this (placeholders allowed).'),
    contains: z.string().optional().describe('The output holds this text.'),
    matches: z.string().optional().describe('The output matches this regular expression.'),
  })
  .strict();

/** A command run in one of the lab's grader-owned probe pods. */
const ProbeTarget = z
  .object({
    use: id.describe('The probe (from the lab\'s probes).'),
    command: z.array(z.string()).min(1).describe('The command, with {{ip <target>}}, {{env <target> <VAR>}}, {{value <name>}}, {{recall <check>.<key>}} and {{namespace}}.'),
    timeout: z.number().positive().max(120).default(10).describe('Seconds the command may take.'),
    label: z.string().optional().describe('How the failure names what was asked (e.g. "redis GET {{value key1}}"); the command when omitted.'),
  })
  .strict();

/** A file in a claim's volume. */
const VolumeFileTarget = z
  .object({
    claim: z.string().min(1).describe('The PersistentVolumeClaim whose volume holds the file (placeholders allowed).'),
    path: z.string().min(1).describe('The file, relative to the volume\'s root (no "..").'),
  })
  .strict();

/** One assertion: a target, and what must hold of it. */
export const AssertSchema = z
  .object({
    object: ObjectTarget.optional().describe('One object.'),
    objects: z.object({ kind: z.string().min(1), selector: z.string().optional().describe('A label selector as for kubectl -l.') }).strict().optional().describe('Every object of a kind (by selector): matched as a list.'),
    podsOf: ObjectTarget.optional().describe('The live pods of a workload (those its controller owns, however its selector is written).'),
    probe: ProbeTarget.optional().describe('A command in a probe pod: behaviour, not objects.'),
    volumeFile: VolumeFileTarget.optional().describe('A file in a claim\'s volume, read through a pod of labs\' own that mounts the claim (read-only unless the step also writes it; never through a student\'s pod): judged by `answer` (stdout: the content, trimmed; contains; matches) or `absent: true` (no such file). A claim that is missing or not Bound is a missing target (ifAbsent).'),
    absent: z.literal(true).optional().describe('The target must not exist (no object, or an empty list).'),
    ready: z.literal(true).optional().describe('The target is ready as Kubernetes counts it (a workload\'s replicas available, every pod Ready); a failure shows the pods\' and the controller\'s events and log.'),
    expect: z.array(ExpectationSchema).default([]).describe('What must hold of the target\'s fields.'),
    answer: ProbeExpectSchema.optional().describe('For a probe: what the command must answer; for a volumeFile: what the file holds (exitCode does not apply).'),
    ifAbsent: z.object({ blockedBy: id.optional().describe('Not judged: that check is responsible for the target.'), hint: TextSchema.optional() }).strict().optional().describe('When the target is missing (and must not be); for a probe, when the pods its command names are (a placeholder cannot be filled: no Ready pod yet…); for a volumeFile, when its claim is missing or not Bound.'),
    remember: z.record(z.string(), z.string()).optional().describe('Values kept for later steps\' checks ({{recall <this check>.<key>}}), by path; of the first (Ready) item of a list.'),
    hint: TextSchema.optional().describe('What to try when this assert fails (its target missing, not ready…).'),
  })
  .strict();
/** One assertion. */
export type Assert = z.infer<typeof AssertSchema>;

/** A check written as data. */
export const CheckFileSchema = z
  .object({
    id: id.optional().describe('The check id; the file name when omitted (and it must match).'),
    title: TextSchema.describe('One line on what the check checks.'),
    whenSettled: z.boolean().default(false).describe('Attempt only once the namespace has settled: for a state that is a moment on the way (a volume Available until a claim binds it).'),
    hint: TextSchema.describe('What to try when the check fails, unless a failing expectation or assert has its own. Commands in `backticks` are shown as typed in the student\'s namespace.'),
    passed: TextSchema.optional().describe('What the student reads when it passes (a line that teaches); what was remembered when omitted.'),
    asserts: z.array(AssertSchema).min(1).describe('What must hold, in order. A blocked assert with nothing failed before it makes the check blocked.'),
  })
  .strict();
/** A check written as data, as parsed. */
export type CheckFile = z.infer<typeof CheckFileSchema>;
