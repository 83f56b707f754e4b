import { z } from 'zod';
import { type Lang } from './text.ts';

/** A piece of student-facing text in every supported language. */
export const TextSchema = z
  .object({
    ko: z.string().min(1).describe('Korean text (the default language).'),
    en: z.string().min(1).describe('English text, shown with --lang en.'),
  })
  .strict()
  .describe('Student-facing text in Korean and English.');

let messagesIn: Lang = 'en';

/** Runs `fn` (a parse) with the schema's own messages in `lang`; zod's locale covers the rest. */
export function withSchemaLang<T>(lang: Lang, fn: () => T): T {
  const before = messagesIn;
  messagesIn = lang;
  try {
    return fn();
  } finally {
    messagesIn = before;
  }
}

/** A schema message in both languages, picked when the message is made. */
const msg = (ko: string, en: string) => ({ error: () => (messagesIn === 'ko' ? ko : en) });

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const idSchema = z.string().regex(DNS_LABEL, msg('소문자, 숫자, 대시만 쓸 수 있습니다 (예: "deploy")', 'must be lower-case letters, digits and dashes (like "deploy")'));

/** Apply one of the lab's manifest files into the run's namespace. */
export const ApplyActionSchema = z
  .object({ apply: z.string().min(1).describe('Manifest file, relative to the lab folder.') })
  .strict()
  .describe('Apply a manifest file of the lab.');

/** Run a command inside a pod (picked by name, or the first ready pod of a workload or selector). */
export const ExecActionSchema = z
  .object({
    exec: z
      .object({
        target: z
          .string()
          .min(1)
          .describe('Where to run: "pod/<name>", "deployment/<name>", "statefulset/<name>" or a label selector "app=mysql".'),
        container: z.string().optional().describe('Container name; the first container when omitted.'),
        command: z.array(z.string()).min(1).describe('The command and its arguments, as the student would type after "--".'),
      })
      .strict(),
  })
  .strict()
  .describe('Run a command in a pod.');

/** Delete pods and wait until their replacements are Ready. */
export const DeletePodActionSchema = z
  .object({
    deletePod: z
      .object({
        name: z.string().optional().describe('Pod name (e.g. "redis-0").'),
        selector: z.string().optional().describe('Label selector (e.g. "app=mysql").'),
        waitReady: z.boolean().default(true).describe('Wait until a new pod with a new UID is Ready.'),
      })
      .strict()
      .refine((v) => Boolean(v.name) !== Boolean(v.selector), msg('name과 selector 중 하나만 쓰세요', 'give exactly one of name or selector')),
  })
  .strict()
  .describe('Delete a pod (by name or selector) and wait for its replacement.');

/** Delete objects by kind and name, by kind and selector, or everything a manifest file declares. */
export const DeleteActionSchema = z
  .object({
    delete: z
      .object({
        file: z.string().optional().describe('Delete every object declared in this manifest file.'),
        kind: z.string().optional().describe('Kind to delete, e.g. "PersistentVolumeClaim".'),
        name: z.string().optional().describe('Object name (with kind).'),
        selector: z.string().optional().describe('Label selector (with kind).'),
      })
      .strict()
      .refine((v) => Boolean(v.file) !== Boolean(v.kind), msg('file, 또는 kind와 name/selector 중 하나를 쓰세요', 'give either file, or kind with name or selector'))
      .refine((v) => !v.kind || Boolean(v.name) !== Boolean(v.selector), msg('kind에는 name과 selector 중 하나만 쓰세요', 'with kind, give exactly one of name or selector')),
  })
  .strict()
  .describe('Delete objects and wait until they are gone.');

/** Wait until a workload is ready, as `kubectl rollout status` or `kubectl wait` would. */
export const WaitActionSchema = z
  .object({
    wait: z
      .object({
        target: z.string().min(1).describe('"deployment/<name>", "statefulset/<name>", "job/<name>", "pod/<name>" or a pod label selector.'),
        condition: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9]*$/)
          .optional()
          .describe('Wait for this condition of the target instead (kubectl wait --for=condition=<condition>, any case), e.g. "failed" for a Job that must fail.'),
      })
      .strict(),
  })
  .strict()
  .describe('Wait until a workload or pod is ready (a Job: complete), or until a condition of it is True.');

