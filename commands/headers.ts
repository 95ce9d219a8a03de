// `mailflow headers`: where a message went, how long each hop took, how it authenticated and how
// filters judged it — from its headers (files, standard input or an argument).
import { type ArgsOf, declareArgs, defineCommand } from '../src/cli/declare.js';

const headersArgs = declareArgs({
  positionals: {
    inputs: {
      type: 'string',
      array: true,
      describe:
        "Message files (.eml/.txt, headers only or the whole message, an mbox of several), '-' for standard input, or the header text itself; default: standard input",
    },
  },
  options: {
    trust: {
      type: 'string',
      array: true,
      describe:
        'authserv-id whose Authentication-Results to believe (repeatable); others are shown but labelled untrusted',
    },
    offline: {
      type: 'boolean',
      default: false,
      describe: 'Do not use the network: skip DKIM re-verification and ARC validation',
    },
  },
});
export type HeadersArgs = ArgsOf<typeof headersArgs>;

const headers = defineCommand({
  usage: 'headers [inputs..]',
  describe:
    "Read a message's headers: the Received path with delays, SPF/DKIM/DMARC/ARC results, spam-filter verdicts",
  examples: [
    ['mailflow headers message.eml', 'Hops, delays, authentication and filter verdicts of a saved message'],
    ['pbpaste | mailflow headers', 'Headers pasted from a mail client (standard input, or name it: -)'],
    [
      'mailflow headers --trust mx.example.com message.eml',
      'Believe only the Authentication-Results your own server wrote',
    ],
    ['mailflow headers --offline message.eml', 'No DNS: skip the DKIM and ARC re-verification'],
    [
      "mailflow headers --json message.eml | jq '.data.hops[] | {index, by, delaySeconds}'",
      'The path as JSON',
    ],
  ],
  network: true,
  ...headersArgs,
  load: () => import('../src/run/headers.js'),
});
export default headers;
