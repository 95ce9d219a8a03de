// `mailflow completion`: print a shell completion script (bash, zsh) built from these declarations.
import { SHELLS } from '../src/cli/completion.js';
import { type ArgsOf, declareArgs, defineCommand } from '../src/cli/declare.js';

const completionArgs = declareArgs({
  positionals: {
    shell: {
      type: 'string',
      array: true,
      describe: 'bash or zsh (default: the shell in $SHELL, else bash)',
    },
  },
});
export type CompletionArgs = ArgsOf<typeof completionArgs>;

const completion = defineCommand({
  usage: 'completion [shell..]',
  describe: 'Print a shell completion script (bash or zsh): commands, options and option values',
  examples: [
    [
      'eval "$(mailflow completion bash)"',
      'Complete mailflow in this bash session (add the line to ~/.bashrc)',
    ],
    ['mailflow completion bash > /etc/bash_completion.d/mailflow', 'Install it for every bash user'],
    ['eval "$(mailflow completion zsh)"', 'zsh: add to ~/.zshrc after compinit'],
  ],
  network: false,
  ...completionArgs,
  complete: { shell: SHELLS },
  load: () => import('../src/run/completion.js'),
});
export default completion;
