// Helpers the plain-text formats share: cutting off the returned message, finding addresses,
// and splitting a notice into one block per recipient.
import { anyOf, FORWARD_TITLE, RETURNED_TITLE } from '../words.js';
import type { BounceText, RawRecipient } from './types.js';

/** Recipients reported per input; real bounces list a handful, a hostile one could list millions. */
export const MAX_RECIPIENTS = 1000;

/** Lines that start the returned original in text-only bounces; everything after them is ignored. */
const RETURNED_MARKER = new RegExp(
  [
    `^[ \\t]*-+[ \\t]*(?:${anyOf(RETURNED_TITLE.dashed)})`,
    `^[ \\t]*-+[ \\t]*(?:${anyOf(RETURNED_TITLE.framed)})[ \\t]*-*[ \\t]*$`,
    `^[ \\t]*(?:${anyOf(RETURNED_TITLE.alone)})[.:]?[ \\t]*$`,
    `^-+ ?(?:${FORWARD_TITLE.en}) ?-+$`,
  ].join('|'),
  'im',
);

/** The notice without the returned message that text-only bounces append (one regex pass). */
export function cutReturned(text: string): string {
  const m = RETURNED_MARKER.exec(text);
  return m ? text.slice(0, m.index) : text;
}

// The look-behind lets a local part start only where a run of local-part characters starts: without
// it the search restarts inside the run and reads it to its end each time (quadratic on 'aaaa…').
const ADDRESS = /<?(?<![\w.!#$%&'*+/=?^`{|}~-])([\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+)>?/;
const ADDRESS_G = new RegExp(ADDRESS.source, 'g');

/** The first e-mail address in a string, without angle brackets. */
export function firstAddress(s: string | undefined): string | undefined {
  const at = s ? s.indexOf('@') : -1;
  if (at < 0) return undefined;
  // Scan only around the first '@' (addresses are short); fall back to the whole string.
  const str = s as string;
  const near = ADDRESS.exec(str.slice(Math.max(0, at - 256), at + 256))?.[1];
  if (near) return near;
  return ADDRESS.exec(str)?.[1];
}

export function allAddresses(s: string): string[] {
  if (!s.includes('@')) return [];
  return [...s.matchAll(ADDRESS_G)].map((m) => m[1]!);
}

/**
 * A line that names just one recipient: `<a@b>:`, `a@b`, `  a@b (reason)`, `RCPT TO: a@b`,
 * `Delivery failed: a@b`. Labels naming the sender (From:, Original Sender:) do not count.
 */
// Labels may be in any script ("宛先:", "Получатель:"); sender labels in the common languages do not count.
const RECIPIENT_LINE =
  /^\s*(?:(\p{L}[\p{L}\w -]{0,30}):\s*)?<?([\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+)>?\s*(?::|\.\.\.|$|\(|,|\[)/u;
const SENDER_LABEL =
  /from|sender|reply|return|cc\b|by\b|差出人|送信者|送信元|отправитель|^от$|absender|exp[ée]diteur|remitente/i;

export function recipientOfLine(line: string): string | undefined {
  const m = RECIPIENT_LINE.exec(line);
  if (!m || (m[1] && SENDER_LABEL.test(m[1]))) return undefined;
  return m[2];
}

export interface Block {
  recipient: string;
  /** The lines after the recipient line (and the rest of that line), trimmed, up to the next recipient. */
  lines: string[];
}

/** Split a section into recipient blocks: each starts with a line naming one address. */
export function recipientBlocks(
  section: string,
  isStart: (line: string) => string | undefined = recipientOfLine,
): Block[] {
  const blocks: Block[] = [];
  let cur: Block | undefined;
  for (const line of section.split('\n')) {
    const rcpt = isStart(line);
    if (rcpt) {
      cur = { recipient: rcpt, lines: [] };
      blocks.push(cur);
      const rest = line
        .slice(line.indexOf(rcpt) + rcpt.length)
        .replace(/^>?\s*(:|\.\.\.)?\s*/, '')
        .trim();
      if (rest) cur.lines.push(rest);
    } else if (cur && line.trim()) cur.lines.push(line.trim());
    // A blank line ends the recipient's paragraph, unless the last line announces more ("reason:").
    else if (cur?.lines.length && !cur.lines[cur.lines.length - 1]!.endsWith(':')) cur = undefined;
  }
  return blocks;
}

/** The part of a text between a start marker and an end marker (both regexes on lines). */
export function section(text: string, start: RegExp, end?: RegExp): string | undefined {
  const m = start.exec(text);
  if (!m) return undefined;
  const from = m.index + m[0].length;
  if (!end) return text.slice(from);
  const rest = text.slice(from);
  const e = end.exec(rest);
  return e ? rest.slice(0, e.index) : rest;
}

const ADDRESS_LITERAL = /\[[\d.:a-f]+\]/iy;
const isLabelChar = (c: string | undefined): boolean => c !== undefined && /[\w-]/.test(c);

/**
 * `host mx.example.com[192.0.2.1]` / `mx.example.com [192.0.2.1]` → `mx.example.com`: the first
 * address literal with a dotted name before it (blanks and one final dot may sit between them).
 * Read backwards from each '[' so every character is looked at a bounded number of times; a
 * regex search restarts at each label of a long dotted run and is quadratic on 'a.a.a.…'.
 */
export function hostBefore(s: string): string | undefined {
  for (let open = s.indexOf('['); open >= 0; open = s.indexOf('[', open + 1)) {
    ADDRESS_LITERAL.lastIndex = open;
    if (!ADDRESS_LITERAL.test(s)) continue;
    let end = open;
    while (end > 0 && /\s/.test(s[end - 1]!)) end--;
    if (s[end - 1] === '.') end--;
    // The name: the longest run of labels ending at `end` with no empty label, starting at a letter or digit.
    let start = end;
    while (start > 0 && (isLabelChar(s[start - 1]) || (s[start - 1] === '.' && isLabelChar(s[start]))))
      start--;
    while (start < end && !/[a-z0-9]/i.test(s[start]!)) start++;
    const name = s.slice(start, end);
    if (isLabelChar(s[end - 1]) && name.includes('.')) return name;
  }
  return undefined;
}

/** Join wrapped lines into one diagnostic line. */
export function joinLines(lines: string[]): string {
  return lines.join(' ').replace(/\s+/g, ' ').trim();
}

const COMMANDS: [RegExp, string][] = [
  [/\b(?:in reply to|after|our|to)\s+(?:the\s+)?(?:end of data|final DATA|DATA)\b/i, 'DATA'],
  [/\b(?:in reply to|after|our|to)\s+RCPT(?: TO)?\b/i, 'RCPT'],
  [/\b(?:in reply to|after|our|to)\s+MAIL(?: FROM)?\b/i, 'MAIL'],
  [/\b(?:in reply to|after|our|to)\s+(?:EHLO|HELO)\b/i, 'EHLO'],
  [/\b(?:in reply to|after|our|to)\s+STARTTLS\b/i, 'STARTTLS'],
  [/\bafter (?:the )?initial connection\b|\bgreeting\b/i, 'CONN'],
];

/** Which SMTP command the remote server was answering, if the text says. */
export function commandOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  for (const [re, name] of COMMANDS) if (re.test(text)) return name;
  return undefined;
}

/** Recipient blocks → raw recipients, with remote host and command read from the diagnostic. */
export function fromBlocks(blocks: Block[], reportingMta?: string): RawRecipient[] {
  return blocks.map((bl) => {
    const diagnostic = joinLines(bl.lines);
    return {
      recipient: bl.recipient,
      diagnostic,
      remoteMta: hostBefore(diagnostic),
      command: commandOf(diagnostic),
      reportingMta,
    };
  });
}

/** True when the notice contains any of the phrases (give them lower-case). */
export function has(b: BounceText, ...phrases: string[]): boolean {
  return phrases.some((p) => b.lower.includes(p));
}
