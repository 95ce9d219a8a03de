// Human renderer: a verdict line, the command's own tables, then one table of findings per group.
// Every piece of text goes through `prepare`/`oneLine` (bounded, control characters made visible)
// before it is laid out; tables that cannot fit without breaking a token are stacked instead.
import { type Finding, type Result, type Severity, sortFindings, worstSeverity } from '../findings/model.js';
import { moreRows, rowsToKeep, TABLE_MAX_CELLS, TABLE_MAX_LINES, TABLE_MAX_ROWS } from './bound.js';
import { type Cell, cellLines, oneLine, type Part, plainText, prepare } from './cell.js';
import { foldColumns } from './fold.js';
import { drawGrid } from './grid.js';
import { columnWidths } from './layout.js';
import { lineRows, stackRows } from './stack.js';
import { type Colour, paint, punctuation, type Style, terminalColumns } from './style.js';
import { wrapText } from './wrap.js';

const LABEL: Record<Severity, [string, Colour]> = {
  ok: ['OK', 'green'],
  info: ['INFO', 'cyan'],
  warn: ['WARN', 'yellow'],
  fail: ['FAIL', 'red'],
  unknown: ['UNKNOWN', 'magenta'],
};

export function severityLabel(style: Style, s: Severity): string {
  const [text, colour] = LABEL[s];
  return paint(style, colour, text);
}

/** Column widths for the table as it is, or else with its foldable columns folded. */
function fitTable(
  columns: number,
  head: Part[][],
  rows: Part[][][],
  foldable: readonly boolean[] = [],
): { head: Part[][]; rows: Part[][][]; widths: number[] } | undefined {
  const measure = (all: Part[][][]) =>
    columnWidths(
      all.map((r) => r.map(plainText)),
      columns,
    );
  const widths = measure([head, ...rows]);
  if (widths) return { head, rows, widths };
  if (!foldable.some(Boolean)) return undefined;
  const [foldedHead, ...foldedRows] = foldColumns([head, ...rows], foldable);
  const folded = measure([foldedHead!, ...foldedRows]);
  return folded && { head: foldedHead!, rows: foldedRows, widths: folded };
}

/**
 * A table as text: drawn when every token fits its column (folding foldable columns under their
 * neighbours if that is what it takes), stacked as "key: value" otherwise.
 */
export function renderTable(
  style: Style,
  columns: number,
  table: { head: string[]; rows: Cell[][]; compact?: boolean; foldable?: readonly boolean[] },
): string {
  const head = table.head.map((h) => prepare(style, h));
  const kept = table.rows.slice(0, rowsToKeep(table.rows));
  const rows = kept.map((r) => table.head.map((_, i) => prepare(style, r[i] ?? '')));
  const fit = fitTable(columns, head, rows, table.foldable);
  let text: string;
  let shown = rows.length;
  if (!fit) {
    // A blank line closes the block, as a table's bottom border would.
    shown = rowsToKeep(rows, (r) => r.reduce((n, parts) => n + plainText(parts).split('\n').length, 0));
    const some = rows.slice(0, shown);
    text = `${table.compact ? lineRows(style, columns, some) : stackRows(style, columns, head.map(plainText), some)}\n`;
  } else {
    const { widths } = fit;
    const wrapped = fit.rows.map((r) => r.map((parts, i) => cellLines(style, parts, widths[i]!)));
    const maxLines = Math.min(TABLE_MAX_LINES, Math.floor(TABLE_MAX_CELLS / widths.length));
    shown = rowsToKeep(wrapped, (r) => Math.max(1, ...r.map((c) => c.length)), TABLE_MAX_ROWS, maxLines);
    const headLines = fit.head.map((parts, i) => cellLines(style, parts, widths[i]!));
    text = drawGrid(style, widths, headLines, wrapped.slice(0, shown), table.compact);
  }
  const more = table.rows.length - shown;
  return more > 0 ? `${text}\n${punctuation(style, moreRows(more))}` : text;
}

function findingRow(f: Finding): Cell[] {
  const [label, colour] = LABEL[f.severity];
  const ref: Part[] = f.ref ? [{ text: `(${f.ref})`, colour: 'gray' }] : [];
  return [
    [{ text: label, colour }],
    f.id,
    [{ text: f.title }, { text: f.detail }],
    [{ text: f.fix }, ...ref],
  ];
}

/** Findings by group, in order of first appearance; ungrouped findings form one table. */
function groupFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.group ?? '';
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return groups;
}

function title(style: Style, columns: number, text: string): string {
  return wrapText(oneLine(style, text), columns)
    .map((line) => paint(style, 'bold', line))
    .join('\n');
}

/** A title and its severity ("mx example.com: WARN"), wrapped together so the label fits too. */
function verdict(style: Style, columns: number, text: string, severity: Severity): string {
  const [label, colour] = LABEL[severity];
  const lines = wrapText(`${oneLine(style, text)}: ${label}`, columns);
  // The label is the last token, whole: on the last line after the title's end, or alone.
  const last = lines.pop()!;
  const before = last.slice(0, last.length - label.length);
  const lead = before.endsWith(': ') ? `${paint(style, 'bold', before.slice(0, -2))}: ` : before;
  return [...lines.map((line) => paint(style, 'bold', line)), lead + paint(style, colour, label)].join('\n');
}

export function renderHuman(result: Result, style: Style, columns = terminalColumns()): string {
  const out: string[] = [];
  const worst = worstSeverity(result.findings);
  out.push(verdict(style, columns, `${result.command} ${result.target}`, worst));
  // --proxy: every SMTP connection went through it, so those results are as seen from there; DNS
  // lookups (and check's MTA-STS policy fetch) are made from this machine, and the line says so.
  const proxy = (result.data as { proxy?: unknown } | undefined)?.proxy;
  if (typeof proxy === 'string')
    out.push(
      wrapText(
        oneLine(
          style,
          `SMTP as seen from the SOCKS proxy ${proxy} (DNS and HTTPS lookups from this machine)`,
        ),
        columns,
      ).join('\n'),
    );
  for (const t of result.tables ?? []) {
    if (t.title) out.push(title(style, columns, t.title));
    out.push(
      renderTable(style, columns, {
        ...t,
        head: t.columns.map((c) => c.header),
        foldable: t.columns.map((c) => c.foldable === true),
      }),
    );
  }
  for (const [group, findings] of groupFindings(result.findings)) {
    if (group) out.push(verdict(style, columns, group, worstSeverity(findings)));
    const rows = sortFindings(findings).map(findingRow);
    out.push(
      renderTable(style, columns, {
        head: ['Severity', 'Finding', 'What was seen', 'Fix'],
        rows,
        foldable: [false, false, false, true],
      }),
    );
  }
  return `${out.join('\n')}\n`;
}
