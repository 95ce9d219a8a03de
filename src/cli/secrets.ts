// Options whose values are secrets (send --password): taken out of the command line before either
// parser sees it, so a value is never split into flags ("-Lab-Secret" is not -L -a -b), never
// repeated into a list, and never quoted back in a parser's message ("Unknown arguments: …").

import { UsageError } from '../findings/errors.js';
import type { CommandDef } from './command.js';
import { commandOptions } from './options.js';
import { closest } from './suggest.js';

export interface Secrets {
  /** The command line without the secret options and their values. */
  argv: string[];
  /** Secret option name → its one value. */
  values: Map<string, string>;
}

/** Every option name any command declares, for telling a typo of a secret from another option. */
function allOptionNames(commands: CommandDef[]): Set<string> {
  const names = new Set<string>(['help', 'version']);
  for (const def of commands)
    for (const [name, opt] of Object.entries(commandOptions(def))) {
      names.add(name);
      for (const a of ([] as string[]).concat(opt.alias ?? [])) names.add(a);
    }
  return names;
}

/**
 * Takes each secret option (`--password value`, `--password=value`) out of `argv`. The word after
 * the option is its value whatever it looks like. Throws UsageError (never quoting a value) when a
 * secret is repeated, has no value, is negated, or is misspelt so that its value would be parsed
 * as something else.
 */
export function takeSecrets(argv: string[], commands: CommandDef[]): Secrets {
  const secretNames = new Set(commands.flatMap((c) => c.secrets ?? []));
  const values = new Map<string, string>();
  if (secretNames.size === 0) return { argv, values };
  const known = allOptionNames(commands);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (tok === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const m = /^--([^=]+)(=?)/.exec(tok);
    if (!m) {
      out.push(tok);
      continue;
    }
    const name = m[1]!;
    if (!secretNames.has(name)) {
      const negated = /^no-(.+)$/.exec(name)?.[1];
      if (negated && secretNames.has(negated))
        throw new UsageError(`--${negated} takes a value; to give none, leave the option out`);
      const meant = known.has(name) ? undefined : closest(name, secretNames);
      if (meant)
        throw new UsageError(`unknown option --${name}; did you mean --${meant}? (its value is not shown)`);
      out.push(tok);
      continue;
    }
    if (values.has(name)) throw new UsageError(`--${name} was given more than once; give it once`);
    if (m[2]) {
      values.set(name, tok.slice(m[0].length));
    } else {
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
      values.set(name, argv[++i]!);
    }
  }
  return { argv: out, values };
}

/** Puts the secrets back as parsed arguments of `def`; a command that takes none refuses them. */
export function restoreSecrets(
  def: CommandDef,
  args: Record<string, unknown>,
  values: Map<string, string>,
): void {
  for (const [name, value] of values) {
    if (!(def.secrets ?? []).includes(name))
      throw new UsageError(`--${name} is not an option of this command`);
    args[name] = value;
  }
}
