// The test message: an RFC 5322 message built from options (or read from a file), and the
// SMTP DATA encoding of it (CRLF line ends, dot-stuffing; RFC 5321 §4.5.2). Pure; no I/O.
import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { assertNoControlChars, UsageError } from '../findings/errors.js';
import {
  type Attachment,
  attachmentPart,
  type BodyPart,
  base64Lines,
  multipartMixed,
  PADDING_HEADERS,
  paddingLines,
} from './mime.js';

export interface MessageSpec {
  from: string;
  to: string[];
  /** Replaces the default "mailflow test message <timestamp>". */
  subject?: string;
  /** Replaces the default body that says what sent the message. */
  body?: string;
  /** Extra "Name: value" headers; one named like a default header replaces it. */
  headers?: string[];
  /** Name we introduce ourselves as (used in the Message-ID when the sender has no domain). */
  heloName: string;
  /** Where the message is going, for the default body. */
  server: string;
  now?: Date;
  version?: string;
  /** --attach: files after the text body, in a multipart/mixed message. */
  attachments?: Attachment[];
  /** --size: pad the message with a text part to about this many bytes (CRLF, before dot-stuffing). */
  padTo?: number;
}

export interface BuiltMessage {
  /** The message with CRLF line ends, not yet dot-stuffed. */
  text: string;
  messageId: string;
  subject: string;
  /** Contains bytes above 127 (needs BODY=8BITMIME). */
  eightBit: boolean;
  /** The header section holds UTF-8 (RFC 6532: e.g. a From: ü@example.test), so it needs SMTPUTF8. */
  utf8Headers: boolean;
  /**
   * How `text` becomes bytes: 'utf8' for a message mailflow built; 'latin1' for a --data file,
   * whose text holds one character per byte so the bytes go out exactly as read.
   */
  encoding: 'utf8' | 'latin1';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** RFC 5322 §3.3 date-time in the local zone, e.g. "Sat, 28 Nov 2026 05:41:00 +0100". */
export function rfc5322Date(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return (
    `${DAYS[d.getDay()]}, ${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

/** RFC 2047 encoded-word for non-ASCII header text (base64, UTF-8), split to keep words short. */
export function encodeHeaderValue(value: string): string {
  if (/^[\x00-\x7f]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const ch of value) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\r\n ');
}

/** Split "Name: value" from --header, refusing anything that could smuggle extra lines. */
export function parseHeaderOption(h: string): { name: string; value: string } {
  assertNoControlChars('--header', h);
  const m = /^([!-9;-~]+):\s?(.*)$/.exec(h);
  if (!m) throw new UsageError(`--header "${h.slice(0, 60)}" is not "Name: value"`);
  return { name: m[1]!, value: m[2]! };
}

/** Any mix of CRLF, bare LF and bare CR becomes CRLF; the text ends with CRLF. */
export function toCrlf(text: string): string {
  // A text that is CRLF already (every message mailflow builds) is returned as is, not copied.
  const t = /\r(?!\n)|(?<!\r)\n/.test(text) ? text.replace(/\r\n|\r|\n/g, '\r\n') : text;
  return t.endsWith('\r\n') ? t : `${t}\r\n`;
}

/** How many lines of a CRLF text start with "." (each gets one more in dot-stuffing). */
export function dotLines(crlfText: string): number {
  let n = crlfText.startsWith('.') ? 1 : 0;
  for (let i = crlfText.indexOf('\r\n.'); i >= 0; i = crlfText.indexOf('\r\n.', i + 2)) n++;
  return n;
}

/** A line starting with "." gets one more, so it cannot end the DATA early (RFC 5321 §4.5.2). */
export function dotStuff(crlfText: string): string {
  return crlfText.replace(/(^|\r\n)\./g, '$1..');
}

/** The bytes to send after DATA's 354, without the final ".": CRLF, dot-stuffed, ending in CRLF. */
export function dataPayload(text: string, encoding: BuiltMessage['encoding'] = 'utf8'): Buffer {
  return Buffer.from(dotStuff(toCrlf(text)), encoding);
}

function domainOf(addr: string): string | undefined {
  const at = addr.lastIndexOf('@');
  return at > 0 ? addr.slice(at + 1) : undefined;
}

export function buildMessage(spec: MessageSpec): BuiltMessage {
  const now = spec.now ?? new Date();
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z');
  const idDomain = domainOf(spec.from) ?? spec.heloName;
  const messageId = `<mailflow.${now.getTime().toString(36)}.${randomBytes(6).toString('hex')}@${idDomain}>`;
  const subject = spec.subject ?? `mailflow test message ${stamp}`;
  const from = spec.from || `MAILER-DAEMON@${spec.heloName}`;
  const body =
    spec.body ??
    [
      `This is a test message sent by mailflow ${spec.version ?? ''}`.trimEnd() + ` ("mailflow send"),`,
      `the scripted form of the telnet test in Chapter 7 of "Configuring SMTP in Microsoft`,
      'Exchange 2000 Server".',
      '',
      `Sent at:   ${stamp}`,
      `Sent via:  ${spec.server}`,
      `Sent from: ${spec.heloName}`,
      `From:      ${from}`,
      `To:        ${spec.to.join(', ')}`,
      '',
      'If you received it, mail flows from this sender to this recipient. No reply is needed.',
    ].join('\n');
  assertNoControlChars('--subject', spec.subject ?? '');
  if (body.includes('\0')) throw new UsageError('--body contains a NUL byte; refusing it');

  const defaults: [string, string][] = [
    ['Date', rfc5322Date(now)],
    ['From', from],
    ['To', spec.to.join(', ')],
    ['Subject', encodeHeaderValue(subject)],
    ['Message-ID', messageId],
    ['MIME-Version', '1.0'],
    ['X-Mailer', `mailflow${spec.version ? ` ${spec.version}` : ''}`],
  ];
  const extra = (spec.headers ?? []).map(parseHeaderOption);
  const overridden = new Set(extra.map((h) => h.name.toLowerCase()));
  const headers = defaults.filter(([n]) => !overridden.has(n.toLowerCase()));
  for (const h of extra) headers.push([h.name, encodeHeaderValue(h.value)]);

  const text = textPart(body, overridden);
  const parts = [...(spec.attachments ?? []).map(attachmentPart)];
  let message: string;
  if (parts.length === 0 && spec.padTo === undefined) {
    message = entity([...headers, ...text.headers], text.body);
  } else {
    if (overridden.has('content-type') || overridden.has('content-transfer-encoding'))
      throw new UsageError(
        '--header Content-Type or Content-Transfer-Encoding cannot be used with --attach or --size',
      );
    const build = (padding?: BodyPart) => {
      const mixed = multipartMixed([text, ...parts, ...(padding ? [padding] : [])]);
      return entity([...headers, ['Content-Type', mixed.contentType]], mixed.body);
    };
    message = build();
    if (spec.padTo !== undefined) {
      // The padding part's own framing counts too: measure it empty, then fill the rest.
      const empty = build({ headers: PADDING_HEADERS, body: '' });
      const left = spec.padTo - Buffer.byteLength(empty);
      if (left > 0) message = build({ headers: PADDING_HEADERS, body: paddingLines(left) });
    }
  }
  return {
    text: message,
    messageId,
    subject,
    eightBit: !/^[\x00-\x7f]*$/.test(message),
    utf8Headers: /[^\x00-\x7f]/.test(headers.map(([n, v]) => `${n}: ${v}`).join('\r\n')),
    encoding: 'utf8',
  };
}

function entity(headers: [string, string][], body: string): string {
  return `${headers.map(([n, v]) => `${n}: ${v}`).join('\r\n')}\r\n\r\n${body}`;
}

/**
 * The text body with its Content-Type and transfer encoding (unless --header set them). Long or
 * 8-bit bodies go base64 so no server can mangle them (RFC 5322 §2.1.1: 998 octets a line).
 */
function textPart(body: string, overridden: Set<string>): BodyPart {
  const crlfBody = toCrlf(body);
  const ascii = /^[\x00-\x7f]*$/.test(crlfBody);
  const longLines = crlfBody.split('\r\n').some((l) => Buffer.byteLength(l) > 998);
  const headers: [string, string][] = [];
  let encoded = crlfBody;
  if (!overridden.has('content-type')) headers.push(['Content-Type', 'text/plain; charset=utf-8']);
  if (!overridden.has('content-transfer-encoding')) {
    if (ascii && !longLines) headers.push(['Content-Transfer-Encoding', '7bit']);
    else {
      headers.push(['Content-Transfer-Encoding', 'base64']);
      encoded = base64Lines(Buffer.from(body, 'utf8'));
    }
  }
  return { headers, body: encoded };
}

/**
 * A message given whole with --data: its bytes are sent as they are, whatever their charset,
 * apart from CRLF line ends and dot-stuffing. Read as Latin-1, one character per byte, so no
 * byte is replaced (reading it as UTF-8 would turn a Latin-1 'é' into U+FFFD).
 */
export function messageFromFile(content: Buffer): BuiltMessage {
  const text = toCrlf(content.toString('latin1'));
  if (text.includes('\0')) throw new UsageError('--data file contains NUL bytes; refusing it');
  const head = text.split('\r\n\r\n', 1)[0] ?? '';
  // For display only: header values are usually ASCII or UTF-8.
  const field = (re: RegExp) => Buffer.from(re.exec(head)?.[1]?.trim() ?? '', 'latin1').toString('utf8');
  const headBytes = Buffer.from(head, 'latin1');
  return {
    text,
    messageId: field(/^Message-ID:\s*(.+)$/im),
    subject: field(/^Subject:\s*(.+)$/im),
    eightBit: /[^\x00-\x7f]/.test(text),
    // Legacy 8-bit headers (Latin-1) are not RFC 6532 UTF-8: only valid UTF-8 asks for SMTPUTF8.
    utf8Headers: /[^\x00-\x7f]/.test(head) && isUtf8(headBytes),
    encoding: 'latin1',
  };
}
