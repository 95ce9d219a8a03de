// Postfix bounce(8) notices: "This is the mail system at host X." then one paragraph per recipient,
// `<rcpt>: host mx[ip] said: 550 5.1.1 ... (in reply to RCPT TO command)`.
import { fromBlocks, has, recipientBlocks, section } from './text.js';
import type { Format } from './types.js';

const AT_HOST = /This is the (?:mail system|Postfix program) at host ([\w.-]+)/i;
const START = /^<([^>\s]+@[^>\s]+)>(?:\s*\(expanded from [^)]*\))?\s*:/;

const UNAVAILABLE = /^[ \t]*-+[ \t]*Delivery report unavailable[ \t]*-+[ \t]*$/im;

export const postfix: Format = {
  name: 'postfix',
  detect: (b) =>
    (has(b, 'this is the mail system at host', 'this is the postfix program at host') &&
      AT_HOST.test(b.text)) ||
    (/\(Mail Delivery System\)/i.test(b.from) && /^<[^>]+>.*:/m.test(b.text)),
  parse(b) {
    const body = section(b.text, /^[ \t]*The (?:mail system|Postfix program)[ \t]*$/im) ?? b.text;
    const reporting = AT_HOST.exec(b.text)?.[1]?.replace(/\.$/, '');
    const found = fromBlocks(
      recipientBlocks(body, (l) => START.exec(l)?.[1]),
      reporting,
    );
    if (found.length > 0 || !UNAVAILABLE.test(body)) return found;
    // Postfix could not read back its own per-recipient log: the message failed, details are lost.
    return [
      {
        diagnostic: `${reporting ?? 'The Postfix server'} returned the message as undeliverable but had lost the per-recipient details ("Delivery report unavailable"); that server's mail log still holds the reason.`,
        ...(reporting ? { reportingMta: reporting } : {}),
      },
    ];
  },
};
