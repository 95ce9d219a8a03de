// Parses the command line (parse-fast.ts, else yargs), runs one command, renders its results,
// exits with the Nagios-style code. Usage errors and internal errors are one line and exit 3.
import { UsageError } from '../findings/errors.js';
import { Output } from '../render/output.js';
import { type CommandDef, commandName } from './command.js';
import { EXIT_USAGE, oneLine } from './exit.js';
import type { BaseArgs } from './options.js';
import { parseFast } from './parse-fast.js';
import { createProgress } from './progress.js';
import { COMMANDS } from './registry.js';

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
  const out = await Output.create(args.format);
  const ctx = {
    progress,
    verbose: args.verbose,
    warn: (m: string) => {
      progress.stop();
      out.flush(); // results before the note, as they happened (2>&1)
      process.stderr.write(`mailflow: ${m}\n`);
    },
  };
  const { run } = await def.load();
  // A reader that stops reading (`mailflow mx --file big.txt | head`) is not a failure of the
  // checks: stop quietly with the verdict so far instead of an unhandled EPIPE stack trace.
  process.stdout.once('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') process.stderr.write(`mailflow: cannot write the output: ${err.message}\n`);
    process.exit(err.code === 'EPIPE' ? out.code : EXIT_USAGE);
  });
  try {
    for await (const result of run(args, ctx)) {
      progress.stop();
      out.add(result);
    }
  } finally {
    progress.stop();
    out.flush(); // results printed before a failure still reach stdout
  }
  return out.finish();
}

/** Runs the command the command line names; the fast parser first, full yargs when it declines. */
export async function main(argv: string[], version: string): Promise<void> {
  const parsed =
    parseFast(argv, COMMANDS) ??
    (await (await import('./parse-yargs.js')).parseWithYargs(argv, COMMANDS, version));
  if (!parsed) return; // yargs answered (--help) by itself
  const { def, args } = parsed;
  let code: number;
  try {
    code = await runCommand(def, args);
  } catch (err) {
    const usage = err instanceof UsageError;
    process.stderr.write(`mailflow ${commandName(def)}: ${usage ? '' : 'error: '}${oneLine(err)}\n`);
    if (!usage && args.verbose && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    code = EXIT_USAGE;
  }
  await flushAndExit(code);
}
