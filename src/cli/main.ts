import { Command, CommanderError, Option } from 'commander';
import { EXIT, isAbort, LabsError, errorMessage } from '../errors.ts';
import { langFromArgv, LANGS, sessionLang, setSessionLang, type Lang } from '../model/text.ts';
import { formatHelp, translateCommanderError } from './help.ts';
import { interrupted, interruption, restoreTerminal } from './interrupt.ts';
import { HELP, MAIN_WORDS } from './messages.ts';

/** The command tree in the session's language; actions import their modules lazily so `labs list` stays fast. */
export function buildProgram(lang: Lang = sessionLang()): Command {
  const h = HELP[lang];
  const langOption = (def: Lang = lang) => new Option('--lang <lang>', h.lang).choices(LANGS).default(def);
  const contextOption = () => new Option('--context <ctx>', h.context);
  const kubeconfigOption = () => new Option('--kubeconfig <file>', h.kubeconfig);
  const imagesOption = () => new Option('--images <archive>', h.images);
  const program = new Command('labs')
    .description(h.program)
    .version('0.1.0', '-V, --version', h.version)
    .helpOption('-h, --help', h.help)
    .helpCommand('help [command]', h.helpCommand)
    .configureHelp({ formatHelp: (cmd, helper) => formatHelp(cmd, helper, lang) })
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    .exitOverride();
  const sub = (name: string) => program.command(name).helpOption('-h, --help', h.help).configureHelp({ formatHelp: (cmd, helper) => formatHelp(cmd, helper, lang) });

  sub('list').description(h.list).addOption(langOption()).action(async (o) => (await import('./commands/list.ts')).list(o));
  sub('validate').description(h.validate).argument('[path]', h.validatePath).addOption(langOption()).action(async (path?: string) => (await import('./commands/validate.ts')).validate(path));
  sub('start')
    .description(h.start)
    .argument('<lab>', h.labArg)
    .option('--auto', h.auto)
    .option('--from <step>', h.from)
    .option('--namespace <ns>', h.namespace)
    .option('--restart', h.restart)
    .option('--student <id>', h.student)
    .option('--class <file>', h.classFile)
    .addOption(imagesOption())
    .addOption(contextOption())
    .addOption(kubeconfigOption())
    .addOption(langOption())
    .action(async (lab: string, o) => (await import('./commands/start.ts')).start(lab, o));
  sub('check')
    .description(h.check)
    .argument('<lab>', h.labArg)
    .option('--step <id>', h.step)
    .option('--namespace <ns>', h.namespace)
    .option('--timeout <seconds>', h.timeout, '30')
    .option('--explain <check>', h.explain)
    .option('--student <id>', h.student)
    .option('--class <file>', h.classFile)
    .addOption(contextOption())
    .addOption(kubeconfigOption())
    .addOption(langOption())
    .action(async (lab: string, o) => (await import('./commands/check.ts')).check(lab, o));
  sub('smoke')
    .description(h.smoke)
    .argument('[labs...]', h.labsArg)
    .option('--junit <file>', h.junit)
    .option('--json <file>', h.json)
    .option('--timings', h.timings)
    .option('--keep', h.keep)
    .option('--student <id>', h.student)
    .option('--class <file>', h.classFile)
    .addOption(imagesOption())
    .addOption(contextOption())
    .addOption(kubeconfigOption())
    .addOption(langOption())
    .action(async (labs: string[], o) => (await import('./commands/smoke.ts')).smoke(labs, o));
  sub('grade')
    .description(h.grade)
    .argument('<lab>', h.labArg)
    .argument('<submissions>', h.submissions)
    .option('--parallel <n>', h.parallel, '2')
    .option('--out <dir>', h.out, 'grades')
    .option('--keep-failed', h.keepFailed)
    .option('--regrade', h.regrade)
    .option('--dry-run', h.dryRun)
    .option('--allow-shared-network', h.sharedNetwork)
    .option('--submission-timeout <seconds>', h.submissionTimeout, '900')
    .option('--check-timeout <seconds>', h.checkTimeout, '45')
    .option('--class <file>', h.classFile)
    .addOption(imagesOption())
    .addOption(contextOption())
    .addOption(kubeconfigOption())
    .addOption(langOption())
    .action(async (lab: string, dir: string, o) => (await import('./commands/grade.ts')).grade(lab, dir, o));
  sub('submit')
    .description(h.submit)
    .argument('<lab>', h.labArg)
    .option('-o, --output <file>', h.submitOutput)
    .option('--namespace <ns>', h.namespace)
    .addOption(contextOption())
    .addOption(kubeconfigOption())
    .addOption(langOption())
    .action(async (lab: string, o) => (await import('./commands/submit.ts')).submit(lab, o));
  const images = sub('images').description(h.imagesCmd).addOption(langOption()).action(async () => (await import('./commands/images.ts')).imagesHelp());
  images
    .command('save')
    .helpOption('-h, --help', h.help)
    .configureHelp({ formatHelp: (cmd, helper) => formatHelp(cmd, helper, lang) })
    .description(h.imagesSave)
    .argument('[labs...]', h.imagesLabs)
    .option('-o, --output <archive>', h.output)
    .addOption(langOption())
    .action(async (labs: string[], o) => (await import('./commands/images.ts')).imagesSave(labs, o));
  sub('doctor').description(h.doctor).addOption(contextOption()).addOption(kubeconfigOption()).addOption(langOption()).action(async (o) => (await import('./commands/doctor.ts')).doctor(o));
  sub('down').description(h.down).addOption(langOption()).action(async () => (await import('./commands/down.ts')).down());
  sub('schema').description(h.schema).option('--check', h.schemaCheck).option('--write', h.write).addOption(langOption()).action(async (o) => (await import('./commands/schema.ts')).schema(o));
  return program;
}

