// Pure parser for one SMTP reply as people paste it: "550 5.1.1 <x@y>: Recipient address rejected",
// the multi-line dash form ("550-5.7.1 ..." lines ending with "550 5.7.1 ..."), Exchange's
// "#550 5.1.1 RESOLVER...##" wrapping, "550 #5.7.1 ...", a bare "5.1.1 text", or text without codes.

export interface ReplyParts {
  /** Basic reply code (RFC 5321 §4.2), when the line starts with a valid one. */
  replyCode?: number;
  /** Enhanced status code (RFC 3463), e.g. "5.1.1". */
  status?: string;
  /** The human text with codes and continuation prefixes removed, lines joined by spaces. */
  text: string;
}

/** Inputs are cut here: a reply line is at most 512 octets (RFC 5321 §4.5.3.1.5); pastes run longer. */
export const MAX_REPLY = 8192;

// Prefixes people paste along with the reply: DSN field names, diagnostic type, Exchange quoting.
const LEAD =
  /^\s*(?:diagnostic-code:\s*)?(?:(?:smtp|x-[\w-]+)\s*;\s*)?(?:remote server returned\s+)?['"`<#]*\s*/i;
const REPLY_START = /^([2-5][0-5]\d)(?:([ -])|$)/;
const STATUS_START = /^#?([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])/;

/**
 * The line without one trailing `##` (Exchange) or run of quotes and '>' (what
 * `/\s*(?:##|['"`>]+)\s*$/` removes, in a loop: that regex is quadratic on a long run of them).
 */
function withoutTrailer(line: string): string {
  const s = line.trimEnd();
  if (s.endsWith('##')) return s.slice(0, -2);
  let end = s.length;
  while (end > 0 && `'"\`>`.includes(s[end - 1]!)) end--;
  return s.slice(0, end);
}

function statusAt(s: string): { status: string; rest: string } | undefined {
  const m = STATUS_START.exec(s);
  if (!m) return undefined;
  return { status: `${m[1]}.${Number(m[2])}.${Number(m[3])}`, rest: s.slice(m[0].length) };
}

/** Parse one reply (single- or multi-line). Never throws; garbage yields only `text`. */
export function parseReplyLine(input: string): ReplyParts {
  const raw = (input.length > MAX_REPLY ? input.slice(0, MAX_REPLY) : input).replace(/\0/g, '');
  const lines = raw.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
  let replyCode: number | undefined;
  let status: string | undefined;
  const texts: string[] = [];
  for (const [i, line] of lines.entries()) {
    let s = i === 0 ? line.replace(LEAD, '') : line.trim();
    const r = REPLY_START.exec(s);
    // Continuation lines of a multi-line reply repeat the code; other lines are free text.
    if (r && (replyCode === undefined || Number(r[1]) === replyCode)) {
      replyCode ??= Number(r[1]);
      s = s.slice(r[0].length).trimStart();
      const st = statusAt(s);
      if (st) {
        status ??= st.status;
        s = st.rest.trimStart();
      }
    } else if (i === 0) {
      const st = statusAt(s);
      if (st) {
        status = st.status;
        s = st.rest.trimStart();
        // "5.1.1 550 text" happens too (status first, then reply code).
        const r2 = /^([2-5][0-5]\d)(?:[ -]|$)/.exec(s);
        if (r2) {
          replyCode = Number(r2[1]);
          s = s.slice(r2[0].length).trimStart();
        }
      }
    }
    texts.push(withoutTrailer(s).trim());
  }
  const text = texts.filter(Boolean).join(' ');
  const out: ReplyParts = { text };
  if (replyCode !== undefined) out.replyCode = replyCode;
  if (status !== undefined) out.status = status;
  return out;
}

// Enhanced status codes inside free text: findStatus in formats/codes.ts, shared with the decoder.
// Reply codes: the decoder reads any stand-alone code on a line it already takes for a failure
// (findReply); a line given alone may be anything (a header, a URL), so here a code counts only
// where its shape is unmistakable.

// Followed by an enhanced code ("... 550 5.1.1 ...", "550-5.7.1") or after "said:" / "returned" / "error:".
const EMBEDDED_REPLY =
  /(?<![\w.-])([2-5][0-5]\d)[ -]#?[245]\.\d{1,3}\.\d{1,3}(?![\d.])|(?:said|returned|error|response|reply)\s*:?\s*['"(<]?([2-5][0-5]\d)(?=[ -]|$)/i;

/** Find a basic reply code inside free text such as "host mx.example.com said: 550 5.1.1 ...". */
export function findReplyCode(text: string): number | undefined {
  const m = EMBEDDED_REPLY.exec(text.length > MAX_REPLY ? text.slice(0, MAX_REPLY) : text);
  const code = m ? (m[1] ?? m[2]) : undefined;
  return code ? Number(code) : undefined;
}
