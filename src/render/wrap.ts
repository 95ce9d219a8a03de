// Word wrapping that never breaks a token: host names, addresses, status codes, URLs and ids
// stay whole so they can be read and copied.
import { strlen } from 'cli-table3/src/utils.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Columns a line takes on a terminal (wide characters count two); text holds no line breaks. */
export function textWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : strlen(text);
}

/** The widest line of a multi-line text. */
export function linesWidth(text: string): number {
  let max = 0;
  for (const line of text.split('\n')) max = Math.max(max, textWidth(line));
  return max;
}

/** The widest run of non-space characters: the narrowest a column can be without breaking one. */
export function longestToken(text: string): number {
  let max = 0;
  for (const token of text.split(/[ \n]+/)) max = Math.max(max, textWidth(token));
  return max;
}

/**
 * Lines at most `width` columns wide, broken only at spaces. A token wider than `width` stands
 * alone on its line, whole (callers pick widths that fit every token, or lay out without a table).
 * Existing line breaks are kept; a line that fits is kept as is, spaces included. Linear in the text.
 */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (textWidth(line) <= width) {
      out.push(line);
      continue;
    }
    const indent = /^ */.exec(line)![0];
    let current = '';
    let used = 0;
    for (const token of line.slice(indent.length).split(/ +/)) {
      if (token === '') continue;
      const w = textWidth(token);
      if (current === '') {
        current = indent + token;
        used = indent.length + w;
      } else if (used + 1 + w <= width) {
        current += ` ${token}`;
        used += 1 + w;
      } else {
        out.push(current);
        current = indent + token;
        used = indent.length + w;
      }
    }
    out.push(current);
  }
  return out;
}
