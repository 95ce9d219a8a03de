// Human renderer: a verdict line, the command's own tables, then one table of findings.
import Table from 'cli-table3';
import {
  type DataTable,
  type Finding,
  type Result,
  type Severity,
  sortFindings,
  worstSeverity,
} from '../findings/model.js';
import { type Colour, paint, type Style } from './style.js';

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

function tableStyle(style: Style) {
  return style.color ? { head: ['bold'], border: ['gray'] } : { head: [], border: [] };
}

/** Terminal width: the terminal's, else $COLUMNS, else 120 (piped output still wraps sensibly). */
function terminalColumns(): number {
  const env = Number(process.env.COLUMNS);
  return process.stdout.columns || (Number.isInteger(env) && env >= 40 ? env : 120);
}

/** Severity and id columns fit their longest value; what was seen and the fix share the rest. */
function findingWidths(total: number, findings: readonly Finding[]): number[] {
  const sev = 'Severity'.length + 2;
  const id = Math.min(32, Math.max(9, ...findings.map((f) => f.id.length + 2)));
  const rest = Math.max(40, Math.max(80, total) - sev - id - 5);
  const seen = Math.floor(rest * 0.55);
  return [sev, id, seen, rest - seen];
}

function findingRow(style: Style, f: Finding): string[] {
  const seen = f.detail ? `${f.title}\n${f.detail}` : f.title;
  const fix = [f.fix, f.ref ? paint(style, 'gray', `(${f.ref})`) : ''].filter(Boolean).join('\n');
  return [severityLabel(style, f.severity), f.id, seen, fix];
}

/** Findings by group, in order of first appearance; ungrouped findings form one table. */
function groupFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.group ?? '';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return groups;
}

const visibleLength = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '').length;

/**
 * Column widths for a data table: each column's natural width, and when the row would be wider
 * than the terminal, the widest columns give way first (cells then wrap).
 */
export function fitWidths(table: DataTable, total: number): number[] {
  const natural = table.head.map(
    (h, i) =>
      Math.max(
        visibleLength(h),
        ...table.rows.map((r) => Math.max(0, ...(r[i] ?? '').split('\n').map(visibleLength))),
      ) + 2,
  );
  const budget = Math.max(natural.length * 6, total - natural.length - 1);
  const widths = [...natural];
  // Shave the widest column one character at a time: bounded by the total excess.
  for (let excess = widths.reduce((a, b) => a + b, 0) - budget; excess > 0; excess--) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 6) break;
    widths[widest]!--;
  }
  return widths;
}

/**
 * cli-table3 wraps at spaces but cuts a word longer than its column with "…"; a cipher suite,
 * URL or path must stay whole, so such words are broken into column-wide pieces first.
 */
export function breakLongWords(text: string, width: number): string {
  const max = Math.max(1, width - 2);
  return text.replace(/\S+/g, (word) => {
    if (visibleLength(word) <= max || word.includes('\x1b')) return word;
    const pieces: string[] = [];
    for (let i = 0; i < word.length; i += max) pieces.push(word.slice(i, i + max));
    return pieces.join('\n');
  });
}

function pushRows(table: InstanceType<typeof Table>, rows: string[][], widths: number[]): void {
  for (const r of rows) table.push(r.map((cell, i) => breakLongWords(cell, widths[i] ?? 10)));
}

export function renderHuman(result: Result, style: Style, columns = terminalColumns()): string {
  const out: string[] = [];
  const worst = worstSeverity(result.findings);
  out.push(`${paint(style, 'bold', `${result.command} ${result.target}`)}: ${severityLabel(style, worst)}`);
  for (const t of result.tables ?? []) {
    if (t.title) out.push(paint(style, 'bold', t.title));
    const widths = fitWidths(t, columns);
    const table = new Table({
      head: t.head,
      colWidths: widths,
      style: tableStyle(style),
      wordWrap: true,
      wrapOnWordBoundary: true,
    });
    pushRows(table, t.rows, widths);
    out.push(table.toString());
  }
  for (const [group, findings] of groupFindings(result.findings)) {
    const widths = findingWidths(columns, result.findings);
    const table = new Table({
      head: ['Severity', 'Finding', 'What was seen', 'Fix'],
      colWidths: widths,
      wordWrap: true,
      wrapOnWordBoundary: true,
      style: tableStyle(style),
    });
    pushRows(
      table,
      sortFindings(findings).map((f) => findingRow(style, f)),
      widths,
    );
    if (group) out.push(`${paint(style, 'bold', group)}: ${severityLabel(style, worstSeverity(findings))}`);
    out.push(table.toString());
  }
  return `${out.join('\n')}\n`;
}
