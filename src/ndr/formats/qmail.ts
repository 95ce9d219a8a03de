// qmail and its relatives (Yahoo's old bouncer, vpopmail): "<rcpt>:" at the start of a line, then
// the reason, often `Remote host said: 550 ...` or `Connected to 192.0.2.1 but ...`.
import { fromBlocks, has, recipientBlocks, section } from './text.js';
import type { BounceText, Format, RawRecipient } from './types.js';

const START = /^<([^>\s]+@[^>\s]+)>:?\s*/;

/** Shared by qmail-style notices: blocks that start with `<addr>:`. */
export function angleBlocks(b: BounceText, after?: RegExp): RawRecipient[] {
  const body = (after && section(b.text, after)) || b.text;
  return fromBlocks(recipientBlocks(body, (l) => START.exec(l)?.[1]));
}

export const qmail: Format = {
  name: 'qmail',
  detect: (b) =>
    has(b, 'qmail-send program', "i'm afraid i wasn't able to deliver your message", '(qmail ') ||
    /qmail/i.test(b.headers.get('received') ?? ''),
  parse: (b) => angleBlocks(b, /(?:following addresses?|didn't work out|I've given up)[^\n]*\n/i),
};

export const yahoo: Format = {
  name: 'yahoo',
  detect: (b) => has(b, 'sorry, we were unable to deliver your message to the following address'),
  parse: (b) => angleBlocks(b, /to the following address(?:es)?\.?\s*\n/i),
};
