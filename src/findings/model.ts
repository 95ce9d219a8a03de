// The one findings model every command produces and every renderer consumes.
import type { FindingId } from '../catalogue.js';

export const SEVERITIES = ['ok', 'info', 'warn', 'fail', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One diagnosis: what was seen, why it matters, how to fix it, and where that advice comes from. */
export interface Finding {
  /** Stable identifier, e.g. `mx.cname`. Monitoring keys on this; never rename one. */
  id: string;
  severity: Severity;
  /** One line a person reads first. */
  title: string;
  /** What was seen, and why it matters. */
  detail: string;
  /** What to do about it ('' only for ok findings that need nothing). */
  fix: string;
  /** The book chapter or RFC the advice comes from. */
  ref: string;
  /** The check group it belongs to (`mx`, `smtp`, `tls`…) when a command runs several; human output draws a table per group. */
  group?: string;
  /** Structured extras for JSON consumers (e.g. `missing` verbs). */
  data?: Record<string, unknown>;
}

/** A measured number, rendered as Nagios perfdata and Prometheus samples. */
export interface Metric {
  name: string;
  value: number;
  unit?: 's' | 'ms' | 'days' | 'bytes' | '';
  labels?: Record<string, string>;
  warn?: number;
  crit?: number;
  /** Thresholds are lower bounds: alert when the value falls below them (e.g. certificate days left). */
  below?: boolean;
  help?: string;
}

/** One column of a DataTable: a stable key (code names a column by it) and the header shown. */
export interface Column {
  key: string;
  header: string;
  /**
   * At a width too narrow for every column side by side, this column's cells may go under the
   * previous column's, indented (a PTR under its address), before the table is stacked.
   */
  foldable?: boolean;
}

/** A table's columns from `{ key: 'Header', … }`, in that order (keys are names, never numbers). */
export function columns(spec: Record<string, string>): Column[] {
  return Object.entries(spec).map(([key, header]) => ({ key, header }));
}

/** A human-only tabular view of a command's data (the renderer draws it with cli-table3). */
export interface DataTable {
  /** Stable name (`mx.exchangers`, `ehlo.extensions`…): code picks tables by id, never by title. */
  id: string;
  title?: string;
  columns: readonly Column[];
  /** One cell per column, in column order. */
  rows: string[][];
  /** Rows drawn without a separator line between them (a transcript, one row per line). */
  compact?: boolean;
}

/** What a command computes for one target (a domain, a host, a bounce file). */
export interface Result<D = unknown> {
  command: string;
  target: string;
  findings: Finding[];
  data: D;
  metrics?: Metric[];
  tables?: DataTable[];
  /** Ctrl-C cut this result short: it covers only what was read until then (JSON: "partial": true). */
  partial?: true;
}

// A proven failure outranks "could not tell": a server shown down must page as CRITICAL even when
// another group (say, blocklists through a public resolver) could not be tested. Unknown still
// outranks a warning, so a run that could prove little is never read as a mere warning.
const RANK: Record<Severity, number> = { ok: 0, info: 1, warn: 2, unknown: 3, fail: 4 };

export function severityRank(s: Severity): number {
  return RANK[s];
}

/** Worst severity: ok < info < warn < unknown < fail. */
export function worstSeverity(findings: readonly Finding[]): Severity {
  let worst: Severity = 'ok';
  for (const f of findings) if (RANK[f.severity] > RANK[worst]) worst = f.severity;
  return worst;
}

/** Nagios plugin convention: 0 ok/info, 1 warn, 2 fail, 3 unknown. */
export function exitCodeFor(severity: Severity): 0 | 1 | 2 | 3 {
  switch (severity) {
    case 'ok':
    case 'info':
      return 0;
    case 'warn':
      return 1;
    case 'fail':
      return 2;
    default:
      return 3;
  }
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
}

/**
 * Terse constructor so checks read as data: finding('mx.ok', 'ok', {...}). The id must be declared
 * in the catalogue (src/catalogue.ts): an unknown id does not compile.
 */
export function finding(id: FindingId, severity: Severity, body: Omit<Finding, 'id' | 'severity'>): Finding {
  return { id, severity, ...body };
}
