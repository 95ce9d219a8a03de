// The full yargs command line: help, --version, suggestions, strict checks and their messages.
// Loaded only when the fast parser (parse-fast.ts) declines a command line.
import type { Argv } from 'yargs';
import yargs from 'yargs';
import { UsageError } from '../findings/errors.js';
import { terminalColumns } from '../render/style.js';
import { type CommandDef, commandName } from './command.js';

import { EXIT_USAGE, errorLine } from './exit.js';
import { fixHelpGaps } from './help-gaps.js';
import { nagiosRequested, nagiosUnknown } from './nagios-errors.js';

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

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Values in yargs' stringified form (`"a", "b"`). */
function quotedValues(list: string): string[] {
  return [...list.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
}

/**
 * yargs' "Invalid values: Argument: format, Given: "xml", Choices: "human", …" as
 * `--format "xml": choose one of human, json, nagios, prometheus`, with the closest choice when
 * the value looks like a typo of one.
 */
function invalidChoices(line: string): string | undefined {
  if (!line.startsWith('Invalid values:')) return undefined;
  const parts = [...line.matchAll(/Argument: (\S+), Given: (.*?), Choices: (.*?)(?= Argument: |$)/g)];
  if (parts.length === 0) return undefined;
  return parts
    .map(([, key, given, choices]) => {
      const allowed = quotedValues(choices!);
      const values = quotedValues(given!);
      // Case aside ("tls1.2" for TLSv1.2): the choices' spelling is what matters.
      const lower =
        values.length === 1
          ? closest(
              values[0]!.toLowerCase(),
              allowed.map((a) => a.toLowerCase()),
            )
          : undefined;
      const meant = allowed.find((a) => a.toLowerCase() === lower);
      const shown = values.map((v) => JSON.stringify(v)).join(', ');
      return meant
        ? `--${kebab(key!)} ${shown}: did you mean ${meant}? (one of ${allowed.join(', ')})`
        : `--${kebab(key!)} ${shown}: choose one of ${allowed.join(', ')}`;
    })
    .join('; ');
}

/** yargs' complaint as one line, with the typo's fix where there is one. */
function usageLine(msg: string, argv: string[], def: CommandDef | undefined): string {
  // yargs' messages may span lines ("Invalid values:\n  Argument: …"): one line, as every error.
  const line = msg.replace(/\s*\n\s*/g, ' ').trim();
  if (/^Unknown arguments?:|^Name a command\.$/.test(line)) {
    const option = unknownOption(argv, def);
    if (option) return option;
  }
  const choices = invalidChoices(line);
  if (choices) return choices;
  const missing = /^Missing required arguments?: (.+)$/.exec(line);
  if (missing) {
    const names = missing[1]!.split(', ').map((n) => `--${kebab(n)}`);
    return `${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are` : `${names[0]} is`} required`;
  }
  const command = /^Did you mean (\S+)\?$/.exec(line);
  if (command) {
    const typed = argv.find((t) => !t.startsWith('-'));
    return `unknown command${typed ? ` '${typed}'` : ''}; did you mean ${command[1]}?`;
  }
  return line;
}

function refuse(line: string, def: CommandDef | undefined, raw: readonly string[]): never {
  if (nagiosRequested(raw)) process.stdout.write(`${nagiosUnknown(line)}\n`);
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
    refuse((err as Error).message, named, raw);
  }
  const argv = secrets.argv;
  let parsed: ParsedCommand | undefined;
  const helpWidth = terminalColumns(100);
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
    .wrap(helpWidth)
    .epilogue('Exit codes: 0 ok/info, 1 warning, 2 failure, 3 unknown or usage error (Nagios convention).')
    .fail((msg, err) => {
      // Validation runs after parsing, outside yargs; an exception here is a bug, not usage.
      if (err) throw err;
      refuse(usageLine(String(msg), argv, named), named, raw);
    });
  for (const def of commands)
    cli = register(cli, def, (p) => {
      parsed = p;
    });
  skipHelpCache(cli);
  // yargs prints its help with console.log; the help passes through fixHelpGaps on the way.
  const log = console.log;
  console.log = (...parts: unknown[]) =>
    log(...parts.map((p) => (typeof p === 'string' ? fixHelpGaps(p, helpWidth) : p)));
  try {
    await cli.parseAsync();
  } finally {
    console.log = log;
  }
  if (!parsed) return undefined;
  const { def, args } = parsed;
  // Words after `--` land in `_` behind the command name; settle() gives them to the positional.
  const extra = [...args._.slice(1), ...((args['--'] as unknown[] | undefined) ?? [])].map(String);
  args._ = [commandName(def)];
  delete args['--'];
  try {
    return { def, args: settle(def, args, extra, secrets.values) };
  } catch (err) {
    if (err instanceof UsageError) refuse(err.message, def, raw);
    throw err;
  }
}
