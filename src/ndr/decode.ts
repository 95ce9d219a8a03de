// Bounce decoder: MIME → delivery-status report or a known text format → one entry per failed
// recipient with its codes resolved. Pure: bytes in, data out; bounded in size and time.

import { findReply, findStatus, preferStatus } from './formats/codes.js';
import { failedHeaderRecipients } from './formats/failed-header.js';
import { fallback, withCodes } from './formats/fallback.js';
import { FORMATS } from './formats/index.js';
import { looksLikeBounce, notBounceNote } from './formats/not-bounce.js';
import { inlineDsn, parseReport } from './formats/rfc3464.js';
import { decodeSes } from './formats/ses.js';
import { allAddresses, cutReturned, firstAddress, MAX_RECIPIENTS } from './formats/text.js';
import type { BounceText, Format, RawRecipient } from './formats/types.js';
import { splitMbox } from './mbox.js';
import { parseMessage } from './mime/parse.js';
import { collectParts } from './mime/walk.js';
import { anyOf, DELAY_NOTICE, DELIVERY_SENDER, FORWARD_TITLE, FROM_LABEL, wordsRegExp } from './words.js';

/** Bytes scanned per input: bounces are small, the rest is the returned message or garbage. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;
export { MAX_RECIPIENTS };

export interface DecodedRecipient {
  recipient: string | null;
  action: string;
  status: string | null;
  replyCode: number | null;
  diagnostic: string | null;
  remoteMta: string | null;
  reportingMta: string | null;
  /** SMTP command the remote server was answering (RCPT, DATA, ...), when the bounce says. */
  smtpCommand: string | null;
}

export interface Decoded {
  /** Which format the failure was read from (`rfc3464`, `postfix`, `exim`, ..., `text`), or null. */
  format: string | null;
  recipients: DecodedRecipient[];
  subject: string | null;
  /** Why nothing was found, when the input is recognisably something else (e.g. an abuse report). */
  note?: string;
  /** How many messages the input held, when it was an mbox of more than one. */
  messages?: number;
}

function toBinary(input: Buffer | string): string {
  if (typeof input === 'string') {
    input = /[^\x00-\xff]/.test(input) ? Buffer.from(input, 'utf8') : Buffer.from(input, 'latin1');
  }
  return input.subarray(0, MAX_INPUT_BYTES).toString('latin1');
}

