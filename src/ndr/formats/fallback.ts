// Last resort for anything else: a pasted paragraph or a single reply line. Takes each line that
// carries an SMTP reply or enhanced status code as a failure, and the nearest address as its recipient.

import { FAILURE_REASON, NOT_DELIVERED, wordsRegExp } from '../words.js';
import { findReply, findStatus } from './codes.js';
import {
  allAddresses,
  firstAddress,
  fromBlocks,
  hostBefore,
  joinLines,
  recipientBlocks,
  recipientOfLine,
} from './text.js';
import type { BounceText, Format, RawRecipient } from './types.js';

const MAX_LINES = 5000;

export function isFailureLine(line: string): boolean {
  return (
    (line.includes('4') || line.includes('5')) &&
    (findReply(line) !== undefined || findStatus(line) !== undefined)
  );
}
// Words bounces use when they give no code at all (qmail, Domino, appliances, provider notices).
export const FAILURE_WORDS = wordsRegExp(FAILURE_REASON, NOT_DELIVERED);

/** Notices that name the failed address and a reason in words but carry no code. */
function wordsOnly(b: BounceText): RawRecipient[] {
  if (!FAILURE_WORDS.test(b.text)) return [];
  const blocks = recipientBlocks(b.text).filter((bl) => FAILURE_WORDS.test(bl.lines.join(' ')));
  if (blocks.length > 0) return fromBlocks(blocks);
  const lines = b.text.split('\n', MAX_LINES);
  const out: RawRecipient[] = [];
  for (let i = 0; i < lines.length && out.length < 50; i++) {
    if (!FAILURE_WORDS.test(lines[i]!)) continue;
    const around = lines.slice(Math.max(0, i - 2), i + 3);
    const recipient =
      firstAddress(lines[i]) ??
      around.map(recipientOfLine).find((x) => x) ??
      firstAddress(b.headers.get('x-failed-recipients'));
    if (!recipient || out.some((r) => r.recipient === recipient)) continue;
    const own = FAILURE_WORDS.test(lines[i]!.replace(recipient, ''));
    const reason = own ? [lines[i]!] : around;
    out.push({ recipient, diagnostic: joinLines(reason.filter((l) => l.trim())) });
  }
  return out;
}

export const fallback: Format = {
  name: 'text',
  detect: () => true,
  parse(b: BounceText): RawRecipient[] {
    const coded = withCodes(b);
    return coded.length > 0 ? coded : wordsOnly(b);
  },
};

/** The address mentioned closest above line i (a sentence like "could not deliver to a@b"). */
function lastAddressBefore(lines: string[], i: number): string | undefined {
  for (let j = i - 1; j >= 0 && j >= i - 12; j--) {
    const a = allAddresses(lines[j]!);
    if (a.length) return a[a.length - 1];
  }
  return undefined;
}

// SMTP transcripts in appliance and server notices (InterScan "Sent <<< / Received >>>", MDaemon
// "--> / <--" with timestamps, sendmail-style ">>> / <<<"): the reply line's prefix is no part of
// the reply, and the command sent just before it is the one the server answered.
const TRANSCRIPT_PREFIX = /^.{0,40}?(?:Received\s*>>>|<<<|<--)\s*(?=[245]\d\d\b)/;
const SENT = /(?:Sent\s*<<<|>>>|-->)\s*(RCPT|MAIL|DATA|EHLO|HELO|STARTTLS)\b/i;

/** The server a transcript says it connected to ("Attempting SMTP connection to [mx.example.net]"). */
function connectedTo(before: string): string | undefined {
  return /(?:connection to|connecting to|talking to|connect to)\s*\[?([a-z0-9][\w-]*(?:\.[\w-]+)+)/i.exec(
    before,
  )?.[1];
}

function sentCommand(lines: string[], at: number): string | undefined {
  for (let j = at - 1; j >= 0 && j >= at - 3; j--) {
    const cmd = SENT.exec(lines[j]!)?.[1]?.toUpperCase();
    if (cmd) return cmd === 'HELO' ? 'EHLO' : cmd;
  }
  return undefined;
}

/** Lines with an SMTP reply or enhanced status code, each with the nearest recipient. */
export function withCodes(b: BounceText): RawRecipient[] {
  const lines = b.text.split('\n', MAX_LINES);
  const out: RawRecipient[] = [];
  const seen = new Set<string>();
  let lastRecipient: string | undefined;
  let lastRecipientLine = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const named = line.includes('@') ? recipientOfLine(line) : undefined;
    if (named) {
      lastRecipient = named;
      lastRecipientLine = i;
    }
    if (!isFailureLine(line)) continue;
    const diag = [line];
    // Multi-line replies (550-…) and indented continuations belong to the same failure.
    for (let j = i + 1; j < lines.length && j < i + 8; j++) {
      const next = lines[j]!;
      if (!next.trim() || (!/^\s/.test(next) && !/^[45]\d\d[ -]/.test(next))) break;
      diag.push(next);
      i = j;
    }
    const recipient =
      firstAddress(line) ??
      (i - lastRecipientLine < 12 ? lastRecipient : undefined) ??
      lines
        .slice(i + 1, i + 8)
        .map(recipientOfLine)
        .find((x) => x) ??
      firstAddress(b.headers.get('x-failed-recipients')) ??
      firstAddress(b.returned[0]?.get('to')) ??
      lastAddressBefore(lines, i);
    const key = recipient ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      recipient,
      diagnostic: joinLines(diag).replace(TRANSCRIPT_PREFIX, ''),
      remoteMta:
        hostBefore(lines.slice(Math.max(0, i - 2), i + 1).join(' ')) ??
        connectedTo(lines.slice(Math.max(0, i - 10), i).join('\n')),
      command: sentCommand(lines, i - diag.length + 1),
    });
  }
  return out;
}
