// One `Received:` field → its clauses (RFC 5321 §4.4: from, by, via, with, id, for) and its date.
// Tolerant of every common MTA's dialect and linear in time: one pass over the characters cuts
// the value into words and (nested) comments; only short, bounded pieces meet a regex.

/** Longest Received value parsed; the rest is kept raw (a real one is well under 2 KB). */
export const MAX_RECEIVED_CHARS = 16 * 1024;

export interface ReceivedFrom {
  /** The name the sending host gave or was looked up as (first word after `from`). */
  name: string | null;
  /** HELO/EHLO name when the line tells it apart from the looked-up name. */
  helo: string | null;
  /** Reverse-DNS name when the line gives one. */
  rdns: string | null;
  ip: string | null;
}

export interface Received {
  raw: string;
  /** False when not even a `by`, `from` or date could be read: show the line raw. */
  parsed: boolean;
  from: ReceivedFrom;
  by: string | null;
  via: string | null;
  /** Protocol word(s) after `with` (ESMTPS, LMTP, Microsoft SMTP Server, HTTP…). */
  with: string | null;
  id: string | null;
  for: string | null;
  /** TLS on this hop: true/false when the line says so, null when it cannot tell. */
  tls: boolean | null;
  /** TLS version/cipher when given. */
  tlsDetail: string | null;
  /** The client authenticated (ESMTPA/ESMTPSA, "Authenticated sender", …). */
  auth: boolean;
  /** The date as ISO 8601 UTC, or null when missing or garbage. */
  at: string | null;
  /** The date text as written. */
  dateText: string | null;
  /** The comments of the line, in order (for callers that look for build numbers, software). */
  comments: string[];
}

type Tok = { word: string } | { comment: string };

/** Words and top-level comments (nested parentheses kept inside), in one pass. */
function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 40) {
      let depth = 0;
      const start = i;
      for (; i < n; i++) {
        const d = s.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 40) depth++;
        else if (d === 41 && --depth === 0) break;
      }
      out.push({ comment: s.slice(start + 1, Math.min(i, n)) });
      i++;
      continue;
    }
    const start = i;
    while (i < n) {
      const d = s.charCodeAt(i);
      if (d === 32 || d === 9 || d === 10 || d === 13 || d === 40) break;
      i++;
    }
    out.push({ word: s.slice(start, i) });
  }
  return out;
}

const CLAUSES = new Set(['from', 'by', 'via', 'with', 'id', 'for']);

