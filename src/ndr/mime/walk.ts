// Sorts a parsed message into what a bounce decoder needs: the machine-readable delivery-status
// parts, the human-readable notice, and the returned original (kept apart so its text is never
// mistaken for the failure).

import { decodeText } from './charset.js';
import { type Headers, parseHeaders } from './headers.js';
import { bodyBytes, bodyText, type MimePart, toLf } from './parse.js';

export interface BounceParts {
  /** Bodies of message/delivery-status (and message/global-delivery-status) parts, decoded. */
  reports: string[];
  /** Human-readable text parts outside any returned message, in order. */
  texts: string[];
  /** Headers of returned messages (message/rfc822, text/rfc822-headers). */
  returned: Headers[];
  /** Enclosed messages, in case the bounce itself was forwarded as an attachment. */
  enclosed: MimePart[];
}

const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const HEADER_TYPES = new Set(['text/rfc822-headers', 'message/rfc822-headers', 'message/global-headers']);

export function collectParts(root: MimePart): BounceParts {
  const out: BounceParts = { reports: [], texts: [], returned: [], enclosed: [] };
  visit(root, out);
  return out;
}

function visit(part: MimePart, out: BounceParts): void {
  // A multipart whose delimiters are missing is read as the text it really is.
  if (part.type.startsWith('multipart/') && part.parts.length === 0) {
    out.texts.push(bodyText(part));
    return;
  }
  if (part.parts.length > 0) {
    // Of alternative renderings, the plain text is enough (and cheaper than reducing HTML).
    const plain =
      part.type === 'multipart/alternative' ? part.parts.find((p) => p.type === 'text/plain') : undefined;
    for (const p of plain ? [plain] : part.parts) visit(p, out);
    return;
  }
  if (part.message) {
    out.returned.push(part.message.headers);
    out.enclosed.push(part.message);
    return;
  }
  if (REPORT_TYPES.has(part.type)) {
    // message/global-delivery-status is UTF-8 by definition (RFC 6533).
    out.reports.push(toLf(decodeText(bodyBytes(part), 'utf-8')));
  } else if (HEADER_TYPES.has(part.type)) {
    out.returned.push(parseHeaders(toLf(bodyText(part)).split('\n\n')[0]!));
  } else if (part.type.startsWith('text/')) {
    if (
      part.headers.get('content-disposition')?.toLowerCase().startsWith('attachment') &&
      part.type !== 'text/plain'
    )
      return;
    out.texts.push(bodyText(part));
  }
}
