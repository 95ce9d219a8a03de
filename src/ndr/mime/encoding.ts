// Content-Transfer-Encoding and RFC 2047 encoded words. All functions work on "byte strings"
// (one char per byte) so a charset can be applied afterwards.
import { decodeText } from './charset.js';

export function fromBase64(text: string): string {
  return Buffer.from(text.replace(/[^A-Za-z0-9+/]/g, ''), 'base64').toString('latin1');
}

/**
 * Spaces and tabs at the end of each line removed (what `/[ \t]+\n/g` would do, but in one pass:
 * that regex restarts at every blank of a long run of them and takes quadratic time).
 */
export function trimLineEnds(text: string): string {
  if (!text.includes('\n')) return text;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i]!;
    let end = line.length;
    while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
    if (end < line.length) lines[i] = line.slice(0, end);
  }
  return lines.join('\n');
}

/** Quoted-printable (RFC 2045 §6.7); also used with underscores-as-spaces for RFC 2047 "Q". */
export function fromQuotedPrintable(text: string, underscoreIsSpace = false): string {
  let s = trimLineEnds(text).replace(/=\n/g, '');
  if (underscoreIsSpace) s = s.replace(/_/g, ' ');
  return s.replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

export function decodeTransfer(body: string, cte: string | undefined): string {
  switch ((cte ?? '').trim().toLowerCase()) {
    case 'base64':
      return fromBase64(body);
    case 'quoted-printable':
      return fromQuotedPrintable(body);
    default:
      return body;
  }
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** Decode RFC 2047 encoded words in a header value; whitespace between adjacent words is dropped. */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return decodeText(value);
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  let out = '';
  let last = 0;
  for (const m of joined.matchAll(ENCODED_WORD)) {
    out += decodeText(joined.slice(last, m.index));
    const charset = m[1]!.split('*')[0]!; // RFC 2231 language suffix
    const raw = m[2]!.toUpperCase() === 'B' ? fromBase64(m[3]!) : fromQuotedPrintable(m[3]!, true);
    out += decodeText(raw, charset);
    last = m.index! + m[0].length;
  }
  return out + decodeText(joined.slice(last));
}