/**
 * Run a command in one of the lab's probe pods (grader-owned, never a student's container). The command may
 * use {{ip pod/<name>}}, {{ip deployment/<name>}}, {{ip statefulset/<name>}}, {{env <target> <VAR>}} (the value
 * the workload's spec gives the variable, also from a Secret) and {{namespace}}.
 */
export const ProbeActionSchema = z
  .object({
    probe: z
      .object({
        use: idSchema.describe('The probe (from the lab\'s probes) to run in.'),
        command: z.array(z.string()).min(1).describe('The command and its arguments, with {{…}} placeholders.'),
      })
      .strict(),
  })
  .strict()
  .describe('Run a command in a probe pod, reaching the student\'s pods over the network.');

/**
 * Run a CronJob now, as `kubectl create job <name> --from=cronjob/<cronJob>` does: a Job made from the CronJob's
 * jobTemplate, owned by the CronJob, annotated `cronjob.kubernetes.io/instantiate: manual`. No waiting for a schedule.
 */
export const CreateJobActionSchema = z
  .object({
    createJob: z
      .object({
        name: idSchema.describe('The Job\'s name, as given to kubectl create job (e.g. "daily-backup-manual").'),
        fromCronJob: idSchema.describe('The CronJob whose jobTemplate the Job is made from.'),
      })
      .strict(),
  })
  .strict()
  .describe('Create a Job from a CronJob now (kubectl create job <name> --from=cronjob/<cronJob>).');

/**
 * Let a suspended Job run, as `kubectl patch job <name> --type=merge -p '{"spec":{"suspend":false}}'` does. A Job made
 * with suspend: true waits for this; one that is not suspended is left as it is.
 */
export const ResumeJobActionSchema = z
  .object({ resumeJob: z.object({ name: idSchema.describe('The Job to resume.') }).strict() })
  .strict()
  .describe('Resume a suspended Job (spec.suspend: false).');

/**
 * Change an object with a JSON merge patch, as `kubectl patch <kind> <name> --type=merge -p '<json>'` does: a field
 * set to null is removed (e.g. a Released PersistentVolume's `spec.claimRef`, to make it Available again).
 */
export const PatchActionSchema = z
  .object({
    patch: z
      .object({
        kind: z.string().min(1).describe('The kind, as kubectl names it (PersistentVolume, pv, Job…).'),
        name: z.string().min(1).describe('The object\'s name (the lab\'s name of a PersistentVolume, which smoke and grading rename).'),
        merge: z.record(z.string(), z.unknown()).describe('The JSON merge patch (RFC 7386): maps are merged, null removes a field, lists are replaced.'),
      })
      .strict(),
  })
  .strict()
  .describe('Patch an object (kubectl patch --type=merge).');

/**
 * Write a file into a claim's volume from a one-shot pod of labs' own that mounts the claim (never a student's
 * container), as `kubectl exec <pod> -- sh -c 'echo … > <mount>/<path>'` would from a pod that uses the claim.
 */
export const WriteVolumeActionSchema = z
  .object({
    writeVolume: z
      .object({
        claim: z.string().min(1).describe('The PersistentVolumeClaim whose volume is written (it must be Bound, or bind once mounted).'),
        path: z.string().min(1).describe('The file, relative to the volume\'s root (no "..").'),
        content: z.string().describe('What the file holds, e.g. "{{value greeting}}".'),
      })
      .strict(),
  })
  .strict()
  .describe('Write a file into a claim\'s volume (from a pod of labs\' own).');

/** One thing the runner does in --auto mode (and the grader between submissions' steps). */
export const ActionSchema = z.union([ApplyActionSchema, ExecActionSchema, ProbeActionSchema, DeletePodActionSchema, DeleteActionSchema, WaitActionSchema, CreateJobActionSchema, ResumeJobActionSchema, PatchActionSchema, WriteVolumeActionSchema], msg('동작은 apply, exec, probe, deletePod, delete, wait, createJob, resumeJob, patch, writeVolume 중 하나와 그 필드입니다', 'an action is one of apply, exec, probe, deletePod, delete, wait, createJob, resumeJob, patch or writeVolume, with its fields'));
/** One solution action. */
export type Action = z.infer<typeof ActionSchema>;