/** The date part: after the last ';' when what follows looks like a date. */
function splitDate(value: string): [string, string | null] {
  const semi = value.lastIndexOf(';');
  if (semi < 0) {
    // Some writers (qmail's "invoked by uid", a few appliances) omit the ';'.
    const m =
      /(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d\d[^;]{0,60}$/.exec(
        value.slice(-120),
      );
    if (!m) return [value, null];
    const cut = value.length - (value.slice(-120).length - m.index);
    return [value.slice(0, cut), m[0].trim()];
  }
  return [value.slice(0, semi), value.slice(semi + 1).trim() || null];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, number> = {
  UT: 0,
  GMT: 0,
  UTC: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

/** RFC 5322 date (with the obsolete zones and two-digit years) → ISO UTC, or null. */
export function parseDate(text: string | null): string | null {
  if (!text) return null;
  const t = text.slice(0, 200).replace(/\([^()]*\)/g, ' ');
  const m =
    /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d\d)(?::(\d\d))?(?:\.\d+)?\s*([+-]\d{4}|[A-Za-z]{1,5})?/.exec(
      t,
    );
  if (!m) return isoDate(t);
  const mon = MONTHS.indexOf(m[2]!.toLowerCase());
  if (mon < 0) return null;
  let year = Number(m[3]);
  if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  else if (m[3]!.length === 3) year += 1900;
  const day = Number(m[1]);
  const h = Number(m[4]);
  const min = Number(m[5]);
  const sec = Number(m[6] ?? 0);
  if (day < 1 || day > 31 || h > 23 || min > 59 || sec > 60 || year < 1970 || year > 2200) return null;
  let offset = 0;
  const z = m[7];
  if (z && /^[+-]\d{4}$/.test(z)) {
    const sign = z[0] === '-' ? -1 : 1;
    offset = sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
  } else if (z) offset = ZONES[z.toUpperCase()] ?? 0;
  const ms = Date.UTC(year, mon, day, h, min, sec) - offset * 60_000;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** `2024-03-05 10:15:06.889 +0000 UTC` (SendGrid's filter hops, some appliances) → ISO UTC, or null. */
function isoDate(t: string): string | null {
  const m = /(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.\d{1,9})?\s*(Z|[+-]\d\d:?\d\d)?/.exec(t);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60 || y < 1970 || y > 2200)
    return null;
  let offset = 0;
  const z = m[7];
  if (z && z !== 'Z') {
    const digits = z.replace(':', '');
    offset = (z[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, se) - offset * 60_000).toISOString();
}

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:.]*$/i;

/** An IP address in a word such as `[192.0.2.1]`, `[IPv6:2001:db8::1]`, `192.0.2.1`, `(2603:10a6::12)`. */
export function ipIn(word: string): string | null {
  const w = word
    .replace(/^[[(<]+|[\])>,.;:]+$/g, '')
    .replace(/^ipv6:/i, '')
    .replace(/%.*$/, '');
  if (w.length > 45) return null;
  if (IPV4.test(w) && w.split('.').every((p) => Number(p) <= 255)) return w;
  if (
    w.includes(':') &&
    IPV6.test(w) &&
    /[0-9a-f]{1,4}:[0-9a-f]{0,4}:?/i.test(w) &&
    w.split(':').length >= 3
  ) {
    const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(w)?.[1];
    if (tail && tail !== w) return w;
    return w.toLowerCase();
  }
  return null;
}

function cleanName(w: string | undefined): string | null {
  if (!w) return null;
  const n = w.replace(/^[<[]|[>\],;]$/g, '').replace(/\.$/, '');
  return n || null;
}

/** Facts a `from` comment gives: the IP, the reverse name, a HELO name (qmail, Exim, Sendmail forms). */
function readFromComment(c: string, from: ReceivedFrom): void {
  const heloKw = /^(?:HELO|EHLO)[\s=]+(\S+)/i.exec(c) ?? /\bhelo[=\s]+(\S+?)\)?$/i.exec(c);
  if (heloKw) from.helo = cleanName(heloKw[1]);
  for (const w of c.split(/[\s=]+/).slice(0, 12)) {
    const ip = ipIn(w);
    if (ip) {
      from.ip ??= ip;
      continue;
    }
    if (!from.rdns && /^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}\.?$/i.test(w) && !/^(?:helo|ehlo)$/i.test(w))
      from.rdns = cleanName(w);
  }
}

const TLS_WITH = /^(?:e?smtps|esmtpsa|utf8smtps|utf8smtpsa|lmtps|lmtpsa|https)$/i;
const AUTH_WITH = /^(?:esmtpa|esmtpsa|utf8smtpa|utf8smtpsa|lmtpa|lmtpsa|smtpa)$/i;
const TLS_COMMENT =
  /\b(?:using TLS|TLSv?1[._]?[0-3]|version=TLS|Google Transport Security|cipher=|SSLv3|\bTLS\b)/i;
const AUTH_COMMENT =
  /\b(?:Authenticated sender|authenticated (?:as|user|bits)|auth=|AUTH:|smtp-auth|SASL|authenticated)\b/i;

export function parseReceived(value: string): Received {
  const raw = value.length > MAX_RECEIVED_CHARS ? value.slice(0, MAX_RECEIVED_CHARS) : value;
  const [body, dateText] = splitDate(raw);
  const r: Received = {
    raw: value.length > 2000 ? `${value.slice(0, 2000)}…` : value,
    parsed: false,
    from: { name: null, helo: null, rdns: null, ip: null },
    by: null,
    via: null,
    with: null,
    id: null,
    for: null,
    tls: null,
    tlsDetail: null,
    auth: false,
    at: parseDate(dateText) ?? (dateText ? null : isoDate(raw.slice(-120))),
    dateText,
    comments: [],
  };
  let clause = '';
  const withWords: string[] = [];
  for (const t of tokenize(body)) {
    if ('comment' in t) {
      r.comments.push(t.comment);
      if (clause === 'from') readFromComment(t.comment, r.from);
      if (TLS_COMMENT.test(t.comment)) {
        r.tls = true;
        r.tlsDetail ??= /(TLSv?1[._]?[0-3][^\s,;)]*|TLS1_[0-3])/i.exec(t.comment)?.[1] ?? null;
      }
      if (AUTH_COMMENT.test(t.comment) && !/\bnot authenticated\b/i.test(t.comment)) r.auth = true;
      continue;
    }
    const lw = t.word.toLowerCase();
    if (CLAUSES.has(lw)) {
      clause = lw;
      continue;
    }
    switch (clause) {
      case 'from':
        if (!r.from.name) r.from.name = cleanName(t.word);
        else {
          const ip = ipIn(t.word);
          if (ip) r.from.ip ??= ip;
        }
        break;
      case 'by':
        if (!r.by) r.by = cleanName(t.word);
        break;
      case 'via':
        r.via ??= t.word;
        break;
      case 'with':
        if (withWords.length < 4) withWords.push(t.word.replace(/;$/, ''));
        break;
      case 'id':
        r.id ??= t.word.replace(/;$/, '');
        break;
      case 'for':
        r.for ??= t.word.replace(/^<|>;?$|;$/g, '').replace(/>$/, '');
        break;
      default:
        // A word after the last clause, e.g. Exim's "tls TLS_AES_256_GCM_SHA384" or Postfix's
        // "envelope-from <…>": note TLS words, otherwise ignore.
        if (/^tls$/i.test(t.word) || /^TLS_/i.test(t.word)) {
          r.tls = true;
          r.tlsDetail ??= t.word;
        }
    }
    if (clause === 'with' && withWords.length === 1 && withWords[0]!.toLowerCase() === 'tls') r.tls = true;
  }
  if (withWords.length) {
    // "with Microsoft SMTP Server", "with mapi", "with ESMTPS", "with HTTP": keep the phrase short.
    const first = withWords[0]!;
    r.with = /^microsoft$/i.test(first) ? withWords.slice(0, 3).join(' ') : first;
    // qmail's TLS patch (and MessageLabs): "with DHE-RSA-AES256-GCM-SHA384 encrypted SMTP".
    if (/^encrypted$/i.test(withWords[1] ?? '') && /^e?smtp$/i.test(withWords[2] ?? '')) {
      r.with = `encrypted ${withWords[2]}`;
      r.tls = true;
      r.tlsDetail ??= first;
    }
    if (TLS_WITH.test(first)) r.tls = true;
    if (AUTH_WITH.test(first)) r.auth = true;
    if (r.tls === null && /^(?:e?smtp|utf8smtp|lmtp|http)$/i.test(first)) r.tls = false;
  }
  if (!r.from.ip && r.from.name) r.from.ip = ipIn(r.from.name);
  r.parsed = Boolean(r.by || r.from.name) || (r.at !== null && r.comments.length > 0);
  return r;
}
