// The full yargs command line: help, --version, suggestions, strict checks and their messages.
// Loaded only when the fast parser (parse-fast.ts) declines a command line.
import type { Argv } from 'yargs';
import yargs from 'yargs';
import type { CommandDef } from './command.js';
import { EXIT_USAGE } from './exit.js';
import { type BaseArgs, commandOptions } from './options.js';
import type { ParsedCommand } from './parse-fast.js';

function register(cli: Argv, def: CommandDef, found: (p: ParsedCommand) => void): Argv {
  return cli.command(
    def.usage,
    def.describe,
    (y) => {
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

/**
 * The command yargs matched, with its arguments; undefined when yargs answered by itself
 * (--help). Usage errors print one line and exit 3. `version` comes from bin/mailflow.js.
 */
export async function parseWithYargs(
  argv: string[],
  commands: CommandDef[],
  version: string,
): Promise<ParsedCommand | undefined> {
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
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue('Exit codes: 0 ok/info, 1 warning, 2 failure, 3 unknown or usage error (Nagios convention).')
    .fail((msg, err) => {
      // Validation runs after parsing, outside yargs; an exception here is a bug, not usage.
      if (err) throw err;
      // yargs' messages may span lines ("Invalid values:\n  Argument: …"): one line, as every error.
      const line = String(msg)
        .replace(/\s*\n\s*/g, ' ')
        .trim();
      process.stderr.write(`mailflow: ${line}\nRun 'mailflow --help' for the commands and options.\n`);
      process.exit(EXIT_USAGE);
    });
  for (const def of commands)
    cli = register(cli, def, (p) => {
      parsed = p;
    });
  skipHelpCache(cli);
  await cli.parseAsync();
  return parsed;
}
