// Exim notices: "The following address(es) failed:" then each address on its own indented line,
// followed by `SMTP error from remote mail server after RCPT TO:<x>: host mx [ip]: 550 ...`.
import { fromBlocks, has, recipientBlocks, section } from './text.js';
import type { Format } from './types.js';

/** An address alone on its line (Exim indents it), possibly followed by `<routed-address>:`. */
const START = /^\s{0,6}<?([^\s<>@]+@[\w.-]+\.\w+)>?(?:\s*<[^>]*>)?:?\s*$/;

export const exim: Format = {
  name: 'exim',
  detect: (b) =>
    b.headers.get('x-failed-recipients') !== undefined ||
    has(
      b,
      'could not be delivered to one or more',
      'address(es) failed',
      'addresses failed',
      'address failed',
      'has not yet been delivered',
      'created automatically by mail delivery software',
    ),
  parse(b) {
    const body =
      section(
        b.text,
        /(?:address(?:\(es\)|es)?|recipients?) (?:failed|has not yet been delivered[^\n]*|could not be delivered[^\n]*):?\s*$/im,
      ) ?? b.text;
    // Exim's Message-Id is <id@primary_hostname>: the host that wrote the notice.
    const reporting = /@([^>\s]+)>/.exec(b.headers.get('message-id') ?? '')?.[1];
    const blocks = recipientBlocks(body, (l) => START.exec(l)?.[1]);
    return fromBlocks(blocks, reporting);
  },
};
