// What a command module declares: its arguments, help, and a lazily loaded runner.
// The registry wires these to yargs; the runner computes Results; renderers print them.
import type { Options, PositionalOptions } from 'yargs';
import type { Result } from '../findings/model.js';
import type { BaseArgs, CommonArgs } from './options.js';
import type { Progress } from './progress.js';

export interface RunContext {
  progress: Progress;
  verbose: boolean;
  /** A note for the person running the command (stderr; never mixed into stdout). */
  warn(message: string): void;
  /**
   * Aborted when the person presses Ctrl-C. A runner that can stop early (or hand over what it
   * has) watches it; main stops waiting for the runner shortly after anyway.
   */
  signal?: AbortSignal;
  /**
   * The command line as typed, after the program name. For what the parsers drop (a lone '-'
   * naming standard input, src/run/ndr.ts withStdinMarkers); runners never read process.argv.
   */
  argv?: readonly string[];
}

export type Runner<A extends CommonArgs = BaseArgs> = (
  args: A,
  ctx: RunContext,
) => AsyncIterable<Result> | Iterable<Result>;

export interface CommandDef {
  /** yargs command string, e.g. 'mx <domains..>'. */
  usage: string;
  describe: string;
  examples: [string, string][];
  /** Takes --timeout, --dns, -4/-6. */
  network: boolean;
  /** Holds an SMTP session: takes --transcript. */
  smtp?: boolean;
  /** Options that take one value but may be repeated, the values collected in a list (mx --file). */
  repeatable?: readonly string[];
  /** Options whose values are secrets: one value, taken as typed, never echoed (src/cli/secrets.ts). */
  secrets?: string[];
  positionals?: Record<string, PositionalOptions>;
  options?: Record<string, Options>;
  /** Cross-option validation, before anything connects; throw (or reject with) UsageError. */
  validate?: (args: BaseArgs) => void | Promise<void>;
  /** Values for `mailflow completion` to offer where an option has no `choices` (e.g. presets). */
  complete?: Record<string, readonly string[]>;
  /**
   * Loaded only when this command runs, so start-up stays small. A runner yields Results; a
   * command whose output is text for another program (a completion script) exports `text`.
   */
  load: () => Promise<{ run: Runner<any> } | { text: (args: BaseArgs) => string }>;
}

/** The word that runs a command: the first word of its usage ('mx' of 'mx [domains..]'). */
export function commandName(def: Pick<CommandDef, 'usage'>): string {
  return def.usage.split(' ')[0]!;
}
