// What an EHLO reply advertises (RFC 5321 §4.1.1.1): the first line greets, each further
// line is one extension keyword with optional parameters. Pure; no sockets.
import type { Reply } from './reply.js';

export interface Extension {
  /** Upper-cased keyword, e.g. "SIZE", "AUTH", "X-EXPS", "X-EXPS=LOGIN". */
  keyword: string;
  /** Parameters after the keyword, as sent. */
  params: string[];
  /** The line exactly as advertised (after the code). */
  raw: string;
}

export interface Capabilities {
  /** Host name the server gave on the EHLO greeting line (first word), if any. */
  greetingName?: string;
  extensions: Extension[];
  /** SIZE limit in bytes; 0 means "no fixed limit" (RFC 1870); undefined when SIZE is absent. */
  size?: number;
  /** AUTH mechanisms (also from the old `AUTH=LOGIN` form some servers still send). */
  auth: string[];
  starttls: boolean;
  pipelining: boolean;
  eightBitMime: boolean;
  chunking: boolean;
  smtputf8: boolean;
  dsn: boolean;
  enhancedStatusCodes: boolean;
  /** Vendor extensions: keywords starting with X (RFC 5321 §4.1.5), e.g. Exchange's verbs. */
  xVerbs: string[];
}

export function parseExtensionLine(line: string): Extension {
  const raw = line.trim();
  const [keyword = '', ...params] = raw.split(/\s+/);
  return { keyword: keyword.toUpperCase(), params, raw };
}

export function parseEhlo(reply: Reply): Capabilities {
  const [greeting = '', ...rest] = reply.lines;
  // Windows SMTP (Exchange 2000, the book's Example 1) ends the list with a bare "250 OK".
  if (rest.length > 0 && /^OK$/i.test(rest[rest.length - 1]!.trim())) rest.pop();
  const extensions = rest.filter((l) => l.trim() !== '').map(parseExtensionLine);
  const has = (k: string) => extensions.some((e) => e.keyword === k);
  const auth = new Set<string>();
  for (const e of extensions) {
    if (e.keyword === 'AUTH') for (const p of e.params) auth.add(p.toUpperCase());
    // Pre-standard form, e.g. "AUTH=LOGIN PLAIN".
    if (e.keyword.startsWith('AUTH=')) {
      for (const p of [e.keyword.slice(5), ...e.params]) if (p) auth.add(p.toUpperCase());
    }
  }
  const sizeExt = extensions.find((e) => e.keyword === 'SIZE');
  // RFC 1870: SIZE alone, or SIZE and 1 to 20 digits; "SIZE -5" or "SIZE abc" gives no limit here.
  const sizeParam = sizeExt?.params[0] ?? '0';
  const sizeNum = sizeExt && /^\d{1,20}$/.test(sizeParam) ? Number(sizeParam) : undefined;
  const caps: Capabilities = {
    extensions,
    auth: [...auth],
    starttls: has('STARTTLS'),
    pipelining: has('PIPELINING'),
    eightBitMime: has('8BITMIME'),
    chunking: has('CHUNKING'),
    smtputf8: has('SMTPUTF8'),
    dsn: has('DSN'),
    enhancedStatusCodes: has('ENHANCEDSTATUSCODES'),
    xVerbs: extensions.filter((e) => e.keyword.startsWith('X')).map((e) => e.raw),
  };
  const name = greeting.trim().split(/\s+/)[0];
  if (name) caps.greetingName = name;
  if (sizeNum !== undefined) caps.size = sizeNum;
  return caps;
}

/** Extensions whose RFC allows no parameters (RFC 3207, 2920, 6152, 3030, 6531, 3461, 2034). */
const NO_PARAMS = new Set([
  'STARTTLS',
  'PIPELINING',
  '8BITMIME',
  'CHUNKING',
  'SMTPUTF8',
  'DSN',
  'ENHANCEDSTATUSCODES',
]);
const SASL_NAME = /^[A-Z0-9_-]{1,20}$/i; // RFC 4422 §3.1

/** Advertised lines that break their extension's grammar, with what is wrong, in words. */
export function malformedExtensions(caps: Capabilities): { raw: string; why: string }[] {
  const out: { raw: string; why: string }[] = [];
  for (const e of caps.extensions) {
    if (
      e.keyword === 'SIZE' &&
      e.params.length > 0 &&
      !(e.params.length === 1 && /^\d{1,20}$/.test(e.params[0]!))
    )
      out.push({ raw: e.raw, why: 'SIZE takes one number of bytes (0 or none: no fixed limit), RFC 1870' });
    else if (NO_PARAMS.has(e.keyword) && e.params.length > 0)
      out.push({ raw: e.raw, why: `${e.keyword} takes no parameters` });
    else if (e.keyword === 'AUTH' && (e.params.length === 0 || !e.params.every((p) => SASL_NAME.test(p))))
      out.push({ raw: e.raw, why: 'AUTH lists SASL mechanism names (letters, digits, - and _), RFC 4954' });
  }
  return out;
}

/** Does the advertised list contain this keyword (case-insensitive, parameters ignored)? */
export function advertises(caps: Capabilities, keyword: string): boolean {
  const k = keyword.toUpperCase();
  return caps.extensions.some((e) => e.keyword === k);
}