/** Runs the CLI and exits with its code. */
export async function main(argv: string[]): Promise<void> {
  const code = await runCli(argv);
  restoreTerminal();
  await writeStats();
  process.exit(code);
}

/**
 * For benchmarks: with LABS_STATS=<file>, the process writes what it cost (requests sent to API servers, its peak
 * resident memory) when it ends. Nothing otherwise.
 */
async function writeStats(): Promise<void> {
  const file = process.env.LABS_STATS;
  if (!file) return;
  try {
    const { writeFileSync } = await import('node:fs');
    const { apiRequests } = await import('../kube/http.ts');
    writeFileSync(file, `${JSON.stringify({ apiRequests: apiRequests.count, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
  } catch {
    // Stats are a benchmark's: never the run's failure.
  }
}

/** Runs the CLI and returns the exit code (for tests). Known errors print their message and hint; unknown ones a stack. */
export async function runCli(argv: string[]): Promise<number> {
  setSessionLang(langFromArgv(argv));
  // From the very start: a Ctrl-C while labs is still loading also ends with one line and exit 130.
  interruption();
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(argv);
    return interrupted() ? EXIT.interrupted : Number(process.exitCode ?? EXIT.ok);
  } catch (e) {
    return reportError(e);
  }
}

function reportError(e: unknown): number {
  const lang = sessionLang();
  const w = MAIN_WORDS[lang];
  if (isAbort(e) || interrupted()) return EXIT.interrupted;
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    const t = translateCommanderError(e);
    process.stderr.write(`labs: ${t.message[lang]}\n${w.hint}: ${t.hint[lang]}\n`);
    return EXIT.usage;
  }
  if (e instanceof LabsError) {
    process.stderr.write(`labs: ${e.text[lang]}\n`);
    if (e.hint) process.stderr.write(`${w.hint}: ${e.hint[lang]}\n`);
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(errorMessage(e));
  process.stderr.write(`labs: ${w.unexpected}: ${err.stack ?? err.message}\n${w.bug}\n`);
  return EXIT.infra;
}
