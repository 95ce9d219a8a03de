// `mailflow ndr`: explain a bounce (non-delivery report) from files, stdin or an argument.
import { existsSync } from 'node:fs';
import { type ArgsOf, declareArgs, defineCommand } from '../src/cli/declare.js';
import { UsageError } from '../src/findings/errors.js';

const ndrArgs = declareArgs({
  positionals: {
    inputs: {
      type: 'string',
      array: true,
      describe:
        "Bounce files (.eml/.txt, an mbox of several bounces, an Amazon SES JSON notification), '-' for standard input, or the bounce text itself (other arguments that name no file are read as text; a word shaped like a file name, x.eml or dir/x, that names no file is an error); default: standard input",
    },
  },
});
export type NdrArgs = ArgsOf<typeof ndrArgs>;

const ndr = defineCommand({
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
  ...ndrArgs,
  async validate(args) {
    // A word that looks like a file name but names none is a typo, not bounce text to decode.
    const { LOOKS_LIKE_PATH } = await import('../src/run/ndr.js');
    for (const input of (args.inputs as string[] | undefined) ?? [])
      if (input !== '-' && LOOKS_LIKE_PATH.test(input) && !existsSync(input))
        throw new UsageError(`no such file: ${input}`);
  },
  load: () => import('../src/run/ndr.js'),
});
export default ndr;
