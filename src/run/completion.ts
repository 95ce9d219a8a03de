// `mailflow completion [bash|zsh]`: prints the completion script (text for the shell, not Results).
import type { CompletionArgs } from '../../commands/completion.js';
import { SHELLS, type Shell, script } from '../cli/completion.js';
import { COMMANDS } from '../cli/registry.js';
import { UsageError } from '../findings/errors.js';

/** The shell named, else the one in $SHELL, else bash. */
export function shellFor(args: CompletionArgs, env = process.env): Shell {
  // Declared variadic like every other command's positional, so the fast parser takes it.
  const given = ([] as unknown[]).concat(args.shell ?? []).map(String);
  if (given.length > 1) throw new UsageError('name one shell: bash or zsh');
  const named = given[0];
  if (named !== undefined) {
    if (!(SHELLS as readonly string[]).includes(named))
      throw new UsageError(`unknown shell "${named}"; choose one of: ${SHELLS.join(', ')}`);
    return named as Shell;
  }
  const fromEnv = (env.SHELL ?? '').split('/').pop() || 'bash';
  if (fromEnv === 'zsh' || fromEnv === 'bash' || fromEnv === 'sh') return fromEnv === 'zsh' ? 'zsh' : 'bash';
  // A bash script printed for fish or tcsh would fail where it is loaded, not here.
  throw new UsageError(`no completion script for ${fromEnv} ($SHELL); name one of: ${SHELLS.join(', ')}`);
}

export function text(args: CompletionArgs): string {
  return script(shellFor(args), COMMANDS);
}
