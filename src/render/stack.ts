// The layout for a terminal too narrow for a table: each row as "key: value" lines, values
// wrapped at spaces or between CJK characters (a token wider than the terminal is left whole).
import { cellLines, type Part, plainText } from './cell.js';
import { paint, type Style } from './style.js';
import { linesWidth, longestToken, textWidth } from './wrap.js';

/** Rows as records separated by a blank line; values aligned after the widest key when it fits. */
export function stackRows(
  style: Style,
  columns: number,
  head: readonly string[],
  rows: readonly Part[][][],
): string {
  const keyWidth = Math.max(0, ...head.map((h) => textWidth(h) + 2));
  const aligned = keyWidth <= Math.floor(columns / 3);
  const records = rows.map((row) => {
    const lines: string[] = [];
    for (const [i, parts] of row.entries()) {
      if (parts.length === 0) continue;
      const key = head[i] ? `${head[i]}:` : '';
      const keyText = key ? paint(style, 'bold', key) : '';
      // Aligned after the keys, unless a token would then run past the edge: below its key,
      // indented by two, or less when that is what it takes for the token to fit.
      const longest = longestToken(plainText(parts));
      if (aligned && longest <= columns - keyWidth) {
        const pad = ' '.repeat(keyWidth);
        const values = cellLines(style, parts, Math.max(1, columns - keyWidth));
        lines.push(
          keyText + ' '.repeat(keyWidth - textWidth(key)) + values[0],
          ...values.slice(1).map((v) => pad + v),
        );
      } else {
        if (keyText) lines.push(keyText);
        const indent = ' '.repeat(Math.max(0, Math.min(2, columns - longest)));
        lines.push(...cellLines(style, parts, Math.max(1, columns - indent.length)).map((v) => indent + v));
      }
    }
    return lines.join('\n');
  });
  return records.join('\n\n');
}

/**
 * Rows as lines, for conversation-like tables (a transcript: time, direction, text): the first
 * cells as a prefix, the last wrapped after it with continuation lines indented to match.
 */
export function lineRows(style: Style, columns: number, rows: readonly Part[][][]): string {
  const n = Math.max(0, ...rows.map((r) => r.length));
  const prefixWidths = Array.from({ length: Math.max(0, n - 1) }, (_, i) =>
    Math.max(0, ...rows.map((r) => linesWidth(plainText(r[i] ?? []).replace(/\n/g, ' ')))),
  );
  const prefixWidth = prefixWidths.reduce((a, w) => a + w + 1, 0);
  const indent = prefixWidth <= Math.floor(columns / 2) ? prefixWidth : 2;
  const out: string[] = [];
  for (const row of rows) {
    const prefix = prefixWidths
      .map((w, i) => {
        const text = plainText(row[i] ?? []).replace(/\n/g, ' ');
        return text + ' '.repeat(w - textWidth(text));
      })
      .join(' ');
    const body = cellLines(style, row[n - 1] ?? [], Math.max(1, columns - indent));
    const first = prefixWidths.length ? `${prefix} ${body[0]}` : body[0]!;
    out.push(first.trimEnd(), ...body.slice(1).map((line) => ' '.repeat(indent) + line));
  }
  return out.join('\n');
}
