// Prometheus text exposition (format 0.0.4), e.g. for node_exporter's textfile collector, which
// rejects a whole file for one repeated series: every series here is unique, each family has one
// HELP and TYPE and its samples together, names carry base units (seconds, bytes).
import { type Metric, type Result, type Severity, worstSeverity } from '../findings/model.js';
import { visible } from './sanitize.js';

const STATUS_VALUE: Record<Severity, number> = { ok: 0, info: 0, warn: 1, fail: 2, unknown: 3 };

/** Exported in base units: milliseconds and days become seconds. */
const UNIT: Record<NonNullable<Metric['unit']>, { suffix: string; convert: (v: number) => number }> = {
  s: { suffix: '_seconds', convert: (v) => v },
  ms: { suffix: '_seconds', convert: (v) => v / 1000 },
  days: { suffix: '_seconds', convert: (v) => v * 86400 },
  bytes: { suffix: '_bytes', convert: (v) => v },
  '': { suffix: '', convert: (v) => v },
};

function promName(m: Metric): string {
  const unit = m.unit ?? '';
  const { suffix } = UNIT[unit];
  const words = m.name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  // The unit is said once, in the base unit: `tls_cert_days_left` in days is `tls_cert_seconds_left`.
  const at = unit ? words.findIndex((w) => w.toLowerCase() === unit) : -1;
  if (at >= 0) words[at] = suffix.slice(1);
  const base = `mailflow_${words.join('_')}`;
  return at >= 0 || base.endsWith(suffix) ? base : base + suffix;
}

function sampleValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return String(v);
}

/** Label values: control characters shown escaped, then `\`, `"` and line feed escaped as the format asks. */
function labelValue(v: string): string {
  return visible(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labelName(k: string): string {
  const name = k.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])|^__/, '_');
  return name || '_';
}

function labelSet(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${labelName(k)}="${labelValue(v)}"`).join(',')}}` : '';
}

/** Samples by family, in order of first appearance; a series seen again keeps its first value. */
class Families {
  private readonly families = new Map<string, { help: string; samples: Map<string, number> }>();

  add(name: string, help: string, labels: Record<string, string>, value: number): void {
    let family = this.families.get(name);
    if (!family) {
      family = { help, samples: new Map() };
      this.families.set(name, family);
    }
    const series = `${name}${labelSet(labels)}`;
    if (!family.samples.has(series)) family.samples.set(series, value);
  }

  toString(): string {
    const out: string[] = [];
    for (const [name, { help, samples }] of this.families) {
      out.push(`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} gauge`);
      for (const [series, value] of samples) out.push(`${series} ${sampleValue(value)}`);
    }
    return out.length ? `${out.join('\n')}\n` : '';
  }
}

export function renderPrometheus(results: Result[]): string {
  const f = new Families();
  for (const r of results) {
    const base = { command: r.command, target: r.target };
    const status = STATUS_VALUE[worstSeverity(r.findings)];
    f.add('mailflow_status', 'Worst finding severity: 0 ok, 1 warning, 2 critical, 3 unknown.', base, status);
    const counts = new Map<string, { labels: Record<string, string>; severity: Severity; n: number }>();
    for (const { id, severity } of r.findings) {
      const key = `${id}\n${severity}`;
      const seen = counts.get(key);
      if (seen) seen.n++;
      else counts.set(key, { labels: { ...base, id, severity }, severity, n: 1 });
    }
    for (const { labels, severity } of counts.values()) {
      f.add(
        'mailflow_finding',
        'Each finding by id, valued by severity (0 ok, 1 warning, 2 critical, 3 unknown).',
        labels,
        STATUS_VALUE[severity],
      );
    }
    for (const { labels, n } of counts.values()) {
      f.add(
        'mailflow_findings',
        'How many findings of this id and severity were reported (e.g. one per exchanger).',
        labels,
        n,
      );
    }
    for (const m of r.metrics ?? []) {
      const unit = UNIT[m.unit ?? ''];
      f.add(promName(m), visible(m.help ?? m.name), { ...base, ...m.labels }, unit.convert(m.value));
    }
  }
  return f.toString();
}
