import { Command, CommanderError, Option } from 'commander';
import { EXIT, LabsError } from '../errors.ts';
import { LANGS } from '../model/text.ts';

/** Options every cluster command takes. */
export interface ClusterFlags {
  context?: string;
  kubeconfig?: string;
  lang: 'ko' | 'en';
}

const langOption = () => new Option('--lang <lang>', 'language of instructions and messages').choices(LANGS).default(process.env.LABS_LANG === 'en' ? 'en' : 'ko');
const contextOption = () => new Option('--context <ctx>', 'use this existing kubeconfig context instead of the labs kind cluster');
const kubeconfigOption = () => new Option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)');

/** The command tree; actions import their modules lazily so `labs list` stays fast. */
export function buildProgram(): Command {
  const program = new Command('labs')
    .description('Kubernetes bootcamp labs: walk a lab step by step, with checks of your cluster after each step.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();

  program.command('list').description('list the labs').addOption(langOption()).action(async (o) => (await import('./commands/list.ts')).list(o));

  program
    .command('validate')
    .description('check lab files against the schema and cross-file rules')
    .argument('[path]', 'a lab folder, a lab.yaml, or a folder of labs (default: the bundled labs)')
    .action(async (path?: string) => (await import('./commands/validate.ts')).validate(path));

  program
    .command('start')
    .description('walk a lab step by step (interactive unless --auto)')
    .argument('<lab>', 'lab id, e.g. week3-day3/redis-statefulset, or a lab folder')
    .option('--auto', 'perform each step\'s solution yourself')
    .option('--from <step>', 'start at this step')
    .option('--namespace <ns>', 'namespace to use (default: the lab\'s)')
    .option('--restart', 'forget saved progress and start from the first step')
    .addOption(contextOption())
    .addOption(kubeconfigOption())
    .addOption(langOption())
    .action(async (lab: string, o) => (await import('./commands/start.ts')).start(lab, o));

  program
    .command('check')
    .description('run a lab\'s checks against the cluster as it is')
    .argument('<lab>', 'lab id or folder')
    .option('--step <id>', 'only this step\'s checks')
    .option('--namespace <ns>', 'namespace to check (default: the lab\'s)')
    .option('--timeout <seconds>', 'keep retrying failing checks this long', '10')
    .addOption(contextOption())
    .addOption(kubeconfigOption())
    .addOption(langOption())
    .action(async (lab: string, o) => (await import('./commands/check.ts')).check(lab, o));

  program
    .command('smoke')
    .description('run every lab\'s reference solution in a fresh namespace and check it (for CI)')
    .argument('[labs...]', 'lab ids (default: all)')
    .option('--junit <file>', 'write JUnit XML here')
    .option('--json <file>', 'write JSON results here')
    .option('--keep', 'keep the namespaces afterwards')
    .addOption(contextOption())
    .addOption(kubeconfigOption())
    .addOption(langOption().default('en'))
    .action(async (labs: string[], o) => (await import('./commands/smoke.ts')).smoke(labs, o));

  program
    .command('grade')
    .description('grade a folder of student submissions (one folder per student)')
    .argument('<lab>', 'lab id or folder')
    .argument('<submissions>', 'folder holding <student-id>/ folders of YAML files')
    .option('--parallel <n>', 'grade this many submissions at once', '2')
    .option('--out <dir>', 'where results and reports go', 'grades')
    .option('--keep-failed', 'keep the namespaces of submissions that lost points')
    .option('--regrade', 'grade students that already have a result')
    .option('--submission-timeout <seconds>', 'deadline for one submission', '900')
    .option('--check-timeout <seconds>', 'longest a failing check is retried', '45')
    .addOption(contextOption())
    .addOption(kubeconfigOption())
    .addOption(langOption())
    .action(async (lab: string, dir: string, o) => (await import('./commands/grade.ts')).grade(lab, dir, o));

  program
    .command('doctor')
    .description('check docker, kind, kubectl, the cluster and its StorageClasses, with the fix for each')
    .addOption(contextOption())
    .addOption(kubeconfigOption())
    .action(async (o) => (await import('./commands/doctor.ts')).doctor(o));

  program.command('down').description('delete the kind cluster labs created, and nothing else').action(async () => (await import('./commands/down.ts')).down());

  program
    .command('schema')
    .description('print the JSON Schema of lab.yaml')
    .option('--write', 'write it to schema/lab.schema.json')
    .action(async (o) => (await import('./commands/schema.ts')).schema(o));

  return program;
}

/** Runs the CLI and exits with its code. Known errors print their message and hint; unknown ones a stack. */
export async function main(argv: string[]): Promise<void> {
  const code = await runCli(argv);
  process.exit(code);
}

/** Runs the CLI and returns the exit code (for tests). */
export async function runCli(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(argv);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (e) {
    return reportError(e);
  }
}

function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    return EXIT.usage; // commander already printed the message and the help
  }
  if (e instanceof LabsError) {
    process.stderr.write(`labs: ${e.message}\n`);
    if (e.hint) process.stderr.write(`hint: ${e.hint}\n`);
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(`labs: unexpected error: ${err.stack ?? err.message}\nThis is a bug in labs; please report it with the lines above.\n`);
  return EXIT.infra;
}
