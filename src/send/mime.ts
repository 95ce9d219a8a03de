// A multipart/mixed test message (RFC 2046 §5.1.3): the text body first, then each --attach file
// base64-encoded (RFC 2045 §6.8: lines of at most 76 characters), then the --size padding. Pure.
import { randomBytes } from 'node:crypto';
import { contentTypeFor } from './content-types.js';

export interface Attachment {
  /** The file's name as shown to the recipient (no directory). */
  name: string;
  content: Buffer;
}

/** One body part: its header fields and its body, already encoded, CRLF line ends, ending in CRLF. */
export interface BodyPart {
  headers: [string, string][];
  body: string;
}

/** Base64 in lines of 76 characters, each ended with CRLF (RFC 2045 §6.8). */
export function base64Lines(data: Buffer): string {
  const b64 = data.toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += 76) out += `${b64.slice(i, i + 76)}\r\n`;
  return out;
}

/** RFC 2231 §4 extended value: UTF-8, percent-encoding everything but attribute-chars. */
function rfc2231(value: string): string {
  let out = "UTF-8''";
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9!#$&+.^_`|~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * `name="x.pdf"` for a plain printable ASCII name, else RFC 2231's `name*=UTF-8''…`: non-ASCII,
 * quotes, backslashes and control characters (a CR or LF in a file name) never reach a header raw.
 */
export function fileParam(param: string, name: string): string {
  return /^[\x20-\x7e]+$/.test(name) && !/["\\]/.test(name)
    ? `${param}="${name}"`
    : `${param}*=${rfc2231(name)}`;
}

export function attachmentPart(a: Attachment): BodyPart {
  return {
    headers: [
      ['Content-Type', `${contentTypeFor(a.name)};\r\n ${fileParam('name', a.name)}`],
      ['Content-Transfer-Encoding', 'base64'],
      ['Content-Disposition', `attachment;\r\n ${fileParam('filename', a.name)}`],
    ],
    body: base64Lines(a.content),
  };
}

const PAD_LINE = 76;

/** Lines of printable ASCII, `bytes` long with their CRLFs (at least 2), for --size. */
export function paddingLines(bytes: number): string {
  const full = 'mailflow --size padding. '.repeat(4).slice(0, PAD_LINE - 2);
  let out = '';
  let left = Math.max(2, bytes);
  for (let n = 0; left > 0 && n < 10_000_000; n++) {
    // 79 bytes left would leave 1 after a full line: take a shorter one, then an empty line.
    const len = (left === PAD_LINE + 3 ? PAD_LINE + 1 : Math.min(PAD_LINE + 2, left)) - 2;
    // A line never starts with "." (no dot-stuffing changes the size) and never ends in a space.
    const line = len <= 0 ? '' : `${String(n).padStart(6, '0')} ${full}`.slice(0, len).replace(/ $/, '-');
    out += `${line}\r\n`;
    left -= line.length + 2;
  }
  return out;
}

export const PADDING_HEADERS: [string, string][] = [
  ['Content-Type', 'text/plain; charset=us-ascii'],
  ['Content-Transfer-Encoding', '7bit'],
  ['Content-Description', 'mailflow --size padding'],
];

function partText(p: BodyPart): string {
  return `${p.headers.map(([n, v]) => `${n}: ${v}`).join('\r\n')}\r\n\r\n${p.body}`;
}

/** A boundary that occurs in none of the parts (base64 has no "=_", so the first one nearly always does). */
function boundaryFor(parts: string[]): string {
  for (let i = 0; i < 10; i++) {
    const b = `=_mailflow_${randomBytes(12).toString('hex')}`;
    if (!parts.some((p) => p.includes(b))) return b;
  }
  throw new Error('no MIME boundary found that the parts do not contain');
}

/** The Content-Type value and body of a multipart/mixed entity holding `parts` in order. */
export function multipartMixed(parts: BodyPart[]): { contentType: string; body: string } {
  const texts = parts.map(partText);
  const boundary = boundaryFor(texts);
  const body =
    'This is a multi-part message in MIME format.\r\n' +
    texts.map((t) => `\r\n--${boundary}\r\n${t}`).join('') +
    `\r\n--${boundary}--\r\n`;
  return { contentType: `multipart/mixed;\r\n boundary="${boundary}"`, body };
}
