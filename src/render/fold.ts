// A narrower shape for a table too wide for the terminal: each foldable column's cells go under
// the cells of the column before it, indented, and its header under that column's header.
import type { Part } from './cell.js';

export const FOLD_INDENT = '  ';

const indented = (parts: readonly Part[]): Part[] =>
  parts.map((p) => ({ ...p, text: p.text.replace(/^/gm, FOLD_INDENT) }));

/** Rows (head first) with every folded column merged into the nearest unfolded one before it. */
export function foldColumns(rows: readonly (readonly Part[][])[], foldable: readonly boolean[]): Part[][][] {
  return rows.map((row) => {
    const out: Part[][] = [];
    for (const [i, cell] of row.entries()) {
      const last = out.at(-1);
      if (foldable[i] && last) last.push(...indented(cell));
      else out.push([...cell]);
    }
    return out;
  });
}
