// Finding the enhanced status code (RFC 3463) and the SMTP reply code (RFC 5321 §4.2) inside free
// text, and choosing between a report's Status: field and the code quoted in its diagnostic.
// Heuristics follow Sisimai's (smtp/status/find.go, prefer.go, smtp/reply/lib.go).

const IPV4 = /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g;
// Class 2/4/5, subject 0-7, detail 1-3 digits; not inside a version number or a longer dotted run.
const STATUS = /(?<![\dvV.])([245])\.([0-7])\.(\d{1,3})(?![\d]|\.\d)/g;
const REPLY = /(?<![\w.\-/=@#])([245]\d\d)(?=[\s\-,;]|$)|(?<=#)([245]\d\d)(?=\s)/g;

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

/** The most specific enhanced status code in the text (a catch-all only when nothing else is there). */
export function findStatus(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const masked = text.length > 20000 ? text.slice(0, 20000) : text;
  let weak: string | undefined;
  for (const m of masked.replace(IPV4, 'IP').matchAll(STATUS)) {
    const code = `${m[1]}.${m[2]}.${Number(m[3])}`;
    if (code.startsWith('2.')) continue; // success codes are not a failure's status
    if (/^\d\.\d\.0$/.test(code) || code === '4.4.7') weak ??= code;
    else return code;
  }
  return weak;
}

export function isValidReply(n: number): boolean {
  if (n >= 400 && n <= 559) return n % 100 <= 59;
  return (n >= 211 && n <= 253) || n === 354;
}

/** The SMTP reply code quoted in the text; one whose class matches `klass` (4 or 5) is preferred. */
export function findReply(text: string | undefined, klass?: string): number | undefined {
  if (!text) return undefined;
  const head = text.length > 20000 ? text.slice(0, 20000) : text;
  if (/^\s*x-unix\s*;/i.test(head)) return undefined; // a local program's exit text, not SMTP
  let first: number | undefined;
  for (const m of head.replace(IPV4, 'IP').matchAll(REPLY)) {
    const n = Number(m[1] ?? m[2]);
    if (!isValidReply(n) || (n < 400 && klass !== '2')) continue;
    if (!klass || String(n)[0] === klass) return n;
    first ??= n;
  }
  return klass ? undefined : first;
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