/** The kinds of solution action, each the one key of its object as lab.yaml writes it. */
export const ACTION_KINDS = ['apply', 'exec', 'probe', 'deletePod', 'delete', 'wait', 'createJob', 'resumeJob', 'patch', 'writeVolume'] as const;
/** A kind of solution action. */
export type ActionKindName = (typeof ACTION_KINDS)[number];
/** The action of one kind. */
export type ActionOf<K extends ActionKindName> = Extract<Action, Record<K, unknown>>;

/** Which kind an action is: every dispatch on actions (the runner's table, the lab-file rules, the solution shown) starts here. */
export function actionKind(a: Action): ActionKindName {
  const kind = ACTION_KINDS.find((k) => k in a);
  if (!kind) throw new Error(`not an action: ${Object.keys(a).join(', ')}`);
  return kind;
}

/** Narrows an action to one kind. */
export function isAction<K extends ActionKindName>(a: Action, kind: K): a is ActionOf<K> {
  return actionKind(a) === kind;
}

/** The lab files an action reads: the manifest it applies, or the one whose objects it deletes. */
export function actionFiles(a: Action): string[] {
  if (isAction(a, 'apply')) return [a.apply];
  if (isAction(a, 'delete')) return a.delete.file ? [a.delete.file] : [];
  return [];
}

/** A check to run after a step: its id, or its id with points. */
export const CheckRefSchema = z.union([
  idSchema.describe('Check id: a module checks/<lab>/<id>.ts.'),
  z
    .object({
      id: idSchema.describe('Check id: a module checks/<lab>/<id>.ts.'),
      points: z.number().int().min(0).default(1).describe('Points this check is worth when grading.'),
      timeout: z.number().positive().optional().describe('Seconds to keep retrying this check; the step timeout when omitted.'),
      blocked: z
        .enum(['free', 'costs'])
        .optional()
        .describe('When the check is blocked (it cannot be judged because another check\'s subject is absent): "free" keeps its points, "costs" loses them. Either way reports show it as blocked, apart from failures. The lab\'s `blocked` when omitted.'),
    })
    .strict(),
]);
/** A check reference as written in lab.yaml. */
export type CheckRef = z.infer<typeof CheckRefSchema>;

/** A value the lab's steps write and its checks read back: the seed's constant by hand, drawn per run otherwise. */
export const ValueSchema = z
  .object({
    student: z.string().min(1).describe('The value the instructions tell the student to write (the seed\'s own, e.g. "value1").'),
    draw: z
      .union([
        z.enum(['word', 'name']).describe('word: 10 lower-case letters and digits; name: a capitalised word of 8 letters.'),
        z.object({ min: z.number().int(), max: z.number().int() }).strict().describe('An integer from min to max.'),
      ])
      .default('word')
      .describe('What a run draws instead of the student value.'),
  })
  .strict()
  .describe('A value of the lab\'s data.');
/** A value of the lab's data. */
export type ValueSpec = z.infer<typeof ValueSchema>;

const NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/** How a variable's value is made for a student: the same (lab, student, class seed) always gives the same value. */
export const GeneratorSchema = z
  .union([
    z.object({ pick: z.array(z.string().min(1)).min(2).describe('One of these values.') }).strict(),
    z
      .object({
        word: z.array(z.string().regex(/^[a-z][a-z0-9]*$/)).min(1).describe('One of these words, then "_" and `suffix` random letters (e.g. shop_kqzt).'),
        suffix: z.number().int().min(1).max(12).default(4).describe('How many random lower-case letters follow the word.'),
      })
      .strict(),
    z.object({ letters: z.number().int().min(4).max(32).describe('This many random lower-case letters and digits, a letter first.') }).strict(),
    z.object({ int: z.object({ min: z.number().int(), max: z.number().int() }).strict().describe('An integer from min to max.') }).strict(),
  ], msg('생성기는 pick, word, letters, int 중 하나입니다', 'a generator is one of pick, word, letters or int'))
  .describe('How a student\'s value is made: pick (one of a list), word (a word and random letters), letters (random letters), int (a range).');
