// Drawing a laid-out table with cli-table3. Every cell reaches cli-table3 as one line that already
// fits its column, so it neither wraps nor truncates (its slow paths on long or multi-line
// cells), and rows are drawn in small batches because its layout step is quadratic in the row
// count. Row separators are copied from the line under the header.
import Table from 'cli-table3';
import type { Style } from './style.js';

const ASCII_CHARS = {
  top: '-',
  'top-mid': '+',
  'top-left': '+',
  'top-right': '+',
  bottom: '-',
  'bottom-mid': '+',
  'bottom-left': '+',
  'bottom-right': '+',
  left: '|',
  'left-mid': '+',
  mid: '-',
  'mid-mid': '+',
  right: '|',
  'right-mid': '+',
  middle: '|',
};

const BATCH = 64;

function newTable(style: Style, widths: readonly number[], head?: string[]) {
  return new Table({
    ...(head ? { head } : {}),
    colWidths: widths.map((w) => w + 2),
    wordWrap: false,
    ...(style.ascii ? { chars: ASCII_CHARS } : {}),
    style: { head: style.color ? ['bold'] : [], border: style.color ? ['gray'] : [], compact: true },
  });
}

/**
 * A table of pre-wrapped cells: `head[i]` and `rows[r][i]` are the lines of a cell, each at most
 * `widths[i]` wide. Rows are separated by a line unless `compact`.
 */
export function drawGrid(
  style: Style,
  widths: readonly number[],
  head: readonly string[][],
  rows: readonly string[][][],
  compact = false,
): string {
  const blank = widths.map(() => '');
  // The frame: top border and header, the separator under it, the bottom border.
  const frame = newTable(
    style,
    widths,
    head.map((lines) => lines.join('\n')),
  );
  frame.push(blank);
  const frameLines = frame.toString().split('\n');
  const separator = frameLines.at(-3)!;
  if (rows.length === 0) return [...frameLines.slice(0, -3), frameLines.at(-1)!].join('\n');
  const out = frameLines.slice(0, -2);

  let batch = newTable(style, widths);
  const starts: boolean[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const lines = batch.toString().split('\n').slice(1, -1);
    for (const [i, line] of lines.entries()) {
      if (starts[i] && !compact) out.push(separator);
      out.push(line);
    }
    batch = newTable(style, widths);
    starts.length = 0;
  };
  for (const [r, row] of rows.entries()) {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    for (let k = 0; k < height; k++) {
      starts.push(k === 0 && r > 0);
      batch.push(row.map((cell) => cell[k] ?? ''));
      if (batch.length === BATCH) flush();
    }
  }
  flush();
  out.push(frameLines.at(-1)!);
  return out.join('\n');
}
