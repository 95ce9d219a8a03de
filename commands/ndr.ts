// `mailflow ndr`: explain a bounce (non-delivery report) from files, stdin or an argument.
import type { CommandDef } from '../src/cli/command.js';

const ndr: CommandDef = {
  usage: 'ndr [inputs..]',
  describe: 'Explain a bounce: who failed, which code, what it means, who must act (Chapter 7, Table 2)',
  examples: [
    ['mailflow ndr examples/bounce-postfix.eml', 'Decode a saved bounce email (.eml, .txt)'],
    ['pbpaste | mailflow ndr', 'Explain a pasted bounce read from standard input (or name it: -)'],
    ['mailflow ndr "550 5.1.1 <x@example.com>: Recipient address rejected"', 'Explain one reply line'],
    ['mailflow ndr ~/mail/bounces.mbox', 'Every bounce in an mbox, as one list of recipients'],
    [
      "mailflow ndr --json *.eml | jq -c '.recipients[] | {recipient, status, replyCode, category}'",
      'One JSON object per input: {source, recipients, findings, data}',
    ],
  ],
  network: false,
  positionals: {
    inputs: {
      type: 'string',
      array: true,
      describe:
        "Bounce files (.eml/.txt, an mbox of several bounces, an Amazon SES JSON notification), '-' for standard input, or the bounce text itself (an argument that is not an existing file is read as text); default: standard input",
    },
  },
  load: () => import('../src/run/ndr.js'),
};
export default ndr;