export function decodeBounce(input: Buffer | string): Decoded {
  const bin = toBinary(input);
  // A pasted JSON notification (Amazon SES) is no e-mail: read it before any MIME parsing.
  const json = /^\s*\{/.test(bin) ? fromSes(Buffer.from(bin, 'latin1').toString('utf8'), null) : undefined;
  if (json) return json;
  const messages = splitMbox(bin);
  const d = messages.length === 1 ? decodeMessage(messages[0]!, 0) : decodeMbox(messages);
  if (d.recipients.length > MAX_RECIPIENTS) d.recipients.length = MAX_RECIPIENTS;
  return d;
}

/**
 * One answer per input, so an mbox's bounces become one list of recipients in mailbox order;
 * format and subject are the first bounce's, so the first recipient is what a lone message gives.
 */
function decodeMbox(messages: string[]): Decoded {
  const all = messages.map((m) => decodeMessage(m, 0));
  const first = all.find((d) => d.recipients.length > 0);
  const recipients: DecodedRecipient[] = [];
  for (const d of all) {
    if (recipients.length >= MAX_RECIPIENTS) break;
    recipients.push(...d.recipients.slice(0, MAX_RECIPIENTS - recipients.length));
  }
  return {
    format: first?.format ?? null,
    recipients,
    subject: (first ?? all[0])?.subject ?? null,
    messages: messages.length,
    ...(first ? {} : { note: all.find((d) => d.note)?.note }),
  };
}

function decodeMessage(bin: string, depth: number): Decoded {
  const root = parseMessage(bin);
  if (root.params['report-type']?.toLowerCase() === 'feedback-report') {
    return {
      format: 'arf',
      recipients: [],
      subject: root.headers.text('subject') ?? null,
      note: 'This is an abuse/feedback report (ARF, RFC 5965): a complaint about a message that was delivered, not a delivery failure.',
    };
  }
  const parts = collectParts(root);
  const headers = root.headers;
  const whole = parts.texts.join('\n');
  const text = cutReturned(whole);
  const b: BounceText = {
    headers,
    subject: headers.text('subject') ?? '',
    from: headers.text('from') ?? '',
    text,
    lower: text.toLowerCase(),
    returned: parts.returned,
  };
  const subject = b.subject || null;
  const json = fromSes(text, subject);
  if (json) return json;
  const context = { reporter: reporterOf(b), delayed: isDelayNotice(b) };
  const finish = (r: RawRecipient) => resolve(r, context);
  let reported = parts.reports.flatMap(parseReport);
  if (reported.length === 0 && inlineDsn.detect(b)) reported = inlineDsn.parse(b);
  const family = FORMATS.find((f) => f.detect(b));
  if (reported.length > 0) {
    enrichFromText(reported, b, family);
    return {
      format: family ? `rfc3464/${family.name}` : 'rfc3464',
      recipients: reported.map(finish),
      subject,
    };
  }
  // A bounce forwarded inline, quoted with "> ": decode the quoted text on its own.
  const quoted = depth < 2 ? unquote(b.text) : undefined;
  if (quoted) {
    const inner = decodeMessage(quoted, depth + 1);
    if (inner.recipients.length > 0) return inner;
  }
  // The first format that detected the notice, then any later one that also does.
  for (const f of family ? FORMATS.slice(FORMATS.indexOf(family)) : []) {
    if (f !== family && !f.detect(b)) continue;
    const found = f.parse(b).filter((r) => r.recipient || r.diagnostic);
    // A layout variant can put the reply where the format does not look for it: take a code line.
    if (found.length > 0 && !found.some((r) => hasCode(r.diagnostic))) enrichFromText(found, b, undefined);
    if (found.length > 0)
      return { format: f.name, recipients: namedRecipients(found, b).map(finish), subject };
  }
  // A bounce forwarded as an attachment: decode the enclosed message instead.
  let enclosedByWords: Decoded | undefined;
  if (depth < 2) {
    for (const m of parts.enclosed) {
      const inner = decodeMessage(
        `${m.headers.list.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${m.raw}`,
        depth + 1,
      );
      if (inner.recipients.length > 0 && inner.format !== 'text') return inner;
      if (inner.recipients.length > 0) enclosedByWords ??= inner;
    }
  }
  // The generic reading takes any code line for a failure: only in something that may be a bounce.
  const found = looksLikeBounce(b) ? fallback.parse(b) : [];
  if (found.length === 0) {
    const named = failedHeaderRecipients(b);
    if (named.length > 0) return { format: 'x-failed-recipients', recipients: named.map(finish), subject };
    // A bounce forwarded inline by a mail client ("-----Original Message-----" and its headers),
    // only when the notice's own reading finds nothing: the marker cut it off as if it were the
    // returned message, so decode what follows on its own.
    const inline = depth < 2 ? forwardedInline(whole) : undefined;
    if (inline) {
      const inner = decodeMessage(inline, depth + 1);
      if (inner.recipients.length > 0) return inner;
    }
    // A text-only bounce forwarded as an attachment, when the forwarding note itself says nothing.
    if (enclosedByWords) return enclosedByWords;
    const note = notBounceNote(b);
    if (note) return { format: null, recipients: [], subject, note };
  }
  return {
    format: found.length ? fallback.name : null,
    recipients: namedRecipients(found, b).map(finish),
    subject,
  };
}

/** An Amazon SES notification's recipients or, for one that reports no failure, why not. */
function fromSes(text: string, subject: string | null): Decoded | undefined {
  const ses = decodeSes(text);
  if (!ses) return undefined;
  const context = { delayed: false };
  return {
    format: 'ses',
    recipients: ses.recipients.map((r) => resolve(r, context)),
    subject,
    ...(ses.note ? { note: ses.note } : {}),
  };
}

/** Outlook's, Gmail's and Thunderbird's inline-forward separators (the forwarded headers follow). */
const FORWARD_MARKER = new RegExp(
  `^[ \\t]*(?:-{2,} ?(?:${anyOf(FORWARD_TITLE)}) ?-{2,}|_{10,})[ \\t]*$`,
  'gm',
);

/** The forwarded From: of a bounce: a delivery system (mailer daemon, postmaster, Outlook's postmaster). */
const DELIVERY_SYSTEM = new RegExp(DELIVERY_SENDER, 'i');
const FORWARDED_FROM = new RegExp(`^(?:${FROM_LABEL})[ \\t]*:(.*)$`, 'im');

/**
 * The bounce after an inline-forward separator (not just any forwarded conversation): the first
 * forwarded part, past any number of separators, whose From: is a delivery system. To: and Cc:
 * are not judged (a letter to postmaster is no bounce), nor is a subject alone.
 */
function forwardedInline(text: string): string | undefined {
  let seen = 0;
  for (const m of text.matchAll(FORWARD_MARKER)) {
    if (++seen > 10) break;
    const rest = text.slice((m.index ?? 0) + m[0].length).replace(/^\s*\n/, '');
    if (!/^[\w-]+:[ \t]/.test(rest)) continue;
    const head = rest.slice(0, Math.min(2000, rest.search(/\n[ \t]*\n|$/)));
    const from = FORWARDED_FROM.exec(head)?.[1] ?? '';
    if (DELIVERY_SYSTEM.test(from)) return rest;
  }
  return undefined;
}

/** The "> "-quoted lines of a text, unquoted, when they make up a good share of it. */
function unquote(text: string): string | undefined {
  const lines = text.split('\n');
  const quoted = lines.filter((l) => l.startsWith('>'));
  if (quoted.length < 5 || quoted.length * 2 < lines.length) return undefined;
  return quoted.map((l) => l.replace(/^> ?/, '')).join('\n');
}

/** A single failure whose notice names nobody: the bounce's X-Failed-Recipients or the returned To: does. */
function namedRecipients(found: RawRecipient[], b: BounceText): RawRecipient[] {
  if (found.length !== 1 || found[0]!.recipient) return found;
  const recipient =
    firstAddress(b.headers.get('x-failed-recipients')) ?? firstAddress(b.returned[0]?.get('to'));
  return [{ ...found[0]!, recipient }];
}

function hasCode(text: string | undefined): boolean {
  return findReply(text) !== undefined || findStatus(text) !== undefined;
}

/**
 * The human-readable part often says more than the report: borrow the diagnostic when the
 * report's has no code, and the remote host and SMTP command when the report lacks them.
 */
function enrichFromText(reported: RawRecipient[], b: BounceText, family: Format | undefined): void {
  // A report naming a file or pipe instead of an address (Exim local delivery): the header names the address.
  const failed = allAddresses(b.headers.get('x-failed-recipients') ?? '');
  if (reported.length === 1 && failed.length === 1 && !reported[0]!.recipient?.includes('@'))
    reported[0]!.recipient = failed[0];
  const needCode = reported.some((r) => !hasCode(r.diagnostic));
  let fromText = family?.parse(b) ?? [];
  if (fromText.length === 0 && needCode) fromText = withCodes(b);
  if (fromText.length === 0) return;
  for (const r of reported) {
    const same =
      fromText.find((t) => t.recipient?.toLowerCase() === r.recipient?.toLowerCase()) ??
      (reported.length === 1 && fromText.length === 1 ? fromText[0] : undefined);
    if (!same) continue;
    // A report without any diagnostic takes the notice's words even when they hold no code (they
    // still say why: "mailbox is full").
    if (same.diagnostic && (!r.diagnostic || (!hasCode(r.diagnostic) && hasCode(same.diagnostic)))) {
      r.diagnostic = r.diagnostic ? `${r.diagnostic} ${same.diagnostic}` : same.diagnostic;
      r.replyCode ??= same.replyCode;
    }
    r.remoteMta ??= same.remoteMta;
    r.command ??= same.command;
  }
}

/** The host a notice says it comes from (qmail, Exim, ...) or the domain of MAILER-DAEMON@ / postmaster@. */
function reporterOf(b: BounceText): string | undefined {
  return (
    /(?:qmail-send program|mail system|postfix program) at (?:host )?([a-z0-9][\w-]*(?:\.[\w-]+)+)/i.exec(
      b.text.slice(0, 2000),
    )?.[1] ?? /(?:mailer-daemon|postmaster)@([a-z0-9][\w-]*(?:\.[\w-]+)+)/i.exec(b.from)?.[1]
  );
}

const DELAY_SUBJECT = new RegExp(`\\b(?:${anyOf(DELAY_NOTICE.subject)})`, 'i');
const DELAY_WORDS = wordsRegExp(DELAY_NOTICE.text);

/** A warning that the server is still retrying (Postfix/Sendmail/Exim delay notices, Gmail "Delay"). */
function isDelayNotice(b: BounceText): boolean {
  return DELAY_SUBJECT.test(b.subject) || DELAY_WORDS.test(b.text);
}

/** Codes resolved from the fields and the diagnostic text; nulls where the bounce says nothing. */
function resolve(r: RawRecipient, context: { reporter?: string; delayed: boolean }): DecodedRecipient {
  const diagnostic = r.diagnostic?.replace(/\s+/g, ' ').trim() || undefined;
  const anyReply = r.replyCode ?? findReply(diagnostic);
  // The code that matches the reply's class, as the explainer reads it (one finder for both).
  const textStatus = findStatus(diagnostic, anyReply === undefined ? undefined : String(anyReply)[0]);
  const status = preferStatus(r.status, textStatus, anyReply);
  let replyCode = anyReply;
  // A reply whose class contradicts the status is the wrong number (Sisimai drops it too).
  if (status && String(replyCode ?? '')[0] !== status[0]) replyCode = findReply(diagnostic, status[0]);
  const recipient = firstAddress(r.recipient) ?? r.recipient;
  return {
    recipient: recipient ?? null,
    action:
      r.action ??
      (status?.startsWith('4') || (!status?.startsWith('5') && context.delayed) ? 'delayed' : 'failed'),
    status: status ?? null,
    replyCode: replyCode ?? null,
    diagnostic: diagnostic ?? null,
    remoteMta: r.remoteMta ?? null,
    reportingMta: r.reportingMta ?? context.reporter ?? null,
    smtpCommand: r.command ?? null,
  };
}
