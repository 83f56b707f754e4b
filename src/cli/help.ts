import { type Command, type CommanderError, type Help } from 'commander';
import { type Lang, type Text } from '../model/text.ts';
import { HELP, MSG } from './messages.ts';

/** Help text with headings in the session's language (commander's own headings are English only). */
export function formatHelp(cmd: Command, helper: Help, lang: Lang): string {
  const h = HELP[lang];
  const width = helper.padWidth(cmd, helper);
  const item = (term: string, desc: string) => `  ${term.padEnd(width)}  ${desc}`;
  const out = [`${h.usage}: ${helper.commandUsage(cmd)}`, ''];
  const desc = helper.commandDescription(cmd);
  if (desc) out.push(desc, '');
  const args = helper.visibleArguments(cmd);
  if (args.length) out.push(`${h.arguments}:`, ...args.map((a) => item(helper.argumentTerm(a), a.description)), '');
  const opts = helper.visibleOptions(cmd);
  if (opts.length) {
    out.push(`${h.options}:`, ...opts.map((o) => {
      const extra = [o.argChoices ? `${h.choices}: ${o.argChoices.join(', ')}` : '', o.defaultValue !== undefined && o.defaultValue !== false ? `${h.default}: ${JSON.stringify(o.defaultValue)}` : ''].filter(Boolean).join('; ');
      return item(helper.optionTerm(o), `${o.description}${extra ? ` (${extra})` : ''}`);
    }), '');
  }
  const cmds = helper.visibleCommands(cmd);
  if (cmds.length) out.push(`${h.commands}:`, ...cmds.map((c) => item(helper.subcommandTerm(c), c.description())), '');
  return `${out.join('\n')}\n`;
}

/** A commander usage error in both languages, with what to do. */
export function translateCommanderError(e: CommanderError): { message: Text; hint: Text } {
  const m = e.message.replace(/^error: /, '');
  const hint = MSG.seeHelp;
  const q = (re: RegExp) => re.exec(m)?.slice(1) ?? [];
  switch (e.code) {
    case 'commander.missingArgument': {
      const [arg] = q(/argument '([^']+)'/);
      return { message: MSG.missingArgument(arg), hint };
    }
    case 'commander.optionMissingArgument': {
      const [opt] = q(/option '([^']+)'/);
      return { message: MSG.optionNeedsValue(opt), hint };
    }
    case 'commander.unknownOption': {
      const [opt] = q(/option '([^']+)'/);
      return { message: MSG.unknownOption(opt), hint };
    }
    case 'commander.unknownCommand': {
      const [cmd] = q(/command '([^']+)'/);
      return { message: MSG.unknownCommand(cmd), hint };
    }
    case 'commander.excessArguments':
      return { message: MSG.tooManyArguments, hint };
    case 'commander.invalidArgument': {
      const [opt, value, choices] = q(/option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.+)\.$/);
      if (opt) return { message: MSG.choiceNotAllowed(opt, value, choices), hint };
      return { message: MSG.invalidValue(m), hint };
    }
    default:
      return { message: MSG.commandLineError(m), hint };
  }
}
