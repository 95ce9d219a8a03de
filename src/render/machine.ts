// Machine renderers: JSON lines, Nagios plugin output, Prometheus text exposition.
import { type Metric, type Result, type Severity, worstSeverity } from '../findings/model.js';

/** One JSON object per result, one per line, so many inputs stream as JSON Lines. */
export function renderJson(result: Result): string {
  return `${JSON.stringify(result)}\n`;
}

const NAGIOS_STATE: Record<Severity, string> = {
  ok: 'OK',
  info: 'OK',
  warn: 'WARNING',
  fail: 'CRITICAL',
  unknown: 'UNKNOWN',
};

function perfLabel(m: Metric): string {
  const parts = [m.name, ...Object.values(m.labels ?? {})].join('_').replace(/[^A-Za-z0-9_.-]/g, '_');
  return `'${parts}'`;
}

function perfValue(m: Metric): string {
  const unit = m.unit === 'ms' ? 'ms' : m.unit === 's' ? 's' : m.unit === 'bytes' ? 'B' : '';
  // Nagios ranges: a bare number alerts above it; "N:" alerts below N.
  const bound = (t: number | undefined) => (t === undefined ? '' : m.below ? `${t}:` : `${t}`);
  const thresholds = [bound(m.warn), bound(m.crit)];
  const tail = thresholds.some((t) => t !== '') ? `;${thresholds.join(';')}` : '';
  return `${perfLabel(m)}=${m.value}${unit}${tail}`;
}

/** Nagios plugin guidelines: first line `SERVICE STATE - summary | perfdata`, details after. */
export function renderNagios(results: Result[]): string {
  const all = results.flatMap((r) => r.findings);
  const worst = worstSeverity(all);
  const bad = all.filter((f) => f.severity === worst && worst !== 'ok' && worst !== 'info');
  const targets = results.map((r) => r.target).join(', ');
  const summary =
    bad.length > 0
      ? `${targets}: ${bad.map((f) => f.title).join('; ')}`
      : `${targets}: ${all.length} checks passed`;
  const perf = results.flatMap((r) => r.metrics ?? []).map(perfValue);
  const details = all
    .filter((f) => f.severity !== 'ok')
    .map((f) => `[${f.severity === 'info' ? 'INFO' : NAGIOS_STATE[f.severity]}] ${f.id}: ${f.title}`);
  const first = `MAILFLOW ${NAGIOS_STATE[worst]} - ${summary.replace(/\|/g, '/')}`;
  const lines = [
    perf.length > 0 ? `${first} | ${perf.join(' ')}` : first,
    ...details.map((d) => d.replace(/\|/g, '/')),
  ];
  return `${lines.join('\n')}\n`;
}

// Milliseconds are exported in seconds (promValue), Prometheus' base unit.
const PROM_SUFFIX: Record<NonNullable<Metric['unit']>, string> = {
  s: '_seconds',
  ms: '_seconds',
  days: '_days',
  bytes: '_bytes',
  '': '',
};

function promName(m: Metric): string {
  const unit = PROM_SUFFIX[m.unit ?? ''];
  const base = `mailflow_${m.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  return base.endsWith(unit) ? base : base + unit;
}

function promValue(m: Metric): number {
  return m.unit === 'ms' ? m.value / 1000 : m.value;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelSet(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
}

const STATUS_VALUE: Record<Severity, number> = { ok: 0, info: 0, warn: 1, fail: 2, unknown: 3 };

/** Prometheus text exposition format, e.g. for node_exporter's textfile collector. */
export function renderPrometheus(results: Result[]): string {
  const samples = new Map<string, { help: string; lines: string[] }>();
  const add = (name: string, help: string, line: string) => {
    const entry = samples.get(name) ?? { help, lines: [] };
    entry.lines.push(line);
    samples.set(name, entry);
  };
  for (const r of results) {
    const base = { command: r.command, target: r.target };
    add(
      'mailflow_status',
      'Worst finding severity: 0 ok, 1 warning, 2 critical, 3 unknown.',
      `mailflow_status${labelSet(base)} ${STATUS_VALUE[worstSeverity(r.findings)]}`,
    );
    for (const f of r.findings) {
      add(
        'mailflow_finding',
        'Each finding by id, valued by severity (0 ok, 1 warning, 2 critical, 3 unknown).',
        `mailflow_finding${labelSet({ ...base, id: f.id, severity: f.severity })} ${STATUS_VALUE[f.severity]}`,
      );
    }
    for (const m of r.metrics ?? []) {
      const name = promName(m);
      add(name, m.help ?? m.name, `${name}${labelSet({ ...base, ...m.labels })} ${promValue(m)}`);
    }
  }
  const out: string[] = [];
  for (const [name, { help, lines }] of samples) {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...lines);
  }
  return `${out.join('\n')}\n`;
}
