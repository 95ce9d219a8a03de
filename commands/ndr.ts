// `mailflow ndr`: explain a bounce (non-delivery report) from files, stdin or an argument.
import type { CommandDef } from '../src/cli/command.js';

const ndr: CommandDef = {
  usage: 'ndr [inputs..]',
  describe: 'Explain a bounce: who failed, which code, what it means, who must act (Chapter 7, Table 2)',
  examples: [
    ['mailflow ndr bounce.eml', 'Decode a saved bounce email'],
    ['pbpaste | mailflow ndr', 'Explain a pasted bounce read from standard input'],
    ['mailflow ndr "550 5.1.1 <x@example.com>: Recipient address rejected"', 'Explain one reply line'],
    ['mailflow ndr --json *.eml', 'One JSON object per file'],
  ],
  network: false,
  positionals: {
    inputs: {
      type: 'string',
      array: true,
      describe: "Files, '-' for standard input, or the bounce text itself (default: standard input)",
    },
  },
  load: () => import('../src/run/ndr.js'),
};
export default ndr;
