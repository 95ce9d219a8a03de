// The one place text from outside (SMTP replies, DNS names, certificates, bounces, file names)
// is made safe for a terminal: every renderer passes its text through `visible` before printing.

/**
 * Characters a terminal would act on or hide instead of show: C0 and C1 controls, DEL, Unicode
 * format characters (bidi overrides and isolates U+202A–202E, U+2066–2069, zero-width
 * characters, BOM), line and paragraph separators, and lone surrogates.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;

/** `\x1b`, `\x9b`, `\u202e`, `\u{e0041}`: the character's code, readable and inert. */
function escapeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\u{${cp.toString(16)}}`;
}

/**
 * Text with every control or invisible formatting character shown as its escape, never emitted.
 * CRLF counts as a line break; a tab becomes a space. Line breaks are kept when `lines` is set
 * (table cells lay them out) and become spaces otherwise (one-line contexts: Nagios, titles).
 */
export function visible(text: string, opts: { lines?: boolean } = {}): string {
  const keepLines = opts.lines ?? false;
  return text.replace(/\r\n/g, '\n').replace(HIDDEN, (ch) => {
    if (ch === '\t') return ' ';
    if (ch === '\n') return keepLines ? '\n' : ' ';
    return escapeChar(ch);
  });
}
