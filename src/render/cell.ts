// What a table cell holds on its way to the terminal: parts of text, each maybe coloured, made
// bounded and safe once (`prepare`), then wrapped to a width and painted (`cellLines`).
import { boundText } from './bound.js';
import { visible } from './sanitize.js';
import { type Colour, paint, punctuation, type Style } from './style.js';
import { wrapText } from './wrap.js';

export interface Part {
  text: string;
  colour?: Colour;
}

/** A plain string, or parts that are laid out one under the other (a title over its detail). */
export type Cell = string | Part[];

/** Bounded, with control characters shown as escapes; empty parts dropped. */
export function prepare(style: Style, cell: Cell): Part[] {
  const parts = typeof cell === 'string' ? [{ text: cell }] : cell;
  return parts
    .filter((p) => p.text !== '')
    .map((p) => ({ ...p, text: punctuation(style, visible(boundText(p.text), { lines: true })) }));
}

/** The text of a prepared cell, for measuring. */
export function plainText(parts: readonly Part[]): string {
  return parts.map((p) => p.text).join('\n');
}

/** A prepared cell's lines, wrapped at `width` and painted; at least one (maybe empty) line. */
export function cellLines(style: Style, parts: readonly Part[], width: number): string[] {
  if (parts.length === 0) return [''];
  return parts.flatMap((p) =>
    wrapText(p.text, width).map((line) => (p.colour && line ? paint(style, p.colour, line) : line)),
  );
}

/** One line of text from outside (a target, a title): bounded, safe, no line breaks. */
export function oneLine(style: Style, text: string, max = 1000): string {
  return punctuation(style, visible(boundText(text, max, Number.POSITIVE_INFINITY)));
}
