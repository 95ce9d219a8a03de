// Limits on what one table cell or one table may hold, so a 60 KB EHLO reply, an 1,800-name
// certificate or a 1 MB bounce detail cannot make human output slow or endless. What is cut is
// said, with a count; `--json` always has everything.

export const CELL_MAX_CHARS = 4000;
export const CELL_MAX_LINES = 100;
export const TABLE_MAX_ROWS = 1000;
export const TABLE_MAX_LINES = 2500;
/** cli-table3 draws each line of each cell as a cell of its own, at some 50 µs apiece. */
export const TABLE_MAX_CELLS = 10_000;

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Cuts before `end` without splitting a surrogate pair. */
function cutAt(text: string, end: number): number {
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}

/**
 * At most `maxLines` lines and `maxChars` characters of `text`, then "… N more lines" /
 * "… N more characters". Work is linear in what is kept, not in the length of `text`.
 */
export function boundText(text: string, maxChars = CELL_MAX_CHARS, maxLines = CELL_MAX_LINES): string {
  let end = Math.min(text.length, maxChars);
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    if (++lines === maxLines) {
      end = i;
      break;
    }
  }
  if (end === text.length) return text;
  end = cutAt(text, end);
  const kept = text.slice(0, end);
  if (lines === maxLines) {
    // Count the lines left without building them: one pass over the rest.
    let more = 1;
    for (let i = text.indexOf('\n', end + 1); i !== -1; i = text.indexOf('\n', i + 1)) more++;
    return `${kept}\n… ${plural(more, 'more line', 'more lines')}`;
  }
  return `${kept} … ${plural(text.length - end, 'more character', 'more characters')}`;
}

/**
 * How many of the rows to draw: at most `maxRows`, and no more than `maxLines` lines in all
 * (`height` gives a row's lines; cli-table3 draws each line of each cell as a cell of its own).
 */
export function rowsToKeep<T>(
  rows: readonly T[],
  height: (row: T) => number = () => 1,
  maxRows = TABLE_MAX_ROWS,
  maxLines = TABLE_MAX_LINES,
): number {
  let lines = 0;
  for (const [i, row] of rows.entries()) {
    lines += height(row);
    if (i === maxRows || (lines > maxLines && i > 0)) return i;
  }
  return rows.length;
}

/** The line under a table that was cut. */
export function moreRows(n: number): string {
  return `… ${plural(n, 'more row', 'more rows')} (--json lists all)`;
}
