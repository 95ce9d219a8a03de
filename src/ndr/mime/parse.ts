// A small, bounded MIME parser. Input is a "byte string" (Latin-1, one char per byte) so nothing
// is lost before a part's own charset is applied; line ends are normalised to LF first.
import { decodeText } from './charset.js';
import { decodeTransfer, trimLineEnds } from './encoding.js';
import { type Headers, isFieldLine, parseContentType, parseHeaders } from './headers.js';

export interface MimePart {
  headers: Headers;
  /** Lower-case media type; text/plain when absent or unparsable. */
  type: string;
  params: Record<string, string>;
  /** The body as transmitted (still transfer-encoded), LF line ends. */
  raw: string;
  /** Children of a multipart. */
  parts: MimePart[];
  /** The enclosed message of message/rfc822 (a returned original, or a forwarded bounce). */
  message?: MimePart;
}

const MAX_DEPTH = 12;
const MAX_PARTS = 400;

/** Normalise CR, LF and CRLF line ends to LF. */
export function toLf(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

/** Parse a whole message (or a pasted fragment: without a header block, everything is body). */
export function parseMessage(bin: string): MimePart {
  const budget = { parts: MAX_PARTS };
  const text = toLf(bin);
  const root = parseEntity(text, 0, budget, 'text/plain');
  // Pasted lines like "Error: ..." or bare DSN fields look like a header block but are the text.
  if (root.headers.size > 0 && !MAIL_FIELDS.some((f) => root.headers.get(f) !== undefined)) {
    return { headers: parseHeaders(''), type: 'text/plain', params: {}, raw: text, parts: [] };
  }
  return root;
}

/** Fields every real message (or MIME part) has at least one of. */
const MAIL_FIELDS = [
  'from',
  'to',
  'subject',
  'date',
  'received',
  'message-id',
  'return-path',
  'content-type',
  'mime-version',
];

function splitHead(s: string): [string, string] {
  if (s.startsWith('\n')) return ['', s.slice(1)];
  let start = 0;
  if (s.startsWith('From ')) start = s.indexOf('\n') + 1; // mbox separator line
  const firstLine = s.slice(start, s.indexOf('\n', start) >>> 0);
  if (!isFieldLine(firstLine)) return ['', s];
  const end = s.indexOf('\n\n', start);
  if (end < 0) return [s.slice(start), ''];
  return [s.slice(start, end), s.slice(end + 2)];
}

function parseEntity(s: string, depth: number, budget: { parts: number }, defaultType: string): MimePart {
  budget.parts--;
  const [head, raw] = splitHead(s);
  const headers = parseHeaders(head);
  const ct = parseContentType(headers.get('content-type'), defaultType);
  const part: MimePart = { headers, type: ct.type, params: ct.params, raw, parts: [] };
  if (depth >= MAX_DEPTH || budget.parts <= 0) return part;
  if (ct.type.startsWith('multipart/')) {
    const child = ct.type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    for (const body of splitMultipart(raw, boundaryOf(raw, ct.params.boundary))) {
      if (budget.parts <= 0) break;
      part.parts.push(parseEntity(body, depth + 1, budget, child));
    }
  } else if (ct.type === 'message/rfc822' || ct.type === 'message/global') {
    // Only the headers of a returned message matter (read lazily); a forwarded bounce inside it is
    // decoded again from headers and body by the caller, so its structure is not parsed here.
    const [innerHead, innerRaw] = splitHead(bodyBytes(part));
    part.message = {
      headers: parseHeaders(innerHead),
      type: 'message/rfc822',
      params: {},
      raw: innerRaw,
      parts: [],
    };
  }
  return part;
}

/**
 * The declared boundary, or, when the body never uses it (a mangled header), the first
 * `--token` line of the body.
 */
function boundaryOf(raw: string, declared: string | undefined): string {
  if (declared && raw.includes(`--${declared}`)) return declared;
  return /^--([^\s-][^\s]{5,69})\s*$/m.exec(raw.slice(0, 65536))?.[1] ?? declared ?? '';
}

/** Bodies between `--boundary` lines; tolerant of a missing closing delimiter. */
export function splitMultipart(raw: string, boundary: string): string[] {
  if (!boundary) return [];
  const delim = `--${boundary}`;
  const bodies: string[] = [];
  let pos = findDelimiter(raw, delim, 0);
  while (pos >= 0) {
    const after = pos + delim.length;
    if (raw.startsWith('--', after)) break;
    const lineEnd = raw.indexOf('\n', after);
    if (lineEnd < 0) break;
    const next = findDelimiter(raw, delim, lineEnd);
    // The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    bodies.push(raw.slice(lineEnd + 1, next < 0 ? raw.length : Math.max(lineEnd + 1, next - 1)));
    pos = next;
  }
  return bodies;
}

/** Index of a delimiter that starts a line, from `from` on; -1 if none. */
function findDelimiter(raw: string, delim: string, from: number): number {
  let i = raw.indexOf(delim, from);
  while (i > 0 && raw.charCodeAt(i - 1) !== 10) i = raw.indexOf(delim, i + 1);
  return i;
}

/** The body with its transfer encoding removed (still bytes). */
export function bodyBytes(part: MimePart): string {
  return decodeTransfer(part.raw, part.headers.get('content-transfer-encoding'));
}

/** The body as text in its declared charset; HTML reduced to its visible text. */
export function bodyText(part: MimePart): string {
  const text = toLf(decodeText(bodyBytes(part), part.params.charset));
  return part.type === 'text/html' ? htmlToText(text) : text;
}

// Closing block elements that end a line of visible text (besides <br>).
const BREAKS = new Set(['p', 'div', 'tr', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Visible text of an HTML part. One pass with indexOf (no regex backtracking on unclosed tags). */
export function htmlToText(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let pos = 0;
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    if (lt < 0) break;
    if (!/[a-z/!]/.test(lower[lt + 1] ?? '')) {
      out += html.slice(pos, lt + 1); // "3 < 4": not a tag
      pos = lt + 1;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break; // an unclosed '<' is text
    out += html.slice(pos, lt);
    const tag = /^<\/?([a-z0-9]+)/.exec(lower.slice(lt, lt + 12))?.[1] ?? '';
    pos = gt + 1;
    if ((tag === 'script' || tag === 'style' || tag === 'head') && lower[lt + 1] !== '/') {
      const close = lower.indexOf(`</${tag}`, pos);
      pos = close < 0 ? html.length : html.indexOf('>', close) + 1 || html.length;
    } else if (tag === 'br' || (lower[lt + 1] === '/' && BREAKS.has(tag))) out += '\n';
  }
  out += html.slice(pos);
  return trimLineEnds(
    out.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const n = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
        return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    }),
  );
}
