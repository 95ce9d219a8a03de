// Parses the command line (parse-fast.ts, else yargs), runs one command, renders its results,
// exits with the Nagios-style code. Usage errors and internal errors are one line and exit 3;
// Ctrl-C prints what was found so far and exits 130.
import { Interrupted, UsageError } from '../findings/errors.js';
import type { Result } from '../findings/model.js';
import { Output } from '../render/output.js';
import { visible } from '../render/sanitize.js';
import { type CommandDef, commandName } from './command.js';
import { EXIT_INTERRUPTED, EXIT_USAGE, errorLine, oneLine } from './exit.js';
import { INTERRUPTED, type InterruptWatch, watchInterrupt } from './interrupt.js';
import { nagiosUnknown } from './nagios-errors.js';
import type { BaseArgs } from './options.js';
import { parseFast } from './parse-fast.js';
import { createProgress } from './progress.js';
import { COMMANDS } from './registry.js';

async function flushAndExit(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

type Step = IteratorResult<Result> | typeof INTERRUPTED;

/** The runner's results one at a time, each raced against Ctrl-C. */
function steps(source: AsyncIterable<Result> | Iterable<Result>, interrupt: InterruptWatch) {
  const it = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  let turn = Date.now();
  return async (): Promise<Step> => {
    // A runner that never waits on I/O (decoding many files) would keep the signal handler from
    // ever running: give the event loop a turn now and then.
    if (Date.now() - turn > 50) {
      await new Promise((resolve) => setImmediate(resolve));
      turn = Date.now();
    }
    return Promise.race([Promise.resolve(it.next()), interrupt.stopped]);
  };
}

async function runCommand(
  def: CommandDef,
  args: BaseArgs,
  argv: readonly string[],
  interrupt: InterruptWatch,
): Promise<number> {
  if (args.json) {
    if (args.format !== undefined && args.format !== 'json')
      throw new UsageError(`--json and --format ${args.format} ask for different outputs; give one of them`);
    args.format = 'json';
  }
  args.format ??= 'human';
  if (def.network && args.ipv4 && args.ipv6) throw new UsageError('-4 and -6 exclude each other');
  if (def.network && args.timeout !== undefined && !(args.timeout > 0 && args.timeout <= 3600)) {
    throw new UsageError('--timeout must be a number of seconds above 0 and at most 3600');
  }
  await def.validate?.(args);
  const loaded = await def.load();
  if ('text' in loaded) {
    process.stdout.write(loaded.text(args));
    return 0;
  }
  const { run } = loaded;
  const progress = await createProgress(args.format === 'human');
  const out = await Output.create(args.format);
  const ctx = {
    progress,
    verbose: args.verbose,
    signal: interrupt.signal,
    argv,
    warn: (m: string) => {
      progress.stop();
      out.flush(); // results before the note, as they happened (2>&1)
      process.stderr.write(`mailflow ${commandName(def)}: ${visible(m, { lines: true })}\n`);
    },
  };
  // Ctrl-C echoes "^C" where the cursor is: a spinner's line is cleared when it stops, but any other
  // line (a paste being typed into `ndr`) must be ended before the note, or the two run together.
  interrupt.signal.addEventListener(
    'abort',
    () => {
      if (process.stderr.isTTY && !progress.active()) process.stderr.write('\n');
    },
    { once: true },
  );
  // A reader that stops reading (`mailflow mx --file big.txt | head`) is not a failure of the
  // checks: stop quietly with the verdict so far instead of an unhandled EPIPE stack trace.
  process.stdout.once('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') process.stderr.write(`mailflow: cannot write the output: ${err.message}\n`);
    process.exit(err.code === 'EPIPE' ? out.code : EXIT_USAGE);
  });
  let shown = 0;
  let partial = 0; // results Ctrl-C cut short: what a runner had read so far (logs)
  try {
    const next = steps(run(args, ctx), interrupt);
    for (let step = await next(); step !== INTERRUPTED && !step.done; step = await next()) {
      progress.stop();
      out.add(step.value);
      if (step.value.partial) partial++;
      else shown++;
    }
  } finally {
    progress.stop();
    out.flush(); // results printed before a failure still reach stdout
  }
  const code = out.finish();
  if (!interrupt.signal.aborted) return code;
  process.stderr.write(`mailflow ${commandName(def)}: ${interruptNote(shown, partial)}\n`);
  return EXIT_INTERRUPTED;
}

/** What Ctrl-C left: results finished before it, and results a runner cut short (partial). */
export function interruptNote(finished: number, partial: number): string {
  const results = (n: number) => (n === 1 ? 'result' : `${n} results`);
  if (!finished && !partial) return 'interrupted (Ctrl-C) before any result was finished';
  const said: string[] = [];
  if (finished) said.push(`the ${results(finished)} above finished before it`);
  if (partial)
    said.push(`the last ${results(partial)} ${partial === 1 ? 'is' : 'are'} partial, as far as it got`);
  else said.push('the rest did not');
  return `interrupted (Ctrl-C); ${said.join('; ')}`;
}

/** Runs the command the command line names; the fast parser first, full yargs when it declines. */
export async function main(argv: string[], version: string): Promise<void> {
  const parsed =
    parseFast(argv, COMMANDS) ??
    (await (await import('./parse-yargs.js')).parseWithYargs(argv, COMMANDS, version));
  if (!parsed) return; // yargs answered (--help) by itself
  const { def, args } = parsed;
  // A second Ctrl-C exits at once: show the cursor a spinner may have hidden, end its line.
  const interrupt = watchInterrupt(() => process.stderr.write(process.stderr.isTTY ? '\x1b[?25h\n' : '\n'));
  let code: number;
  try {
    code = await runCommand(def, args, argv, interrupt);
  } catch (err) {
    const stopped = err instanceof Interrupted || interrupt.signal.aborted;
    const usage = err instanceof UsageError;
    // An error may quote what was typed or read (a file name, a --since value): never raw to the terminal.
    const why = stopped ? 'interrupted (Ctrl-C)' : `${usage ? '' : 'error: '}${errorLine(oneLine(err))}`;
    process.stderr.write(`mailflow ${commandName(def)}: ${why}\n`);
    // Nagios reads only stdout: a run that ends in an error still owes it a status line.
    if (!stopped && args.format === 'nagios' && !args.json) process.stdout.write(`${nagiosUnknown(why)}\n`);
    if (!usage && !stopped && args.verbose && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    code = stopped ? EXIT_INTERRUPTED : EXIT_USAGE;
  }
  interrupt.dispose(); // Ctrl-C while the last output drains: Node's default, end at once
  await flushAndExit(code);
}
