// Finding the enhanced status code (RFC 3463) and the SMTP reply code (RFC 5321 §4.2) inside free
// text, and choosing between a report's Status: field and the code quoted in its diagnostic.
// Heuristics follow Sisimai's (smtp/status/find.go, prefer.go, smtp/reply/lib.go).

// Both scanners walk the text once by character codes: they run on every line of a notice, and
// a regex with look-behinds costs several times more there.
const MAX_SCAN = 20000;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Characters that glue a number to a word, path, address or dotted run (so it is no reply code). */
function gluesBefore(c: number): boolean {
  return (
    isDigit(c) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c === 46 ||
    c === 45 ||
    c === 47 ||
    c === 61 ||
    c === 64
  );
}

/** X.0.0, X.Y.0 and the catch-alls servers use when they have nothing better to say. */
export function isWeakStatus(s: string): boolean {
  return (
    /^\d\.\d\.0$/.test(s) ||
    s === '4.4.7' ||
    s === '4.7.0' ||
    /^5\.3\.\d+$/.test(s) ||
    /^\d\.5\.[1245]$/.test(s)
  );
}

/** 2 for X.0.0, 1 for the other catch-alls, 0 for a specific code. */
function weakness(s: string): number {
  return /^\d\.0\.0$/.test(s) ? 2 : isWeakStatus(s) ? 1 : 0;
}

/**
 * The enhanced status code quoted in the text. The one finder for the decoder and the explainer.
 * Preferred, in turn: a specific code of class `klass` (the reply code's class: a 5.x.x for a 5yz
 * reply), a catch-all of that class, a specific code of the other failure class, a catch-all;
 * the first in the text among equals. Class 2/4/5 (2 only when `klass` is 2: a success reply
 * quoting its code; otherwise success codes are not a failure's status), subject 0-7, detail 1-3
 * digits; not inside a version number (v5.1.0) or a dotted run such as an IPv4 address.
 */
export function findStatus(text: string | undefined, klass?: string): string | undefined {
  if (!text) return undefined;
  const end = Math.min(text.length, MAX_SCAN);
  // Best candidate per rank: 0 specific of klass, 1 weak of klass, 2 specific, 3 weak.
  const best: (string | undefined)[] = [];
  for (let i = text.indexOf('.', 1); i >= 0 && i < end; i = text.indexOf('.', i + 1)) {
    const k = text.charCodeAt(i - 1);
    if (k !== 52 && k !== 53 && (k !== 50 || klass !== '2')) continue; // '4' or '5' ('2' on request)
    const before = i >= 2 ? text.charCodeAt(i - 2) : 32;
    if (isDigit(before) || before === 46 || before === 118 || before === 86) continue; // digit . v V
    const subj = text.charCodeAt(i + 1);
    if (subj < 48 || subj > 55 || text.charCodeAt(i + 2) !== 46) continue;
    let d = i + 3;
    while (d < text.length && d < i + 6 && isDigit(text.charCodeAt(d))) d++;
    if (d === i + 3 || isDigit(text.charCodeAt(d))) continue;
    if (text.charCodeAt(d) === 46 && isDigit(text.charCodeAt(d + 1))) continue;
    const code = `${text[i - 1]}.${text[i + 1]}.${Number(text.slice(i + 3, d))}`;
    const weak = /^\d\.\d\.0$/.test(code) || code === '4.4.7';
    const rank = (klass !== undefined && code[0] === klass ? 0 : 2) + (weak ? 1 : 0);
    if (rank === 0 || (klass === undefined && rank === 2)) return code;
    best[rank] ??= code;
  }
  return best.find((c) => c !== undefined);
}

/** A Status: field ("5.1.1", "#5.1.1", " 2.0.0 ") normalised, or undefined when it is none. */
export function parseStatus(field: string | undefined): string | undefined {
  const m = field ? /^\s*#?([245])\.([0-7])\.(\d{1,3})\s*$/.exec(field) : null;
  return m ? `${m[1]}.${m[2]}.${Number(m[3])}` : undefined;
}

/** A unit after a number makes it a quantity (time or size), not a reply code. */
const UNIT = /^\s(?:seconds?|minutes?|hours?|days?|bytes?|[km]b)\b/i;

export function isValidReply(n: number): boolean {
  if (n >= 400 && n <= 559) return n % 100 <= 59;
  return (n >= 211 && n <= 253) || n === 354;
}

/**
 * The SMTP reply code quoted in the text; one whose class matches `klass` (4, 5 or 2) is preferred.
 * A code stands alone: not glued to a word, path or dotted run, followed by a space, '-', ',', ';'
 * or the end (`#550 ` is allowed: Exchange writes that).
 */
export function findReply(text: string | undefined, klass?: string): number | undefined {
  if (!text) return undefined;
  if (/^\s*x-unix\s*;/i.test(text.slice(0, 40))) return undefined; // a local program's exit text, not SMTP
  const end = Math.min(text.length, MAX_SCAN) - 2;
  let first: number | undefined;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 50 && c !== 52 && c !== 53) continue;
    if (!isDigit(text.charCodeAt(i + 1)) || !isDigit(text.charCodeAt(i + 2))) continue;
    const after = i + 3 < text.length ? text.charCodeAt(i + 3) : 32;
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    const hash = before === 35;
    i += 2;
    if (!hash && gluesBefore(before)) continue;
    const spaceAfter = after === 32 || after === 9 || after === 10 || after === 13;
    // '-' continues a multi-line reply; ',', ';' and ':' end a code quoted in prose ("554: delivery error").
    if (!spaceAfter && (hash || !(after === 45 || after === 44 || after === 59 || after === 58))) continue;
    const n = Number(text.slice(i - 2, i + 1));
    if (!isValidReply(n) || (n < 400 && klass !== '2')) continue;
    // A quantity, not a reply: "expired after 550 minutes".
    if (spaceAfter && UNIT.test(text.slice(i + 1, i + 12))) continue;
    if (!klass || String(n)[0] === klass) return n;
    first ??= n;
  }
  if (first !== undefined) return klass ? undefined : first;
  return parenthesisedReply(text.slice(0, MAX_SCAN), klass);
}

/**
 * "5.1.1 (550) User unknown": some servers put the reply code in parentheses after the status.
 * Only beside a status code: a bare "(530)" is as likely a telephone area code.
 */
const STATUS_THEN_PAREN = /\b([245])\.\d{1,3}\.\d{1,3}\s{0,3}\(([245]\d\d)\)/;

function parenthesisedReply(text: string, klass?: string): number | undefined {
  const m = STATUS_THEN_PAREN.exec(text);
  if (!m || m[1] !== m[2]![0]) return undefined;
  const n = Number(m[2]);
  return isValidReply(n) && (!klass || m[1] === klass) ? n : undefined;
}

/**
 * Choose between the Status: field and the code found in the diagnostic text: the one whose class
 * agrees with the reply code, else the more specific one.
 */
export function preferStatus(
  field: string | undefined,
  inText: string | undefined,
  reply?: number,
): string | undefined {
  if (!field) return inText;
  if (!inText || field === inText) return field;
  const r = reply ? String(reply)[0] : undefined;
  if (r) {
    const fieldOk = field[0] === r;
    const textOk = inText[0] === r;
    if (fieldOk !== textOk) return fieldOk ? field : inText;
  }
  if (field === '5.1.1') return inText.includes('.0') || inText.startsWith('5.5.') ? field : inText;
  if (field === '5.1.3' && inText.startsWith('5.7.')) return inText;
  if (weakness(inText) < weakness(field)) return inText;
  return field;
}