/** How a variable's value is made. */
export type Generator = z.infer<typeof GeneratorSchema>;

/** A place in a reference manifest that holds a variable: the variant's manifests are the seed's with these set. */
export const VariableSiteSchema = z
  .object({
    file: z.string().min(1).describe('The reference manifest file, relative to the lab folder.'),
    object: z.string().regex(/^[A-Za-z]+\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, msg('"Deployment/mysql" 같은 모양이어야 합니다', 'must look like "Deployment/mysql"')).describe('The object in that file, as Kind/name.'),
    path: z.string().min(1).describe('Dotted path to the field, with [n] indexes and [key=value] list filters: spec.template.spec.containers[name=mysql].env[name=MYSQL_DATABASE].value'),
    value: z.string().optional().describe('What the field holds, with {{var <name>}} inside (e.g. "-p{{var password}}"); the variable alone when omitted. With the default it must be what the file holds.'),
  })
  .strict()
  .describe('Where a variable goes in a reference manifest.');
/** Where a variable goes in a reference manifest. */
export type VariableSite = z.infer<typeof VariableSiteSchema>;

/**
 * A per-student variable: what the student sees in their instructions and writes into their own manifests. Derived
 * from (lab, student id, class seed), so `start`, `check` and `grade` of one student agree; without a class seed
 * every student has the default, the seed's own text.
 */
export const VariableSchema = z
  .object({
    default: z.union([z.string().min(1), z.number().int()]).transform(String).describe('The seed\'s own value (what the lab says without a class seed).'),
    generate: GeneratorSchema,
    manifests: z.array(VariableSiteSchema).default([]).describe('Where the variable goes in the reference manifests (applied by --auto and smoke; a student\'s own files are never rewritten).'),
  })
  .strict()
  .describe('A per-student variable, used as {{var <name>}} in texts, commands, solutions, values and checks.');
/** A per-student variable. */
export type VariableSpec = z.infer<typeof VariableSchema>;

/** One step of a lab. */
export const StepSchema = z
  .object({
    id: idSchema.describe('Step id, used by --from and --step.'),
    title: TextSchema.describe('Short step title.'),
    instructions: TextSchema.describe('What the student does in this step.'),
    commands: z
      .array(z.string())
      .default([])
      .describe('Commands shown to the student. "{{namespace}}" is replaced by the namespace, and outside "default" each kubectl gets "-n <namespace>".'),
    solution: z.array(ActionSchema).default([]).describe('What --auto performs for this step.'),
    graded: z.boolean().default(true).describe('Whether `labs grade` runs and scores this step (cleanup steps are not graded).'),
    checks: z.array(CheckRefSchema).default([]).describe('Checks to run after the step.'),
    timeout: z.number().positive().default(120).describe('Seconds allowed for the solution and for each check to pass.'),
  })
  .strict();
/** One step of a lab. */
export type Step = z.infer<typeof StepSchema>;

