// The full yargs command line: help, --version, suggestions, strict checks and their messages.
// Loaded only when the fast parser (parse-fast.ts) declines a command line.
import type { Argv } from 'yargs';
import yargs from 'yargs';
import { UsageError } from '../findings/errors.js';
import { terminalColumns } from '../render/style.js';
import { type CommandDef, commandName } from './command.js';
import { EXIT_USAGE, errorLine } from './exit.js';
import { type BaseArgs, commandOptions } from './options.js';
import type { ParsedCommand } from './parse-fast.js';
import { takeSecrets } from './secrets.js';
import { settle, yargsUsage } from './settle.js';
import { closest } from './suggest.js';

function register(cli: Argv, def: CommandDef, found: (p: ParsedCommand) => void): Argv {
  return cli.command(
    yargsUsage(def.usage),
    def.describe,
    (y) => {
      // Help shows the declared usage ('<targets..>': required), though yargs is told '[targets..]'.
      y.usage(`mailflow ${def.usage}\n\n${def.describe}`);
      for (const [name, opt] of Object.entries(def.positionals ?? {})) y.positional(name, opt);
      y.options(commandOptions(def));
      for (const [cmd, text] of def.examples) y.example(cmd, text);
      return y;
    },
    (argv) => found({ def, args: argv as unknown as BaseArgs }),
  );
}

/**
 * yargs renders the whole help text after starting every command handler, in case the
 * handler asks for it; ours never does (errors are one line), and rendering costs a fifth
 * of start-up. Internal API, so guarded: if it moves, only the saving is lost.
 */
function skipHelpCache(cli: Argv): void {
  const internal = (cli as unknown as { getInternalMethods?: () => { getUsageInstance?: () => unknown } })
    .getInternalMethods?.()
    ?.getUsageInstance?.() as { cacheHelpMessage?: () => void } | undefined;
  if (internal && typeof internal.cacheHelpMessage === 'function') internal.cacheHelpMessage = () => {};
}

/** The command the words name (the first word that is one), if any. */
function commandIn(argv: string[], commands: CommandDef[]): CommandDef | undefined {
  for (const tok of argv) {
    if (tok === '--') return undefined;
    const def = commands.find((c) => commandName(c) === tok);
    if (def) return def;
  }
  return undefined;
}

/** Every option name (and alias) the command takes, with yargs' own help and version. */
function optionNames(def: CommandDef | undefined): Set<string> {
  const names = new Set(['help', 'version']);
  for (const [name, opt] of Object.entries(def ? commandOptions(def) : {})) {
    names.add(name);
    for (const a of ([] as string[]).concat(opt.alias ?? [])) if (a.length > 1) names.add(a);
  }
  return names;
}

/** The first `--option` the command does not take, with the closest one it does (a typo's fix). */
function unknownOption(argv: string[], def: CommandDef | undefined): string | undefined {
  const names = optionNames(def);
  const camel = (n: string) => n.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const knownSpelling = (n: string) => [...names].some((k) => k === n || camel(k) === n);
  for (const tok of argv) {
    if (tok === '--') break;
    const m = /^--([^=]+)/.exec(tok);
    if (!m) continue;
    const name = m[1]!;
    if (knownSpelling(name) || (name.startsWith('no-') && knownSpelling(name.slice(3)))) continue;
    const meant = closest(name, names);
    return `unknown option --${name}${meant ? `; did you mean --${meant}?` : ''}`;
  }
  return undefined;
}

/** yargs' complaint as one line, with the typo's fix where there is one. */
function usageLine(msg: string, argv: string[], def: CommandDef | undefined): string {
  // yargs' messages may span lines ("Invalid values:\n  Argument: …"): one line, as every error.
  const line = msg.replace(/\s*\n\s*/g, ' ').trim();
  if (/^Unknown arguments?:|^Name a command\.$/.test(line)) {
    const option = unknownOption(argv, def);
    if (option) return option;
  }
  const command = /^Did you mean (\S+)\?$/.exec(line);
  if (command) {
    const typed = argv.find((t) => !t.startsWith('-'));
    return `unknown command${typed ? ` '${typed}'` : ''}; did you mean ${command[1]}?`;
  }
  return line;
}

function refuse(line: string, def: CommandDef | undefined): never {
  const help = def
    ? `Run 'mailflow ${commandName(def)} --help' for its options.`
    : "Run 'mailflow --help' for the commands and options.";
  process.stderr.write(`mailflow${def ? ` ${commandName(def)}` : ''}: ${errorLine(line)}\n${help}\n`);
  process.exit(EXIT_USAGE);
}

/**
 * The command yargs matched, with its arguments; undefined when yargs answered by itself
 * (--help). Usage errors print one line (and where to find help) and exit 3. `version` comes
 * from bin/mailflow.js.
 */
export async function parseWithYargs(
  raw: string[],
  commands: CommandDef[],
  version: string,
): Promise<ParsedCommand | undefined> {
  const named = commandIn(raw, commands);
  let secrets: ReturnType<typeof takeSecrets>;
  try {
    secrets = takeSecrets(raw, commands);
  } catch (err) {
    refuse((err as Error).message, named);
  }
  const argv = secrets.argv;
  let parsed: ParsedCommand | undefined;
  let cli = yargs(argv)
    .scriptName('mailflow')
    .usage(
      'mailflow <command> [options]\n\nDiagnose SMTP mail flow: DNS, reachability, EHLO, TLS, AUTH, relaying, bounces.',
    )
    .version(version)
    .alias('V', 'version')
    .help()
    .alias('h', 'help')
    .strict()
    .demandCommand(1, 'Name a command.')
    .recommendCommands()
    .wrap(terminalColumns(100))
    .epilogue('Exit codes: 0 ok/info, 1 warning, 2 failure, 3 unknown or usage error (Nagios convention).')
    .fail((msg, err) => {
      // Validation runs after parsing, outside yargs; an exception here is a bug, not usage.
      if (err) throw err;
      refuse(usageLine(String(msg), argv, named), named);
    });
  for (const def of commands)
    cli = register(cli, def, (p) => {
      parsed = p;
    });
  skipHelpCache(cli);
  await cli.parseAsync();
  if (!parsed) return undefined;
  const { def, args } = parsed;
  // Words after `--` land in `_` behind the command name; settle() gives them to the positional.
  const extra = [...args._.slice(1), ...((args['--'] as unknown[] | undefined) ?? [])].map(String);
  args._ = [commandName(def)];
  delete args['--'];
  try {
    return { def, args: settle(def, args, extra, secrets.values) };
  } catch (err) {
    if (err instanceof UsageError) refuse(err.message, def);
    throw err;
  }
}
