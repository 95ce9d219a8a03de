// Column widths for a table that never breaks a token, or none when the terminal is too narrow
// for one: the renderer then stacks each row as "key: value" lines instead.
import { linesWidth, longestToken } from './wrap.js';

/** A column that has to wrap gets at least this many characters, or the table is stacked. */
export const MIN_WRAPPED_COLUMN = 24;

/**
 * Content widths (padding and borders excluded) for columns holding `cells` (row-major, head
 * first), fitting in `total` terminal columns. Every column is at least as wide as its longest
 * token; the space left is shared so that the narrow columns get all they want and
 * the wide ones become equally wide.
 * `undefined` when even that does not fit or a wrapping column would be uselessly narrow.
 */
export function columnWidths(cells: readonly (readonly string[])[], total: number): number[] | undefined {
  const n = Math.max(0, ...cells.map((r) => r.length));
  const natural = Array<number>(n).fill(1);
  const least = Array<number>(n).fill(1);
  for (const row of cells) {
    for (const [i, cell] of row.entries()) {
      natural[i] = Math.max(natural[i]!, linesWidth(cell));
      least[i] = Math.max(least[i]!, longestToken(cell));
    }
  }
  // Each column: a border on its left and a space either side; one border closes the row.
  const room = total - 3 * n - 1;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(natural) <= room) return natural;
  if (sum(least) > room) return undefined;
  // Water-filling: one level L, each column as wide as L within [its least, its natural], the
  // largest L that fits; columns that want less than L get all they want, the rest share alike.
  const at = (level: number) => natural.map((w, i) => Math.min(w, Math.max(least[i]!, level)));
  let lo = 0;
  let hi = Math.max(...natural);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sum(at(mid)) <= room) lo = mid;
    else hi = mid - 1;
  }
  const widths = at(lo);
  // Columns at the level share what rounding left (less than one each), first come first served.
  let left = room - sum(widths);
  for (let i = 0; i < n && left > 0; i++) {
    if (widths[i]! < natural[i]!) {
      widths[i]!++;
      left--;
    }
  }
  const crushed = widths.some((w, i) => w < natural[i]! && w < MIN_WRAPPED_COLUMN);
  return crushed ? undefined : widths;
}