/** A lab file (lab.yaml). */
export const LabSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][-a-z0-9]*(\/[a-z0-9][-a-z0-9]*)*$/, msg('"week3-day3/mysql-pvc" 같은 모양이어야 합니다', 'must look like "week3-day3/mysql-pvc"'))
      .optional()
      .describe('Lab id (e.g. "week3-day3/mysql-pvc"); its folder under labs/ when omitted. Names the checks folder checks/<id>/.'),
    title: TextSchema.describe('Lab title.'),
    summary: TextSchema.describe('One paragraph on what the student will learn.'),
    namespace: z.string().regex(DNS_LABEL).default('default').describe('Namespace the lab uses when run by hand; smoke and grade use their own.'),
    manifests: z.array(z.string()).default([]).describe('Manifest files the student writes (and grading takes from submissions).'),
    probes: z
      .array(
        z
          .object({
            name: idSchema.describe('The name checks and probe actions use.'),
            image: z.string().min(1).describe('The image of the probe pod; it needs `sh` and `sleep` besides the tools checks run.'),
            startup: z
              .number()
              .positive()
              .max(600)
              .default(10)
              .describe('Seconds the server this probe talks to may take, from its container\'s start, before it answers (MySQL initialising its data: 90). Until then "cannot connect" is not a verdict: the command is tried again.'),
            unreachable: z
              .string()
              .optional()
              .describe('A regular expression for the output of this probe\'s tools when the server is not listening yet; a built-in one (connection refused, can\'t connect…) when omitted.'),
          })
          .strict(),
      )
      .default([])
      .describe('Grader-owned pods that checks and probe actions run commands in, talking to the student\'s pods over the network.'),
    blocked: z
      .enum(['free', 'costs'])
      .default('free')
      .describe('The default for every check\'s `blocked` rule: "free" keeps the points of a check that cannot be judged, "costs" loses them.'),
    images: z
      .array(z.string().min(1))
      .optional()
      .describe('Images submissions may run; the images of the reference manifests and the probes when omitted. A digest (image@sha256:…) allows only that digest.'),
    capabilities: z
      .array(z.string().regex(/^[A-Z_]+$/))
      .default([])
      .describe('Linux capabilities the lab\'s pods need (e.g. NET_RAW for ping): graded submissions may add these, and keep them; every other pod has NET_RAW dropped.'),
    values: z
      .record(
        z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, msg('영문자로 시작하는 영문자, 숫자, _ 이름이어야 합니다', 'must be letters, digits and _, starting with a letter')),
        ValueSchema,
      )
      .default({})
      .describe('Data the steps write and the checks read back, as {{value <name>}} in probe commands and checks. A student following the instructions by hand uses `student`; --auto, smoke and grade draw a fresh value per run, so no fixed answer can pass for the real data.'),
    variables: z
      .record(z.string().regex(NAME, msg('영문자로 시작하는 영문자, 숫자, _ 이름이어야 합니다', 'must be letters, digits and _, starting with a letter')), VariableSchema)
      .default({})
      .describe('Per-student variables ({{var <name>}}): each student\'s own database name, key, size… derived from the lab, the student id and the class seed.'),
    persistentVolumes: z
      .boolean()
      .default(false)
      .describe('The lab makes PersistentVolumes (static provisioning): graded submissions may hold hostPath PersistentVolumes, which the grader makes under names and host folders of the student\'s own; smoke and grading rename the lab\'s own the same way.'),
    gradeApply: z
      .enum(['together', 'steps'])
      .default('together')
      .describe('When grading applies a submission\'s objects: "together", all before the first step; "steps", each object when a graded step\'s `apply` action applies the reference file of its kind and name (a lab whose later steps must not see objects of earlier ones, such as a second claim for a volume the first one holds), and objects no such file has before the first step.'),
    submit: z
      .object({
        secrets: z
          .enum(['redact', 'include'])
          .default('redact')
          .describe('redact: `labs submit` keeps a Secret\'s keys and replaces each value by its SHA-256 (the grader cannot apply it); include: the values go into the archive (for labs whose Secrets are exercise data, not credentials).'),
      })
      .strict()
      .default({ secrets: 'redact' })
      .describe('What `labs submit` puts into a student\'s archive.'),
    steps: z.array(StepSchema).min(1).describe('The steps, in order.'),
  })
  .strict();
/** A parsed lab file. */
export type LabFile = z.infer<typeof LabSchema>;

/** A lab as loaded: its file, where it lives, and its id ("week3-day3/mysql-pvc"). */
export interface Lab extends Omit<LabFile, 'id' | 'images'> {
  /** Images submissions may run: the lab's `images`, or those of its reference manifests and probes. */
  images: string[];
  /** The lab id, its folder relative to the labs root. */
  id: string;
  /** Absolute path of the lab folder. */
  dir: string;
  /** Absolute path of lab.yaml. */
  file: string;
}

/** A check reference with every field filled in. */
export interface CheckSpec {
  id: string;
  points: number;
  timeout?: number;
  blocked: 'free' | 'costs';
}

/** The check id, points and blocked rule of a reference, whatever its written form (`lab` gives the defaults). */
export function normaliseCheckRef(ref: CheckRef, lab?: Pick<LabFile, 'blocked'>): CheckSpec {
  const blocked = lab?.blocked ?? 'free';
  return typeof ref === 'string' ? { id: ref, points: 1, blocked } : { ...ref, blocked: ref.blocked ?? blocked };
}
