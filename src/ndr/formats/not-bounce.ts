// Messages users mistake for bounces that are something else: say what they are, so the
// "no failure found" answer is useful (ARF reports are recognised in decode.ts by their MIME type).

import {
  AUTO_REPLY_SUBJECT,
  anyOf,
  BOUNCE_NOTICE,
  DELIVERY_SENDER,
  NOT_DELIVERED,
  wordsRegExp,
} from '../words.js';
import { FAILURE_WORDS, isFailureLine } from './fallback.js';
import type { BounceText } from './types.js';

// Auto-reply subjects in several languages; a word boundary after the Latin-script ones, so
// "Absence request approved" or a "不在連絡票" parcel notice is no auto-reply.
const AUTO_REPLY = new RegExp(
  `^(?:${anyOf(AUTO_REPLY_SUBJECT.latin)})\\b|^(?:${anyOf(AUTO_REPLY_SUBJECT.other)})`,
  'i',
);

const NOTES: ReadonlyArray<{ test: (b: BounceText) => boolean; note: string }> = [
  {
    // Microsoft's Junk Mail Reporting Program encloses the reported message with this header.
    test: (b) => b.returned.some((h) => h.get('x-hmxmroriginalrecipient') !== undefined),
    note: 'This is a junk-mail complaint from Microsoft (Outlook.com/Hotmail Junk Mail Reporting Program): a recipient marked a delivered message as spam; it is not a delivery failure.',
  },
  {
    // Mail clients send these for a List-Unsubscribe mailto: link (Apple Mail marks them so).
    test: (b) =>
      b.headers.get('x-apple-unsubscribe') !== undefined ||
      (/^\s*unsubscribe\s*$/i.test(b.subject) && b.headers.get('auto-submitted') !== undefined),
    note: "This is an unsubscribe request sent by the recipient's mail client (a List-Unsubscribe mailto: link), not a delivery failure: remove the sender address from the list.",
  },
  {
    // Auto-replies (vacation, out of office) are delivered mail answering back. Not judged by
    // Auto-Submitted: auto-replied, which bounces carry too.
    // Localised subjects (AUTO_REPLY) and the headers vacation programs add (X-Autoreply,
    // X-Autorespond, Precedence: auto_reply) say it too.
    test: (b) =>
      AUTO_REPLY.test(b.subject) ||
      b.headers.get('x-autoreply') !== undefined ||
      b.headers.get('x-autorespond') !== undefined ||
      /^\s*auto[_-]reply\s*$/i.test(b.headers.get('precedence') ?? ''),
    note: 'This is an automatic reply (out of office / vacation), which means the message was delivered; it is not a delivery failure.',
  },
  {
    // Read receipts (RFC 8098 MDNs) come back from the recipient's mail client after delivery.
    test: (b) => /disposition-notification/i.test(b.headers.get('content-type') ?? ''),
    note: "This is a read receipt (message disposition notification, RFC 8098): the message was delivered and the recipient's mail client reports what happened to it; it is not a delivery failure.",
  },
];

// Signs that a whole message (not a pasted fragment) is a bounce at all. Recall on real bounces
// matters more than silence on ordinary letters: any strong header sign will do, and so will a
// code line with failure wording on it or just before it ("could not be delivered to:").
const BOUNCE_FROM = new RegExp(`${DELIVERY_SENDER}|administrator|mailer|daemon|bounce`, 'i');
const BOUNCE_WORDS = wordsRegExp(BOUNCE_NOTICE, NOT_DELIVERED);

/** A header that only bounces carry: null Return-Path, daemon sender, X-Failed-Recipients, a DSN. */
function bounceHeaders(b: BounceText): boolean {
  const h = b.headers;
  return (
    BOUNCE_FROM.test(b.from) ||
    h.get('auto-submitted') !== undefined ||
    h.get('x-failed-recipients') !== undefined ||
    /<\s*>|mailer-daemon/i.test(h.get('return-path') ?? '') ||
    /multipart\/report(?![\s\S]*disposition-notification)/i.test(h.get('content-type') ?? '')
  );
}

/** A line with a reply or status code and failure wording on it, on its continuation or just above. */
function failureCodeLine(text: string): boolean {
  const lines = text.split('\n', 5000);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > 2000 || !isFailureLine(line)) continue;
    let to = i + 1;
    while (to < lines.length && to < i + 4 && /^\s+\S/.test(lines[to]!)) to++;
    const near = lines.slice(Math.max(0, i - 3), to).join('\n');
    if (FAILURE_WORDS.test(near.slice(0, 8000))) return true;
  }
  return false;
}

/** False only for a message with headers that shows no sign of being a bounce. */
export function looksLikeBounce(b: BounceText): boolean {
  if (b.headers.get('from') === undefined) return true; // a pasted fragment: judge it by its codes
  const text = b.text.slice(0, 200_000);
  return bounceHeaders(b) || failureCodeLine(text) || BOUNCE_WORDS.test(text.slice(0, 20000));
}

/** What a message that reports no failure is instead, when it is recognisably something else. */
export function notBounceNote(b: BounceText): string | undefined {
  const note = NOTES.find((n) => n.test(b))?.note;
  if (note || looksLikeBounce(b)) return note;
  return 'Nothing in this message says a delivery failed: no delivery-status report, no mailer-daemon or postmaster sender, no null Return-Path or X-Failed-Recipients, and no failure wording with its codes. Any codes or addresses in its text are not read as a bounce.';
}
