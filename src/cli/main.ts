// Wires the registry to yargs, runs one command, renders its results, exits with
// the Nagios-style code. Usage errors and internal errors are one line and exit 3.
import type { Argv } from 'yargs';
import yargs from 'yargs';
import { UsageError } from '../findings/errors.js';
import { Output } from '../render/output.js';
import type { CommandDef } from './command.js';
import { type BaseArgs, networkOptions, outputOptions } from './options.js';
import { createProgress } from './progress.js';
import { COMMANDS } from './registry.js';

const EXIT_USAGE = 3;

function commandName(def: CommandDef): string {
  return def.usage.split(' ')[0]!;
}

function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!;
}

async function flushAndExit(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

async function runCommand(def: CommandDef, args: BaseArgs): Promise<number> {
  if (args.json) args.format = 'json';
  if (def.network && args.ipv4 && args.ipv6) throw new UsageError('-4 and -6 exclude each other');
  if (def.network && args.timeout !== undefined && !(args.timeout > 0 && args.timeout <= 3600)) {
    throw new UsageError('--timeout must be a number of seconds between 0 and 3600');
  }
  await def.validate?.(args);
  const progress = await createProgress(args.format === 'human');
  const ctx = {
    progress,
    verbose: args.verbose,
    warn: (m: string) => {
      progress.stop();
      process.stderr.write(`mailflow: ${m}\n`);
    },
  };
  const { run } = await def.load();
  const out = await Output.create(args.format);
  try {
    for await (const result of run(args, ctx)) {
      progress.stop();
      out.add(result);
    }
  } finally {
    progress.stop();
  }
  return out.finish();
}

function register(cli: Argv, def: CommandDef): Argv {
  return cli.command(
    def.usage,
    def.describe,
    (y) => {
      for (const [name, opt] of Object.entries(def.positionals ?? {})) y.positional(name, opt);
      y.options(outputOptions);
      if (def.network) y.options(networkOptions);
      if (def.options) y.options(def.options);
      for (const [cmd, text] of def.examples) y.example(cmd, text);
      return y;
    },
    async (argv) => {
      let code: number;
      try {
        code = await runCommand(def, argv as unknown as BaseArgs);
      } catch (err) {
        const usage = err instanceof UsageError;
        process.stderr.write(`mailflow ${commandName(def)}: ${usage ? '' : 'error: '}${oneLine(err)}\n`);
        if (!usage && argv.verbose && err instanceof Error) process.stderr.write(`${err.stack}\n`);
        code = EXIT_USAGE;
      }
      await flushAndExit(code);
    },
  );
}

/** `version` comes from bin/mailflow.js, which reads package.json (the code may run bundled or not). */
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

export async function main(argv: string[], version: string): Promise<void> {
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
    .demandCommand(1, 'Name a command; see the list above.')
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue('Exit codes: 0 ok/info, 1 warning, 2 failure, 3 unknown or usage error (Nagios convention).')
    .fail((msg, err, y) => {
      if (err && !(err instanceof UsageError)) throw err;
      process.stderr.write(
        `mailflow: ${msg ?? oneLine(err)}\nRun 'mailflow --help' for the commands and options.\n`,
      );
      void y;
      process.exit(EXIT_USAGE);
    });
  for (const def of COMMANDS) cli = register(cli, def);
  skipHelpCache(cli);
  await cli.parseAsync();
}
