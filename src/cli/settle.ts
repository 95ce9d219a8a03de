// What both parsers do after tokenizing, so that they agree: words after `--` join the command's
// positional list, an option that takes one value was given once, secrets are put back, and a
// required positional list is not empty. Throws UsageError; parse-fast declines, yargs reports it.
import { UsageError } from '../findings/errors.js';
import type { CommandDef } from './command.js';
import { type BaseArgs, commandOptions } from './options.js';
import { restoreSecrets } from './secrets.js';

/** The variadic positional a usage string declares ('mx [domains..]', 'probe <targets..>'). */
export function variadic(usage: string): { name: string; required: boolean } | undefined {
  const m = /^\S+ (?:<(\w+)\.\.>|\[(\w+)\.\.\])$/.exec(usage.trim());
  if (!m) return undefined;
  return { name: (m[1] ?? m[2])!, required: m[1] !== undefined };
}

/** What yargs is told: a required list becomes optional so that `probe -- -x.test` reaches settle(). */
export function yargsUsage(usage: string): string {
  return usage.replace(/<(\w+\.\.)>/, '[$1]');
}

export function settle(
  def: CommandDef,
  args: BaseArgs,
  extra: string[],
  secrets: Map<string, string>,
): BaseArgs {
  const positional = variadic(def.usage);
  if (extra.length > 0) {
    if (!positional) throw new UsageError(`takes no arguments besides options (got '${extra[0]}')`);
    const list = ([] as unknown[]).concat(args[positional.name] ?? []).map(String);
    args[positional.name] = [...list, ...extra];
  }
  if (positional?.required && ([] as unknown[]).concat(args[positional.name] ?? []).length === 0)
    throw new UsageError(`name at least one ${positional.name.replace(/s$/, '')}`);
  for (const [key, opt] of Object.entries(commandOptions(def))) {
    if (!opt.array && !def.repeatable?.includes(key) && Array.isArray(args[key]))
      throw new UsageError(`--${key} was given more than once; give it once`);
  }
  restoreSecrets(def, args, secrets);
  return args;
}
