// One input → its messages (an mbox may hold several) → each message's header block, decoded
// tolerantly (valid UTF-8 kept, other 8-bit bytes read as Windows-1252), and its raw bytes.
import { MAX_INPUT_BYTES } from '../ndr/decode.js';
import { splitMbox } from '../ndr/mbox.js';
import { decodeText } from '../ndr/mime/charset.js';
import { type Headers, isFieldLine, parseHeaders } from '../ndr/mime/headers.js';
import { toLf } from '../ndr/mime/parse.js';

export interface MessageHead {
  headers: Headers;
  /** The message as given (mbox envelope line removed), for DKIM verification. */
  bytes: Buffer;
  /** True when a body follows the header block (a pasted header block alone has none). */
  hasBody: boolean;
}

/**
 * The text from its first header field: a pasted block may open with a line or two that is no
 * field (Outlook's "Microsoft Mail Internet Headers Version 2.0", a "Original message" title).
 */
function skipPreamble(text: string): string | null {
  let at = 0;
  for (let i = 0; i < 3; i++) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    if (isFieldLine(line)) return text.slice(at);
    if (end < 0 || line.length > 200) return null;
    at = end + 1;
  }
  return null;
}

/** A message's header block: from the first field line to the first blank line. */
export function readHead(bin: string): MessageHead | null {
  const given = bin.startsWith('From ') ? bin.slice(bin.indexOf('\n') + 1) : bin;
  const bytes = Buffer.from(given, 'latin1');
  const text = skipPreamble(toLf(given).replace(/^[ \t]*\n+/, ''));
  if (text === null) return null;
  const end = text.indexOf('\n\n');
  const head = end < 0 ? text : text.slice(0, end);
  const hasBody = end >= 0 && /\S/.test(text.slice(end + 2, end + 65536));
  return { headers: parseHeaders(decodeText(head)), bytes, hasBody };
}

/** The messages of an input (bytes), each as a head or null when it has no header block. */
export function readMessages(input: Buffer): (MessageHead | null)[] {
  const bin = input.subarray(0, MAX_INPUT_BYTES).toString('latin1');
  return splitMbox(bin).map(readHead);
}
